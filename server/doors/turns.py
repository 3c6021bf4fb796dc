"""A turn started through a door (MCP's ask_pam, A2A, AG-UI): the same start as chat
(`start_chat`: thread ownership, the run manager, the transcript) counted against the
same per-user chat rate limit as POST /api/v1/pam/chat, so no door is a way around it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

import psycopg
from pydantic import ValidationError
from starlette.applications import Starlette

from server.chat.schemas import ChatRequest, ResumeRequest
from server.chat.turns import Turn, start_chat, start_resume
from server.errors import REFUSAL_STATUS
from server.ratelimit import hit, retry_after_header
from server.refusals import Refused
from server.resources import Resources
from server.runs import RunManager, create_thread
from server.runs.threads import ThreadExists
from tools.db.scope import user_row_missing
from tools.run import validation_message


class DoorRefusal(Exception):
    """Why a door will not start a turn: an HTTP-like status and a sentence for the
    caller, which each door puts in its own protocol's error shape."""

    def __init__(self, status: int, message: str, *, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def refusal(exc: Refused) -> DoorRefusal:
    """A refusal of the chat core, with the status POST /api/v1/pam/chat gives it."""
    return DoorRefusal(REFUSAL_STATUS[exc.kind], exc.message)


def app_parts(app: Starlette) -> tuple[Resources, RunManager]:
    return app.state.resources, app.state.runs


async def charge_turn(resources: Resources, user: UUID) -> None:
    """One hit on the user's chat bucket (the key the HTTP middleware uses for chat)."""
    wait = await hit(resources, f"chat:user:{user}", resources.settings.rate_limit_chat)
    if wait is not None:
        seconds = retry_after_header(wait)
        raise DoorRefusal(429, f"Too many requests; try again in {seconds} s.", retry_after=seconds)


def chat_request(message: Any, thread_id: Any = None) -> ChatRequest:
    """The chat body a door's input amounts to, validated by the chat schema itself."""
    try:
        return ChatRequest.model_validate({"message": message, "thread_id": thread_id})
    except ValidationError as exc:
        raise DoorRefusal(422, validation_message(exc)[0]) from None


async def start_turn(
    app: Starlette, user: UUID, request: ChatRequest, *, claim: str | None = None
) -> Turn:
    """Start a turn for `user`: 404 for a thread that is not theirs, 409 when busy.
    `claim`: a thread id the client chose, made the user's if new (after the rate
    limit, so a refused turn writes nothing)."""
    resources, runs = app_parts(app)
    await charge_turn(resources, user)

    async def start() -> Turn:
        claimed = request
        if claim is not None:
            thread_id = await claim_thread(app, user, claim)
            claimed = request.model_copy(update={"thread_id": thread_id})
        try:
            return await start_chat(resources, runs, user, claimed)
        except Refused as exc:
            raise refusal(exc) from None

    return await once_more_if_user_row_gone(start)


async def once_more_if_user_row_gone(start: Callable[[], Awaitable[Turn]]) -> Turn:
    """`start()`, run once more when it failed because the user's row was deleted since
    this process saw it (nothing was written and the process forgot them; the second run
    makes the row). A2A's SDK answered it as an internal error in Postgres's own words
    (redteam 10); the HTTP doors are retried by server/middleware/user_row_replay.py."""
    try:
        return await start()
    except psycopg.errors.ForeignKeyViolation as exc:
        if not user_row_missing(exc):
            raise
        return await start()


async def resume_turn(app: Starlette, user: UUID, request: ResumeRequest) -> Turn:
    """Answer the thread's pending approval, as POST /api/v1/pam/resume does."""
    resources, runs = app_parts(app)
    await charge_turn(resources, user)

    async def start() -> Turn:
        try:
            return await start_resume(resources, runs, user, request)
        except Refused as exc:
            raise refusal(exc) from None

    return await once_more_if_user_row_gone(start)


async def claim_thread(app: Starlette, user: UUID, thread_id: str) -> str:
    """A thread id the client chose (AG-UI's threadId, A2A's contextId): the user's own
    thread, made for them the first time, whoever else has a thread of that id."""
    resources, _runs = app_parts(app)
    try:
        row = await create_thread(resources, user, thread_id=thread_id, if_exists="do_nothing")
    except ThreadExists:  # deleted the instant it was found: as an unknown id
        raise DoorRefusal(404, "Thread not found.") from None
    except Refused as exc:
        raise refusal(exc) from None
    return row.thread_id
