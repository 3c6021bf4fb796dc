"""Outermost layer: a request id for every HTTP request, echoed as `X-Request-ID` and
carried by every log line; and one access log line when the request is done."""

from __future__ import annotations

import logging
import re
import time
import uuid

import structlog
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from structlog.contextvars import bound_contextvars

from server.middleware.asgi import client_ip, header, route_template, scope_state

access_log = structlog.get_logger("pam.access")
# Asked before building the line: a level that drops it costs no fields and no processors.
access_level = logging.getLogger("pam.access")

QUIET_PREFIXES = ("/health/", "/metrics")
# What a client may choose as its id: short, and safe to echo and to log.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def request_id_for(scope: Scope) -> str:
    given = header(scope, b"x-request-id")
    if given is not None and SANE_REQUEST_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_for(scope)
        scope_state(scope)["request_id"] = request_id
        status = 500  # unless a response starts: an error escaped every handler

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        started = time.perf_counter()
        with bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                # Probes and scrapes come every few seconds: kept out of INFO.
                quiet = scope["path"].startswith(QUIET_PREFIXES)
                if access_level.isEnabledFor(logging.DEBUG if quiet else logging.INFO):
                    (access_log.debug if quiet else access_log.info)(
                        "request",
                        method=scope["method"],
                        path=scope["path"],
                        route=route_template(scope),
                        status=status,
                        duration_ms=round((time.perf_counter() - started) * 1000, 2),
                        user_id=scope_state(scope).get("user_id"),
                        client=client_ip(scope),
                    )
