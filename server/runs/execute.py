"""The body of a run's asyncio task: stream the graph into the run's event log.

The task belongs to the run manager, not to a request, so a client that disconnects
never cancels (and never loses) a turn: it finishes and is checkpointed regardless.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any
from uuid import UUID

import structlog
from langgraph.types import Command
from structlog.contextvars import bind_contextvars

from agent.context import Context
from server.runs.observe import observe_turn
from server.runs.result import turn_result
from server.runs.run import Run, RunStatus
from server.runs.store import update_run
from tools.db.pool import Pool

log = structlog.get_logger("pam.runs")

STREAM_MODES = ["values", "updates", "messages", "custom"]
# Checkpoint when the run stops (its end, an approval interrupt, an error), not after
# every step: one write per turn instead of one per step and subgraph step. A process
# killed mid-turn leaves the thread at its previous turn; the run row (with its
# message_id) is already recorded, so a retried message is not run twice.
DURABILITY = "exit"
FAILED = "The run failed on our side."


def run_config(run: Run, checkpoint_id: str | None = None) -> dict[str, Any]:
    configurable: dict[str, Any] = {"thread_id": run.thread_id}
    if checkpoint_id:
        configurable["checkpoint_id"] = checkpoint_id
    # LangGraph copies string metadata into every checkpoint: run_id there is what a
    # rollback deletes by.
    metadata = {**run.metadata, "run_id": run.run_id, "user_id": str(run.user_id)}
    return {"configurable": configurable, "metadata": metadata, "run_id": UUID(run.run_id)}


def graph_input(input: dict[str, Any] | None, command: dict[str, Any] | None) -> Any:
    if command is None:
        return input
    fields = {k: command[k] for k in ("resume", "goto", "update") if command.get(k) is not None}
    return Command(**fields)


async def _snapshot(graph: Any, run: Run) -> None:
    """The thread's latest state (not the fork point) once the run has stopped."""
    state = await graph.aget_state({"configurable": {"thread_id": run.thread_id}})
    run.values = dict(state.values or {})
    run.interrupts = list(state.interrupts or ())
    run.result = turn_result(run.values, run.interrupts)


async def execute(
    run: Run,
    *,
    graph: Any,
    pool: Pool,
    payload: Any,
    context: Context,
    checkpoint_id: str | None,
    ahead: list[Run],
) -> None:
    status: RunStatus = "error"
    error: str | None = None
    # The task runs in its own copy of the context: these tag every log line of the turn.
    bind_contextvars(run_id=run.run_id, thread_id=run.thread_id, user_id=str(run.user_id))
    try:
        for other in ahead:  # enqueue: wait for the runs before this one
            await other.ended()
        run.set_status("running")
        await update_run(pool, run)
        started = time.monotonic()
        async for namespace, mode, data in graph.astream(
            payload,
            run_config(run, checkpoint_id),
            context=context,
            stream_mode=STREAM_MODES,
            subgraphs=True,
            durability=DURABILITY,
        ):
            run.log.append(mode, tuple(namespace), data)
        await _snapshot(graph, run)
        status = "interrupted" if run.interrupts else "success"
        observe_turn(run, time.monotonic() - started)
    except asyncio.CancelledError:
        # Ours (RunManager.cancel or shutdown): record it; the task then ends normally.
        status = "cancelled"
    except Exception as exc:
        log.exception("run failed", run_id=run.run_id, thread_id=run.thread_id)
        error = FAILED
        run.log.append("error", (), {"error": type(exc).__name__, "message": FAILED})
    await _record_end(run, graph, pool, status, error)


async def _record_end(
    run: Run, graph: Any, pool: Pool, status: RunStatus, error: str | None
) -> None:
    if status == "cancelled":
        try:
            await _snapshot(graph, run)
        except Exception:
            log.warning("no state after cancel", run_id=run.run_id)
    run.set_status(status)
    run.error = error
    try:
        await update_run(pool, run)
    except Exception:
        log.exception("could not record the run's end", run_id=run.run_id)
    run.end(status, error)
