"""Start a run on one of the caller's threads (creating it when asked to)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from agent.context import Context
from server.agent_protocol.assistant import GRAPH_ID
from server.agent_protocol.assistant_rows import find_run_assistant
from server.agent_protocol.protocol_events import STARTED_MS, started_ms
from server.agent_protocol.run_view import remember
from server.agent_protocol.runs_input import CheckedRun, run_request
from server.agent_protocol.schemas import RunCreate
from server.refusals import Conflict
from server.resources import Resources
from server.runs import Run, RunManager, RunRequest, ThreadBusy, create_thread
from server.runs.threads import (
    ThreadExists,
    ThreadNotFound,
    owned_thread_id,
    require_checkpoint,
)

BUSY = (
    "Thread is already running a task. Wait for it to finish or choose a different "
    "multitask strategy."
)


async def run_thread(resources: Resources, user: UUID, thread_id: str, if_not_exists: str) -> str:
    """The id of the user's thread to run on, created first when asked to."""
    if if_not_exists != "create":
        return await owned_thread_id(resources, user, thread_id)
    try:  # the user's own thread of that id, new or not (other users' never in the way)
        row = await create_thread(resources, user, thread_id=thread_id, if_exists="do_nothing")
        return row.thread_id
    except ThreadExists:  # deleted the instant it was found: as an unknown id
        raise ThreadNotFound() from None


def run_kwargs(body: RunCreate, checked: CheckedRun, temporary: bool) -> dict[str, Any]:
    """What the run was started with, as LangGraph's server keeps a run's `kwargs` (kept on
    its row for runs.get and runs.list): the config as the graph is given it (the
    context mirrored into its configurable, as LangGraph's server does) without the run's
    own ids and metadata, which run_view.shown_kwargs adds from the row."""
    config = checked.graph.config
    context = body.context or {}
    durability = body.durability or "async"
    return {
        "input": body.input,
        "command": body.command.model_dump(exclude_none=True) if body.command else None,
        "config": {**config, "configurable": {**context, **config.get("configurable", {})}},
        "context": context,
        # As asked for, in the client's order (checked: run_request refused any other).
        "stream_mode": [body.stream_mode]
        if isinstance(body.stream_mode, str)
        else list(body.stream_mode) or ["values"],
        "interrupt_before": body.interrupt_before,
        "interrupt_after": body.interrupt_after,
        "webhook": None,
        "feedback_keys": None,
        "temporary": temporary,
        "subgraphs": body.stream_subgraphs,
        "resumable": body.stream_resumable,
        "checkpoint_during": durability != "exit",
        "durability": durability,
    }


async def start_run(
    resources: Resources,
    runs: RunManager,
    user: UUID,
    thread_id: str,
    body: RunCreate,
    *,
    temporary: bool = False,
) -> Run:
    """`temporary`: the run's thread is deleted when it ends (a stateless run's)."""
    assistant = await find_run_assistant(resources.pool, user, body.assistant_id)
    if assistant["context"]:  # the assistant's saved context, under the run's own
        body = body.model_copy(update={"context": {**assistant["context"], **(body.context or {})}})
    checked = run_request(body, resources.graph.nodes, assistant["assistant_id"])
    if checked.checkpoint_id is not None:  # before the thread is made or anything runs
        await require_checkpoint(resources, user, thread_id, checked.checkpoint_id)
    run_thread_id = await run_thread(resources, user, thread_id, body.if_not_exists)
    context = Context(
        user_id=str(user), client=checked.client, pool=resources.pool, services=resources.services
    )
    request = RunRequest(
        thread_id=run_thread_id,
        user_id=user,
        input=checked.input,
        command=checked.command,
        context=context,
        multitask_strategy=body.multitask_strategy,
        checkpoint_id=checked.checkpoint_id,
        metadata={
            **checked.metadata,
            "assistant_id": assistant["assistant_id"],
            "graph_id": GRAPH_ID,
        },
        on_disconnect=body.on_disconnect,
        # LangGraph's default is a checkpoint per step ("async"), for the history and
        # time travel these clients use; PAM's chat turns checkpoint at exit.
        durability=body.durability or "async",
        # for joins on other instances
        extras={
            **checked.options.extras(),
            "assistant_id": assistant["assistant_id"],
            # how the thread stream (v3) numbers its events, on every instance
            STARTED_MS: started_ms(datetime.now(UTC)),
        },
        graph_options=checked.graph,
        delay_s=body.after_seconds or 0,
        kwargs=run_kwargs(body, checked, temporary),
        # As LangGraph's server: the assistant's metadata, then the thread's, then the
        # run's own (the run's assistant and graph over all).
        inherited_metadata=assistant.get("metadata") or {},
    )
    try:
        run = await runs.start(request)
    except ThreadBusy:
        raise Conflict(BUSY) from None
    remember(run, checked.options)
    return run
