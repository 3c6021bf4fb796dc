"""Small helpers the pure-ASGI middlewares share."""

from __future__ import annotations

import re

from starlette.types import Message, Receive, Scope

PATH_PARAM = re.compile(r"{(\w+)(?::\w+)?}")


def header(scope: Scope, name: bytes) -> str | None:
    """The first value of request header `name` (lower-case bytes), decoded as latin-1."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def scope_state(scope: Scope) -> dict[str, object]:
    """The per-request dict behind `request.state`, shared by every layer of the stack."""
    state: dict[str, object] = scope.setdefault("state", {})
    return state


def route_template(scope: Scope) -> str:
    """The matched route's full path template (`/api/v1/wins/expenses/{expense_id}`), so
    metric labels and log fields stay few; "unmatched" for paths no route knows.

    FastAPI keeps an included route's path relative to the router it was declared in, so
    the prefixes it was included under are taken back from the request's own path.
    """
    template = getattr(scope.get("route"), "path", None)
    if not isinstance(template, str):
        return "unmatched"
    params = scope.get("path_params", {})
    rendered = PATH_PARAM.sub(lambda m: str(params.get(m[1], m[0])), template)
    path: str = scope.get("path", "")
    if rendered and path.endswith(rendered):
        return path[: len(path) - len(rendered)] + template
    return template


def client_ip(scope: Scope) -> str:
    """The peer address; uvicorn already replaced it from X-Forwarded-For when the proxy
    is trusted (FORWARDED_ALLOW_IPS), so a client cannot choose it."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def replaying(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives a body already read once, then the connection's own
    messages (a disconnect): for an app called after its request was read ahead."""
    given = False

    async def again() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again
