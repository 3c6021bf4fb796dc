"""create_post: visibility, groups, membership, approval, limits, verbatim content."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tests.integration.tools.social_support import (
    BY_NAME,
    call,
    fetch,
    make_group,
    ok,
    post_ids_in_feed,
    set_display_name,
)
from tools.social import TABLES

READ_POSTS = {t.name: t for t in TABLES}["posts"].read
NEEDS_APPROVAL = BY_NAME["create_post"].needs_approval


async def _own_posts(scoped: ScopedDb, uid: uuid.UUID) -> list[dict[str, Any]]:
    async with scoped(uid) as db:
        return await READ_POSTS(db)


async def test_public_post_by_default_signed_with_the_display_name(scoped: ScopedDb) -> None:
    author = uuid.uuid4()
    await set_display_name(scoped, author, "Marge from Mildura")
    result = await ok(scoped, author, "create_post", content="Free camp at Lake Eyre is dry.")
    post = result["post"]
    assert post["visibility"] == "public"
    assert post["group"] is None
    assert post["author_name"] == "you"
    assert result["ids"] == [post["id"]]
    assert result["ui_actions"] == [
        {
            "type": "reload_feed",
            "entity_type": "post",
            "entity_id": post["id"],
            "entity_title": "Free camp at Lake Eyre is dry.",
        }
    ]
    assert "public feed" in result["summary"]
    stored = await fetch(
        scoped, author, "SELECT author_name FROM posts WHERE id = %s", uuid.UUID(post["id"])
    )
    assert stored == [{"author_name": "Marge from Mildura"}]
    # Others see the name the author had when posting.
    reader_feed = await ok(scoped, uuid.uuid4(), "get_feed", limit=5)
    seen = {p["id"]: p for p in reader_feed["posts"]}
    assert seen[post["id"]]["author_name"] == "Marge from Mildura"
    assert await _own_posts(scoped, author) == [
        {
            "id": post["id"],
            "content": "Free camp at Lake Eyre is dry.",
            "group": None,
            "visibility": "public",
        }
    ]


async def test_author_without_a_profile_posts_without_a_name(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    post = (await ok(scoped, user_id, "create_post", content="hello"))["post"]
    stored = await fetch(
        scoped, user_id, "SELECT author_name FROM posts WHERE id = %s", uuid.UUID(post["id"])
    )
    assert stored == [{"author_name": None}]


async def test_a_group_without_visibility_means_a_members_only_post(scoped: ScopedDb) -> None:
    author = uuid.uuid4()
    group = await make_group(scoped, author)
    result = await ok(scoped, author, "create_post", content="Meet at Broome?", group=group["name"])
    assert result["post"]["visibility"] == "group"
    assert result["post"]["group"] == group["name"]
    assert "members only" in result["summary"]
    assert await _own_posts(scoped, author) == [
        {
            "id": result["post"]["id"],
            "content": "Meet at Broome?",
            "group": group["name"],
            "visibility": "group",
        }
    ]


async def test_a_public_post_can_live_in_a_group(scoped: ScopedDb) -> None:
    author, outsider = uuid.uuid4(), uuid.uuid4()
    group = await make_group(scoped, author)
    result = await ok(
        scoped, author, "create_post", content="All welcome", group=group["id"], visibility="public"
    )
    assert result["post"]["visibility"] == "public"
    assert result["post"]["group"] == group["name"]
    assert result["post"]["id"] in await post_ids_in_feed(scoped, outsider, group=group["name"])


@pytest.mark.parametrize(
    ("raw", "asks"),
    [
        ({"content": "x"}, True),
        ({"content": "x", "visibility": "public"}, True),
        ({"content": "x", "visibility": None}, True),
        ({"content": "x", "group": "G", "visibility": "public"}, True),
        ({"content": "x", "group": "G"}, False),
        ({"content": "x", "group": "G", "visibility": "group"}, False),
        ({"content": "x", "visibility": "everyone"}, True),
    ],
)
def test_approval_is_asked_for_everything_but_group_posts(raw: dict[str, Any], asks: bool) -> None:
    assert NEEDS_APPROVAL is not None
    assert NEEDS_APPROVAL(raw) is asks


async def test_posting_to_a_group_you_have_not_joined_says_join_first(scoped: ScopedDb) -> None:
    owner, stranger = uuid.uuid4(), uuid.uuid4()
    group = await make_group(scoped, owner)
    result = await call(scoped, stranger, "create_post", content="hi all", group=group["name"])
    assert result["ok"] is False
    assert result["field"] == "group"
    assert "not a member" in result["summary"]
    assert "Join the group first" in result["summary"] and "join_group" not in result["summary"]
    assert await _own_posts(scoped, stranger) == []


async def test_group_visibility_needs_a_group(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await call(scoped, user_id, "create_post", content="secret", visibility="group")
    assert result["ok"] is False
    assert result["field"] == "group"
    assert await _own_posts(scoped, user_id) == []


async def test_posting_to_an_unknown_group_is_not_found(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    result = await call(scoped, user_id, "create_post", content="hi", group="Nobody's Club 404")
    assert result["ok"] is False
    assert result["error"] == "not_found"
    assert result["subject"] == "group"  # the model is told list_groups (agent/tools.py)
    assert await _own_posts(scoped, user_id) == []


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({}, "content"),
        ({"content": ""}, "content"),
        ({"content": " \n\t "}, "content"),
        ({"content": "\u202e \ufeff"}, "content"),  # nothing shown but direction controls
        ({"content": "x" * 5001}, "content"),
        ({"content": 12345}, "content"),
        ({"content": "ok", "visibility": "friends"}, "visibility"),
        ({"content": "ok", "group": "g" * 101}, "group"),
        ({"content": "ok", "user_id": str(uuid.uuid4())}, "user_id"),
    ],
)
async def test_create_post_rejects_bad_input(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str
) -> None:
    result = await call(scoped, user_id, "create_post", **raw)
    assert result["ok"] is False
    assert result["error"] == "invalid"
    assert result["field"] == field
    assert await _own_posts(scoped, user_id) == []


async def test_longest_post_is_accepted(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    content = "é" * 5000
    result = await ok(scoped, user_id, "create_post", content=content)
    assert result["post"]["content"] == content
    assert len(result["ui_actions"][0]["entity_title"]) <= 60


async def test_sql_metacharacters_and_unicode_are_stored_verbatim(scoped: ScopedDb) -> None:
    author, reader = uuid.uuid4(), uuid.uuid4()
    content = "'); DROP TABLE posts; -- 🚐 在乌鲁鲁露营 \\ \" %s %(me)s"
    result = await ok(scoped, author, "create_post", content=content)
    feed = await ok(scoped, reader, "get_feed", limit=5)
    seen = {p["id"]: p["content"] for p in feed["posts"]}
    assert seen[result["post"]["id"]] == content
    assert (await _own_posts(scoped, author))[0]["content"] == content


async def test_direction_controls_are_dropped_and_scripts_and_emoji_kept(
    scoped: ScopedDb,
) -> None:
    """A right-to-left override drew the post reversed in everyone's feed."""
    author, reader = uuid.uuid4(), uuid.uuid4()
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji, by zero-width joiners
    written = f"\u202egnipmac eerf\u202c at the lake \u2067שלום\u2069 {family}\ufeff"
    result = await ok(scoped, author, "create_post", content=written)
    feed = await ok(scoped, reader, "get_feed", limit=5)
    seen = {p["id"]: p["content"] for p in feed["posts"]}
    assert seen[result["post"]["id"]] == f"gnipmac eerf at the lake שלום {family}"
