"""A flag's rule and how it is evaluated for one user.

A rule serves `default` to everyone, except the users listed in `users`, the users
whose profile facts match `where` (server/flags/facts.py), and the `percentage` of
users whose stable bucket falls below it: they get `value`. The bucket
is a hash of the flag's name and the user id, so a user keeps their bucket as the
percentage grows (10% -> 50% only adds users), and two flags split users independently.

    {"default": false}                                  kill switch: off for everyone
    {"default": false, "value": true, "percentage": 10} a new feature for 10% of users
    {"default": "offline", "value": "openai:gpt-4o-mini", "percentage": 50}   an A/B test
    {"default": false, "value": true, "where": {"units": "imperial"}}   imperial users
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from agent.flags import CATALOGUE, MODEL_FLAG, PROMPT_FLAG, PROMPT_VARIANTS, FlagSpec
from server.flags.facts import FactName, checked_where, matches

FlagValue = bool | str
Arm = Literal["default", "targeted", "rollout"]
BUCKETS = 10_000  # percentages are honoured to 0.01


class FlagError(ValueError):
    """A flag name or rule that cannot be used; the message says why."""


class FlagRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    default: FlagValue
    value: FlagValue | None = None
    percentage: float = Field(default=0.0, ge=0.0, le=100.0)
    users: tuple[UUID, ...] = ()
    # Profile facts and the values that select a user, e.g. {"units": ["imperial"]}.
    where: dict[FactName, tuple[str, ...]] = Field(default_factory=dict)

    @field_validator("where", mode="before")
    @classmethod
    def _known_facts(cls, v: Any) -> dict[FactName, tuple[str, ...]]:
        return checked_where(v)

    @model_validator(mode="after")
    def _value_when_rolled_out(self) -> FlagRule:
        if (self.percentage > 0 or self.users or self.where) and self.value is None:
            raise ValueError("a percentage, users or where need a value to roll out")
        if self.value is not None and type(self.value) is not type(self.default):
            raise ValueError("value and default must be of the same kind")
        return self


def bucket(name: str, user_id: str) -> int:
    """The user's stable bucket for this flag, 0 <= bucket < BUCKETS."""
    digest = hashlib.sha256(f"{name}\x00{user_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def evaluate(
    name: str, rule: FlagRule, user_id: str | None, facts: Mapping[str, Any] | None = None
) -> tuple[FlagValue, Arm]:
    if rule.value is None or user_id is None:
        return rule.default, "default"
    if rule.users and _is_listed(user_id, rule.users):
        return rule.value, "targeted"
    if rule.where and facts is not None and matches(rule.where, facts):
        return rule.value, "targeted"
    if bucket(name, user_id) < round(rule.percentage * BUCKETS / 100):
        return rule.value, "rollout"
    return rule.default, "default"


def _is_listed(user_id: str, users: tuple[UUID, ...]) -> bool:
    try:
        return UUID(user_id) in users
    except ValueError:
        return False


def spec_of(name: str) -> FlagSpec:
    spec = CATALOGUE.get(name)
    if spec is None:
        raise FlagError(f"unknown flag {name!r}; `pam flags list` shows the known ones")
    return spec


def checked(name: str, rule: FlagRule, *, load_models: bool = True) -> FlagRule:
    """The rule when it fits the flag: the right kind of value, a prompt variant that
    exists, a model that loads. FlagError otherwise."""
    spec = spec_of(name)
    values = [rule.default] if rule.value is None else [rule.default, rule.value]
    wanted = bool if spec.kind == "boolean" else str
    for value in values:
        if type(value) is not wanted:
            raise FlagError(f"{name} is a {spec.kind} flag: {value!r} is not a {spec.kind}")
        if name == PROMPT_FLAG and value not in PROMPT_VARIANTS:
            raise FlagError(
                f"{name}: unknown prompt variant {value!r}; known: {', '.join(PROMPT_VARIANTS)}"
            )
        if name == MODEL_FLAG and value and load_models:
            _check_model(str(value))
    return rule


def _check_model(model: str) -> None:
    from agent.model import load_chat_model

    try:
        load_chat_model(model)
    except Exception as exc:
        raise FlagError(f"{MODEL_FLAG}: model {model!r} cannot load: {exc}") from None
