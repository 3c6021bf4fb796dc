"""`GET /threads/{thread_id}/stream` (the SDKs' `threads.join_stream` / `joinStream`):
every run on the thread, as it runs, until the client goes away.

Each run streams as its own stream would (its `metadata`, then its events in the modes
it was started with) and ends with `metadata {"status": "run_done", "run_id"}`, as
LangGraph's server sends it (`run_modes`, the default). `lifecycle` keeps only the two
metadata events. `state_update` sends an event `state_update` {"state", "thread_id"}
for each update_state on the thread (thread_updates.py). Modes combine (a list, or
comma-separated); the mode is read from `stream_mode` (what the Python SDK sends) or
`stream_modes`. Runs are found on this instance; a run on another instance is followed
by joining it (`/threads/{id}/runs/{run_id}/stream`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, get_args

from fastapi import APIRouter, Query

from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.run_view import options_of
from server.agent_protocol.sse import frame, run_frames, sse_response
from server.agent_protocol.thread_updates import listening
from server.deps import Res
from server.refusals import BadInput
from server.runs import RunManager, owned_thread
from server.runs.deps import Runs
from server.runs.run import Run

router = APIRouter(tags=["agent protocol"])
ThreadStreamMode = Literal["run_modes", "lifecycle", "state_update"]
POLL_S = 0.05  # how soon a new run on the thread is picked up


def _modes(values: list[str]) -> set[str]:
    modes = {m.strip() for v in values for m in v.split(",") if m.strip()} or {"run_modes"}
    unknown = sorted(modes - set(get_args(ThreadStreamMode)))
    if unknown:
        raise BadInput(
            f"stream_mode: {', '.join(unknown)} is not a thread stream mode; use run_modes,"
            " lifecycle or state_update.",
        )
    return modes


def _next_run(runs: RunManager, thread_key: str, joined: datetime, seen: set[str]) -> Run | None:
    """The run to stream next: the one running when the client joined, then every run
    started since, in order — a run that starts and ends between two looks is not
    missed (it is replayed)."""
    active = runs.active(thread_key)
    candidates = ([active] if active else []) + runs.started_since(thread_key, joined)
    return next((r for r in candidates if r.run_id not in seen), None)


async def _thread_frames(
    runs: RunManager,
    thread_key: str,
    modes: set[str],
    joined: datetime,
    updates: asyncio.Queue[dict[str, Any]],
) -> AsyncIterator[bytes]:
    seen: set[str] = set()
    while True:
        run = _next_run(runs, thread_key, joined, seen)
        if run is None:  # idle: a state update, if one comes meanwhile
            try:  # asyncio.timeout, not wait_for: 3.11's wait_for can swallow the
                # cancel that ends the stream when the client leaves, and the loop went on
                async with asyncio.timeout(POLL_S):
                    update = await updates.get()
            except TimeoutError:
                continue
            if "state_update" in modes:
                yield frame("state_update", update)
            continue
        seen.add(run.run_id)
        if "run_modes" in modes:
            async for chunk in run_frames(run, options_of(run).plan(run.run_id), after=None):
                if not chunk.startswith(b"event: end\n"):
                    yield chunk
        elif "lifecycle" in modes:
            yield frame("metadata", {"run_id": run.run_id, "attempt": 1})
            await run.ended()
        else:  # state updates alone: the run's own events are not asked for
            await run.ended()
            continue
        yield frame("metadata", {"status": "run_done", "run_id": run.run_id})


async def _listening(
    pool: Any, runs: RunManager, thread_key: str, modes: set[str], joined: datetime
) -> AsyncIterator[bytes]:
    if "state_update" not in modes:  # no updates to listen for
        async for chunk in _thread_frames(runs, thread_key, modes, joined, asyncio.Queue()):
            yield chunk
        return
    with listening(pool, thread_key) as updates:
        async for chunk in _thread_frames(runs, thread_key, modes, joined, updates):
            yield chunk


@router.get("/threads/{thread_id}/stream")
async def join_thread_stream(
    thread_id: str,
    user: ProtocolUser,
    res: Res,
    runs: Runs,
    stream_mode: Annotated[list[str] | None, Query()] = None,
    stream_modes: Annotated[list[str] | None, Query()] = None,
) -> Any:
    joined = datetime.now(UTC)
    modes = _modes([*(stream_mode or []), *(stream_modes or [])])
    thread = await owned_thread(res, user, thread_id)
    frames = _listening(res.pool, runs, thread.key, modes, joined)
    return sse_response(frames, headers={})
