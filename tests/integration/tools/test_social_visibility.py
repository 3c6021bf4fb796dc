"""The visibility matrix: author A, group member B, outsider C."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest

from tests.conftest import ScopedDb
from tests.integration.tools.social_support import (
    call,
    fetch,
    make_group,
    ok,
    post_ids_in_feed,
)


@dataclass(frozen=True)
class World:
    author: uuid.UUID
    member: uuid.UUID
    outsider: uuid.UUID
    group: dict[str, Any]
    public_id: str
    group_post_id: str


@pytest.fixture
async def world(scoped: ScopedDb) -> World:
    author, member, outsider = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    group = await make_group(scoped, author, member)
    public = await ok(scoped, author, "create_post", content="Road to Birdsville is open")
    private = await ok(
        scoped, author, "create_post", content="Members: meet at 5", group=group["name"]
    )
    await ok(scoped, outsider, "list_groups")  # the outsider has signed in
    return World(author, member, outsider, group, public["post"]["id"], private["post"]["id"])


async def test_public_post_is_visible_to_everyone(world: World, scoped: ScopedDb) -> None:
    for reader in (world.author, world.member, world.outsider):
        assert world.public_id in await post_ids_in_feed(scoped, reader)


async def test_group_post_is_visible_to_author_and_member_only(
    world: World, scoped: ScopedDb
) -> None:
    assert world.group_post_id in await post_ids_in_feed(scoped, world.author)
    assert world.group_post_id in await post_ids_in_feed(scoped, world.member)
    assert world.group_post_id not in await post_ids_in_feed(scoped, world.outsider)
    # Not even a direct query finds it for the outsider: RLS, not just the feed's filter.
    rows = await fetch(
        scoped, world.outsider, "SELECT id FROM posts WHERE id = %s", uuid.UUID(world.group_post_id)
    )
    assert rows == []


async def test_group_feed_for_an_outsider_is_empty_and_says_why(
    world: World, scoped: ScopedDb
) -> None:
    feed = await ok(scoped, world.outsider, "get_feed", group=world.group["name"])
    assert feed["posts"] == []
    assert "not a member" in feed["summary"]
    assert feed["group"]["is_member"] is False
    member_feed = await ok(scoped, world.member, "get_feed", group=world.group["id"])
    assert [p["id"] for p in member_feed["posts"]] == [world.group_post_id]
    assert "not a member" not in member_feed["summary"]


@pytest.mark.parametrize("action", ["comment_on_post", "like_post"])
async def test_outsider_cannot_touch_a_group_post(
    world: World, scoped: ScopedDb, action: str
) -> None:
    extra = {"content": "sneaky"} if action == "comment_on_post" else {}
    hidden = await call(scoped, world.outsider, action, post_id=world.group_post_id, **extra)
    unknown_id = str(uuid.uuid4())
    unknown = await call(scoped, world.outsider, action, post_id=unknown_id, **extra)
    assert hidden["ok"] is False
    assert hidden["error"] == "not_found"
    # Word for word the same answer as for an id that does not exist.
    assert hidden["summary"].replace(world.group_post_id, "ID") == unknown["summary"].replace(
        unknown_id, "ID"
    )
    feed = await ok(scoped, world.author, "get_feed", group=world.group["name"])
    assert feed["posts"][0]["like_count"] == 0
    assert feed["posts"][0]["comment_count"] == 0


async def test_member_can_comment_on_and_like_a_group_post(world: World, scoped: ScopedDb) -> None:
    await ok(scoped, world.member, "comment_on_post", post_id=world.group_post_id, content="Yep")
    await ok(scoped, world.member, "like_post", post_id=world.group_post_id)
    post = (await ok(scoped, world.author, "get_feed", group=world.group["name"]))["posts"][0]
    assert (post["like_count"], post["comment_count"], post["liked_by_me"]) == (1, 1, False)
    assert post["comments"][0]["content"] == "Yep"
    assert post["comments"][0]["author_name"] is None


async def test_outsider_can_comment_on_and_like_a_public_post(
    world: World, scoped: ScopedDb
) -> None:
    await ok(scoped, world.outsider, "comment_on_post", post_id=world.public_id, content="Thanks!")
    await ok(scoped, world.outsider, "like_post", post_id=world.public_id)
    feed = await ok(scoped, world.outsider, "get_feed", limit=100)
    post = next(p for p in feed["posts"] if p["id"] == world.public_id)
    assert post["liked_by_me"] is True
    assert post["comments"][-1]["author_name"] == "you"


async def test_outsider_sees_no_comments_or_likes_of_hidden_posts(
    world: World, scoped: ScopedDb
) -> None:
    await ok(scoped, world.member, "comment_on_post", post_id=world.group_post_id, content="x")
    await ok(scoped, world.member, "like_post", post_id=world.group_post_id)
    post_id = uuid.UUID(world.group_post_id)
    for table in ("comments", "post_likes"):
        rows = await fetch(
            scoped, world.outsider, f"SELECT * FROM {table} WHERE post_id = %s", post_id
        )
        assert rows == []


async def test_outsider_sees_no_memberships_but_the_count(world: World, scoped: ScopedDb) -> None:
    assert await fetch(scoped, world.outsider, "SELECT * FROM group_members") == []
    author_rows = await fetch(scoped, world.author, "SELECT user_id FROM group_members")
    assert {r["user_id"] for r in author_rows} == {world.author}
    listed = await ok(scoped, world.outsider, "list_groups", query=world.group["name"])
    assert listed["groups"][0]["member_count"] == 2


async def test_outsider_cannot_slip_a_post_into_the_group(world: World, scoped: ScopedDb) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        async with scoped(world.outsider) as db:
            await db.conn.execute(
                "INSERT INTO posts (user_id, group_id, content, visibility)"
                " VALUES (%s, %s, 'spam', 'group')",
                (world.outsider, uuid.UUID(world.group["id"])),
            )
    refused = await call(
        scoped, world.outsider, "create_post", content="spam", group=world.group["name"]
    )
    assert refused["ok"] is False
    assert "join" in refused["summary"]


async def test_joining_opens_the_group_posts(world: World, scoped: ScopedDb) -> None:
    await ok(scoped, world.outsider, "join_group", group=world.group["name"])
    assert world.group_post_id in await post_ids_in_feed(scoped, world.outsider)
    done = await ok(scoped, world.outsider, "like_post", post_id=world.group_post_id)
    assert done["like_count"] == 1
