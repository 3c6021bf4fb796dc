"""Cron rows (`crons`), read and written in the owner's RLS scope: another user's cron
is an unknown id (404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
from psycopg import sql

from server.refusals import BadInput, NotFound
from tools.db.pool import Pool
from tools.db.scope import UserDb, one_writer, user_db

COLUMNS = (
    "id AS cron_id, user_id, assistant_id, thread_id, schedule, timezone, end_time, enabled,"
    " on_run_completed, payload, metadata, next_run_date, created_at, updated_at"
)
SORT_COLUMNS = {
    "cron_id": "id",
    "assistant_id": "assistant_id",
    "thread_id": "thread_id",
    "next_run_date": "next_run_date",
    "end_time": "end_time",
    "created_at": "created_at",
    "updated_at": "updated_at",
}


# Crons one user may hold (redteam 9): the jobs worker relays at most BATCH due crons a
# poll for everyone, so one user's thousands kept every other user's waiting.
MAX_CRONS_PER_USER = 100


class TooManyCrons(BadInput):
    def __init__(self) -> None:
        super().__init__(
            f"A user may have at most {MAX_CRONS_PER_USER} crons; delete one to make another."
        )


class CronNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("Cron not found.")


# What a firing's run is started with, of a cron's payload; the rest of it is the
# cron's own (schedule, timezone, enabled, ...), kept as the client sent it.
RUN_FIELDS = frozenset(
    {
        "input",
        "metadata",
        "config",
        "context",
        "stream_mode",
        "stream_subgraphs",
        "multitask_strategy",
        "durability",
        "interrupt_before",
        "interrupt_after",
        "webhook",
    }
)


def cron_payload(sent: dict[str, Any], assistant_id: str, cron_id: UUID) -> dict[str, Any]:
    """A cron's payload as LangGraph's server keeps and shows it: the body as the client
    sent it, with the assistant's id, a context, and the cron's id in the config's
    configurable (where its runs find it)."""
    config = dict(sent.get("config") or {})
    config["configurable"] = {**(config.get("configurable") or {}), "cron_id": str(cron_id)}
    return {
        **sent,
        "assistant_id": assistant_id,
        "context": sent.get("context") or {},
        "config": config,
    }


def run_body(payload: dict[str, Any]) -> dict[str, Any]:
    """The run fields of a cron's payload, as a run body: the cron's id is not a client's
    configurable (a firing's run names its cron in its metadata)."""
    body = {k: v for k, v in payload.items() if k in RUN_FIELDS}
    config = dict(body.get("config") or {})
    configurable = {k: v for k, v in (config.get("configurable") or {}).items() if k != "cron_id"}
    if configurable:
        config["configurable"] = configurable
    else:
        config.pop("configurable", None)
    if "config" in body:
        body["config"] = config
    return body


@dataclass(frozen=True)
class NewCron:
    cron_id: UUID
    assistant_id: str
    thread_id: UUID | None
    schedule: str
    timezone: str
    end_time: datetime | None
    enabled: bool
    on_run_completed: str
    payload: dict[str, Any]
    metadata: dict[str, Any]
    next_run_date: datetime | None


@dataclass(frozen=True)
class CronFilter:
    assistant_id: str | None = None
    thread_id: UUID | None = None
    enabled: bool | None = None
    metadata: dict[str, Any] | None = None


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def cron_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "cron_id": str(row["cron_id"]),
        "user_id": str(row["user_id"]),
        "thread_id": str(row["thread_id"]) if row["thread_id"] else None,
        # What becomes of a firing's fresh thread: a cron on a thread has none (null, as
        # LangGraph's server shows it).
        "on_run_completed": None if row["thread_id"] else row["on_run_completed"],
    }


def parse_cron_id(cron_id: str) -> UUID:
    try:
        return UUID(cron_id)
    except ValueError:
        raise CronNotFound() from None


