"""At most `STREAMS_MAX_PER_USER` open HTTP streams per user in this process, as
`WS_MAX_PER_USER` bounds sockets: one more is answered 429 before its route runs.

A stream here is a response of server-sent events. Some stay open until the client
leaves (`GET /threads/{id}/stream` waits for runs forever, polling; `GET /mcp` holds
the MCP notification stream), so without a bound one user's token could hold thousands,
each a socket, a file descriptor and a poll loop of the process everyone shares. The
rate limit only slows that down (300 a minute by default).

A request that may stream takes a place before its route runs — a path ending in
`/stream` or `/stream/events`, the doors (`/agui`, `/a2a`, `/mcp`) or an
`Accept: text/event-stream` — and gives it back when its response turns out not to be a
stream, or when it ends. Who the user is comes from the rate limit middleware (the
verified token), so this runs inside it; a request without a valid token is left to its
route's 401.
"""

from __future__ import annotations

from collections import Counter

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import error_response
from server.middleware.asgi import header, scope_state
from server.settings import Settings

DOORS = frozenset({"/agui", "/a2a", "/mcp"})
# A run's or a thread's stream, and the thread stream of langgraph-sdk's v3 protocol
# (`POST /threads/{id}/stream/events`, open until the client leaves, Accept or not).
STREAM_PATHS = ("/stream", "/stream/events")
EVENT_STREAM = b"text/event-stream"


def may_stream(scope: Scope) -> bool:
    path = str(scope.get("path", ""))
    if path.endswith(STREAM_PATHS) or path.rstrip("/") in DOORS:
        return True
    return "text/event-stream" in (header(scope, b"accept") or "")


def is_event_stream(start: Message) -> bool:
    return any(
        key == b"content-type" and value.startswith(EVENT_STREAM)
        for key, value in start.get("headers", ())
    )


class StreamCapMiddleware:
    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        self.app = app
        self.cap = settings.streams_max_per_user
        self.open: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        user = scope_state(scope).get("user_id") if scope["type"] == "http" else None
        if not isinstance(user, str) or not may_stream(scope):
            await self.app(scope, receive, send)
            return
        if self.open[user] >= self.cap:
            refusal = error_response(
                429,
                f"Too many open streams: at most {self.cap} per user at once; close one first.",
                "too_many_streams",
            )
            await refusal(scope, receive, send)
            return
        self.open[user] += 1
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                self.open[user] -= 1
                if self.open[user] <= 0:
                    del self.open[user]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start" and not is_event_stream(message):
                release()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            release()
