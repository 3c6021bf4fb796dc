"""SSE writes (server/sse.py): the frames of a burst go out in one write, unchanged."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from server.sse import sse_frame, with_heartbeats


async def _paced(frames: list[bytes], gaps_s: list[float]) -> AsyncIterator[bytes]:
    for frame, gap in zip(frames, gaps_s, strict=True):
        await asyncio.sleep(gap)
        yield frame


async def _writes(frames: list[bytes], gaps_s: list[float], coalesce_s: float) -> list[bytes]:
    return [w async for w in with_heartbeats(_paced(frames, gaps_s), 60, coalesce_s)]


async def test_a_burst_is_one_write_of_the_same_bytes() -> None:
    frames = [sse_frame("token", {"text": f" w{i}"}, i) for i in range(10)]
    writes = await _writes(frames, [0.0] * 10, coalesce_s=0.05)
    assert writes == [b"".join(frames)]


async def test_frames_apart_are_written_apart() -> None:
    frames = [sse_frame("token", {"text": "a"}, 1), sse_frame("final", {"reply": "a"}, 2)]
    writes = await _writes(frames, [0.0, 0.2], coalesce_s=0.01)
    assert writes == frames


async def test_without_a_window_each_frame_goes_alone() -> None:
    frames = [sse_frame("token", {"text": f" w{i}"}, i) for i in range(3)]
    writes = await _writes(frames, [0.02] * 3, coalesce_s=0)
    assert writes == frames
