"""Rows the social actions return, and the bits of wording they share."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from tools.types import UiAction

Visibility = Literal["public", "group"]

POST_ID = Field(
    description="The post's id, from get_feed.", examples=["7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098"]
)
GROUP = Field(
    default=None,
    description="Group name (or id) as list_groups shows it.",
    examples=["Solar Setup"],
)
YOU = "you"
"""How the user's own posts and comments are attributed in what they read."""


class CommentOut(BaseModel):
    id: UUID
    post_id: UUID
    content: str
    # "you" for the user's own comments; others' comments carry no name (the table
    # stores none, and other people's profiles are private).
    author_name: str | None
    created_at: datetime


class PostOut(BaseModel):
    id: UUID
    content: str
    group: str | None
    visibility: Visibility
    author_name: str | None
    created_at: datetime
    like_count: int = 0
    comment_count: int = 0
    liked_by_me: bool = False
    comments: list[CommentOut] = []


class GroupOut(BaseModel):
    id: UUID
    name: str
    description: str | None
    member_count: int
    is_member: bool
    # Private: joining needs the owner's approval (a join request the owner decides).
    private: bool = False


def preview(text: str, length: int = 60) -> str:
    """A post's opening words, short enough for a summary or a UI label."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def feed_ui(entity_type: str, entity_id: UUID, title: str) -> UiAction:
    return UiAction(
        type="reload_feed", entity_type=entity_type, entity_id=str(entity_id), entity_title=title
    )


def comment_out(row: dict[str, Any], me: UUID) -> CommentOut:
    return CommentOut(
        id=row["id"],
        post_id=row["post_id"],
        content=row["content"],
        author_name=YOU if row["user_id"] == me else None,
        created_at=row["created_at"],
    )


def group_out(row: dict[str, Any]) -> GroupOut:
    return GroupOut(
        id=row["id"],
        name=row["name"],
        description=row["description"],
        member_count=row["member_count"],
        is_member=row["is_member"],
        private=row.get("private", False),
    )
