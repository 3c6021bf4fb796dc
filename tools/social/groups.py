"""Community groups: find them, join them, start one. Groups are visible to every signed-in
user; memberships only to their own user (member counts come from a definer function)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from tools.db.scope import UserDb
from tools.social import join_requests
from tools.social.group_lookup import GROUP_SELECT, GroupRef, resolve_group
from tools.social.models import GroupOut, feed_ui, group_out
from tools.types import Action, ActionError, ActionResult, Args
from tools.values import Name

GroupDescription = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
]


class GroupResult(ActionResult):
    group: GroupOut


class GroupsResult(ActionResult):
    groups: list[GroupOut]


class ListGroupsArgs(Args):
    query: Name | None = Field(
        default=None, description="Words in the group's name; omit for all.", examples=["solar"]
    )


async def list_groups(db: UserDb, args: ListGroupsArgs) -> GroupsResult:
    # strpos, not LIKE: the user's text is matched literally, % and _ included.
    cur = await db.conn.execute(
        GROUP_SELECT + "WHERE %(q)s::text IS NULL"
        " OR strpos(lower(g.name), lower(%(q)s)) > 0"
        " OR strpos(lower(coalesce(g.description, '')), lower(%(q)s)) > 0"
        " ORDER BY lower(g.name) LIMIT 100",
        {"me": db.user_id, "q": args.query},
    )
    groups = [group_out(row) for row in await cur.fetchall()]
    about = f' matching "{args.query}"' if args.query else ""
    if not groups:
        summary = (
            f"There are no groups{about} yet — you could start one (say “start a group called …”)."
        )
    else:
        listed = ", ".join(
            f"{g.name} ({g.member_count} members{', you are in' if g.is_member else ''})"
            for g in groups[:10]
        )
        more = f" and {len(groups) - 10} more" if len(groups) > 10 else ""
        summary = f"{len(groups)} group{'s' if len(groups) != 1 else ''}{about}: {listed}{more}."
    return GroupsResult(summary=summary, groups=groups)


class JoinGroupArgs(Args):
    group: GroupRef = Field(
        description="Group name (or id) as list_groups shows it.", examples=["Solar Setup"]
    )


async def join_group(db: UserDb, args: JoinGroupArgs) -> GroupResult:
    group = await resolve_group(db, args.group)
    if group.private and not group.is_member:
        return await _request_to_join(db, group)
    cur = await db.conn.execute(
        "INSERT INTO group_members (group_id, user_id) VALUES (%s, %s)"
        " ON CONFLICT (group_id, user_id) DO NOTHING RETURNING group_id",
        (group.id, db.user_id),
    )
    if await cur.fetchone() is None:
        return GroupResult(summary=f"You're already a member of {group.name}.", group=group)
    joined = group.model_copy(update={"is_member": True, "member_count": group.member_count + 1})
    return GroupResult(
        summary=f"You joined {group.name}; its members-only posts now show in your feed.",
        ids=[group.id],
        ui_actions=[feed_ui("group", group.id, group.name)],
        group=joined,
    )


async def _request_to_join(db: UserDb, group: GroupOut) -> GroupResult:
    """A private group: file (or re-file) a join request for its owner to decide."""
    cur = await db.conn.execute(
        "INSERT INTO group_join_requests (group_id, user_id) VALUES (%s, %s)"
        " ON CONFLICT (group_id, user_id) DO UPDATE SET status = 'pending', decided_at = NULL"
        " WHERE group_join_requests.status = 'declined'"
        " RETURNING id",
        (group.id, db.user_id),
    )
    row = await cur.fetchone()
    if row is None:
        return GroupResult(
            summary=f"You already asked to join {group.name}; its owner hasn't decided yet.",
            group=group,
        )
    return GroupResult(
        summary=f"{group.name} is private: you asked its owner to let you in, and you'll be"
        " a member once they approve.",
        ids=[row["id"]],
        group=group,
    )


class CreateGroupArgs(Args):
    name: Name = Field(description="The new group's name.", examples=["Kimberley 2026"])
    description: GroupDescription | None = Field(
        default=None, description="What the group is about.", examples=["Travelling the Gibb"]
    )
    private: bool = Field(
        default=False,
        description="True: members-only posts stay with members, and joining needs the"
        " user's approval.",
    )


async def create_group(db: UserDb, args: CreateGroupArgs) -> GroupResult:
    cur = await db.conn.execute(
        "SELECT name FROM groups WHERE lower(name) = lower(%s)", (args.name,)
    )
    existing = await cur.fetchone()
    if existing is not None:
        raise ActionError(
            f"A group called {existing['name']} already exists — join it (say “join"
            f" {existing['name']}”), or pick another name.",
            code="conflict",
            field="name",
        )
    cur = await db.conn.execute(
        "INSERT INTO groups (created_by, name, description, private) VALUES (%s, %s, %s, %s)"
        " RETURNING id",
        (db.user_id, args.name, args.description, args.private),
    )
    row = await cur.fetchone()
    assert row is not None
    # The creator is the first member, so they can post to the group straight away.
    await db.conn.execute(
        "INSERT INTO group_members (group_id, user_id) VALUES (%s, %s)", (row["id"], db.user_id)
    )
    group = GroupOut(
        id=row["id"],
        name=args.name,
        description=args.description,
        member_count=1,
        is_member=True,
        private=args.private,
    )
    kind = "private group" if args.private else "group"
    return GroupResult(
        summary=f"Created the {kind} {group.name}, and you're its first member.",
        ids=[group.id],
        ui_actions=[feed_ui("group", group.id, group.name)],
        group=group,
    )


ACTIONS = [
    Action(
        name="list_groups",
        domain="social",
        args=ListGroupsArgs,
        fn=list_groups,
        description="List community groups, optionally matching a word in their name or"
        " description, with member counts and whether the user belongs to each.",
        writes=False,
    ),
    Action(
        name="join_group",
        domain="social",
        args=JoinGroupArgs,
        fn=join_group,
        description="Join a community group by its name or id (joining twice is harmless);"
        " for a private group this asks its owner to let the user in.",
    ),
    Action(
        name="create_group",
        domain="social",
        args=CreateGroupArgs,
        fn=create_group,
        description="Start a new community group with a unique name; the user joins it."
        " A private group's joiners need the user's approval.",
    ),
    *join_requests.ACTIONS,
]
