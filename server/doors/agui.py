"""The AG-UI door: POST /agui takes AG-UI's `RunAgentInput` and streams the turn as
AG-UI events (the `ag-ui-protocol` package's models and encoder), translated from the
same chat events the SSE and WebSocket transports send (server/chat/translate.py):

    metadata     -> RUN_STARTED (PAM's run id in `metadata.pam_run_id`)
    route        -> STEP_STARTED / STEP_FINISHED "route"
    token        -> TEXT_MESSAGE_START once, TEXT_MESSAGE_CONTENT per batch
    tool_call    -> TOOL_CALL_START, TOOL_CALL_ARGS (the JSON arguments), TOOL_CALL_END
    tool_result  -> TOOL_CALL_RESULT (the action's summary and ok)
    interrupt    -> STATE_SNAPSHOT, RUN_FINISHED with an `interrupt` outcome: one AG-UI
                    interrupt per action waiting for approval (its tool call id, the question)
    final        -> (the reply as a text message when no token carried it), STATE_SNAPSHOT
                    {thread_id, reply, ui_actions}, RUN_FINISHED with a `success` outcome
    error        -> RUN_ERROR

The thread is AG-UI's `threadId` (a new one becomes the user's; thread ids are per user,
so one that another user also has is, to this user, a new one).
A run's input is the last user message; a run whose input carries `resume` answers the
thread's pending approvals instead: `resolved` with payload {"type": "approve"} (the
default) or {"type": "reject"}, and `cancelled` is a rejection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID, uuid4

import orjson
import structlog
from ag_ui.core import (
    BaseEvent,
    CustomEvent,
    EventType,
    Interrupt,
    RunAgentInput,
    RunErrorEvent,
    RunFinishedEvent,
    RunFinishedInterruptOutcome,
    RunFinishedSuccessOutcome,
    RunStartedEvent,
    StateSnapshotEvent,
    StepFinishedEvent,
    StepStartedEvent,
    TextMessageContentEvent,
    TextMessageEndEvent,
    TextMessageStartEvent,
    ToolCallArgsEvent,
    ToolCallEndEvent,
    ToolCallResultEvent,
    ToolCallStartEvent,
    UserMessage,
)
from ag_ui.encoder import EventEncoder
from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from server.agent_protocol.auth import ProtocolUser
from server.chat.schemas import Decision, ResumeRequest
from server.chat.stream import turn_events
from server.chat.turns import Turn
from server.doors.turns import DoorRefusal, chat_request, resume_turn, start_turn
from server.errors import error_response
from server.routes.chat import STREAM_DOC
from server.sse import event_stream
from tools.run import validation_message

log = structlog.get_logger("pam.agui")
router = APIRouter(tags=["ag-ui"])
PATH = "/agui"
encoder = EventEncoder()


def _last_user_text(run: RunAgentInput) -> str:
    for message in reversed(run.messages):
        if isinstance(message, UserMessage):
            if isinstance(message.content, str):
                return message.content
            return "".join(getattr(part, "text", "") or "" for part in message.content)
    raise DoorRefusal(422, "Invalid request — messages: a user message is needed.")


def _decisions(run: RunAgentInput) -> list[Decision]:
    decisions = []
    for entry in run.resume or []:
        payload = entry.payload if isinstance(entry.payload, dict) else {}
        kind = payload.get("type", "approve") if entry.status == "resolved" else "reject"
        if kind not in ("approve", "reject"):
            raise DoorRefusal(422, "Invalid request — resume: payload.type is approve or reject.")
        decisions.append(Decision(type=kind))
    return decisions


def _answered(run: RunAgentInput) -> str:
    """The question the resume answers: its interrupts' ids are `<interrupt_id>:<i>`, so
    an entry for any other (an earlier question's, a made-up one) finds nothing to
    answer (409) instead of approving what waits now."""
    asked = {entry.interrupt_id.rsplit(":", 1)[0] for entry in run.resume or []}
    if len(asked) != 1:
        raise DoorRefusal(422, "Invalid request — resume: answers one question's interrupts.")
    return asked.pop()


async def start(request: Request, user: UUID, run: RunAgentInput) -> Turn:
    """Everything is checked before anything is written (a new thread included)."""
    if run.resume:  # answers a thread that already is the user's: nothing to claim
        try:
            body = ResumeRequest(
                thread_id=run.thread_id, decisions=_decisions(run), interrupt_id=_answered(run)
            )
        except ValidationError as exc:
            raise DoorRefusal(422, validation_message(exc)[0]) from None
        return await resume_turn(request.app, user, body)
    asked = chat_request(_last_user_text(run))
    return await start_turn(request.app, user, asked, claim=run.thread_id)


class Translation:
    """Chat events of one turn -> AG-UI events, keeping what AG-UI pairs up (the open
    text message) and what a closing snapshot tells."""

    def __init__(self, run: RunAgentInput) -> None:
        self.run = run
        self.message_id: str | None = None
        self.spoke = False
        self.calls: list[tuple[str, str, Any]] = []  # (id, name, args) of this turn's calls

    def _close_text(self) -> list[BaseEvent]:
        if self.message_id is None:
            return []
        closing = TextMessageEndEvent(type=EventType.TEXT_MESSAGE_END, message_id=self.message_id)
        self.message_id = None
        return [closing]

    def _text(self, delta: str) -> list[BaseEvent]:
        out: list[BaseEvent] = []
        if self.message_id is None:
            self.message_id = str(uuid4())
            out.append(
                TextMessageStartEvent(
                    type=EventType.TEXT_MESSAGE_START, message_id=self.message_id, role="assistant"
                )
            )
        out.append(
            TextMessageContentEvent(
                type=EventType.TEXT_MESSAGE_CONTENT, message_id=self.message_id, delta=delta
            )
        )
        self.spoke = True
        return out

    def _finished(self, outcome: Any, result: Any = None) -> RunFinishedEvent:
        return RunFinishedEvent(
            type=EventType.RUN_FINISHED,
            thread_id=self.run.thread_id,
            run_id=self.run.run_id,
            outcome=outcome,
            result=result,
        )

    def events(self, name: str, data: dict[str, Any]) -> list[BaseEvent]:
        if name == "metadata":
            return [
                RunStartedEvent(
                    type=EventType.RUN_STARTED,
                    thread_id=self.run.thread_id,
                    run_id=self.run.run_id,
                    metadata={"pam_run_id": data["run_id"]},
                )
            ]
        if name == "route":
            step = "route:" + ",".join(data["domains"])
            return [
                StepStartedEvent(type=EventType.STEP_STARTED, step_name=step),
                StepFinishedEvent(type=EventType.STEP_FINISHED, step_name=step),
            ]
        if name == "token":
            return self._text(data["text"]) if data["text"] else []
        if name == "tool_call":
            self.calls.append((data["id"], data["name"], data["args"]))
            return [
                *self._close_text(),
                ToolCallStartEvent(
                    type=EventType.TOOL_CALL_START,
                    tool_call_id=data["id"],
                    tool_call_name=data["name"],
                ),
                ToolCallArgsEvent(
                    type=EventType.TOOL_CALL_ARGS,
                    tool_call_id=data["id"],
                    delta=orjson.dumps(data["args"]).decode(),
                ),
                ToolCallEndEvent(type=EventType.TOOL_CALL_END, tool_call_id=data["id"]),
            ]
        if name == "tool_result":
            content = {"ok": data["ok"], "summary": data["summary"]}
            return [
                ToolCallResultEvent(
                    type=EventType.TOOL_CALL_RESULT,
                    message_id=str(uuid4()),
                    tool_call_id=data["id"],
                    content=orjson.dumps(content).decode(),
                    role="tool",
                )
            ]
        if name == "interrupt":
            return [*self._close_text(), *self._interrupted(data)]
        if name == "final":
            return [*self._final(data)]
        if name == "error":
            return [
                *self._close_text(),
                RunErrorEvent(type=EventType.RUN_ERROR, message=data["message"], code=data["code"]),
            ]
        return [CustomEvent(type=EventType.CUSTOM, name=name, value=data)]

    def _interrupted(self, pending: dict[str, Any]) -> list[BaseEvent]:
        requests = pending.get("action_requests") or []
        asked = pending.get("interrupt_id") or self.run.thread_id
        interrupts = [
            Interrupt(
                id=f"{asked}:{i}",
                reason="approval",
                message=str(r.get("description") or r.get("name")),
                tool_call_id=self._call_id(r),
                response_schema={
                    "type": "object",
                    "properties": {"type": {"enum": ["approve", "reject"]}},
                },
                metadata={"action": r.get("name"), "args": r.get("args")},
            )
            for i, r in enumerate(requests)
        ]
        snapshot = {"thread_id": self.run.thread_id, "interrupt": pending}
        return [
            StateSnapshotEvent(type=EventType.STATE_SNAPSHOT, snapshot=snapshot),
            self._finished(RunFinishedInterruptOutcome(type="interrupt", interrupts=interrupts)),
        ]

    def _call_id(self, request: dict[str, Any]) -> str | None:
        """The id of the proposed call an approval request is about (the request names
        only the action and its arguments)."""
        for call_id, name, args in reversed(self.calls):
            if name == request.get("name") and args == request.get("args"):
                return str(call_id)
        return None

    def _final(self, data: dict[str, Any]) -> list[BaseEvent]:
        out: list[BaseEvent] = []
        if not self.spoke and data.get("reply"):  # a write's summary is the reply, untokened
            out.extend(self._text(data["reply"]))
        out.extend(self._close_text())
        snapshot = {
            "thread_id": self.run.thread_id,
            "reply": data.get("reply", ""),
            "ui_actions": data.get("ui_actions", []),
        }
        if data.get("cancelled"):
            snapshot["cancelled"] = True
        out.append(StateSnapshotEvent(type=EventType.STATE_SNAPSHOT, snapshot=snapshot))
        out.append(self._finished(RunFinishedSuccessOutcome(type="success")))
        return out


async def agui_frames(turn: Turn, run: RunAgentInput) -> AsyncIterator[bytes]:
    translation = Translation(run)
    try:
        async for name, data in turn_events(turn):
            for event in translation.events(name, data):
                yield encoder.encode(event).encode()
    except Exception:
        log.exception("AG-UI stream failed", thread_id=turn.thread_id, run_id=turn.run_id)
        failed = RunErrorEvent(
            type=EventType.RUN_ERROR, message="The turn failed on our side.", code="INTERNAL"
        )
        yield encoder.encode(failed).encode()


@router.post(PATH, response_class=Response, responses={200: STREAM_DOC})
async def agui_run(run: RunAgentInput, request: Request, user: ProtocolUser) -> Response:
    """Run one turn (or answer its approvals with `resume`), streamed as AG-UI events."""
    try:
        turn = await start(request, user, run)
    except DoorRefusal as refused:
        headers = {"Retry-After": refused.retry_after} if refused.retry_after else {}
        return error_response(refused.status, refused.message, **headers)
    return event_stream(agui_frames(turn, run))
