"""server/sse.py's EventStream over a real uvicorn: frames reach the client as they are
made, the closing frames end the body (and the kept-alive connection serves the next
request), and a client that goes away stops the stream's source."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
from fastapi import FastAPI

from server.middleware import install_middleware
from server.sse import LastFrames, event_stream
from tests.api.conftest import run_server, server_settings


class Probe:
    def __init__(self) -> None:
        self.second = asyncio.Event()
        self.source_closed = asyncio.Event()


def bare_app(settings: Any, probe: Probe) -> FastAPI:
    app = FastAPI()
    install_middleware(app, settings)

    @app.get("/events")
    async def events() -> Any:
        async def frames() -> AsyncIterator[bytes]:
            yield b"event: one\ndata: 1\n\n"
            await probe.second.wait()  # only made once the client has the first
            yield LastFrames(b"event: final\ndata: 2\n\nevent: end\ndata: {}\n\n")

        return event_stream(frames())

    @app.get("/forever")
    async def forever() -> Any:
        async def frames() -> AsyncIterator[bytes]:
            try:
                yield b"event: one\ndata: 1\n\n"
                await asyncio.Event().wait()
                yield b"never"
            finally:
                probe.source_closed.set()

        return event_stream(frames())

    return app


async def test_frames_stream_and_the_last_ones_end_the_body(
    migrated_url: str, tmp_path: Any
) -> None:
    settings = server_settings(migrated_url, str(tmp_path / "pam"))
    probe = Probe()
    async with (
        run_server(bare_app(settings, probe), settings) as live,
        httpx.AsyncClient(base_url=live.url) as client,
    ):
        for _ in range(2):  # the same kept-alive connection, twice
            probe.second.clear()
            got = b""
            async with client.stream("GET", "/events") as response:
                assert response.status_code == 200
                assert response.headers["content-type"].startswith("text/event-stream")
                assert response.headers["x-request-id"]  # the middleware saw the start
                async for piece in response.aiter_raw():
                    got += piece
                    if got == b"event: one\ndata: 1\n\n":
                        probe.second.set()
            assert got == (
                b"event: one\ndata: 1\n\nevent: final\ndata: 2\n\nevent: end\ndata: {}\n\n"
            )


async def test_a_client_that_leaves_stops_the_source(migrated_url: str, tmp_path: Any) -> None:
    settings = server_settings(migrated_url, str(tmp_path / "pam"))
    probe = Probe()
    async with (
        run_server(bare_app(settings, probe), settings) as live,
        httpx.AsyncClient(base_url=live.url) as client,
    ):
        async with client.stream("GET", "/forever") as response:
            async for piece in response.aiter_raw():
                assert piece.startswith(b"event: one")
                break
        async with asyncio.timeout(5):
            await probe.source_closed.wait()
