"""Benchmark 4: server memory per idle, signed-in WebSocket, at N open sockets."""

from __future__ import annotations

import asyncio
import gc
import resource
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from bench.clients import token_for
from bench.procs import Server

USERS = 50  # sockets spread over a few users, as several devices would be


def raise_fd_limit(wanted: int) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(max(soft, wanted), hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


async def _open(url: str) -> ClientConnection:
    socket = await connect(url, open_timeout=60, ping_interval=None)
    await socket.recv()  # {"type": "connected"}: signed in
    return socket


async def idle_websockets(server: Server, sockets: int, settle_s: float) -> dict[str, Any]:
    raise_fd_limit(sockets * 2 + 256)
    tokens = [token_for(f"idle-{i}") for i in range(USERS)]
    urls = [f"{server.ws_url}/api/v1/pam/ws?token={tokens[i % USERS]}" for i in range(sockets)]
    warm = [await _open(urls[i]) for i in range(10)]
    await asyncio.sleep(settle_s)
    before = server.rss()
    opened: list[ClientConnection] = []
    for start in range(0, sockets, 100):  # in batches, as a crowd of clients would arrive
        opened += await asyncio.gather(*(_open(u) for u in urls[start : start + 100]))
    await asyncio.sleep(settle_s)
    gc.collect()
    after = server.rss()
    await asyncio.gather(*(s.close() for s in [*opened, *warm]), return_exceptions=True)
    per_socket = (after - before) / sockets
    return {
        "sockets": sockets,
        "rss_before_mb": round(before / 2**20, 1),
        "rss_after_mb": round(after / 2**20, 1),
        "kib_per_socket": round(per_socket / 1024, 1),
    }
