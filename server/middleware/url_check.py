"""A URL with a NUL character in its path or query is a 400 before any route runs
(redteam 9): a path parameter or query value carrying one reached Postgres, which
refuses NUL in text, as an internal error (a checkpoint id, a store key or namespace)."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from server.errors import error_response

NUL_IN_URL = "The URL must not contain NUL (%00) characters."


def has_nul(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    query: bytes = scope.get("query_string", b"")
    return "\x00" in path or b"%00" in query or b"\x00" in query


class UrlCheckMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and has_nul(scope):
            await error_response(400, NUL_IN_URL)(scope, receive, send)
            return
        await self.app(scope, receive, send)
