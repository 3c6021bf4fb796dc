"""`/api/v1/pam/ws`: sign in, then read frames until the client (or the server) closes."""

from __future__ import annotations

import asyncio
import contextlib
import time

import structlog
from fastapi import APIRouter, WebSocket

from server.metrics import WEBSOCKETS_OPEN
from server.ratelimit import hit, retry_after_header
from server.resources import Resources
from server.runs import RunManager
from server.ws.auth import (
    TOKEN_EXPIRED,
    TOKEN_EXPIRED_REASON,
    UNAUTHORIZED,
    AuthFailed,
    authenticate,
)
from server.ws.connection import Connection
from server.ws.flood import FLOODING, Refusals, flooding_reason
from server.ws.frames import BadFrame, parse_frame
from server.ws.handlers import error_frame, handle
from server.ws.registry import sockets_of

log = structlog.get_logger("pam.ws")
router = APIRouter()
GONE = 1006  # the client went away: nothing left to close
# The user already holds WS_MAX_PER_USER sockets on this instance, or opened sockets past
# their API rate limit.
TOO_MANY = 4429
EXPIRY_CHECK_S = 60.0  # the watchdog re-reads expires_at at least this often


@router.websocket("/api/v1/pam/ws")
async def pam_socket(websocket: WebSocket) -> None:
    resources: Resources = websocket.app.state.resources
    runs: RunManager = websocket.app.state.runs
    await websocket.accept()
    try:
        signed_in = await authenticate(websocket, resources.verifier)
    except AuthFailed as failed:
        with contextlib.suppress(Exception):
            await websocket.close(UNAUTHORIZED, failed.reason)
        return
    user = signed_in.user
    # A socket's opening is a request against the user's API budget (as the HTTP
    # middleware counts requests): otherwise a client closed for flooding reconnects at
    # will, each socket with its handshake, sign-in and refused frames (R11-2).
    wait_s = await hit(resources, f"api:user:{user}", resources.settings.rate_limit_api)
    if wait_s is not None:
        with contextlib.suppress(Exception):
            await websocket.close(
                TOO_MANY, f"Too many requests; try again in {retry_after_header(wait_s)} s."
            )
        return
    registry = sockets_of(websocket.app)
    cap = resources.settings.ws_max_per_user
    if registry.count(user) >= cap:
        with contextlib.suppress(Exception):
            await websocket.close(TOO_MANY, f"At most {cap} open sockets per user.")
        return
    connection = Connection(websocket, user, expires_at=signed_in.expires_at)
    registry.add(connection)
    WEBSOCKETS_OPEN.inc()
    sender = asyncio.create_task(connection.pump())
    receiver = asyncio.create_task(_receive(connection, resources, runs))
    expiry = asyncio.create_task(_close_at_expiry(connection))
    connection.send({"type": "connected", "user_id": str(user)})
    try:
        await connection.closed.wait()
    finally:
        WEBSOCKETS_OPEN.dec()
        registry.remove(connection)
        for task in (receiver, sender, expiry):
            task.cancel()
        await asyncio.gather(receiver, sender, expiry, return_exceptions=True)
        await connection.close()


async def _close_at_expiry(connection: Connection) -> None:
    """Close the socket when its token expires (an auth frame moves `expires_at` on)."""
    while not connection.closed.is_set():
        left = connection.expires_at - time.time()
        if left <= 0:
            connection.shut(TOKEN_EXPIRED, TOKEN_EXPIRED_REASON)
            return
        await asyncio.sleep(min(left, EXPIRY_CHECK_S))


async def _receive(connection: Connection, resources: Resources, runs: RunManager) -> None:
    rate = resources.settings.rate_limit_ws_frames
    refusals = Refusals(resources.settings.ws_refused_frames_max)
    try:
        while not connection.closed.is_set():
            message = await connection.websocket.receive()
            if message["type"] == "websocket.disconnect":
                connection.shut(GONE)
                return
            if time.time() >= connection.expires_at:  # before the watchdog wakes
                connection.shut(TOKEN_EXPIRED, TOKEN_EXPIRED_REASON)
                return
            wait_s = await hit(resources, f"ws:{connection.user_id}", rate)
            if wait_s is not None:
                if refusals.refuse():
                    connection.shut(FLOODING, flooding_reason(wait_s))
                    return
                connection.send(
                    {
                        **error_frame("RATE_LIMITED", "Too many frames; slow down."),
                        "retry_after": wait_s,
                    }
                )
                continue
            text = message.get("text")
            if text is None:
                connection.send(error_frame("BAD_REQUEST", "Binary frames are not accepted."))
                continue
            try:
                frame = parse_frame(text)
            except BadFrame as bad:
                connection.send(error_frame("BAD_REQUEST", str(bad), bad.message_id))
                continue
            await handle(frame, connection, resources, runs)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("websocket receive loop failed", user_id=str(connection.user_id))
        connection.send(error_frame("INTERNAL", "Something went wrong on our side."))
        connection.shut(1011, "Internal error.")
