"""The OpenAI-compatible HTTP face: `POST /v1/chat/completions` (JSON or SSE) and
`GET /v1/models`, answering from a `Source`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from evals.replay.cassettes import Exchange, from_placeholders
from evals.replay.normalise import normalise_request
from evals.replay.sources import NoCassette, Source, UpstreamError

log = logging.getLogger("evals.replay")
# Clients keep no idle connection to us: an OpenAI client is often shared process-wide,
# and a kept-alive connection made in one event loop breaks the next run's loop when the
# pool tries to close it (and warns as an unclosed transport).
CLOSE = {"connection": "close"}


def error(status: int, message: str, kind: str, **extra: Any) -> JSONResponse:
    body = {"error": {"message": message, "type": kind, "param": None, "code": kind, **extra}}
    return JSONResponse(body, status_code=status, headers=CLOSE)


def _events(chunks: list[dict[str, Any]], usage: bool) -> list[bytes]:
    picked = [c for c in chunks if usage or c.get("choices")]
    if usage and not any("usage" in c and not c.get("choices") for c in picked) and picked:
        last = {**picked[-1], "choices": []}
        last["usage"] = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
        picked.append(last)
    return [b"data: " + orjson.dumps(c) + b"\n\n" for c in picked] + [b"data: [DONE]\n\n"]


async def _stream(events: list[bytes]) -> AsyncIterator[bytes]:
    for event in events:
        yield event


def _answer(body: dict[str, Any], exchange: Exchange) -> Response:
    if not body.get("stream"):
        return JSONResponse(exchange.response, headers=CLOSE)
    usage = bool((body.get("stream_options") or {}).get("include_usage"))
    events = _stream(_events(exchange.chunks, usage))
    return StreamingResponse(events, media_type="text/event-stream", headers=CLOSE)


def create_app(source: Source) -> Starlette:
    """The server; `app.state.misses` lists the keys of requests no cassette matched."""

    async def completions(request: Request) -> Response:
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return error(400, "the request body is not JSON", "invalid_request_error")
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return error(400, "`messages` must be a list", "invalid_request_error")
        norm = normalise_request(body)
        try:
            exchange = await source.exchange(body, norm)
        except NoCassette:
            app.state.misses.append(norm.key)
            log.warning("no cassette matched request %s", norm.key)
            message = (
                f"no cassette matched this request (key {norm.key}); record it with"
                " `python -m evals record`, or check what changed in the prompt"
            )
            return error(404, message, "no_cassette", key=norm.key)
        except UpstreamError as exc:
            kind = "application/json"
            return Response(exc.body, status_code=exc.status, media_type=kind, headers=CLOSE)
        return _answer(body, from_placeholders(exchange, norm))

    async def models(request: Request) -> Response:
        data = [
            {"id": name, "object": "model", "created": 0, "owned_by": "pam-replay"}
            for name in source.models()
        ]
        return JSONResponse({"object": "list", "data": data}, headers=CLOSE)

    # With and without the /v1 prefix, as OPENAI_BASE_URL may be given either way.
    routes = [
        route
        for prefix in ("/v1", "")
        for route in (
            Route(f"{prefix}/chat/completions", completions, methods=["POST"]),
            Route(f"{prefix}/models", models, methods=["GET"]),
        )
    ]
    app = Starlette(routes=routes)
    app.state.misses = []
    return app
