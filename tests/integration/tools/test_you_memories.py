"""remember and list_memories: storing notes and reading them back newest first."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.run import call_action
from tools.you import ACTIONS, list_memories
from tools.you.memories import read_memories

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 9, 23, 0, tzinfo=UTC)


async def call(db: UserDb, action: str, /, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[action], db, raw)


async def test_remember_stores_the_note(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "remember", note="Allergic to peanuts")
        rows = await read_memories(db)
    assert out["summary"] == "I'll remember that: Allergic to peanuts"
    assert out["ids"] == [out["memory"]["id"]]
    assert datetime.fromisoformat(out["memory"]["created_at"]) == NOW
    assert out["ui_actions"][0]["entity_type"] == "memory"
    assert rows == [{"id": out["memory"]["id"], "note": "Allergic to peanuts"}]


async def test_the_same_note_is_not_stored_twice(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        first = await call(db, "remember", note="Prefers free camps")
        again = await call(db, "remember", note="  prefers FREE camps ")
        rows = await read_memories(db)
    assert again["ok"] is True
    assert again["summary"] == "I already remember that: Prefers free camps"
    assert again["memory"]["id"] == first["memory"]["id"]
    assert again["ids"] == []
    assert len(rows) == 1


async def test_a_long_note_is_kept_whole_but_shortened_in_the_summary(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    note = "路" * 2000
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "remember", note=note)
        rows = await read_memories(db)
    assert rows[0]["note"] == note
    assert out["summary"] == "I'll remember that: " + "路" * 199 + "…"


@pytest.mark.parametrize(
    "raw", [{}, {"note": ""}, {"note": "   "}, {"note": "x" * 2001}, {"note": ["a"]}, {"text": "x"}]
)
async def test_bad_notes_write_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any]
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "remember", **raw)
        rows = await read_memories(db)
    assert out["ok"] is False
    assert out["summary"].startswith("Invalid arguments")
    assert rows == []


async def test_list_memories_is_newest_first_even_with_a_fixed_clock(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    nasty = "'); DROP TABLE memories; --"
    async with scoped(user_id, now=NOW) as db:
        for note in ("first", "second 🚐", nasty):
            await call(db, "remember", note=note)
    async with scoped(user_id, now=NOW) as db:
        await call(db, "remember", note="fourth, next turn")
        newest = await list_memories(db)
        two = await list_memories(db, limit=2)
        none = await list_memories(db, limit=0)
    assert [m.note for m in newest] == ["fourth, next turn", nasty, "second 🚐", "first"]
    assert [m.note for m in two] == ["fourth, next turn", nasty]
    assert none == []
    assert all(m.created_at >= NOW for m in newest)


async def test_memories_are_private(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    other = uuid.uuid4()
    async with scoped(other, now=NOW) as db:
        await call(db, "remember", note="Their secret")
    async with scoped(user_id, now=NOW) as db:
        mine = await list_memories(db)
        out = await call(db, "remember", note="Their secret")
    assert mine == []
    assert out["summary"] == "I'll remember that: Their secret"