async def insert_cron(pool: Pool, user: UUID, cron: NewCron) -> dict[str, Any]:
    async with user_db(pool, user) as db:
        # One insert of the user's at a time, so racing creates cannot pass the cap.
        await one_writer(db, "crons")
        held = await (await db.conn.execute("SELECT count(*) AS n FROM crons")).fetchone()
        if held is not None and held["n"] >= MAX_CRONS_PER_USER:
            raise TooManyCrons()
        row = await (
            await db.conn.execute(
                "INSERT INTO crons (id, user_id, assistant_id, thread_id, schedule, timezone,"
                " end_time, enabled, on_run_completed, payload, metadata, next_run_date)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, %s::jsonb, %s)"
                f" RETURNING {COLUMNS}",
                (
                    cron.cron_id,
                    user,
                    cron.assistant_id,
                    cron.thread_id,
                    cron.schedule,
                    cron.timezone,
                    cron.end_time,
                    cron.enabled,
                    cron.on_run_completed,
                    _json(cron.payload),
                    _json(cron.metadata),
                    cron.next_run_date,
                ),
            )
        ).fetchone()
    assert row is not None  # INSERT ... RETURNING
    return cron_json(row)


async def delete_cron(pool: Pool, user: UUID, cron_id: str) -> None:
    async with user_db(pool, user) as db:
        gone = await (
            await db.conn.execute(
                "DELETE FROM crons WHERE id = %s RETURNING id", (parse_cron_id(cron_id),)
            )
        ).fetchone()
    if gone is None:
        raise CronNotFound()


def _where(found: CronFilter) -> tuple[sql.Composable, list[Any]]:
    clauses: list[sql.Composable] = [sql.SQL("metadata @> %s::jsonb")]
    params: list[Any] = [_json(found.metadata or {})]
    if found.assistant_id is not None:
        clauses.append(sql.SQL("assistant_id = %s"))
        params.append(found.assistant_id)
    if found.thread_id is not None:
        clauses.append(sql.SQL("thread_id = %s"))
        params.append(found.thread_id)
    if found.enabled is not None:
        clauses.append(sql.SQL("enabled = %s"))
        params.append(found.enabled)
    return sql.SQL(" AND ").join(clauses), params


async def search_crons(
    pool: Pool,
    user: UUID,
    found: CronFilter,
    *,
    sort_by: str | None,
    sort_order: str | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    where, params = _where(found)
    statement = sql.SQL(
        "SELECT {cols} FROM crons WHERE {where} ORDER BY {sort} {dir}, id LIMIT %s OFFSET %s"
    ).format(
        cols=sql.SQL(COLUMNS),
        where=where,
        sort=sql.Identifier(SORT_COLUMNS.get(sort_by or "created_at", "created_at")),
        dir=sql.SQL("ASC" if sort_order == "asc" else "DESC"),
    )
    async with user_db(pool, user) as db:
        rows = await (await db.conn.execute(statement, [*params, limit, offset])).fetchall()
    return [cron_json(r) for r in rows]


async def count_crons(pool: Pool, user: UUID, found: CronFilter) -> int:
    where, params = _where(found)
    async with user_db(pool, user) as db:
        row = await (
            await db.conn.execute(
                sql.SQL("SELECT count(*) AS n FROM crons WHERE {}").format(where), params
            )
        ).fetchone()
    return int((row or {}).get("n") or 0)


async def locked_cron(db: UserDb, cron_id: str) -> dict[str, Any]:
    """The caller's cron, locked for an update in the same transaction; 404 otherwise."""
    row = await (
        await db.conn.execute(
            f"SELECT {COLUMNS} FROM crons WHERE id = %s FOR UPDATE", (parse_cron_id(cron_id),)
        )
    ).fetchone()
    if row is None:
        raise CronNotFound()
    return row


async def save_cron(db: UserDb, cron_id: UUID, changed: dict[str, Any]) -> dict[str, Any]:
    """Write the changed columns (names from this module's callers, never a client's)."""
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = %s").format(sql.Identifier(name)) for name in changed
    )
    values = [_json(v) if name in ("payload", "metadata") else v for name, v in changed.items()]
    row = await (
        await db.conn.execute(
            sql.SQL("UPDATE crons SET {}, updated_at = now() WHERE id = %s RETURNING {}").format(
                assignments, sql.SQL(COLUMNS)
            ),
            [*values, cron_id],
        )
    ).fetchone()
    assert row is not None  # locked by locked_cron
    return cron_json(row)
