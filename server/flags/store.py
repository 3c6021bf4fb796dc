"""The `feature_flags` table and its append-only audit (migration 0015).

Flags are the service's settings, not a user's rows: they are read and written on the
service's own connection, never under a user's role. Every change writes its audit row
in the same transaction, so there is no change without its record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
import structlog
from psycopg.types.json import Jsonb
from pydantic import ValidationError

from server.flags.rules import FlagRule
from tools.db.pool import Pool

log = structlog.get_logger("pam.flags")


@dataclass(frozen=True)
class AuditEntry:
    name: str
    actor: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    changed_at: datetime


async def load_rules(pool: Pool) -> dict[str, FlagRule]:
    """Every stored rule; a row that no longer validates (edited by hand) is skipped
    with a warning, so one bad row does not take the other flags down."""
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT name, rule FROM feature_flags")
        rows = await cur.fetchall()
    rules: dict[str, FlagRule] = {}
    for row in rows:
        try:
            rules[row["name"]] = FlagRule.model_validate(row["rule"])
        except ValidationError as exc:
            log.warning(
                "stored flag rule is invalid; its default applies", flag=row["name"], error=str(exc)
            )
    return rules


def _dump(rule: FlagRule | None) -> Jsonb | None:
    return None if rule is None else Jsonb(orjson.loads(rule.model_dump_json()))


async def save_rule(pool: Pool, name: str, rule: FlagRule | None, actor: str) -> FlagRule | None:
    """Set (or, with None, clear) a flag's rule and audit the change; the old rule."""
    async with pool.connection() as conn, conn.transaction():
        cur = await conn.execute(
            "SELECT rule FROM feature_flags WHERE name = %s FOR UPDATE", (name,)
        )
        row = await cur.fetchone()
        old = FlagRule.model_validate(row["rule"]) if row else None
        if rule is None:
            await conn.execute("DELETE FROM feature_flags WHERE name = %s", (name,))
        else:
            await conn.execute(
                "INSERT INTO feature_flags (name, rule, updated_by) VALUES (%s, %s, %s)"
                " ON CONFLICT (name) DO UPDATE SET rule = EXCLUDED.rule,"
                " updated_by = EXCLUDED.updated_by, updated_at = now()",
                (name, _dump(rule), actor),
            )
        await conn.execute(
            "INSERT INTO feature_flag_audit (name, actor, old_rule, new_rule)"
            " VALUES (%s, %s, %s, %s)",
            (name, actor, _dump(old) if row else None, _dump(rule)),
        )
    return old


async def audit_of(pool: Pool, name: str | None = None, limit: int = 50) -> list[AuditEntry]:
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT name, actor, old_rule, new_rule, changed_at FROM feature_flag_audit"
            " WHERE %(name)s::text IS NULL OR name = %(name)s"
            " ORDER BY id DESC LIMIT %(limit)s",
            {"name": name, "limit": limit},
        )
        rows = await cur.fetchall()
    return [
        AuditEntry(r["name"], r["actor"], r["old_rule"], r["new_rule"], r["changed_at"])
        for r in rows
    ]
