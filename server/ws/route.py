"""`/api/v1/pam/ws`: sign in, then read frames until the client (or the server) closes."""

from __future__ import annotations

import asyncio
import contextlib

import structlog
from fastapi import APIRouter, WebSocket

from server.metrics import WEBSOCKETS_OPEN
from server.ratelimit import hit
from server.resources import Resources
from server.runs import RunManager
from server.ws.auth import UNAUTHORIZED, AuthFailed, authenticate
from server.ws.connection import Connection
from server.ws.frames import BadFrame, parse_frame
from server.ws.handlers import error_frame, handle
from server.ws.registry import sockets_of

log = structlog.get_logger("pam.ws")
router = APIRouter()
GONE = 1006  # the client went away: nothing left to close


@router.websocket("/api/v1/pam/ws")
async def pam_socket(websocket: WebSocket) -> None:
    resources: Resources = websocket.app.state.resources
    runs: RunManager = websocket.app.state.runs
    await websocket.accept()
    try:
        user = await authenticate(websocket, resources.verifier)
    except AuthFailed as failed:
        with contextlib.suppress(Exception):
            await websocket.close(UNAUTHORIZED, failed.reason)
        return
    connection = Connection(websocket, user)
    registry = sockets_of(websocket.app)
    registry.add(connection)
    WEBSOCKETS_OPEN.inc()
    sender = asyncio.create_task(connection.pump())
    receiver = asyncio.create_task(_receive(connection, resources, runs))
    connection.send({"type": "connected", "user_id": str(user)})
    try:
        await connection.closed.wait()
    finally:
        WEBSOCKETS_OPEN.dec()
        registry.remove(connection)
        for task in (receiver, sender):
            task.cancel()
        await asyncio.gather(receiver, sender, return_exceptions=True)
        await connection.close()


async def _receive(connection: Connection, resources: Resources, runs: RunManager) -> None:
    rate = resources.settings.rate_limit_ws_frames
    try:
        while not connection.closed.is_set():
            message = await connection.websocket.receive()
            if message["type"] == "websocket.disconnect":
                connection.shut(GONE)
                return
            wait_s = await hit(resources, f"ws:{connection.user_id}", rate)
            if wait_s is not None:
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
