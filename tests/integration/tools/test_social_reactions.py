"""comment_on_post and like_post: happy paths, idempotence, limits, unknown posts."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tests.integration.tools.social_support import call, fetch, ok
from tools.registry import ACTIONS_BY_NAME


async def _public_post(scoped: ScopedDb, author: uuid.UUID, content: str = "Hello road") -> str:
    post_id: str = (await ok(scoped, author, "create_post", content=content))["post"]["id"]
    return post_id


async def test_comment_on_a_public_post(scoped: ScopedDb) -> None:
    author, reader = uuid.uuid4(), uuid.uuid4()
    post_id = await _public_post(scoped, author)
    result = await ok(scoped, reader, "comment_on_post", post_id=post_id, content="Safe travels")
    comment = result["comment"]
    assert comment["post_id"] == post_id
    assert comment["content"] == "Safe travels"
    assert comment["author_name"] == "you"
    assert result["ids"] == [comment["id"]]
    assert result["ui_actions"][0]["type"] == "reload_feed"
    assert result["ui_actions"][0]["entity_type"] == "comment"
    assert "Hello road" in result["summary"]
    rows = await fetch(
        scoped,
        author,
        "SELECT user_id, content FROM comments WHERE post_id = %s",
        uuid.UUID(post_id),
    )
    assert rows == [{"user_id": reader, "content": "Safe travels"}]


async def test_comment_keeps_sql_and_unicode_verbatim(scoped: ScopedDb) -> None:
    author = uuid.uuid4()
    post_id = await _public_post(scoped, author)
    text = "Robert'); DROP TABLE comments;-- 👍 谢谢 " + "z" * (2000 - 38)
    assert len(text) == 2000
    await ok(scoped, author, "comment_on_post", post_id=post_id, content=text)
    feed = await ok(scoped, author, "get_feed", limit=1)
    assert feed["posts"][0]["comments"][0]["content"] == text


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"content": "hi"}, "post_id"),
        ({"post_id": "not-a-uuid", "content": "hi"}, "post_id"),
        ({"post_id": "PLACEHOLDER"}, "content"),
        ({"post_id": "PLACEHOLDER", "content": ""}, "content"),
        ({"post_id": "PLACEHOLDER", "content": "   "}, "content"),
        ({"post_id": "PLACEHOLDER", "content": "x" * 2001}, "content"),
        ({"post_id": "PLACEHOLDER", "content": "hi", "author": "x"}, "author"),
    ],
)
async def test_comment_rejects_bad_input(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str
) -> None:
    post_id = await _public_post(scoped, user_id)
    args = {k: post_id if v == "PLACEHOLDER" else v for k, v in raw.items()}
    result = await call(scoped, user_id, "comment_on_post", **args)
    assert result["ok"] is False
    assert result["error"] == "invalid"
    assert result["field"] == field
    assert await fetch(scoped, user_id, "SELECT * FROM comments WHERE user_id = %s", user_id) == []


async def test_comment_on_unknown_post_is_not_found(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    missing = str(uuid.uuid4())
    result = await call(scoped, user_id, "comment_on_post", post_id=missing, content="hi")
    assert result == {
        "ok": False,
        "error": "not_found",
        "summary": f"I couldn't find post {missing}.",
        "field": None,
        "subject": "post",  # for the model's recovery hint (agent/tools.py)
    }


async def test_like_is_idempotent(scoped: ScopedDb) -> None:
    author, fan = uuid.uuid4(), uuid.uuid4()
    post_id = await _public_post(scoped, author, "Sunset at Cable Beach")
    first = await ok(scoped, fan, "like_post", post_id=post_id)
    assert first["already_liked"] is False
    assert first["like_count"] == 1
    assert first["ids"] == [post_id]
    assert first["ui_actions"][0]["entity_id"] == post_id
    assert "1 like)" in first["summary"]
    second = await ok(scoped, fan, "like_post", post_id=post_id)
    assert second["already_liked"] is True
    assert second["like_count"] == 1
    assert "already liked" in second["summary"]
    assert second["ids"] == []
    assert second["ui_actions"] == []
    rows = await fetch(
        scoped, fan, "SELECT user_id FROM post_likes WHERE post_id = %s", uuid.UUID(post_id)
    )
    assert [r["user_id"] for r in rows] == [fan]
    own = await ok(scoped, author, "like_post", post_id=post_id)
    assert own["like_count"] == 2
    assert "2 likes" in own["summary"]


@pytest.mark.parametrize("raw", [{}, {"post_id": "1234"}, {"post_id": 1234}, {"post_id": None}])
async def test_like_rejects_bad_input(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any]
) -> None:
    result = await call(scoped, user_id, "like_post", **raw)
    assert result["ok"] is False
    assert result["error"] == "invalid"
    assert result["field"] == "post_id"


async def test_like_unknown_post_is_not_found(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    missing = str(uuid.uuid4())
    result = await call(scoped, user_id, "like_post", post_id=missing)
    assert result["error"] == "not_found"
    assert missing in result["summary"]
    assert (
        await fetch(scoped, user_id, "SELECT * FROM post_likes WHERE user_id = %s", user_id) == []
    )


async def test_the_approval_questions_name_the_post_the_user_can_see(scoped: ScopedDb) -> None:
    """A like or comment asked about (a turn that read others' posts) names the post in
    the question; a post the user cannot see is only "a post", as for an unknown id."""
    author, reader = uuid.uuid4(), uuid.uuid4()
    post_id = await _public_post(scoped, author, "Free camp at Lake Bennett is stunning")
    like = ACTIONS_BY_NAME["like_post"]
    comment = ACTIONS_BY_NAME["comment_on_post"]
    assert like.approval_text is not None and comment.approval_text is not None
    async with scoped(reader) as db:
        liked = await like.approval_text(db, like.args.model_validate({"post_id": post_id}))
        said = await comment.approval_text(
            db, comment.args.model_validate({"post_id": post_id, "content": "heading there Friday"})
        )
        unseen = await like.approval_text(db, like.args.model_validate({"post_id": uuid.uuid4()}))
    assert liked == "Like the post “Free camp at Lake Bennett is stunning”?"
    assert said == (
        "Comment “heading there Friday” on the post “Free camp at Lake Bennett is stunning”?"
    )
    assert unseen == "Like a post?"
