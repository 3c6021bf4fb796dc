"""Innermost layer: request duration by route template, method and status; in-flight."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.metrics import HTTP_IN_FLIGHT, HTTP_REQUEST_DURATION
from server.middleware.asgi import route_template

# Anything else is one label value, so a scanner's made-up methods add no series.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class MetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        method = scope["method"] if scope["method"] in KNOWN_METHODS else "OTHER"
        started = time.perf_counter()
        HTTP_IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            HTTP_IN_FLIGHT.dec()
            HTTP_REQUEST_DURATION.labels(route_template(scope), method, str(status)).observe(
                time.perf_counter() - started
            )
