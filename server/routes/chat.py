"""Chat over HTTP: a turn as one JSON answer, or as server-sent events; and resume."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

import structlog
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, Response

from server.chat.rejoin import EventId, check_known, parse_event_id, rejoin_chat
from server.chat.schemas import ChatRequest, ChatResponse, ResumeRequest
from server.chat.stream import numbered_batches, turn_result
from server.chat.turns import Turn, start_chat, start_resume
from server.deps import CurrentUser, Res
from server.errors import UNAVAILABLE, UNAVAILABLE_RETRY_S, error_response, refusal_response
from server.runs import ThreadBusy
from server.runs.deps import Runs
from server.runs.store import LOST, LOST_CODE
from server.sse import LastFrames, event_stream, sse_frame

log = structlog.get_logger("pam.chat")
router = APIRouter(prefix="/api/v1/pam", tags=["chat"])

FAILED = "The turn failed on our side."
END_FRAME = LastFrames(sse_frame("end", {}))
STREAM_DOC = {"content": {"text/event-stream": {}}, "description": "Server-sent events."}


async def answer(turn: Turn) -> ChatResponse | JSONResponse:
    outcome = await turn_result(turn)
    status = outcome["status"]
    if status == "error" and outcome["error"] == UNAVAILABLE:
        return error_response(503, UNAVAILABLE, **{"Retry-After": UNAVAILABLE_RETRY_S})
    if status == "error" and outcome["error"] == LOST:  # not run again: see orphans.py
        return error_response(409, LOST, LOST_CODE)
    if status == "error":
        return error_response(500, FAILED, "internal")
    if status in ("pending", "running"):  # a retried message still running elsewhere
        return refusal_response(ThreadBusy(turn.thread_id))
    return ChatResponse(
        thread_id=turn.thread_id,
        run_id=turn.run_id,
        reply=outcome.get("reply", ""),
        ui_actions=outcome.get("ui_actions", []),
        interrupt=outcome.get("interrupt"),
        cancelled=True if status == "cancelled" else None,
    )


async def sse_frames(turn: Turn, after: EventId | None = None) -> AsyncIterator[bytes]:
    """The frames of each batch of chat events as one write; the closing event and
    `end` together."""
    try:
        async for batch in numbered_batches(turn, after):
            frames = b"".join(sse_frame(name, data, str(number)) for name, data, number in batch)
            if batch[-1][2].closing:
                yield LastFrames(frames + END_FRAME)
                return
            yield frames
    except Exception:
        log.exception("chat stream failed", thread_id=turn.thread_id, run_id=turn.run_id)
        yield sse_frame("error", {"code": "INTERNAL", "message": FAILED})
    yield END_FRAME


def wants_stream(request: Request, stream: bool) -> bool:
    return stream or "text/event-stream" in request.headers.get("accept", "")


@router.post("/chat", response_model=ChatResponse, response_model_exclude_none=True)
async def chat(body: ChatRequest, user: CurrentUser, resources: Res, runs: Runs) -> Any:
    """Run one turn and answer when it has ended (or paused for an approval)."""
    return await answer(await start_chat(resources, runs, user, body))


@router.post("/chat/stream", response_class=Response, responses={200: STREAM_DOC})
async def chat_stream(
    body: ChatRequest,
    user: CurrentUser,
    resources: Res,
    runs: Runs,
    last_event_id: Annotated[
        str | None,
        Header(description="Resend of a cut stream: only the events after this id."),
    ] = None,
) -> Any:
    """Run one turn, streamed: metadata, route, token…, tool_call, tool_result,
    interrupt | final | error, end; each event with an `id`. A client that disconnects
    does not stop the turn; it resends the same request (thread_id, message_id) with
    `Last-Event-ID` to get only what came after (docs/chat-stream.md)."""
    if last_event_id:
        after = parse_event_id(last_event_id)
        turn = await rejoin_chat(resources, runs, user, body)
        check_known(turn, after)
        return event_stream(sse_frames(turn, after))
    turn = await start_chat(resources, runs, user, body)
    return event_stream(sse_frames(turn))


@router.post(
    "/resume",
    response_model=ChatResponse,
    response_model_exclude_none=True,
    responses={200: STREAM_DOC},
)
async def resume(
    body: ResumeRequest,
    request: Request,
    user: CurrentUser,
    resources: Res,
    runs: Runs,
    stream: Annotated[bool, Query(description="Answer with server-sent events.")] = False,
) -> Any:
    """Answer a pending approval (one decision per action request) and continue the turn.
    Streams when `?stream=true` or `Accept: text/event-stream`."""
    turn = await start_resume(resources, runs, user, body)
    if wants_stream(request, stream):
        return event_stream(sse_frames(turn))
    return await answer(turn)
