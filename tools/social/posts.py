"""Writing a post: to everyone, or to a group the user belongs to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from tools.db.scope import UserDb
from tools.profile import load_profile
from tools.social.groups import GroupRef, resolve_group
from tools.social.models import GROUP, YOU, PostOut, Visibility, feed_ui, preview
from tools.types import Action, ActionError, ActionResult, Args
from tools.values import Shown

PostText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), Shown
]


class CreatePostArgs(Args):
    content: PostText = Field(
        description="The post, in the user's words.",
        examples=["Great free camp at Lake Cargelligo"],
    )
    group: GroupRef | None = GROUP
    # None means: "group" when a group is given (posting to a group is for its members
    # unless the user says otherwise), else "public".
    visibility: Visibility | None = Field(
        default=None,
        description="Who sees it; omit for 'group' when a group is given, else 'public'.",
    )


def effective_visibility(args: Mapping[str, Any]) -> object:
    """The visibility a create_post call will get (from raw or validated arguments)."""
    return args.get("visibility") or ("group" if args.get("group") else "public")


def needs_approval(raw: Mapping[str, Any]) -> bool:
    """Anything but a members-only group post goes to everyone, so it is asked first
    (an unrecognised visibility is asked too; validation then rejects it)."""
    return effective_visibility(raw) != "group"


async def post_question(db: UserDb, args: CreatePostArgs) -> str:
    """ "Post this publicly for every PAM traveller to see: “…”?" """
    where = (
        f"to the {args.group} group, for anyone to see"
        if args.group
        else "publicly, for every PAM traveller to see"
    )
    return f"Post this {where}: “{preview(args.content, 200)}”?"


class PostResult(ActionResult):
    post: PostOut


async def create_post(db: UserDb, args: CreatePostArgs) -> PostResult:
    visibility: Visibility = (
        "group" if effective_visibility(args.model_dump()) == "group" else "public"
    )
    if visibility == "group" and args.group is None:
        raise ActionError(
            "A members-only post needs a group: say which group, or post publicly.",
            field="group",
        )
    group = await resolve_group(db, args.group) if args.group else None
    if group is not None and not group.is_member:
        raise ActionError(
            f"You're not a member of {group.name}, so you can't post there yet."
            f" Join the group first (say “join {group.name}”), then post.",
            field="group",
        )
    profile = await load_profile(db)
    # clock_timestamp(), not now(): posts written in one transaction still sort in order.
    cur = await db.conn.execute(
        "INSERT INTO posts (user_id, author_name, group_id, content, visibility, created_at)"
        " VALUES (%s, %s, %s, %s, %s, clock_timestamp()) RETURNING id, created_at",
        (db.user_id, profile.display_name, group.id if group else None, args.content, visibility),
    )
    row = await cur.fetchone()
    assert row is not None
    post = PostOut(
        id=row["id"],
        content=args.content,
        group=group.name if group else None,
        visibility=visibility,
        author_name=YOU,
        created_at=row["created_at"],
    )
    if group is None:
        where = "the public feed"
    elif visibility == "group":
        where = f"{group.name} (members only)"
    else:
        where = f"{group.name} (public, anyone can see it)"
    title = preview(args.content)
    return PostResult(
        summary=f'Posted to {where}: "{title}"',
        ids=[post.id],
        ui_actions=[feed_ui("post", post.id, title)],
        post=post,
    )


ACTIONS = [
    Action(
        name="create_post",
        domain="social",
        args=CreatePostArgs,
        fn=create_post,
        description="Write a community post, public by default or members-only in a group"
        " the user belongs to.",
        needs_approval=needs_approval,
        approval_text=post_question,
    ),
]
