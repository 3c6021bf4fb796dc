"""One simulated user per client, over each protocol: a thread of its own, then turns.

`turn()` sends MESSAGE, reads the whole streamed answer and returns when the turn has
ended, with the time of the first reply token (None when no token was streamed).
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import orjson
from websockets.asyncio.client import ClientConnection, connect

from bench.client_base import MESSAGE, TIMEOUT_S, Client, TurnFailed, token_for, varied
from bench.procs import Server
from bench.sdk_client import SdkClient

__all__ = ["MESSAGE", "Client", "TurnFailed", "make_client", "token_for", "varied"]


class SseClient:
    def __init__(self, server: Server, user: str) -> None:
        headers = {"Authorization": f"Bearer {token_for(user)}"}
        self.http = httpx.AsyncClient(base_url=server.url, headers=headers, timeout=TIMEOUT_S)
        self.thread_id: str | None = None

    async def setup(self) -> None:
        await self.turn()  # creates the thread (and warms the connection)

    async def new_thread(self) -> None:
        self.thread_id = None  # the next turn starts one

    async def turn(self, message: str = MESSAGE) -> float | None:
        body = {"message": message, "thread_id": self.thread_id}
        first: float | None = None
        event, ended = "", False
        async with self.http.stream("POST", "/api/v1/pam/chat/stream", json=body) as response:
            if response.status_code != 200:
                raise TurnFailed(f"HTTP {response.status_code}")
            async for line in response.aiter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    if event == "token" and first is None:
                        first = time.perf_counter()
                    elif event == "metadata":
                        self.thread_id = orjson.loads(line[6:])["thread_id"]
                    elif event == "error":
                        raise TurnFailed(line[6:])
                    elif event == "end":
                        ended = True
                # "end" is the last event: reading on to the stream's close leaves the
                # connection reusable, as a browser's is (breaking at "end" would cost
                # the server a new TCP connection per turn).
        if not ended:
            raise TurnFailed("the stream closed before its end event")
        return first

    async def close(self) -> None:
        await self.http.aclose()


class WsClient:
    def __init__(self, server: Server, user: str) -> None:
        self.url = f"{server.ws_url}/api/v1/pam/ws?token={token_for(user)}"
        self.socket: ClientConnection | None = None
        self.thread_id: str | None = None

    async def setup(self) -> None:
        self.socket = await connect(self.url, max_size=None, open_timeout=TIMEOUT_S)
        await self.socket.recv()  # {"type": "connected"}
        await self.turn()

    async def new_thread(self) -> None:
        self.thread_id = None

    async def turn(self, message: str = MESSAGE) -> float | None:
        assert self.socket is not None
        frame: dict[str, Any] = {"type": "chat", "message": message}
        if self.thread_id:
            frame["thread_id"] = self.thread_id
        await self.socket.send(orjson.dumps(frame).decode())
        first: float | None = None
        while True:
            got = orjson.loads(await self.socket.recv())
            kind = got["type"]
            if kind == "chunk" and first is None:
                first = time.perf_counter()
            elif kind == "chat_response_start":
                self.thread_id = got["thread_id"]
            elif kind == "error":
                raise TurnFailed(got.get("message", "error frame"))
            elif kind == "response_complete":
                return first

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


PROTOCOLS = ("sse", "ws", "ap", "langgraph_dev")


def make_client(protocol: str, server: Server, user: str) -> Client:
    if protocol == "sse":
        return SseClient(server, user)
    if protocol == "ws":
        return WsClient(server, user)
    if protocol == "ap":
        return SdkClient(server, user, signed_in=True)
    if protocol == "langgraph_dev":
        return SdkClient(server, user, signed_in=False)
    raise ValueError(f"unknown protocol {protocol!r}")
