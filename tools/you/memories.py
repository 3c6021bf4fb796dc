"""remember, and the memories the agent shows the model in later conversations."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import Field

from tools.db.scope import Query, UserDb
from tools.types import Action, Args, Table, UiAction
from tools.values import LongText
from tools.you.models import MemoryOut, MemoryResult

QUOTED_IN_SUMMARY = 200


class RememberArgs(Args):
    note: LongText = Field(
        description="A lasting fact about the user, in the third person.",
        examples=["Prefers free camps with a dump point nearby"],
    )


def _quote(note: str) -> str:
    return note if len(note) <= QUOTED_IN_SUMMARY else note[: QUOTED_IN_SUMMARY - 1] + "…"


async def remember(db: UserDb, args: RememberArgs) -> MemoryResult:
    """A note already remembered (ignoring case) is not stored twice."""
    cur = await db.conn.execute(
        "SELECT id, note, created_at FROM memories WHERE user_id = %s AND lower(note) = lower(%s)"
        " ORDER BY created_at DESC, id LIMIT 1",
        (db.user_id, args.note),
    )
    known = await cur.fetchone()
    if known is not None:
        memory = MemoryOut(**known)
        return MemoryResult(
            summary=f"I already remember that: {_quote(memory.note)}",
            memory=memory,
            changed=False,
        )
    # The run's clock, nudged past the newest memory, so "newest first" holds even when
    # the clock is fixed (evals) or several notes arrive in one turn.
    cur = await db.conn.execute(
        "INSERT INTO memories (user_id, note, created_at) VALUES (%s, %s, GREATEST(%s,"
        " (SELECT max(created_at) + interval '1 microsecond' FROM memories WHERE user_id = %s)))"
        " RETURNING id, note, created_at",
        (db.user_id, args.note, db.now, db.user_id),
    )
    row = await cur.fetchone()
    assert row is not None  # INSERT ... RETURNING always yields the row
    memory = MemoryOut(**row)
    return MemoryResult(
        summary=f"I'll remember that: {_quote(memory.note)}",
        ids=[memory.id],
        ui_actions=[
            UiAction(
                type="reload_profile",
                entity_type="memory",
                entity_id=str(memory.id),
                entity_title=_quote(memory.note),
            )
        ],
        memory=memory,
    )


def memories_query(user_id: UUID, limit: int = 20) -> Query:
    """The user's newest memories first, for the agent's context."""
    return (
        "SELECT id, note, created_at FROM memories WHERE user_id = %s"
        " ORDER BY created_at DESC, id LIMIT %s",
        (user_id, max(limit, 0)),
    )


async def list_memories(db: UserDb, limit: int = 20) -> list[MemoryOut]:
    """The user's newest memories first, for the agent's context."""
    cur = await db.conn.execute(*memories_query(db.user_id, limit))
    return [MemoryOut(**row) for row in await cur.fetchall()]


async def read_memories(db: UserDb) -> list[dict[str, Any]]:
    """Every memory keyed like remember's arguments: `{"id", "note"}`."""
    cur = await db.conn.execute(
        "SELECT id, note FROM memories WHERE user_id = %s ORDER BY created_at, id",
        (db.user_id,),
    )
    return [{"id": str(row["id"]), "note": row["note"]} for row in await cur.fetchall()]


ACTIONS = [
    Action(
        name="remember",
        domain="you",
        args=RememberArgs,
        fn=remember,
        description="Remember a fact or preference about the user for later conversations.",
    ),
]
TABLES = [Table(name="memories", create="remember", read=read_memories)]
