"""Benchmark 5: requests per second of the bare Starlette floor.

The client is raw HTTP/1.1 keep-alive over asyncio streams (no HTTP library), so that it
is not the bottleneck: the figure is what one uvicorn worker can answer at most.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any
from urllib.parse import urlsplit

REQUEST = b"GET / HTTP/1.1\r\nHost: bench\r\n\r\n"


async def _connection(host: str, port: int, deadline: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < deadline:
            writer.write(REQUEST)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            counts[0] += 1
    finally:
        writer.close()


async def floor_rps(url: str, concurrency: int, seconds: float) -> dict[str, Any]:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    warm = [0]
    await _connection(host, port, time.monotonic() + 0.3, warm)
    counts = [0]
    started = time.monotonic()
    await asyncio.gather(
        *(_connection(host, port, started + seconds, counts) for _ in range(concurrency))
    )
    elapsed = time.monotonic() - started
    return {"concurrency": concurrency, "requests_per_s": round(counts[0] / elapsed, 1)}
