"""A reverse proxy in front of `pam serve` that can drop a chat stream, so a browser
test sees a real dropped connection: the server has started the turn, and the page got
its stream's first events (the thread's id, the first words…) or nothing at all before
it broke."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
import uvicorn
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from tests.servers import free_port

STREAM_PATH = "/api/v1/pam/chat/stream"
# Long enough for the browser to have read what was sent before the connection breaks.
HANDED_OVER_S = 0.5
HOP_HEADERS = {"host", "content-length", "connection", "transfer-encoding", "keep-alive"}


class ConnectionCut(Exception):
    """Raised inside the response body: uvicorn then drops the connection unfinished."""


@dataclass
class CuttingProxy:
    upstream: str
    armed: threading.Event = field(default_factory=threading.Event)
    events_before_cut: int = 1  # 0: the page learns nothing, not even the thread id
    cut_when: bytes = b""  # cut only a stream whose request body holds this
    stream_path: str = STREAM_PATH  # the streams it cuts (the resume's, say)
    cuts: int = 0
    bytes_sent: int = 0  # response bytes relayed to the browser (headers and bodies)
    sent: dict[str, int] = field(default_factory=dict)  # those bytes by "METHOD path"
    resumed_after: list[str] = field(default_factory=list)  # Last-Event-IDs of the streams

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # lifespan: nothing to set up
        request = Request(scope, receive)
        response = await self.forward(request)
        await response(scope, receive, send)

    async def forward(self, request: Request) -> Response:
        client = httpx.AsyncClient(timeout=60)
        url = f"{self.upstream}{request.url.path}"
        if request.url.query:
            url += f"?{request.url.query}"
        headers = [(k, v) for k, v in request.headers.items() if k not in HOP_HEADERS]
        body = await request.body()
        upstream = await client.send(
            client.build_request(request.method, url, headers=headers, content=body),
            stream=True,
        )
        if request.url.path == self.stream_path and "last-event-id" in request.headers:
            self.resumed_after.append(request.headers["last-event-id"])
        cut = request.url.path == self.stream_path and self.armed.is_set()
        cut = cut and self.cut_when in body
        if cut:
            self.armed.clear()
            self.cuts += 1
        kept = {k: v for k, v in upstream.headers.items() if k not in HOP_HEADERS}
        name = f"{request.method} {request.url.path}"
        self.count(name, sum(len(k) + len(v) + 4 for k, v in kept.items()))
        return StreamingResponse(
            self.relay(client, upstream, cut, name), upstream.status_code, kept
        )

    def count(self, name: str, size: int) -> None:
        self.bytes_sent += size
        self.sent[name] = self.sent.get(name, 0) + size

    async def relay(
        self, client: httpx.AsyncClient, upstream: httpx.Response, cut: bool, name: str
    ) -> AsyncIterator[bytes]:
        buffered = b""
        try:
            async for chunk in upstream.aiter_raw():
                if not cut:
                    self.count(name, len(chunk))
                    yield chunk
                    continue
                buffered += chunk
                if self.events_before_cut == 0:
                    raise ConnectionCut
                end = _end_of_event(buffered, self.events_before_cut)
                if end >= 0:  # the first events (metadata, …) go through; then the line drops
                    yield buffered[:end]
                    await asyncio.sleep(HANDED_OVER_S)
                    raise ConnectionCut
        finally:
            await upstream.aclose()
            await client.aclose()


def _end_of_event(body: bytes, n: int) -> int:
    """Where the `n`th event of an SSE body ends (-1: not there yet)."""
    end = 0
    for _ in range(n):
        found = body.find(b"\n\n", end)
        if found < 0:
            return -1
        end = found + 2
    return end


@contextmanager
def cutting_proxy(upstream: str) -> Iterator[tuple[str, CuttingProxy]]:
    """(url, proxy) of a proxy to `upstream` served from a thread."""
    proxy = CuttingProxy(upstream)
    port = free_port()
    config = uvicorn.Config(
        proxy, host="127.0.0.1", port=port, log_level="critical", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the proxy did not start")
            threading.Event().wait(0.02)
        yield f"http://127.0.0.1:{port}", proxy
    finally:
        server.should_exit = True
        thread.join(timeout=10)
