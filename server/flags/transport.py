"""Kill switches for the doors themselves: the web page, each chat transport and the
MCP, A2A and AG-UI doors.

Pure ASGI, so streams pass through untouched. A request through a door switched off
gets 503 with `{"detail": "<what> is paused right now…", "code": "unavailable"}` (a
WebSocket: accepted, one `error` frame, closed with 1013 "try again later"). These
switches apply to everyone (they are checked before anyone is authenticated); a
WebSocket already open keeps its connection, but each new turn on it is refused with
a PAUSED error frame while the switch is off for its user (`socket_paused`).
"""

from __future__ import annotations

from uuid import UUID

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

from agent.flags import CATALOGUE
from server.flags.service import FlagService

AGENT_PROTOCOL_ROOTS = ("/threads", "/assistants", "/runs")
# The doors of server/doors, with what each serves beside its endpoint.
DOOR_PATHS: dict[str, tuple[str, ...]] = {
    "transport.mcp": ("/mcp", "/.well-known/oauth-protected-resource/mcp"),
    "transport.agent_to_agent": ("/a2a", "/.well-known/agent-card.json"),
    "transport.agui": ("/agui",),
}
RETRY_AFTER_S = "60"


def door_flag(scope: Scope) -> str | None:
    """The flag that guards this request's door, if any."""
    path: str = scope.get("path", "")
    if scope["type"] == "websocket":
        return "transport.websocket" if path == "/api/v1/pam/ws" else None
    if scope["type"] != "http":
        return None
    if path == "/" or path.startswith("/static/"):
        return "web.page"
    if path == "/api/v1/pam/chat/stream":
        return "transport.sse"
    if path in ("/api/v1/pam/chat", "/api/v1/pam/resume"):
        query = scope.get("query_string", b"")
        accept = dict(scope.get("headers") or []).get(b"accept", b"")
        streamed = b"stream=true" in query or b"text/event-stream" in accept
        return "transport.sse" if streamed else "transport.rest_chat"
    if path.startswith(AGENT_PROTOCOL_ROOTS):
        return "transport.agent_protocol"
    for name, paths in DOOR_PATHS.items():
        if any(path == p or path.startswith(p + "/") for p in paths):
            return name
    return None


def socket_paused(flags: FlagService | None, user: UUID) -> str | None:
    """The WebSocket switch's message when it is off for this user: an open socket's
    next turn honours it (evaluated per user, so its users/percentage apply here)."""
    if flags is None or flags.enabled("transport.websocket", user):
        return None
    return CATALOGUE["transport.websocket"].paused


class DoorFlagsMiddleware:
    def __init__(self, app: ASGIApp, flags: FlagService | None = None) -> None:
        self.app = app
        self.flags = flags  # None: read from the app's resources once they are open

    def _flags(self, scope: Scope) -> FlagService | None:
        if self.flags is not None:
            return self.flags
        app = scope.get("app")
        resources = getattr(getattr(app, "state", None), "resources", None)
        return getattr(resources, "flags", None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = door_flag(scope)
        flags = self._flags(scope) if name else None
        if name is None or flags is None or flags.enabled(name):
            await self.app(scope, receive, send)
            return
        paused = CATALOGUE[name].paused
        if scope["type"] == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.accept"})
            frame = {"type": "error", "code": "PAUSED", "message": paused}
            await send({"type": "websocket.send", "text": orjson.dumps(frame).decode()})
            await send({"type": "websocket.close", "code": 1013, "reason": "paused"})
            return
        body = orjson.dumps({"detail": paused, "code": "unavailable"})  # as every 503
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", RETRY_AFTER_S.encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
