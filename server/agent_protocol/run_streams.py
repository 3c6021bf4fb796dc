"""Streaming runs: create-and-stream, and joining a run's stream (with Last-Event-ID)."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Header, Query

from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.run_lookup import find_run
from server.agent_protocol.run_start import start_run
from server.agent_protocol.run_view import options_of
from server.agent_protocol.runs import cancel_if_left, run_headers
from server.agent_protocol.schemas import RunCreate
from server.agent_protocol.sse import frame, run_frames, sse_response
from server.agent_protocol.stream_parts import UnsupportedStreamMode, stream_modes
from server.deps import Res
from server.refusals import BadInput
from server.runs.deps import Runs

router = APIRouter(tags=["agent protocol"])


@router.post("/threads/{thread_id}/runs/stream")
async def stream(thread_id: str, body: RunCreate, user: ProtocolUser, res: Res, runs: Runs) -> Any:
    run = await start_run(res, runs, user, thread_id, body)
    return sse_response(
        run_frames(run, options_of(run).plan(run.run_id), after=None),
        headers=run_headers(run.thread_id, run.run_id, "stream"),
        on_close=cancel_if_left(runs, run, body.on_disconnect == "cancel"),
    )


def _last_event_id(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise BadInput("Last-Event-ID must be an event id this server sent.") from None


def _join_modes(values: list[str] | None) -> frozenset[str] | None:
    """Modes to follow: repeated `stream_mode` parameters (the Python SDK) or one JSON
    array (the JS SDK); none means the modes the run was started with."""
    modes: list[str] = []
    try:
        for value in values or []:
            parsed = orjson.loads(value) if value.startswith("[") else [value]
            modes += [str(m) for m in parsed if m]
        return stream_modes(modes) if modes else None
    except (orjson.JSONDecodeError, TypeError, UnsupportedStreamMode) as exc:
        raise BadInput(f"stream_mode: {exc}") from None


async def _ended() -> Any:
    yield frame("end", None)


@router.get("/threads/{thread_id}/runs/{run_id}/stream")
async def join_stream(
    thread_id: str,
    run_id: str,
    user: ProtocolUser,
    res: Res,
    runs: Runs,
    last_event_id: Annotated[str | None, Header()] = None,
    stream_mode: Annotated[list[str] | None, Query()] = None,
    cancel_on_disconnect: bool = False,
) -> Any:
    after = _last_event_id(last_event_id)
    modes = _join_modes(stream_mode)
    thread, live, _ = await find_run(res, runs, user, thread_id, run_id)
    headers = run_headers(thread.thread_id, run_id, "stream")
    if live is None:  # ended long ago: nothing left to replay
        return sse_response(_ended(), headers=headers)
    return sse_response(
        run_frames(live, options_of(live).plan(live.run_id, modes), after=after),
        headers=headers,
        on_close=cancel_if_left(runs, live, cancel_on_disconnect),
    )
