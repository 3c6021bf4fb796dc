"""The middleware stack, outermost first: request id, security headers, CORS, body size
limit, NUL-free URLs, rate limiting, open streams per user, metrics, replayed user rows,
Agent Protocol JSON sent as text/plain. All pure ASGI: streaming responses pass through
unbuffered and WebSocket scopes untouched."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from server.middleware.body_limit import BodyLimitMiddleware
from server.middleware.metrics import MetricsMiddleware
from server.middleware.plain_json import PlainJsonMiddleware
from server.middleware.rate_limit import RateLimitMiddleware
from server.middleware.request_id import RequestIdMiddleware
from server.middleware.security_headers import SecurityHeadersMiddleware
from server.middleware.stream_cap import StreamCapMiddleware
from server.middleware.url_check import UrlCheckMiddleware
from server.middleware.user_row_replay import UserRowReplayMiddleware
from server.settings import Settings

# Agent Protocol clients read the run's URLs from these; the rest help clients retry.
EXPOSED_HEADERS = ["Content-Location", "Location", "X-Request-ID", "Retry-After"]


def install_middleware(app: FastAPI, settings: Settings) -> None:
    # Starlette puts each added middleware outside the ones before it: innermost first.
    app.add_middleware(PlainJsonMiddleware)  # an Agent Protocol body sent as text/plain
    app.add_middleware(UserRowReplayMiddleware)  # inside the limits: a retry counts once
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(StreamCapMiddleware, settings=settings)  # needs the rate limit's user
    app.add_middleware(RateLimitMiddleware, settings=settings)
    app.add_middleware(UrlCheckMiddleware)  # a NUL in the URL: 400 before anything reads it
    app.add_middleware(
        BodyLimitMiddleware,
        max_body_bytes=settings.max_body_bytes,
        body_timeout_s=settings.request_body_timeout_s,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=EXPOSED_HEADERS,
        max_age=600,
        # A public page (LangGraph Studio) calling a server on the user's machine: the
        # preflight's Private Network Access question, answered yes for allowed origins.
        allow_private_network=True,
    )
    app.add_middleware(SecurityHeadersMiddleware, production=settings.environment == "production")
    app.add_middleware(RequestIdMiddleware)
