"""Threads: create, get, patch, delete and search — only ever the caller's own."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Header, Response

from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.schemas import ThreadCreate, ThreadPatch, ThreadSearch
from server.agent_protocol.serialize import ProtocolJSON
from server.agent_protocol.thread_search import search_threads
from server.agent_protocol.thread_store import patch_metadata
from server.agent_protocol.thread_supersteps import write_supersteps
from server.agent_protocol.thread_ttl import parse_ttl, set_ttl
from server.agent_protocol.thread_view import client_metadata, thread_json, thread_state
from server.deps import Res
from server.refusals import BadInput, Malformed
from server.resources import Resources
from server.runs import RunManager, ThreadRow, create_thread, owned_thread
from server.runs.deps import Runs
from server.runs.threads import delete_thread

router = APIRouter(tags=["agent protocol"])
MAX_CANCELS = 100  # a thread's active run plus everything queued behind it


async def thread_body(
    resources: Resources, runs: RunManager, user: UUID, row: ThreadRow
) -> dict[str, Any]:
    state = await thread_state(resources, row)
    return thread_json(row, user, state, busy=await runs.busy(row.key))  # any instance


@router.post("/threads", response_class=ProtocolJSON)
async def create(
    user: ProtocolUser, resources: Res, runs: Runs, body: ThreadCreate | None = None
) -> Any:
    body = body or ThreadCreate()
    ttl = parse_ttl(body.ttl)
    row = await create_thread(
        resources,
        user,
        thread_id=body.thread_id,
        metadata=client_metadata(body.metadata),
        if_exists=body.if_exists or "raise",
    )
    if body.supersteps:
        try:
            await write_supersteps(resources, row, body.supersteps)
        except (Malformed, BadInput):
            # A thread this call made and the client never got is not left behind.
            if body.if_exists != "do_nothing":
                await delete_thread(resources, user, row.id)
            raise
    if ttl is not None:
        await set_ttl(resources.pool, user, row.id, ttl)
    return ProtocolJSON(await thread_body(resources, runs, user, row))


@router.post("/threads/search", response_class=ProtocolJSON)
async def search(
    user: ProtocolUser, resources: Res, runs: Runs, body: ThreadSearch | None = None
) -> Any:
    body = body or ThreadSearch()
    found, headers = await search_threads(resources, runs, user, body)
    return ProtocolJSON(found, headers=headers)


@router.get("/threads/{thread_id}", response_class=ProtocolJSON)
async def get(thread_id: str, user: ProtocolUser, resources: Res, runs: Runs) -> Any:
    row = await owned_thread(resources, user, thread_id)
    return ProtocolJSON(await thread_body(resources, runs, user, row))


@router.patch("/threads/{thread_id}", response_class=ProtocolJSON)
async def patch(
    thread_id: str,
    body: ThreadPatch,
    user: ProtocolUser,
    resources: Res,
    runs: Runs,
    prefer: Annotated[str | None, Header()] = None,
) -> Any:
    ttl = parse_ttl(body.ttl)
    row = await patch_metadata(resources, user, thread_id, client_metadata(body.metadata))
    if ttl is not None:
        await set_ttl(resources.pool, user, row.id, ttl)
    if prefer == "return=minimal":
        return Response(status_code=204)
    return ProtocolJSON(await thread_body(resources, runs, user, row))


@router.delete("/threads/{thread_id}", status_code=204)
async def delete(thread_id: str, user: ProtocolUser, resources: Res, runs: Runs) -> Response:
    row = await owned_thread(resources, user, thread_id)
    for _ in range(MAX_CANCELS):
        active = runs.active(row.key)
        if active is None:
            break
        await runs.cancel(active.run_id)
    await runs.cancel_thread(row.key)  # and any on other instances
    await delete_thread(resources, user, row.id)
    return Response(status_code=204)
