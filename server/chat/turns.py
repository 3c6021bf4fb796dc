"""Starting a chat turn or a resume: the thread (new or the user's own), idempotent
message ids, and the run. Both transports call these; they differ only in framing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4, uuid5

from langchain_core.messages import HumanMessage

from agent.approval_edits import renamed_edit
from agent.approvals import stale_decision_text
from agent.context import Context
from agent.transcript import thread_uuid
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
from tools.db.scope import user_db
from tools.db.thread_keys import thread_key

# The namespace of a turn's message id made from the client's message_id (human_message_id).
CLIENT_MESSAGE_IDS = UUID("0b7e3c2a-5f4d-4e61-9a8b-2c1d3e4f5a60")


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


def human_message_id(thread_id: str, message_id: str | None) -> str:
    """The id of a turn's message in the thread (and its transcript): made from the
    client's message_id when there is one, so the words first sent under that id can be
    found again (check_same_message)."""
    if message_id is None:
        return str(uuid4())
    return str(uuid5(CLIENT_MESSAGE_IDS, f"{thread_id}\n{message_id}"))


async def check_same_message(
    resources: Resources, user_id: UUID, thread_id: str, request: ChatRequest
) -> None:
    """409 when the thread's message sent under this message_id had other words: a
    retry repeats its message, so this is a new message under a used id (a client
    numbering its messages afresh after a reload), and answering it with the first
    turn's reply would drop it without a word (try15). Nothing to compare (the turn
    still running, or from before ids were made so): taken as a retry."""
    assert request.message_id is not None
    async with user_db(resources.pool, user_id) as db:
        cur = await db.conn.execute(
            "SELECT content FROM chat_messages WHERE thread_id = %s AND message_id = %s"
            " AND role = 'human'",
            (thread_uuid(thread_id), human_message_id(thread_id, request.message_id)),
        )
        first = await cur.fetchone()
    if first is not None and first["content"] != request.message:
        said = first["content"] if len(first["content"]) <= 60 else first["content"][:60] + "…"
        raise Conflict(
            f"message_id {request.message_id!r} was already used on this thread for another"
            f" message (“{said}”), so this one was not sent: give each new message its own"
            " message_id."
        )


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
            await check_same_message(resources, user_id, thread_id, request)
            return await replay(resources, runs, prior)
    message = HumanMessage(request.message, id=human_message_id(thread_id, request.message_id))
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
        _check_question(pending, request.interrupt_id)
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


def _check_question(pending: dict[str, Any], answered: str | None) -> None:
    """Decisions made for one question never answer another: a card left open in a tab
    while the question was answered elsewhere and a new one asked would have approved
    the new one, unseen."""
    if answered is None or answered == pending.get("interrupt_id"):
        return
    asked = [
        str(r.get("description") or r.get("name")) for r in pending.get("action_requests") or []
    ]
    now = f" PAM now asks: “{' '.join(asked)}”" if asked else ""
    raise NothingToResume(
        "The question you answered is no longer the one waiting, so nothing was done."
        f"{now} Answer that one if you want it."
    )


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
