"""Per-user, per-route-class rate limits on HTTP requests, answered with 429 JSON and
`Retry-After`. The user is the verified token's subject, from `Authorization: Bearer` or
`X-Api-Key` (what the Agent Protocol clients send) — a client cannot pick another user's
bucket by forging one; requests without a valid token count per client IP.

Turns (chat, resume, Agent Protocol runs) count against one budget per user, `turns:`,
shared with WebSocket chat frames (`turn_key` in server/ratelimit.py)."""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send
from structlog.contextvars import bound_contextvars

from server.auth import AuthError
from server.errors import DB_UNAVAILABLE, UNAVAILABLE, error_response
from server.middleware.asgi import client_ip, header, scope_state
from server.ratelimit import RateLimits, retry_after_header, turn_key
from server.resources import Resources
from server.settings import Settings

EXEMPT_PREFIXES = ("/health/", "/metrics")
# Requests that start an agent turn: chat, resume, and Agent Protocol run creation
# (joining, streaming or cancelling an existing run is an ordinary API request).
CHAT_PATH = re.compile(r"/api/v1/pam/(chat|resume)(/.*)?")
RUN_PATH = re.compile(r"/(threads/[^/]+/)?runs(/(stream|wait|batch))?")


def route_class(method: str, path: str) -> str:
    if CHAT_PATH.fullmatch(path) or (method == "POST" and RUN_PATH.fullmatch(path)):
        return "chat"
    return "api"


def presented_token(scope: Scope) -> str | None:
    """The token a request signs in with: the bearer token, else `X-Api-Key`."""
    authorization = header(scope, b"authorization") or ""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    api_key = (header(scope, b"x-api-key") or "").strip()
    return api_key or None


async def identity(scope: Scope, resources: Resources) -> tuple[str, str | None]:
    """(bucket key, user id): the verified user, else the client's address."""
    token = presented_token(scope)
    if token is not None:
        try:
            user = str(await resources.verifier.averify(token))
        except AuthError:
            pass  # the route answers 401; until then it counts as its address
        else:
            return f"user:{user}", user
    return f"ip:{client_ip(scope)}", None


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        self.app = app
        self.rates = {"chat": settings.rate_limit_chat, "api": settings.rate_limit_api}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope["app"].state if "app" in scope else None
        resources: Resources | None = getattr(state, "resources", None)
        limits: RateLimits | None = getattr(state, "rate_limits", None)
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or path.startswith(EXEMPT_PREFIXES)
            or resources is None
            or limits is None
        ):
            await self.app(scope, receive, send)
            return
        try:
            key, user = await identity(scope, resources)
        except DB_UNAVAILABLE:  # a new token's identity is looked up in the database
            await error_response(503, UNAVAILABLE, **{"Retry-After": "5"})(scope, receive, send)
            return
        scope_state(scope)["user_id"] = user
        kind = route_class(scope["method"], path)
        retry_after = await limits.hit(
            turn_key(key) if kind == "chat" else f"api:{key}", self.rates[kind]
        )
        if retry_after is not None:
            seconds = retry_after_header(retry_after)
            response = error_response(
                429, f"Too many requests; try again in {seconds} s.", **{"Retry-After": seconds}
            )
            await response(scope, receive, send)
            return
        with bound_contextvars(**({"user_id": user} if user else {})):
            await self.app(scope, receive, send)
