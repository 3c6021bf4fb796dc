"""The HTTP path of an SSE chat turn without the turn: PAM's app shell (error handlers,
the doors' flag middleware, the whole middleware stack), its HTTP protocol as
`pam serve` picks it, and a route shaped like `POST /api/v1/pam/chat/stream` (a
ChatRequest body, async dependencies) answering a scripted turn's frames through
`server.sse.event_stream`, as server/routes/chat.py writes them.

Run as a script by a tree's own Python (`<tree>/.venv/bin/python bench/http_path_app.py
PORT`), so `server.*` is that tree's code: bench.http_path compares two trees. It
imports nothing from `bench`, which the other tree may not have.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from typing import Annotated, Any

import uvicorn
from fastapi import Depends, FastAPI, Request

import server.sse as sse
from server.chat.schemas import ChatRequest
from server.errors import install_error_handlers
from server.flags.transport import DoorFlagsMiddleware
from server.logging import configure_logging
from server.middleware import install_middleware
from server.settings import Settings

TOKENS = 4  # token events per scripted turn, each its own write as a live turn's are


async def resources(request: Request) -> Any:
    return request.app.state


async def user(state: Annotated[Any, Depends(resources)]) -> str:
    return "bench"


def frames_of_turn(message: str) -> list[bytes]:
    frames = [
        sse.sse_frame("metadata", {"thread_id": "t", "run_id": "r"}, "0"),
        sse.sse_frame("route", {"domain": "wins", "intent": "log_expense"}, "1"),
    ]
    frames += [sse.sse_frame("token", {"text": f"word{i} "}, str(i + 2)) for i in range(TOKENS)]
    closing = sse.sse_frame("final", {"reply": message, "ui_actions": []}, "done")
    end = sse.sse_frame("end", {})
    last = getattr(sse, "LastFrames", bytes)  # the tree's own marking of the last frames
    return [*frames, last(closing + end)]


def build(settings: Settings) -> FastAPI:
    configure_logging(settings.log_level)  # as create_app: the access log filtered out
    app = FastAPI()
    install_error_handlers(app)
    app.add_middleware(DoorFlagsMiddleware)
    install_middleware(app, settings)

    @app.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/v1/pam/chat/stream")
    async def chat_stream(
        body: ChatRequest,
        user: Annotated[str, Depends(user)],
        state: Annotated[Any, Depends(resources)],
    ) -> Any:
        async def frames() -> AsyncIterator[bytes]:
            for frame in frames_of_turn(body.message):
                await asyncio.sleep(0)  # a live turn's events come from other tasks
                yield frame

        return sse.event_stream(frames())

    return app


def protocol(settings: Settings) -> Any:
    import server.http_protocol as hp

    if hasattr(hp, "bounded_protocol"):
        return hp.bounded_protocol(settings)
    return hp.bounded_h11(settings.request_headers_timeout_s)


def main() -> None:
    settings = Settings(log_level="WARNING")
    uvicorn.run(
        build(settings),
        host="127.0.0.1",
        port=int(sys.argv[1]),
        log_level="warning",
        http=protocol(settings),
        h11_max_incomplete_event_size=settings.max_header_bytes,
    )


if __name__ == "__main__":
    main()
