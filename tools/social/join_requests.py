"""Join requests of private groups: the owner lists the pending ones and decides each.
One action for the tool, the REST routes and the evals (`review_join_requests`)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from tools.db.scope import UserDb
from tools.social.group_lookup import GroupRef, resolve_group
from tools.social.models import GROUP
from tools.types import Action, ActionError, ActionResult, Args

JoinDecision = Literal["approve", "decline"]


class JoinRequestOut(BaseModel):
    id: UUID
    group_id: UUID
    group: str
    status: Literal["pending", "approved", "declined"]
    created_at: datetime


class JoinRequestsResult(ActionResult):
    requests: list[JoinRequestOut]


class ReviewJoinRequestsArgs(Args):
    group: GroupRef | None = GROUP
    decision: JoinDecision | None = Field(
        default=None, description="approve or decline the request named by request_id."
    )
    request_id: UUID | None = Field(
        default=None,
        description="The join request to decide, as listed by this tool.",
        examples=["5b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b"],
    )

    @model_validator(mode="after")
    def _both_or_neither(self) -> ReviewJoinRequestsArgs:
        if (self.decision is None) != (self.request_id is None):
            raise ValueError("give decision and request_id together, or neither to list")
        return self


_PENDING_SQL = """
SELECT r.id, r.group_id, g.name AS group, r.status, r.created_at
FROM group_join_requests r JOIN groups g ON g.id = r.group_id
WHERE g.created_by = %(me)s AND r.status = 'pending'
  AND (%(gid)s::uuid IS NULL OR r.group_id = %(gid)s::uuid)
ORDER BY r.created_at
LIMIT 100
"""


async def review_join_requests(db: UserDb, args: ReviewJoinRequestsArgs) -> JoinRequestsResult:
    if args.request_id is not None and args.decision is not None:
        return await _decide(db, args.request_id, args.decision)
    group_id = (await resolve_group(db, args.group)).id if args.group else None
    cur = await db.conn.execute(_PENDING_SQL, {"me": db.user_id, "gid": group_id})
    requests = [JoinRequestOut(**row) for row in await cur.fetchall()]
    if not requests:
        return JoinRequestsResult(summary="No one is waiting to join your groups.", requests=[])
    groups = sorted({r.group for r in requests})
    summary = (
        f"{len(requests)} join request{'s' if len(requests) != 1 else ''} waiting"
        f" ({', '.join(groups)}): approve or decline each by its request id."
    )
    return JoinRequestsResult(summary=summary, requests=requests)


async def _decide(db: UserDb, request_id: UUID, decision: JoinDecision) -> JoinRequestsResult:
    if decision == "approve":
        cur = await db.conn.execute("SELECT pam_approve_join_request(%s) AS gid", (request_id,))
        row = await cur.fetchone()
        decided = row is not None and row["gid"] is not None
    else:
        cur = await db.conn.execute(
            "UPDATE group_join_requests SET status = 'declined', decided_at = now()"
            " WHERE id = %s AND status = 'pending' RETURNING id",
            (request_id,),
        )
        decided = await cur.fetchone() is not None
    if not decided:  # not the owner's, already decided, or no such request: all alike
        raise ActionError(
            "No pending join request with that id in your groups.",
            code="not_found",
            field="request_id",
        )
    cur = await db.conn.execute(
        "SELECT r.id, r.group_id, g.name AS group, r.status, r.created_at"
        " FROM group_join_requests r JOIN groups g ON g.id = r.group_id WHERE r.id = %s",
        (request_id,),
    )
    row = await cur.fetchone()
    assert row is not None
    request = JoinRequestOut(**row)
    verb = "approved: they're now a member of" if decision == "approve" else "declined for"
    return JoinRequestsResult(
        summary=f"Join request {verb} {request.group}.", ids=[request.id], requests=[request]
    )


ACTIONS = [
    Action(
        name="review_join_requests",
        domain="social",
        args=ReviewJoinRequestsArgs,
        fn=review_join_requests,
        description="List the pending requests to join the user's private groups (optionally"
        " of one group), or decide one by its request id: let the person in, or decline.",
    ),
]
