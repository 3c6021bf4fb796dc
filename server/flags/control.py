"""Reading and changing flags: what the admin API and `pam flags` share."""

from __future__ import annotations

from typing import Any, Literal

from agent.flags import CATALOGUE
from server.flags.rules import FlagError, FlagRule, checked, spec_of
from server.flags.store import load_rules, save_rule
from tools.db.pool import Pool

Source = Literal["override", "table", "default"]


def describe(
    name: str, stored: dict[str, FlagRule], overrides: dict[str, FlagRule]
) -> dict[str, Any]:
    spec = spec_of(name)
    rule = overrides.get(name) or stored.get(name)
    source: Source = "override" if name in overrides else "table" if name in stored else "default"
    return {
        "name": name,
        "kind": spec.kind,
        "default": spec.default,
        "description": spec.description,
        "source": source,
        "rule": rule.model_dump(mode="json") if rule else None,
    }


async def list_flags(pool: Pool, overrides: dict[str, FlagRule]) -> list[dict[str, Any]]:
    stored = await load_rules(pool)
    return [describe(name, stored, overrides) for name in CATALOGUE]


async def get_flag(pool: Pool, name: str, overrides: dict[str, FlagRule]) -> dict[str, Any]:
    spec_of(name)
    return describe(name, await load_rules(pool), overrides)


async def set_flag(pool: Pool, name: str, rule: FlagRule, actor: str) -> FlagRule | None:
    """Store a rule that fits its flag (FlagError otherwise); the old rule."""
    return await save_rule(pool, name, checked(name, rule), actor)


async def clear_flag(pool: Pool, name: str, actor: str) -> FlagRule | None:
    spec_of(name)
    return await save_rule(pool, name, None, actor)


async def set_rollout(pool: Pool, name: str, percentage: float, actor: str) -> FlagRule:
    """Move a flag's rollout to `percentage`, keeping its values and users. A flag
    without a rule (or a value to roll out) gets one: for a boolean flag its default
    for everyone else and the opposite for the rolled-out users."""
    if not 0 <= percentage <= 100:
        raise FlagError(f"percentage must be between 0 and 100, not {percentage:g}")
    spec = spec_of(name)
    current = (await load_rules(pool)).get(name)
    if current is not None and current.value is not None:
        rule = current.model_copy(update={"percentage": percentage})
    elif spec.kind == "boolean":
        default = current.default if current else spec.default
        rule = FlagRule(default=default, value=not default, percentage=percentage)
    else:
        raise FlagError(f"{name} has no value to roll out: set one first (`pam flags set`)")
    await set_flag(pool, name, FlagRule.model_validate(rule.model_dump()), actor)
    return rule
