"""The SSE body of a run: `metadata` first, the run's events, then `end`.

Every event made from a run chunk carries `id: <seq>`; a client that reconnects with
`Last-Event-ID` gets what came after it (`metadata` is id 0). Heartbeats and buffering
headers are the server's shared SSE ones.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

from server.agent_protocol.responses import ClosingStream, OnClose
from server.agent_protocol.stream_parts import StreamPlan
from server.runs import Run
from server.sse import SSE_HEADERS, with_heartbeats
from server.wire_json import dumps


def frame(event: str, data: Any, event_id: int | None = None) -> bytes:
    head = f"event: {event}\n".encode()
    tail = b"" if event_id is None else f"id: {event_id}\n".encode()
    return head + b"data: " + dumps(data) + b"\n" + tail + b"\n"


async def run_frames(run: Run, plan: StreamPlan, after: int | None) -> AsyncIterator[bytes]:
    """`after` None or negative: from the start, `metadata` included."""
    if after is None or after < 0:
        yield frame("metadata", {"run_id": run.run_id, "attempt": 1}, 0)
    async for event in run.events(None if after is None or after < 0 else after):
        parts = plan.parts(event)
        for i, (name, data) in enumerate(parts):
            yield frame(name, data, event.seq if i == len(parts) - 1 else None)
    yield frame("end", None)


def sse_response(
    frames: AsyncIterator[bytes], *, headers: Mapping[str, str], on_close: OnClose | None = None
) -> ClosingStream:
    return ClosingStream(
        with_heartbeats(frames),
        media_type="text/event-stream",
        headers={**SSE_HEADERS, "Cache-Control": "no-store", **headers},
        on_close=on_close,
    )
