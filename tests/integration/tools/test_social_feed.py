"""get_feed: order, limit, counts, recent comments, group filter."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tests.integration.tools.social_support import (
    BY_NAME,
    call,
    make_group,
    ok,
    set_display_name,
)
from tools.run import run_action


async def test_newest_first_and_limited(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    ids = [
        (await ok(scoped, user_id, "create_post", content=f"day {n}"))["post"]["id"]
        for n in range(1, 4)
    ]
    feed = await ok(scoped, user_id, "get_feed", limit=2)
    assert [p["id"] for p in feed["posts"]] == [ids[2], ids[1]]
    assert feed["summary"].startswith("2 posts in your feed, newest first")
    assert 'you: "day 3"' in feed["summary"]


async def test_posts_in_one_transaction_keep_their_order(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    group = await make_group(scoped, user_id)
    async with scoped(user_id) as db:
        for n in range(3):
            await run_action(
                BY_NAME["create_post"], db, {"content": f"n{n}", "group": group["name"]}
            )
    feed = await ok(scoped, user_id, "get_feed", group=group["name"])
    assert [p["content"] for p in feed["posts"]] == ["n2", "n1", "n0"]


async def test_counts_likes_and_three_most_recent_comments(scoped: ScopedDb) -> None:
    author, fan = uuid.uuid4(), uuid.uuid4()
    await set_display_name(scoped, author, "Kev")
    group = await make_group(scoped, author, fan)
    post_id = (await ok(scoped, author, "create_post", content="Pics", group=group["name"]))[
        "post"
    ]["id"]
    for n in range(5):
        who = author if n % 2 else fan
        await ok(scoped, who, "comment_on_post", post_id=post_id, content=f"c{n}")
    await ok(scoped, fan, "like_post", post_id=post_id)
    await ok(scoped, author, "like_post", post_id=post_id)

    fan_view = (await ok(scoped, fan, "get_feed", group=group["name"]))["posts"][0]
    assert fan_view["author_name"] == "Kev"
    assert fan_view["group"] == group["name"]
    assert fan_view["visibility"] == "group"
    assert (fan_view["like_count"], fan_view["comment_count"], fan_view["liked_by_me"]) == (
        2,
        5,
        True,
    )
    assert [c["content"] for c in fan_view["comments"]] == ["c2", "c3", "c4"]
    assert [c["author_name"] for c in fan_view["comments"]] == ["you", None, "you"]
    author_view = (await ok(scoped, author, "get_feed", group=group["id"]))["posts"][0]
    assert author_view["author_name"] == "you"
    assert [c["author_name"] for c in author_view["comments"]] == [None, "you", None]


async def test_group_feed_shows_only_that_groups_posts(scoped: ScopedDb) -> None:
    author = uuid.uuid4()
    mine, other = await make_group(scoped, author), await make_group(scoped, author)
    await ok(scoped, author, "create_post", content="elsewhere", group=other["name"])
    await ok(scoped, author, "create_post", content="not in a group")
    here = await ok(scoped, author, "create_post", content="here", group=mine["name"].upper())
    feed = await ok(scoped, author, "get_feed", group=mine["name"])
    assert [p["id"] for p in feed["posts"]] == [here["post"]["id"]]
    assert feed["group"]["name"] == mine["name"]
    assert f"in {mine['name']}" in feed["summary"]


async def test_empty_group_feed(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    group = await make_group(scoped, user_id)
    feed = await ok(scoped, user_id, "get_feed", group=group["name"])
    assert feed["posts"] == []
    assert feed["summary"] == f"There are no posts in {group['name']} yet."
    assert feed["ids"] == []
    assert feed["ui_actions"] == []


async def test_feed_of_an_unknown_group_is_not_found(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await call(scoped, user_id, "get_feed", group="'; DELETE FROM posts; --")
    assert result["ok"] is False
    assert result["error"] == "not_found"
    assert result["subject"] == "group"  # the model is told list_groups (agent/tools.py)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": -5}, "limit"),
        ({"limit": "lots"}, "limit"),
        ({"group": ""}, "group"),
        ({"since": "2026-01-01"}, "since"),
    ],
)
async def test_get_feed_rejects_bad_input(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str
) -> None:
    result = await call(scoped, user_id, "get_feed", **raw)
    assert result["ok"] is False
    assert result["error"] == "invalid"
    assert result["field"] == field


async def test_limit_100_is_allowed(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await ok(scoped, user_id, "create_post", content="one")
    feed = await ok(scoped, user_id, "get_feed", limit=100)
    assert 1 <= len(feed["posts"]) <= 100
    assert feed["posts"][0]["content"] == "one"
