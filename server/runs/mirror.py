"""A run's events copied where other processes can read them as they happen (a Redis
Stream, or a Postgres table), so that any process can join the run (a chat retry, a
Last-Event-ID reconnect) while it runs and for a while after.

The in-memory log stays the fast path on the process that runs the turn. The copy is
written in batches by a task of its own, so a turn never waits on the copy, and a failure
only stops the copy (with one warning), never the turn. The two stores: `MirroredLog`
(server/runs/over_redis.py) and `TableLog` (server/runs/over_postgres.py).

A store may copy on request (`on_request`): events are then held until another process
asks to follow the run (`go_live`: what is held goes at once, then each batch as it comes)
or the run ends (everything in one write with the outcome), so a run nobody joins while it
runs costs one write, not one per token.
"""

from __future__ import annotations

import asyncio
import contextlib
from abc import ABC, abstractmethod
from collections import deque
from typing import Any, assert_never

import structlog

from server.runs.events import MAX_EVENTS, EventLog, EventMode, RunEvent
from server.runs.run import Run

log = structlog.get_logger("pam.runs")


def worth_mirroring(mode: EventMode, values_streamed: bool) -> bool:
    """What is worth copying: every mode, but `values` chunks only when the run's client
    streams them. Each carries the whole state (tens of kB, growing with the thread), and
    chat clients never read them; the end entry has the final values. Exhaustive: a new
    mode must be decided here, or it would silently never reach a second instance."""
    match mode:
        case "values":
            return values_streamed
        case "updates" | "messages" | "custom" | "error":
            return True
        case "debug" | "checkpoints" | "tasks" | "events":  # in the log only when asked for
            return True
        case _:
            assert_never(mode)


def values_streamed(run: Run) -> bool:
    return "values" in run.extras.get("stream_modes", "").split(",")


class SharedLog(EventLog, ABC):
    """The run's log, with what is worth mirroring written by `write` in batches; the
    last batch (`ending`) carries the run's outcome."""

    errors: tuple[type[BaseException], ...] = ()
    where = ""
    # The shortest time between two batches: a store whose write costs more than one
    # round trip takes the events of this long at once (the end is never held back).
    flush_every_s = 0.0
    # Held until a follower asks (`go_live`) or the run ends, rather than copied as they come.
    on_request = False

    def __init__(self, run: Run, max_events: int = MAX_EVENTS) -> None:
        super().__init__(max_events)
        self._run = run
        self._max_events = max_events
        # Bounded as the log is: a long run nobody follows holds no more than it keeps.
        self._pending: deque[RunEvent] = deque(maxlen=max_events)
        self._values = values_streamed(run)
        self._ending = False
        self.live = not self.on_request
        self._more = asyncio.Event()
        self._closing = asyncio.Event()
        self.flushed = asyncio.Event()  # set once the end entry is written (or given up)
        self._task = asyncio.create_task(self._drain(), name=f"mirror-{run.run_id}")

    def append(self, mode: EventMode, namespace: tuple[str, ...], data: Any) -> RunEvent:
        event = super().append(mode, namespace, data)
        if worth_mirroring(mode, self._values):
            self._pending.append(event)
            if self.live:
                self._more.set()
        return event

    def go_live(self) -> None:
        """Another process follows the run: copy what is held now, then as it comes."""
        if not self.live:
            self.live = True
            self._more.set()

    def close(self) -> None:
        super().close()
        self._ending = True
        self._more.set()
        self._closing.set()

    @abstractmethod
    async def write(self, batch: list[RunEvent], ending: bool) -> None:
        """Copy the batch where other processes read it (with the outcome when `ending`)."""

    async def _drain(self) -> None:
        try:
            while True:
                await self._more.wait()
                self._more.clear()
                batch, ending = list(self._pending), self._ending
                self._pending.clear()
                await self.write(batch, ending)
                if ending:
                    return
                if self.flush_every_s:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._closing.wait(), self.flush_every_s)
        except self.errors as exc:
            log.warning(
                f"run events not shared ({self.where})", run_id=self._run.run_id, error=str(exc)
            )
        finally:
            self._pending.clear()
            self.flushed.set()
