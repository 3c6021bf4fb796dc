"""Back-pressure: a client that stops reading fills only its own bounded queue and is
closed with 1013; its turn still completes, and other sockets are served meanwhile."""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import urlsplit

import httpx
import pytest
from langchain_core.messages import AIMessage
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

import server.ws.connection
from server.ws.registry import sockets_of
from tests.api.conftest import (
    Serve,
    StreamingScriptedModel,
    auth,
    frames_until,
    recv_frame,
    send_frame,
    settled_thread,
    uid,
    ws_url,
)
from tests.fakes import route

WORD = "z" * 4000
BIG_REPLY = " ".join([WORD] * 1000)  # ~4 MB in 1000 chunk frames: more than the kernel buffers


def tiny_buffer_socket(url: str) -> socket.socket:
    """A connected TCP socket whose receive buffer is as small as the kernel allows."""
    parts = urlsplit(url)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((parts.hostname, parts.port))
    sock.setblocking(False)
    return sock


async def test_a_slow_reader_is_closed_1013_and_blocks_nobody(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server.ws.connection, "SEND_QUEUE_FRAMES", 8)
    model = StreamingScriptedModel(
        script=[route("general"), AIMessage(BIG_REPLY), route("general"), AIMessage("Quick.")]
    )
    async with serve(model) as live:
        url = ws_url(live, "yara")
        slow = await connect(url, sock=tiny_buffer_socket(url), max_queue=1, max_size=None)
        try:
            await recv_frame(slow)  # connected
            await send_frame(slow, {"type": "chat", "message": "tell me everything"})
            thread_id = (await recv_frame(slow))["thread_id"]
            async with httpx.AsyncClient(base_url=live.url, headers=auth("yara")) as client:
                thread = await settled_thread(client, thread_id)  # the run never waited
            for _ in range(200):  # the server gives up on the slow socket by itself
                if not sockets_of(live.app).count(uid("yara")):
                    break
                await asyncio.sleep(0.05)
            assert sockets_of(live.app).count(uid("yara")) == 0
            async with connect(ws_url(live, "zed")) as fast:
                await recv_frame(fast)
                await send_frame(fast, {"type": "chat", "message": "quick one"})
                quick = await frames_until(fast, "response_complete", timeout_s=10)
            with pytest.raises(ConnectionClosed):
                async with asyncio.timeout(15):
                    while True:  # now drain what was buffered, up to the close frame
                        await slow.recv()
        finally:
            await slow.close()
    assert slow.close_code == 1013
    assert thread["messages"][-1]["content"] == BIG_REPLY
    assert quick[-2]["message"] == "Quick."
