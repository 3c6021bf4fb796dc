"""What each client frame does, once the socket is signed in."""

from __future__ import annotations

import asyncio
from typing import assert_never
from uuid import uuid4

import psycopg
import structlog

from server.chat.rejoin import check_known, parse_event_id, rejoin_chat
from server.chat.turns import start_chat, start_resume
from server.errors import DB_UNAVAILABLE, UNAVAILABLE
from server.flags.transport import socket_paused
from server.ratelimit import hit, turn_key
from server.refusals import Refused
from server.resources import Resources
from server.runs import RunManager, owned_thread
from server.ws.auth import UNAUTHORIZED, AuthFailed, verify
from server.ws.connection import Connection
from server.ws.forward import forward_turn
from server.ws.frames import (
    AuthFrame,
    CancelFrame,
    ChatFrame,
    ClientFrame,
    ContextUpdateFrame,
    PingFrame,
    ResumeFrame,
)
from tools.db.scope import user_row_missing

log = structlog.get_logger("pam.ws")
BUSY = "This thread is busy with another turn."


NOTHING_RUNNING = "Nothing is running on this thread, so there was nothing to cancel."


def error_frame(code: str, message: str, message_id: str | None = None) -> dict[str, str]:
    frame = {"type": "error", "code": code, "message": message}
    if message_id is not None:
        frame["message_id"] = message_id
    return frame


def refusal_frame(exc: Refused, message_id: str | None = None) -> dict[str, str]:
    """A refusal over the WebSocket: the one mapping to frame codes."""
    match exc.kind:
        case "busy":
            return error_frame("THREAD_BUSY", BUSY, message_id)
        case "not_found":
            return error_frame("NOT_FOUND", exc.message, message_id)
        case "malformed" | "bad_input" | "forbidden" | "conflict":
            return error_frame("BAD_REQUEST", exc.message, message_id)
        case _:
            assert_never(exc.kind)


async def handle(
    frame: ClientFrame, connection: Connection, resources: Resources, runs: RunManager
) -> None:
    """Run one frame; failures a client can act on come back as error frames."""
    message_id = getattr(frame, "message_id", None)
    try:
        try:
            await _dispatch(frame, connection, resources, runs)
        except psycopg.errors.ForeignKeyViolation as exc:
            if not user_row_missing(exc):
                raise
            # The user's row was deleted since this process saw it: nothing was written,
            # and the process forgot them; run the frame once more (redteam 10, as
            # server/middleware/user_row_replay.py does for HTTP).
            await _dispatch(frame, connection, resources, runs)
    except Refused as exc:
        connection.send(refusal_frame(exc, message_id))
    except DB_UNAVAILABLE as exc:
        log.warning("database unavailable", frame=frame.type, error=str(exc))
        connection.send(error_frame("UNAVAILABLE", UNAVAILABLE, message_id))
    except Exception:
        log.exception("websocket frame failed", frame=frame.type, user_id=str(connection.user_id))
        connection.send(error_frame("INTERNAL", "Something went wrong on our side.", message_id))


async def _turn_allowed(
    frame: ChatFrame | ResumeFrame, connection: Connection, resources: Resources
) -> bool:
    """Count a turn against the user's one budget of turns (shared with REST and SSE)."""
    key = turn_key(f"user:{connection.user_id}")
    wait_s = await hit(resources, key, resources.settings.rate_limit_chat)
    if wait_s is None:
        return True
    connection.send(
        {
            **error_frame("RATE_LIMITED", "Too many turns; slow down.", frame.message_id),
            "retry_after": wait_s,
        }
    )
    return False


async def _dispatch(
    frame: ClientFrame, connection: Connection, resources: Resources, runs: RunManager
) -> None:
    user = connection.user_id
    if isinstance(frame, PingFrame):
        pong: dict[str, object] = {"type": "pong"}
        if frame.timestamp is not None:
            pong["timestamp"] = frame.timestamp
        connection.send(pong)
    elif isinstance(frame, AuthFrame):  # a refreshed token, for the same user only
        try:
            renewed = await verify(resources.verifier, frame.token)
        except AuthFailed:
            renewed = None
        if renewed is None or renewed.user != user:
            connection.shut(UNAUTHORIZED, "Invalid token.")
        else:
            connection.expires_at = renewed.expires_at
    elif isinstance(frame, ContextUpdateFrame):
        connection.context = frame.context
    elif isinstance(frame, ChatFrame | ResumeFrame) and (
        paused := socket_paused(resources.flags, user)
    ):
        connection.send(error_frame("PAUSED", paused, frame.message_id))
    elif isinstance(frame, ChatFrame | ResumeFrame) and not await _turn_allowed(
        frame, connection, resources
    ):
        return
    elif isinstance(frame, ChatFrame) and frame.last_event_id is not None:
        after = parse_event_id(frame.last_event_id)
        turn = await rejoin_chat(resources, runs, user, frame)
        check_known(turn, after)
        reply_to = frame.message_id or str(uuid4())
        connection.follow(asyncio.create_task(forward_turn(connection, turn, reply_to, after)))
    elif isinstance(frame, ChatFrame):
        turn = await start_chat(resources, runs, user, frame, connection.context)
        reply_to = frame.message_id or str(uuid4())
        connection.follow(asyncio.create_task(forward_turn(connection, turn, reply_to)))
    elif isinstance(frame, ResumeFrame):
        turn = await start_resume(resources, runs, user, frame, connection.context)
        reply_to = frame.message_id or str(uuid4())
        connection.follow(asyncio.create_task(forward_turn(connection, turn, reply_to)))
    elif isinstance(frame, CancelFrame):
        row = await owned_thread(resources, user, frame.thread_id)
        if not await runs.busy(row.key):  # said, or the client waits for an end never sent
            connection.send(error_frame("NOTHING_RUNNING", NOTHING_RUNNING))
            return
        await runs.cancel_thread(row.key)  # on whichever instance it runs
