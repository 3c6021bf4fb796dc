"""Request bodies over `max_body_bytes` get 413 JSON — a declared Content-Length before
anything is read, a chunked body as soon as what arrived passes the limit — and a body
still incomplete `body_timeout_s` after the request started gets 408 JSON."""

from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import error_response
from server.middleware.asgi import header


class BodyTooSlow(HTTPException):
    def __init__(self, timeout_s: float) -> None:
        super().__init__(408, f"The request body did not arrive within {timeout_s:g} s.")


class BodyTooLarge(HTTPException):
    """Raised from `receive`: FastAPI re-raises HTTPExceptions met while reading a body,
    so the app's error handler answers; this middleware answers if nothing else did."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


def declared_length(scope: Scope) -> int | None:
    value = header(scope, b"content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, body_timeout_s: float) -> None:
        self.app = app
        self.limit = max_body_bytes
        self.timeout_s = body_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = declared_length(scope)
        if length is not None and length > self.limit:
            await error_response(413, str(BodyTooLarge(self.limit).detail))(scope, receive, send)
            return
        received = 0
        started = False
        deadline = asyncio.get_running_loop().time() + self.timeout_s
        body_done = False
        timed_out = False

        async def receive_within_limit() -> Message:
            nonlocal received, body_done, timed_out
            if body_done:  # after the body: a disconnect, which may come at any time
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                timed_out = True
                raise BodyTooSlow(self.timeout_s) from None
            body_done = message["type"] != "http.request" or not message.get("more_body")
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def send_tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            if timed_out and message["type"] == "http.response.start":
                # The rest of the body is unread: the connection cannot carry another
                # request, whoever answers (the app's error handler or this middleware).
                headers = [*message.get("headers", []), (b"connection", b"close")]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive_within_limit, send_tracking)
        except (BodyTooLarge, BodyTooSlow) as exc:
            if started:
                raise
            response = error_response(exc.status_code, str(exc.detail))
            await response(scope, receive, send_tracking)
