"""A run's event log: a bounded buffer that late readers replay and live readers follow."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Literal, get_args

# What a run asks `graph.astream` for; every reader of a run's events (the Redis mirror,
# the chat translation, the WebSocket forwarder, the Agent Protocol) switches on these
# exhaustively, so a mode added here is a type error wherever it is not yet handled.
StreamMode = Literal["values", "updates", "messages", "custom"]
# Recorded only for an Agent Protocol run that asked for them (server/runs/graph_stream.py):
# LangGraph's debug, checkpoints and tasks modes, and astream_events' events.
RequestedMode = Literal["debug", "checkpoints", "tasks", "events"]
# A recorded event: a stream mode, a requested one, or "error" when the run failed.
EventMode = Literal[StreamMode, RequestedMode, "error"]
STREAM_MODES: tuple[StreamMode, ...] = get_args(StreamMode)
EVENT_MODES: frozenset[EventMode] = frozenset(get_args(EventMode))


def event_mode(text: str) -> EventMode:
    """`text` as an EventMode (read back from Redis); ValueError for anything else."""
    for mode in EVENT_MODES:
        if mode == text:
            return mode
    raise ValueError(f"not a run event mode: {text!r}")


# Enough for a long turn streamed token by token; older events drop off the front, so a
# reader resuming from a very old Last-Event-ID gets what is left rather than the lot.
MAX_EVENTS = 10_000


@dataclass(frozen=True)
class RunEvent:
    """One chunk of `graph.astream(..., subgraphs=True)`: its stream mode ("values",
    "updates", "messages", "custom"; "error" when the run failed), the subgraph
    namespace it came from (() for the top graph) and the chunk itself. `seq` counts
    from 1 within a run and is what SSE clients send back as Last-Event-ID."""

    seq: int
    mode: EventMode
    namespace: tuple[str, ...]
    data: Any


class EventLog:
    def __init__(self, max_events: int = MAX_EVENTS) -> None:
        self._events: deque[RunEvent] = deque(maxlen=max_events)
        self._seq = 0
        self._changed = asyncio.Event()
        self._closed = False

    @property
    def last_seq(self) -> int:
        return self._seq

    def append(self, mode: EventMode, namespace: tuple[str, ...], data: Any) -> RunEvent:
        if self._closed:
            raise RuntimeError("the run has ended; its event log is closed")
        self._seq += 1
        event = RunEvent(self._seq, mode, namespace, data)
        self._events.append(event)
        self._wake()
        return event

    def replay(self, event: RunEvent) -> None:
        """Add an event numbered elsewhere (a run followed from another instance)."""
        self._seq = event.seq
        self._events.append(event)
        self._wake()

    def close(self) -> None:
        self._closed = True
        self._wake()

    def _wake(self) -> None:
        # Waiters hold the old Event; a fresh one is ready for the next wait.
        self._changed.set()
        self._changed = asyncio.Event()

    def held(self) -> list[RunEvent]:
        """The events the log holds now (its first ones dropped past `max_events`)."""
        return list(self._events)

    def _after(self, last: int) -> list[RunEvent]:
        """Events with seq > last, read from the newest end: a reader woken per token
        takes the new events only, not a scan of the whole log each time."""
        fresh: list[RunEvent] = []
        for event in reversed(self._events):
            if event.seq <= last:
                break
            fresh.append(event)
        fresh.reverse()
        return fresh

    async def follow(self, after: int | None = None) -> AsyncIterator[RunEvent]:
        """Events with seq > `after`, then live ones, until the log is closed."""
        async for batch in self.batches(after):
            for event in batch:
                yield event

    async def batches(self, after: int | None = None) -> AsyncIterator[list[RunEvent]]:
        """`follow`, a wake-up at a time: everything that arrived while the reader was
        busy comes as one list, so a reader under load can merge tokens and write once."""
        last = after or 0
        while True:
            waiter = self._changed
            fresh = self._after(last)
            if fresh:
                last = fresh[-1].seq
                yield fresh
                continue  # more may have arrived while the reader was busy
            if self._closed:
                return
            await waiter.wait()
