"""Finding one of the caller's runs, and what waiting for it returns.

A run is the caller's when its thread is: the thread is checked first (404 for
anyone else's), then the run must belong to that thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

from server.refusals import NotFound
from server.resources import Resources
from server.runs import Run, RunManager, ThreadRow, owned_thread
from server.runs.orphans import settled
from server.runs.store import RunRow, get_run_row
from server.runs.threads import user_graph
from server.wire_json import dumps, interrupts_json

KEEPALIVE_S = 5.0  # whitespace before a JSON body keeps proxies from timing out


class RunNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("Run not found.")


async def find_run(
    resources: Resources, runs: RunManager, user: UUID, thread_id: str, run_id: str
) -> tuple[ThreadRow, Run | None, RunRow | None]:
    """The thread, and the live run or (once it has left memory) its row; both for a run
    another instance executes (the row has what its follower here lacks: its metadata
    and kwargs). A row still unfinished is ended first if its owner died (orphans.py): a
    follower of another instance's run does not vouch for that instance, nor for a run
    whose row is gone."""
    thread = await owned_thread(resources, user, thread_id)
    live = await runs.find(run_id)  # with Redis, also a run another instance executes
    if live is not None and (live.thread_id != thread.thread_id or live.user_id != user):
        live = None
    if live is not None and not live.remote:
        return thread, live, None
    row = await get_run_row(resources.pool, user, thread.thread_id, run_id)
    if row is not None:
        row = await settled(runs, resources.pool, row)
    if row is None:  # never recorded, or forgotten (a rollback deletes it) though its
        raise RunNotFound()  # process still shares its events for a while
    if live is not None:
        return thread, live, row
    return thread, None, row


async def _error_of(run: Run) -> dict[str, Any]:
    async for event in run.events(max(run.log.last_seq - 1, 0)):
        if event.mode == "error" and isinstance(event.data, dict):
            return event.data
    return {"error": "RunError", "message": run.error or "The run failed."}


async def run_output(run: Run) -> dict[str, Any]:
    """The ended run's result as `runs.wait`/`join` return it: the thread's values,
    with `__interrupt__` when it waits for a decision, or `__error__` when it failed."""
    if run.status == "error":
        return {"__error__": await _error_of(run)}
    values = dict(run.values)
    if run.interrupts:
        values["__interrupt__"] = interrupts_json(run.interrupts)
    return values


async def thread_output(resources: Resources, user_id: UUID, thread_id: str) -> dict[str, Any]:
    """The same for a run no longer in memory: the thread's latest state."""
    graph = user_graph(resources, user_id)
    state = await graph.aget_state({"configurable": {"thread_id": thread_id}})
    values = dict(state.values or {})
    if state.interrupts:
        values["__interrupt__"] = interrupts_json(state.interrupts)
    return values


async def output_body(
    resources: Resources, user_id: UUID, thread_id: str, run: Run | None
) -> AsyncIterator[bytes]:
    if run is not None:
        while not run.done:
            try:
                await asyncio.wait_for(run.ended(), KEEPALIVE_S)
            except TimeoutError:
                yield b"\n"
        yield dumps(await run_output(run))
    else:
        yield dumps(await thread_output(resources, user_id, thread_id))
