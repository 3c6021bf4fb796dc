"""Server-sent events: framing, comment heartbeats, and the streaming response.

Heartbeats keep proxies and load balancers from closing a quiet stream while a turn
thinks; `X-Accel-Buffering: no` stops nginx from holding events back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from typing import Any

from starlette.responses import StreamingResponse

from server.wire_json import dumps

HEARTBEAT_S = 15.0
HEARTBEAT = b": heartbeat\n\n"
# Enough to batch a burst of tokens; few enough that a stalled client holds little.
QUEUED_FRAMES = 32
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def sse_frame(event: str, data: Any, event_id: str | int | None = None) -> bytes:
    """One event; JSON has no raw newlines, so `data` is always a single line."""
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\n".encode() + b"data: " + dumps(data) + b"\n\n"


async def with_heartbeats(
    frames: AsyncIterator[bytes], interval_s: float | None = None
) -> AsyncIterator[bytes]:
    """`frames`, with a comment line whenever nothing was sent for `interval_s`."""
    interval = HEARTBEAT_S if interval_s is None else interval_s
    # The pump forwards the source's end (None) or failure (the exception) in-band,
    # so the reader never waits on a source that has already stopped.
    queue: asyncio.Queue[bytes | Exception | None] = asyncio.Queue(maxsize=QUEUED_FRAMES)

    async def pump() -> None:
        try:
            async for frame in frames:
                await queue.put(frame)
        except Exception as exc:
            await queue.put(exc)
            return
        await queue.put(None)

    pumping = asyncio.create_task(pump())
    try:
        while True:
            try:
                if not queue.empty():
                    item = queue.get_nowait()
                else:
                    # A timeout scope, not wait_for: no task per frame waited for.
                    async with asyncio.timeout(interval):
                        item = await queue.get()
            except TimeoutError:
                yield HEARTBEAT
                continue
            # Frames that queued up while the last write was under way go out as one
            # write: under load, one pass through the middleware and the socket per
            # batch rather than per token.
            batch = [item] if isinstance(item, bytes) else []
            while batch and not queue.empty():
                item = queue.get_nowait()
                if not isinstance(item, bytes):
                    break
                batch.append(item)
            if batch:
                yield b"".join(batch)
            if item is None:
                return
            if isinstance(item, Exception):
                raise item
    finally:
        pumping.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pumping


def event_stream(
    frames: AsyncIterator[bytes],
    *,
    headers: Mapping[str, str] | None = None,
    heartbeat_s: float | None = None,
) -> StreamingResponse:
    return StreamingResponse(
        with_heartbeats(frames, heartbeat_s),
        media_type="text/event-stream",
        headers={**SSE_HEADERS, **(headers or {})},
    )
