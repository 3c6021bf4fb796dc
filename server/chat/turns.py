"""Starting a chat turn or a resume: the thread (new or the user's own), idempotent
message ids, and the run. Both transports call these; they differ only in framing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from langchain_core.messages import HumanMessage

from agent.approval_edits import renamed_edit
from agent.approvals import stale_decision_text
from agent.context import Context
from server.chat.schemas import ChatRequest, ClientContext, ResumeRequest
from server.refusals import BadInput, Conflict
from server.resources import Resources
from server.runs import (
    DuplicateMessage,
    Run,
    RunManager,
    RunRequest,
    create_thread,
    owned_thread,
)
from server.runs.orphans import settled
from server.runs.run import interrupt_payload
from server.runs.store import RunRow, get_run_row, run_for_message
from server.runs.threads import owned_thread_id, user_graph
from tools.db.thread_keys import thread_key


@dataclass(frozen=True)
class Turn:
    """A turn to report on: a run in memory, or (for a retried message_id whose run has
    left memory) its stored row."""

    thread_id: str
    run_id: str
    run: Run | None
    row: RunRow | None = None


class NothingToResume(Conflict):
    """409 for a decision with nothing waiting; the detail says what became of it (set
    aside by a message the user wrote meanwhile, or already answered)."""


def turn_context(
    resources: Resources,
    user_id: UUID,
    client: ClientContext | None,
    typed_at: datetime | None = None,
) -> Context:
    """`typed_at`: when the turn's message was typed (sent later, from a queue): the
    turn's clock. Only a message's own context gives it, never a connection's stored one."""
    return Context(
        user_id=str(user_id),
        now=typed_at.isoformat() if typed_at else None,
        client=(
            client.model_dump(mode="json", exclude_none=True, exclude={"typed_at"})
            if client
            else None
        ),
        pool=resources.pool,
        services=resources.services,
        reply_tokens=True,  # the reply streams as custom chunks (agent/reply_stream.py)
    )


async def replay(resources: Resources, runs: RunManager, row: RunRow) -> Turn:
    """The turn of a message_id seen before: followed live when it still runs (here, or
    with Redis on another instance), else told from its row (ended as lost, never run
    again, when the process running it died: see orphans.py)."""
    live = await runs.find(str(row.id))
    if live is None or live.remote:  # a follower here does not vouch for its owner
        row = await settled(runs, resources.pool, row)
    return Turn(str(row.thread_id), str(row.id), live, row)


async def start_chat(
    resources: Resources,
    runs: RunManager,
    user_id: UUID,
    request: ChatRequest,
    client: ClientContext | None = None,
) -> Turn:
    """ThreadNotFound (404) for a thread that is not the user's; ThreadBusy when one of
    its turns is running; the earlier turn for a message_id already seen."""
    if request.thread_id is None:
        thread_id = (await create_thread(resources, user_id)).thread_id
    else:
        thread_id = await owned_thread_id(resources, user_id, request.thread_id)
    if request.message_id is not None:
        prior = await run_for_message(resources.pool, user_id, thread_id, request.message_id)
        if prior is not None:
            return await replay(resources, runs, prior)
    message = HumanMessage(request.message, id=str(uuid4()))
    try:
        run = await runs.start(
            RunRequest(
                thread_id=thread_id,
                user_id=user_id,
                input={"messages": [message]},
                context=turn_context(
                    resources,
                    user_id,
                    request.context or client,
                    request.context.typed_at if request.context else None,
                ),
                message_id=request.message_id,
            )
        )
    except DuplicateMessage as duplicate:  # the same message_id raced this one
        racing = await runs.find(duplicate.run_id)
        if racing is not None:
            return Turn(thread_id, racing.run_id, racing)
        row = await get_run_row(resources.pool, user_id, thread_id, duplicate.run_id)
        if row is None:
            raise
        return await replay(resources, runs, row)
    return Turn(thread_id, run.run_id, run)


async def start_resume(
    resources: Resources,
    runs: RunManager,
    user_id: UUID,
    request: ResumeRequest,
    client: ClientContext | None = None,
) -> Turn:
    """Answer the thread's pending approval: one decision per action request."""
    thread_id = (await owned_thread(resources, user_id, request.thread_id)).thread_id
    decisions = [d.payload() for d in request.decisions]
    if runs.active(thread_key(user_id, thread_id)) is None:
        graph = user_graph(resources, user_id)
        state = await graph.aget_state({"configurable": {"thread_id": thread_id}})
        pending = interrupt_payload(list(state.interrupts or ()))
        if pending is None:
            raise NothingToResume(stale_decision_text(list(state.values.get("messages") or [])))
        _check_count(pending, len(request.decisions))
        _check_edits(pending, decisions)
    run = await runs.start(
        RunRequest(
            thread_id=thread_id,
            user_id=user_id,
            command={"resume": {"decisions": decisions}},
            context=turn_context(resources, user_id, client),
        )
    )
    return Turn(thread_id, run.run_id, run)


def _check_edits(pending: dict[str, Any], decisions: list[dict[str, Any]]) -> None:
    """An edit keeps the action it answers (agent/approval_edits.py): 422, nothing run."""
    asked = [str(r.get("name")) for r in pending.get("action_requests") or []]
    for i, (name, decision) in enumerate(zip(asked, decisions, strict=False)):
        other = renamed_edit(decision, name)
        if other is not None:
            raise BadInput(
                f"Invalid request — decisions[{i}].edited_action.name: an edit changes the"
                f" details of {name}, not which action runs ({other})."
            )


def _check_count(pending: dict[str, Any], given: int) -> None:
    wanted = len(pending.get("action_requests") or [])
    if wanted and wanted != given:
        raise BadInput(f"Invalid request — decisions: {wanted} pending action(s) need {wanted}.")
