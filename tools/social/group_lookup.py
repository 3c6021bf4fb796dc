"""Finding a group by what the user calls it: its name in any case, or its id."""

from __future__ import annotations

from uuid import UUID

from tools.db.scope import UserDb
from tools.social.models import GroupOut, group_out
from tools.types import ActionError
from tools.values import Name

GroupRef = Name
"""A group by its name (any case) or its id."""
GROUP_SELECT = """
SELECT g.id, g.name, g.description, g.private,
       pam_group_member_count(g.id) AS member_count,
       EXISTS (SELECT 1 FROM group_members m
               WHERE m.group_id = g.id AND m.user_id = %(me)s) AS is_member
FROM groups g
"""


def _as_uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None


async def resolve_group(db: UserDb, ref: str) -> GroupOut:
    """The group named `ref` (case-insensitive) or with id `ref`, else a not_found error."""
    group_id = _as_uuid(ref)
    params = {"me": db.user_id, "id": group_id, "name": ref}
    where = "WHERE g.id = %(id)s" if group_id else "WHERE lower(g.name) = lower(%(name)s)"
    cur = await db.conn.execute(GROUP_SELECT + where, params)
    row = await cur.fetchone()
    if row is None:
        raise ActionError(
            f"I couldn't find a group called {ref}.",
            code="not_found",
            field="group",
            subject="group",
        )
    return group_out(row)
