"""Social over REST: the feed, posts, comments, likes and groups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from server.routes.rest.common import ActionDb, perform, without
from tools.social import feed, groups, posts, reactions

if TYPE_CHECKING:  # mypy knows the action's args; FastAPI gets them without the path's id
    CommentCreate = reactions.CommentOnPostArgs
    JoinRequestsQuery = groups.ReviewJoinRequestsArgs
else:
    CommentCreate = without(reactions.CommentOnPostArgs, "post_id", name="CommentCreate")
    # The listing's query has no decision: a GET is safe to follow, prefetch or replay,
    # so deciding is the POST's alone (a decision in the query is a 422, not a listing).
    JoinRequestsQuery = without(
        groups.ReviewJoinRequestsArgs, "decision", "request_id", name="JoinRequestsQuery"
    )

router = APIRouter(prefix="/social", tags=["social"])


class JoinRequestDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: groups.JoinDecision


@router.get("/feed")
async def read_feed(query: Annotated[feed.GetFeedArgs, Query()], db: ActionDb) -> feed.FeedResult:
    """Posts the user may see, newest first: public ones, their own, their groups'."""
    return await perform(db, feed.get_feed, query)


@router.post("/posts", status_code=201)
async def create_post(body: posts.CreatePostArgs, db: ActionDb) -> posts.PostResult:
    """Publishes at once: the user pressed "post", so no approval step as in chat."""
    return await perform(db, posts.create_post, body)


@router.post("/posts/{post_id}/comments", status_code=201)
async def create_comment(
    post_id: UUID, body: CommentCreate, db: ActionDb
) -> reactions.CommentResult:
    return await perform(db, reactions.comment_on_post, body, post_id=post_id)


@router.put("/posts/{post_id}/like")
async def like_post(post_id: UUID, db: ActionDb) -> reactions.LikeResult:
    """Idempotent: liking twice counts once."""
    return await perform(db, reactions.like_post, post_id=post_id)


@router.get("/groups")
async def read_groups(
    query: Annotated[groups.ListGroupsArgs, Query()], db: ActionDb
) -> groups.GroupsResult:
    return await perform(db, groups.list_groups, query)


@router.post("/groups", status_code=201)
async def create_group(body: groups.CreateGroupArgs, db: ActionDb) -> groups.GroupResult:
    return await perform(db, groups.create_group, body)


@router.put("/groups/{group}/membership")
async def join_group(group: groups.GroupRef, db: ActionDb) -> groups.GroupResult:
    """Join a group by its name or id; idempotent."""
    return await perform(db, groups.join_group, group=group)


@router.delete("/groups/{group}/membership")
async def leave_group(group: groups.GroupRef, db: ActionDb) -> groups.GroupResult:
    """Leave a group by its name or id, or take back a join request that still waits; the
    group's owner can't leave it (409)."""
    return await perform(db, groups.leave_group, group=group)


@router.get("/join-requests")
async def read_join_requests(
    query: Annotated[JoinRequestsQuery, Query()], db: ActionDb
) -> groups.JoinRequestsResult:
    """Pending requests to join the user's private groups (`group` narrows to one)."""
    return await perform(db, groups.review_join_requests, query)


@router.post("/join-requests/{request_id}")
async def decide_join_request(
    request_id: UUID, body: JoinRequestDecision, db: ActionDb
) -> groups.JoinRequestsResult:
    """Approve (the requester becomes a member) or decline one join request."""
    return await perform(
        db, groups.review_join_requests, request_id=request_id, decision=body.decision
    )
