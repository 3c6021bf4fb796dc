"""An Agent Protocol body sent as `text/plain` is read as the JSON it is, as LangGraph's
server reads every body: a browser's `fetch` with a string body and no headers declares
it `text/plain;charset=UTF-8`, and FastAPI would take it as bytes and answer 422.

Only the protocol's own paths, and only the declared type changes: the body must still
be JSON (else the usual 422). No credential rides along with such a request (PAM's are
headers, which a cross-site page cannot set without a CORS preflight), so reading it is
no wider door than the JSON form.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

# The Agent Protocol's resources (server/agent_protocol); the REST API is under /api/.
PROTOCOL_PREFIXES = ("/threads", "/runs", "/assistants", "/store")
WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _declared_plain(value: bytes) -> bool:
    return value.split(b";", 1)[0].strip().lower() == b"text/plain"


class PlainJsonMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in WITH_BODY
            and scope["path"].startswith(PROTOCOL_PREFIXES)
        ):
            headers = scope["headers"]
            if any(k == b"content-type" and _declared_plain(v) for k, v in headers):
                scope = dict(scope)
                scope["headers"] = [
                    (k, b"application/json") if k == b"content-type" else (k, v) for k, v in headers
                ]
        await self.app(scope, receive, send)
