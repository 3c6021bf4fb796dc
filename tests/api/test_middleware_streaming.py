"""The middleware stack never buffers: a streamed response reaches the client piece by
piece, and WebSockets pass through untouched. Checked on a bare app that has only the
stack, so nothing else could explain the result."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
from fastapi import FastAPI, WebSocket
from fastapi.responses import StreamingResponse
from websockets.asyncio.client import connect

from server.middleware import install_middleware
from tests.api.conftest import run_server, server_settings


def bare_app(settings: Any, second_piece: asyncio.Event) -> FastAPI:
    app = FastAPI()
    install_middleware(app, settings)

    @app.get("/stream")
    async def stream() -> StreamingResponse:
        async def pieces() -> AsyncIterator[bytes]:
            yield b"first\n"
            await second_piece.wait()  # only sent once the client has the first one
            yield b"second\n"

        return StreamingResponse(pieces(), media_type="text/event-stream")

    @app.websocket("/echo")
    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        async for text in websocket.iter_text():
            await websocket.send_text(f"echo: {text}")

    return app


async def test_streams_and_websockets_pass_through_unbuffered(
    migrated_url: str, tmp_path: Any
) -> None:
    settings = server_settings(migrated_url, str(tmp_path / "pam"))
    second_piece = asyncio.Event()
    async with run_server(bare_app(settings, second_piece), settings) as server:
        async with (
            httpx.AsyncClient(base_url=server.url, timeout=10) as c,
            c.stream("GET", "/stream", headers={"X-Request-ID": "s-1"}) as response,
        ):
            assert response.headers["x-request-id"] == "s-1"
            assert response.headers["x-content-type-options"] == "nosniff"
            lines = response.aiter_lines()
            async with asyncio.timeout(5):  # a buffering layer would hold this forever
                assert await anext(lines) == "first"
            second_piece.set()
            assert await anext(lines) == "second"
        async with connect(f"{server.ws_url}/echo") as ws:
            await ws.send("hello")
            assert await ws.recv() == "echo: hello"
