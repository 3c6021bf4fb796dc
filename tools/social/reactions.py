"""Comments and likes on posts the user can see. A post they cannot see answers exactly
like an unknown id, so ids of other people's group posts reveal nothing."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from tools.db.scope import UserDb
from tools.social.models import POST_ID, CommentOut, comment_out, feed_ui, preview
from tools.types import Action, ActionError, ActionResult, Args, not_found
from tools.values import LongText


async def _visible_post(db: UserDb, post_id: UUID) -> str:
    """The content of a post the user may read (the posts policy decides), else not_found."""
    cur = await db.conn.execute(
        "SELECT p.content FROM posts p WHERE p.id = %(id)s AND (p.user_id = %(me)s"
        " OR p.visibility = 'public' OR p.group_id IN"
        " (SELECT m.group_id FROM group_members m WHERE m.user_id = %(me)s))",
        {"id": post_id, "me": db.user_id},
    )
    row = await cur.fetchone()
    if row is None:
        raise not_found("post", post_id)
    return str(row["content"])


async def _post_named(db: UserDb, post_id: UUID) -> str:
    """The post in words for an approval question: its opening, quoted; a post the user
    cannot see is just "a post" (the call then fails as for an unknown id)."""
    try:
        return f"the post “{preview(await _visible_post(db, post_id), 80)}”"
    except ActionError:
        return "a post"


class CommentOnPostArgs(Args):
    post_id: UUID = POST_ID
    content: LongText = Field(description="The comment, in the user's words.", examples=["Thanks!"])


class CommentResult(ActionResult):
    comment: CommentOut


async def comment_on_post(db: UserDb, args: CommentOnPostArgs) -> CommentResult:
    post_text = await _visible_post(db, args.post_id)
    # clock_timestamp(): comments written in one transaction keep their order.
    cur = await db.conn.execute(
        "INSERT INTO comments (post_id, user_id, content, created_at)"
        " VALUES (%s, %s, %s, clock_timestamp())"
        " RETURNING id, post_id, user_id, content, created_at",
        (args.post_id, db.user_id, args.content),
    )
    row = await cur.fetchone()
    assert row is not None
    comment = comment_out(row, db.user_id)
    return CommentResult(
        summary=f'You commented on "{preview(post_text, 40)}": "{preview(args.content)}"',
        ids=[comment.id],
        ui_actions=[feed_ui("comment", comment.id, preview(args.content))],
        comment=comment,
    )


async def comment_question(db: UserDb, args: CommentOnPostArgs) -> str:
    """ "Comment “Thanks!” on the post “Free camp at Lake Bennett…”?" """
    return f"Comment “{preview(args.content, 200)}” on {await _post_named(db, args.post_id)}?"


def _likes(count: int) -> str:
    return f"{count} like{'s' if count != 1 else ''}"


class LikePostArgs(Args):
    post_id: UUID = POST_ID


async def like_question(db: UserDb, args: LikePostArgs) -> str:
    """ "Like the post “Free camp at Lake Bennett…”?" """
    return f"Like {await _post_named(db, args.post_id)}?"


class LikeResult(ActionResult):
    post_id: UUID
    already_liked: bool
    like_count: int


async def like_post(db: UserDb, args: LikePostArgs) -> LikeResult:
    post_text = await _visible_post(db, args.post_id)
    cur = await db.conn.execute(
        "INSERT INTO post_likes (post_id, user_id) VALUES (%s, %s)"
        " ON CONFLICT (post_id, user_id) DO NOTHING RETURNING post_id",
        (args.post_id, db.user_id),
    )
    liked_now = await cur.fetchone() is not None
    cur = await db.conn.execute(
        "SELECT count(*) AS n FROM post_likes WHERE post_id = %s", (args.post_id,)
    )
    count_row = await cur.fetchone()
    like_count = int(count_row["n"]) if count_row else 0
    title = preview(post_text, 40)
    if not liked_now:
        return LikeResult(
            summary=f'You had already liked "{title}" ({_likes(like_count)}).',
            post_id=args.post_id,
            already_liked=True,
            like_count=like_count,
            changed=False,
        )
    return LikeResult(
        summary=f'You liked "{title}" ({_likes(like_count)}).',
        ids=[args.post_id],
        ui_actions=[feed_ui("post", args.post_id, title)],
        post_id=args.post_id,
        already_liked=False,
        like_count=like_count,
    )


ACTIONS = [
    Action(
        name="comment_on_post",
        domain="social",
        args=CommentOnPostArgs,
        fn=comment_on_post,
        description="Add a comment to a post in the user's feed, by the post's id.",
        approval_text=comment_question,
    ),
    Action(
        name="like_post",
        domain="social",
        args=LikePostArgs,
        fn=like_post,
        description="Like a post in the user's feed by its id (liking twice is harmless).",
        approval_text=like_question,
    ),
]
