"""The social fixture tables as evals see them: posts and groups, keyed by the argument
names of create_post and create_group."""

from __future__ import annotations

from typing import Any

from tools.db.scope import UserDb
from tools.types import Table


async def read_posts(db: UserDb) -> list[dict[str, Any]]:
    """The user's own posts (others' posts are not "their rows", even when visible)."""
    cur = await db.conn.execute(
        "SELECT p.id, p.content, g.name AS group_name, p.visibility FROM posts p"
        " LEFT JOIN groups g ON g.id = p.group_id"
        " WHERE p.user_id = %s ORDER BY p.created_at, p.id",
        (db.user_id,),
    )
    return [
        {
            "id": str(row["id"]),
            "content": row["content"],
            "group": row["group_name"],
            "visibility": row["visibility"],
        }
        for row in await cur.fetchall()
    ]


async def read_groups(db: UserDb) -> list[dict[str, Any]]:
    """The groups the user created or belongs to, with `member` for the latter.

    Groups are shared, so "the user's rows" are those they have a stake in; a fixture
    group made by another user counts once the user is a member of it.
    """
    cur = await db.conn.execute(
        "SELECT g.id, g.name, g.description, g.private, m.user_id IS NOT NULL AS member"
        " FROM groups g"
        " LEFT JOIN group_members m ON m.group_id = g.id AND m.user_id = %(me)s"
        " WHERE g.created_by = %(me)s OR m.user_id = %(me)s"
        " ORDER BY lower(g.name)",
        {"me": db.user_id},
    )
    return [
        {
            "id": str(row["id"]),
            "name": row["name"],
            "description": row["description"],
            "private": row["private"],
            "member": row["member"],
        }
        for row in await cur.fetchall()
    ]


TABLES = [
    Table(name="posts", create="create_post", read=read_posts),
    Table(name="groups", create="create_group", read=read_groups),
]
