"""Runs on a thread: create (background), wait, list, get, join and cancel."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.responses import ClosingStream
from server.agent_protocol.run_list import run_page
from server.agent_protocol.run_lookup import find_run, output_body
from server.agent_protocol.run_start import start_run
from server.agent_protocol.run_view import run_json
from server.agent_protocol.schemas import MAX_OFFSET, RunCreate
from server.agent_protocol.serialize import ProtocolJSON
from server.deps import Res
from server.runs import Run, RunManager, owned_thread
from server.runs.deps import Runs

router = APIRouter(tags=["agent protocol"])


def run_headers(thread_id: str, run_id: str, location: str) -> dict[str, str]:
    base = f"/threads/{thread_id}/runs/{run_id}"
    return {"Content-Location": base, "Location": f"{base}/{location}"}


def cancel_if_left(runs: RunManager, run: Run, wanted: bool) -> Any:
    async def on_close() -> None:
        if wanted and not run.done:
            await runs.cancel(run.run_id)

    return on_close


@router.post("/threads/{thread_id}/runs", response_class=ProtocolJSON)
async def create(thread_id: str, body: RunCreate, user: ProtocolUser, res: Res, runs: Runs) -> Any:
    run = await start_run(res, runs, user, thread_id, body)
    headers = run_headers(run.thread_id, run.run_id, "join")
    headers.pop("Location")
    return ProtocolJSON(run_json(run), headers=headers)


@router.post("/threads/{thread_id}/runs/wait")
async def wait(thread_id: str, body: RunCreate, user: ProtocolUser, res: Res, runs: Runs) -> Any:
    run = await start_run(res, runs, user, thread_id, body)
    return ClosingStream(
        output_body(res, run.user_id, run.thread_id, run),
        media_type="application/json",
        headers=run_headers(run.thread_id, run.run_id, "join"),
        on_close=cancel_if_left(runs, run, body.on_disconnect == "cancel"),
    )


@router.get("/threads/{thread_id}/runs", response_class=ProtocolJSON)
async def list_(
    thread_id: str,
    user: ProtocolUser,
    res: Res,
    runs: Runs,
    limit: int = Query(10, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    status: str | None = None,
    select: Annotated[list[str] | None, Query()] = None,
) -> Any:
    thread = await owned_thread(res, user, thread_id)
    found, headers = await run_page(
        res,
        runs,
        user,
        thread.thread_id,
        limit=limit,
        offset=offset,
        status=status,
        select=select,
    )
    return ProtocolJSON(found, headers=headers)


@router.get("/threads/{thread_id}/runs/{run_id}", response_class=ProtocolJSON)
async def get(thread_id: str, run_id: str, user: ProtocolUser, res: Res, runs: Runs) -> Any:
    _, live, row = await find_run(res, runs, user, thread_id, run_id)
    if live is not None:
        return ProtocolJSON(run_json(live, row))
    assert row is not None  # find_run: the row when no run is live
    return ProtocolJSON(run_json(row))


@router.get("/threads/{thread_id}/runs/{run_id}/join")
async def join(
    thread_id: str,
    run_id: str,
    user: ProtocolUser,
    res: Res,
    runs: Runs,
    cancel_on_disconnect: bool = False,
) -> Any:
    thread, live, _ = await find_run(res, runs, user, thread_id, run_id)
    on_close = cancel_if_left(runs, live, cancel_on_disconnect) if live else None
    return ClosingStream(
        output_body(res, user, thread.thread_id, live),
        media_type="application/json",
        headers=run_headers(thread.thread_id, run_id, "join"),
        on_close=on_close,
    )


@router.post("/threads/{thread_id}/runs/{run_id}/cancel")
async def cancel(
    thread_id: str,
    run_id: str,
    user: ProtocolUser,
    res: Res,
    runs: Runs,
    wait: bool = False,
    action: Literal["interrupt", "rollback"] = "interrupt",
) -> Any:
    thread, live, _ = await find_run(res, runs, user, thread_id, run_id)
    if live is not None:
        await runs.cancel(live.run_id, action)
    if not wait:
        return Response(status_code=202)
    return ClosingStream(
        output_body(res, user, thread.thread_id, live),
        media_type="application/json",
        headers=run_headers(thread.thread_id, run_id, "join"),
    )
