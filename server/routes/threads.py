"""The user's chat threads: list, read (transcript and pending approval), delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from server.chat.history import (
    ThreadDetail,
    ThreadList,
    ThreadPublic,
    pending_interrupt,
    transcript,
)
from server.deps import CurrentUser, Res
from server.runs import owned_thread
from server.runs.deps import Runs
from server.runs.threads import delete_thread, list_threads

router = APIRouter(prefix="/api/v1/pam/threads", tags=["threads"])

Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=100_000)]


@router.get("", response_model=ThreadList)
async def threads(
    user: CurrentUser, resources: Res, limit: Limit = 20, offset: Offset = 0
) -> ThreadList:
    """The user's threads, most recently active first."""
    rows = await list_threads(resources, user, limit=limit, offset=offset)
    return ThreadList(items=[ThreadPublic.of(r) for r in rows], limit=limit, offset=offset)


@router.get("/{thread_id}", response_model=ThreadDetail, response_model_exclude_none=True)
async def thread(
    thread_id: str,
    user: CurrentUser,
    resources: Res,
    runs: Runs,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Offset = 0,
) -> ThreadDetail:
    """The thread's messages (oldest first, paged) and any approval waiting for the user."""
    row = await owned_thread(resources, user, thread_id)
    messages = await transcript(resources, user, row.id, limit=limit, offset=offset)
    return ThreadDetail(
        **ThreadPublic.of(row).model_dump(),
        messages=messages,
        running=await runs.busy(row.key),
        interrupt=await pending_interrupt(resources, user, row.thread_id),
    )


@router.delete("/{thread_id}", status_code=204)
async def remove_thread(thread_id: str, user: CurrentUser, resources: Res, runs: Runs) -> Response:
    """Delete the thread, its transcript and its checkpoints (stopping a running turn)."""
    row = await owned_thread(resources, user, thread_id)
    await runs.cancel_thread(row.key)  # on whichever instance it runs
    await delete_thread(resources, user, row.id)
    return Response(status_code=204)
