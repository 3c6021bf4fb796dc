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
from starlette.types import Receive, Scope, Send

from server.wire_json import dumps

HEARTBEAT_S = 15.0
HEARTBEAT = b": heartbeat\n\n"
# Enough to batch a burst of tokens; few enough that a stalled client holds little.
QUEUED_FRAMES = 32
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


class LastFrames(bytes):
    """A stream's closing frames: EventStream writes them with the response's end, so
    the last event and the end of the chunked body leave in one write."""


def sse_frame(event: str, data: Any, event_id: str | int | None = None) -> bytes:
    """One event; JSON has no raw newlines, so `data` is always a single line."""
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\n".encode() + b"data: " + dumps(data) + b"\n\n"


async def with_heartbeats(
    frames: AsyncIterator[bytes], interval_s: float | None = None
) -> AsyncIterator[bytes]:
    """`frames`, with a comment line whenever nothing was sent for `interval_s`."""
    interval = HEARTBEAT_S if interval_s is None else interval_s
    loop = asyncio.get_running_loop()
    # The pump forwards the source's end (None) or failure (the exception) in-band,
    # so the reader never waits on a source that has already stopped.
    queue: asyncio.Queue[bytes | Exception | None] = asyncio.Queue(maxsize=QUEUED_FRAMES)
    sent_at = loop.time()

    async def pump() -> None:
        try:
            async for frame in frames:
                await queue.put(frame)
        except Exception as exc:
            await queue.put(exc)
            return
        await queue.put(None)

    # One timer per stream, moved on as it fires, rather than a timeout around each
    # wait for a frame (a timer made and cancelled per frame).
    beat: asyncio.TimerHandle

    def beat_if_quiet() -> None:
        nonlocal beat
        quiet = loop.time() - sent_at
        if quiet >= interval and queue.empty():  # the reader waits, and has waited long
            queue.put_nowait(HEARTBEAT)
            quiet = 0.0
        beat = loop.call_later(max(interval - quiet, 0.0), beat_if_quiet)

    beat = loop.call_later(interval, beat_if_quiet)
    pumping = asyncio.create_task(pump())
    try:
        while True:
            item = queue.get_nowait() if not queue.empty() else await queue.get()
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
                joined = b"".join(batch)
                yield LastFrames(joined) if isinstance(batch[-1], LastFrames) else joined
                sent_at = loop.time()
            if item is None:
                return
            if isinstance(item, Exception):
                raise item
    finally:
        beat.cancel()
        pumping.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pumping


class EventStream(StreamingResponse):
    """Starlette's StreamingResponse, with less work per request: the frames marked
    LastFrames go out with the body's end (one write, not two), and a client's
    disconnect is watched by one plain task that cancels the stream (Starlette runs an
    anyio task group per response for it)."""

    async def stream_response(self, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        last = b""
        async for chunk in self.body_iterator:
            if isinstance(chunk, LastFrames):
                last += chunk  # the iterator ends right after it
                continue
            body = chunk if isinstance(chunk, bytes | memoryview) else chunk.encode(self.charset)
            await send({"type": "http.response.body", "body": body, "more_body": True})
        await send({"type": "http.response.body", "body": last, "more_body": False})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        streaming = asyncio.current_task()
        assert streaming is not None
        done = disconnected = False

        async def listen_for_disconnect() -> None:
            nonlocal disconnected
            while (await receive())["type"] != "http.disconnect":
                pass
            if not done:
                disconnected = True
                streaming.cancel()

        listener = asyncio.create_task(listen_for_disconnect())
        try:
            await self.stream_response(send)
        except asyncio.CancelledError:
            if not disconnected:
                raise
            streaming.uncancel()  # ours: the client left, the response is over
        finally:
            done = True
            listener.cancel()
        if self.background is not None:
            await self.background()


def event_stream(
    frames: AsyncIterator[bytes],
    *,
    headers: Mapping[str, str] | None = None,
    heartbeat_s: float | None = None,
) -> StreamingResponse:
    return EventStream(
        with_heartbeats(frames, heartbeat_s),
        media_type="text/event-stream",
        headers={**SSE_HEADERS, **(headers or {})},
    )
