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
from langgraph.errors import GraphRecursionError
from langgraph.types import Command
from structlog.contextvars import bind_contextvars

from agent.context import Context
from agent.nodes import GENERAL
from server.errors import DB_UNAVAILABLE, UNAVAILABLE
from server.flags.apply import observe_arm
from server.metrics import MODEL_TOKENS, TURN_LATENCY, TURNS
from server.metrics_callbacks import MetricsCallback
from server.runs.admission import Ticket
from server.runs.coordinator import Lease
from server.runs.graph_stream import graph_stream
from server.runs.rollback import forgotten, undo
from server.runs.run import Run, RunStatus, turn_result
from server.runs.store import run_update_statements, update_run
from server.runs.user_graphs import users_graph
from tools.db.checkpoint_batch import run_batch
from tools.db.pool import Pool

log = structlog.get_logger("pam.runs")

FAILED = "The run failed on our side."


def run_config(run: Run, checkpoint_id: str | None = None) -> dict[str, Any]:
    asked = run.graph_options.config
    configurable: dict[str, Any] = {
        **asked.get("configurable", {}),
        "thread_id": run.thread_id,
        "run_id": run.run_id,
    }
    if checkpoint_id:
        configurable["checkpoint_id"] = checkpoint_id
    # LangGraph copies string metadata into every checkpoint: run_id there is what a
    # rollback deletes by. The user is always the run's own (from the token).
    metadata = {
        **run.metadata,
        "run_id": run.run_id,
        "thread_id": run.thread_id,
        "user_id": str(run.user_id),
    }
    metadata.pop("usage", None)  # the run's own result, not a setting to pass on
    config: dict[str, Any] = {
        "configurable": configurable,
        "metadata": metadata,
        "run_id": UUID(run.run_id),
        "callbacks": [MetricsCallback()],
    }
    for key in ("recursion_limit", "tags"):
        if key in asked:
            config[key] = asked[key]
    return config


def graph_input(input: dict[str, Any] | None, command: dict[str, Any] | None) -> Any:
    if command is None:
        return input
    fields = {k: command[k] for k in ("resume", "goto", "update") if command.get(k) is not None}
    return Command(**fields)


class RunEnd:
    """The run's end state as its own stream tells it: the last top-level values chunk
    (its `__interrupt__` apart) is the thread's state, as `aget_state` would read it back
    from the checkpoint; a read and a deserialisation per turn saved."""

    def __init__(self) -> None:
        self.values: dict[str, Any] | None = None
        self.interrupts: list[Any] = []

    def see(self, mode: str, data: Any) -> None:
        if not isinstance(data, dict):
            return
        if mode == "values":
            self.values = {k: v for k, v in data.items() if k != "__interrupt__"}
        if mode in ("values", "updates") and data.get("__interrupt__"):
            self.interrupts = list(data["__interrupt__"])  # a run stops at its interrupt

    def settle(self, run: Run) -> bool:
        if self.values is None:  # no values chunk (nothing ran): read the state back
            return False
        run.values, run.interrupts = self.values, self.interrupts
        run.result = turn_result(run.values, run.interrupts)
        return True


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
    lease: Lease,
    ticket: Ticket,
    delay_s: float = 0,
) -> None:
    """Run the graph once its delay (`delay_s`, pending) is over, the runs queued ahead
    of this one here have ended, the thread is the run's in every process (`lease`) and
    the process admits one more run (`ticket`, given back by the run manager when the
    task is done); let the thread go at the end."""
    try:
        await _execute(
            run, graph, pool, payload, context, checkpoint_id, ahead, lease, ticket, delay_s
        )
    finally:
        await lease.end()


