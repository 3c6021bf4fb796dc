"""The feed: public posts, the user's own, and those of groups they belong to."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import Field

from tools.db.scope import UserDb
from tools.social.groups import GroupRef, resolve_group
from tools.social.models import GROUP, YOU, CommentOut, GroupOut, PostOut, comment_out, preview
from tools.types import Action, ActionResult, Args

RECENT_COMMENTS = 3

# The visibility rule is spelled out here as well as in the posts policy, so the query
# says what it returns even where RLS is not in force.
_FEED_SQL = """
SELECT p.id, p.user_id, p.author_name, p.content, p.visibility, p.created_at,
       g.name AS group_name,
       (SELECT count(*) FROM post_likes l WHERE l.post_id = p.id) AS like_count,
       (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS comment_count,
       EXISTS (SELECT 1 FROM post_likes l
               WHERE l.post_id = p.id AND l.user_id = %(me)s) AS liked_by_me
FROM posts p
LEFT JOIN groups g ON g.id = p.group_id
WHERE (p.user_id = %(me)s
       OR p.visibility = 'public'
       OR p.group_id IN (SELECT m.group_id FROM group_members m WHERE m.user_id = %(me)s))
  AND (%(group_id)s::uuid IS NULL OR p.group_id = %(group_id)s::uuid)
ORDER BY p.created_at DESC, p.id DESC
LIMIT %(limit)s
"""

_RECENT_COMMENTS_SQL = """
SELECT id, post_id, user_id, content, created_at FROM (
    SELECT c.id, c.post_id, c.user_id, c.content, c.created_at,
           row_number() OVER (PARTITION BY c.post_id
                              ORDER BY c.created_at DESC, c.id DESC) AS recency
    FROM comments c WHERE c.post_id = ANY(%(ids)s)) ranked
WHERE recency <= %(keep)s
ORDER BY created_at, id
"""


class GetFeedArgs(Args):
    group: GroupRef | None = GROUP
    limit: int = Field(default=20, ge=1, le=100, description="Most posts to return, newest first.")


class FeedResult(ActionResult):
    group: GroupOut | None = None
    posts: list[PostOut]


async def _recent_comments(db: UserDb, post_ids: list[UUID]) -> dict[UUID, list[CommentOut]]:
    by_post: dict[UUID, list[CommentOut]] = {pid: [] for pid in post_ids}
    if post_ids:
        cur = await db.conn.execute(
            _RECENT_COMMENTS_SQL, {"ids": post_ids, "keep": RECENT_COMMENTS}
        )
        for row in await cur.fetchall():
            by_post[row["post_id"]].append(comment_out(row, db.user_id))
    return by_post


def _post(row: dict[str, Any], me: UUID, comments: list[CommentOut]) -> PostOut:
    return PostOut(
        id=row["id"],
        content=row["content"],
        group=row["group_name"],
        visibility=row["visibility"],
        author_name=YOU if row["user_id"] == me else row["author_name"],
        created_at=row["created_at"],
        like_count=row["like_count"],
        comment_count=row["comment_count"],
        liked_by_me=row["liked_by_me"],
        comments=comments,
    )


def _summary(posts: list[PostOut], group: GroupOut | None) -> str:
    where = f" in {group.name}" if group else " in your feed"
    if not posts:
        text = f"There are no posts{where} yet."
    else:
        lines = "; ".join(
            f'{p.author_name or "someone"}: "{preview(p.content, 50)}"' for p in posts[:3]
        )
        count = f"{len(posts)} post{'s' if len(posts) != 1 else ''}"
        text = f"{count}{where}, newest first — {lines}."
    if group is not None and not group.is_member:
        text += (
            f" You're not a member of {group.name}, so only its public posts show;"
            " join it to see members-only posts."
        )
    return text


async def get_feed(db: UserDb, args: GetFeedArgs) -> FeedResult:
    group = await resolve_group(db, args.group) if args.group else None
    cur = await db.conn.execute(
        _FEED_SQL, {"me": db.user_id, "group_id": group.id if group else None, "limit": args.limit}
    )
    rows = await cur.fetchall()
    comments = await _recent_comments(db, [row["id"] for row in rows])
    posts = [_post(row, db.user_id, comments[row["id"]]) for row in rows]
    return FeedResult(summary=_summary(posts, group), group=group, posts=posts)


ACTIONS = [
    Action(
        name="get_feed",
        domain="social",
        args=GetFeedArgs,
        fn=get_feed,
        description="Show the community feed (public posts, the user's own and their groups'),"
        " newest first, optionally for one group, with likes and recent comments.",
        writes=False,
    ),
]
