"""Helpers for the social tests (no tests here): call actions as a user, set up groups."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conftest import ScopedDb
from tools.run import call_action
from tools.social import ACTIONS

BY_NAME = {action.name: action for action in ACTIONS}


async def call(scoped: ScopedDb, uid: uuid.UUID, action: str, /, **raw: Any) -> dict[str, Any]:
    """One action in its own committed transaction, as the tools and REST call it."""
    async with scoped(uid) as db:
        return await call_action(BY_NAME[action], db, raw)


async def ok(scoped: ScopedDb, uid: uuid.UUID, action: str, /, **raw: Any) -> dict[str, Any]:
    result = await call(scoped, uid, action, **raw)
    assert result["ok"] is True, result
    return result


async def fetch(scoped: ScopedDb, uid: uuid.UUID, query: str, *params: Any) -> list[Any]:
    """Rows as user `uid` sees them (RLS applies)."""
    async with scoped(uid) as db:
        return await (await db.conn.execute(query, params)).fetchall()


async def set_display_name(scoped: ScopedDb, uid: uuid.UUID, display_name: str) -> None:
    async with scoped(uid) as db:
        await db.conn.execute(
            "INSERT INTO profiles (user_id, display_name) VALUES (%s, %s)",
            (uid, display_name),
        )


def unique_name(stem: str) -> str:
    """Group names are unique across the whole (shared) test database."""
    return f"{stem} {uuid.uuid4().hex[:8]}"


async def make_group(
    scoped: ScopedDb, owner: uuid.UUID, *members: uuid.UUID, stem: str = "Grey Nomads"
) -> dict[str, Any]:
    """A group created by `owner` and joined by `members`; returns the group row."""
    created = await ok(scoped, owner, "create_group", name=unique_name(stem))
    for member in members:
        await ok(scoped, member, "join_group", group=created["group"]["name"])
    group: dict[str, Any] = created["group"]
    return group


async def post_ids_in_feed(scoped: ScopedDb, uid: uuid.UUID, **raw: Any) -> list[str]:
    feed = await ok(scoped, uid, "get_feed", limit=100, **raw)
    return [post["id"] for post in feed["posts"]]