async def _execute(
    run: Run,
    graph: Any,
    pool: Pool,
    payload: Any,
    context: Context,
    checkpoint_id: str | None,
    ahead: list[Run],
    lease: Lease,
    ticket: Ticket,
    delay_s: float,
) -> None:
    status: RunStatus = "error"
    recorded = False  # the end already written with the run's checkpoints
    error: str | None = None
    marking: asyncio.Task[None] | None = None
    graph = users_graph(graph, run.user_id)  # the client's thread id, in the user's namespace
    # The task runs in its own copy of the context: these tag every log line of the turn.
    bind_contextvars(run_id=run.run_id, thread_id=run.thread_id, user_id=str(run.user_id))
    try:
        if delay_s > 0:  # a delayed start: pending meanwhile, ended early by a cancel
            await asyncio.sleep(delay_s)
        for other in ahead:  # enqueue: wait for the runs before this one
            await other.ended()
        await lease.acquire()
        await ticket.take()  # beyond the process's limit of runs at once: wait in order
        if run.status != "running":  # it waited (enqueued, for its lease or its turn)
            run.set_status("running")
            # Recorded while the graph starts (the first token need not wait for the
            # row); awaited before the run's end is recorded, so the two never cross.
            marking = asyncio.create_task(update_run(pool, run))
        started = time.monotonic()
        end = RunEnd()
        # The run's checkpoints go to Postgres in one transaction when it stops
        # (tools/db/checkpoint_batch.py); a failed write fails the run. "sync" asks for
        # each step's checkpoint to be written before the next step: not held. The
        # batch holds what reaches the saver (under the user's view): the thread's key.
        held = graph.checkpointer.saver if run.durability != "sync" else None
        async with run_batch(held, run.thread_key) as batch:
            async for namespace, mode, data in graph_stream(
                graph,
                payload,
                run_config(run, checkpoint_id),
                run.graph_options,
                context=context.starting_turn(),  # the turn's model deadline runs from here
                durability=run.durability,
            ):
                run.log.append(mode, tuple(namespace), data)
                if not namespace:
                    end.see(mode, data)
                if mode in ("messages", "custom"):
                    # Readers get a turn per token, so each reaches its client as it
                    # comes, even from a model that hands over its reply in one go.
                    await asyncio.sleep(0)
            settled = end.settle(run)
            if settled:
                record_usage(run)
            if settled and batch is not None:
                # The run's end goes in its checkpoints' transaction: one less per turn.
                # The row's "running" lands first; a failed write fails the run, whose
                # error is then recorded on its own, as any failure's.
                await _marked(marking)
                marking = None
                run.set_status("interrupted" if run.interrupts else "success")
                batch.close_with(run_update_statements(run))
        if not settled:
            await _snapshot(graph, run)
            record_usage(run)
        recorded = batch is not None and batch.closing_written
        status = "interrupted" if run.interrupts else "success"
        observe_turn(run, time.monotonic() - started)
    except asyncio.CancelledError:
        # Ours (RunManager.cancel or shutdown): record it; the task then ends normally.
        status = "cancelled"
    except Exception as exc:
        if isinstance(exc, DB_UNAVAILABLE):  # not a bug: the client may try again
            log.warning("run stopped: database unavailable", run_id=run.run_id, error=str(exc))
            error = UNAVAILABLE
        elif isinstance(exc, GraphRecursionError) and run.kwargs is not None:
            # An Agent Protocol client's own `recursion_limit` reached: LangGraph's message
            # names the limit and the config key (nothing of ours), as its server says it.
            log.warning("run stopped: recursion limit", run_id=run.run_id)
            error = str(exc)
        else:
            log.exception("run failed", run_id=run.run_id, thread_id=run.thread_id)
            error = FAILED
        run.log.append("error", (), {"error": type(exc).__name__, "message": error})
    await _marked(marking)
    await _record_end(run, graph, pool, status, error, recorded)


async def _marked(marking: asyncio.Task[None] | None) -> None:
    if marking is None:
        return
    try:
        await marking
    except Exception as exc:  # the end's own update says what happened
        log.warning("could not record the run as running", error=str(exc))


async def _record_end(
    run: Run, graph: Any, pool: Pool, status: RunStatus, error: str | None, recorded: bool
) -> None:
    """Record how the run ended (unless its checkpoints' transaction already did), undo
    it when it was rolled back, then close its event log. All before the run lets its
    thread go (`execute`): the next run never sees a rollback half done."""
    if status == "cancelled":
        try:
            await _snapshot(graph, run)
        except Exception:
            log.warning("no state after cancel", run_id=run.run_id)
    if run.cancel_action == "rollback":
        try:
            await undo(pool, run)
        except Exception:  # its cancel tries again, and fails its caller if it must
            log.exception("rollback not undone by the run", run_id=run.run_id)
    if not recorded and not (run.undone and forgotten(run)):  # no row left to update
        run.set_status(status)
        run.error = error
        try:
            await update_run(pool, run)
        except Exception:
            log.exception("could not record the run's end", run_id=run.run_id)
    run.end(status, error)


# Turn metrics: how many turns and how long they took, by the domains they were routed
# to, and the model tokens they used (also kept in the run's metadata).
def observe_turn(run: Run, seconds: float) -> None:
    """Count a turn that reached its end or an approval (not failed or cancelled ones)."""
    route = run.values.get("route") or [GENERAL]
    for domain in dict.fromkeys(str(d) for d in route):
        TURNS.labels(domain=domain).inc()
        TURN_LATENCY.labels(domain=domain).observe(seconds)
    observe_arm(str(run.metadata.get("experiment_variant") or "default/default"), seconds)


def record_usage(run: Run) -> None:
    """The model tokens the turn used, counted and kept in the run's metadata."""
    usage = run.values.get("usage")
    if not isinstance(usage, dict) or not usage.get("calls"):
        return
    for entry in usage.get("by") or []:
        labels = {"model": str(entry.get("model")), "domain": str(entry.get("domain"))}
        MODEL_TOKENS.labels(**labels, kind="input").inc(int(entry.get("input_tokens") or 0))
        MODEL_TOKENS.labels(**labels, kind="output").inc(int(entry.get("output_tokens") or 0))
    run.metadata["usage"] = {k: v for k, v in usage.items() if k != "counted"}
