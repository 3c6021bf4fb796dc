"""This process's runs: by id (kept a few minutes after they end, to join or replay)
and by thread key (unfinished ones, oldest first: the running one, then any queued).

"Is this thread busy?" is answered here; a cross-instance lock (Redis) would be taken
in `register` and released in `finished`.
"""

from __future__ import annotations

import asyncio

from server.runs.run import Run

RETAIN_S = 300.0  # how long an ended run stays joinable/streamable from memory
# ...and how many ended runs at most (each keeps its event log): under heavy load the
# oldest go first, so memory stays flat whatever the turn rate. A run gone from memory
# is still answered from its row (status, result), without its event replay.
MAX_RETAINED = 1000


class RunTable:
    def __init__(self, retain_s: float = RETAIN_S, max_retained: int = MAX_RETAINED) -> None:
        self._retain_s = retain_s
        self._max_retained = max_retained
        self._runs: dict[str, Run] = {}
        self._threads: dict[str, list[Run]] = {}
        self._expiry: dict[str, asyncio.TimerHandle] = {}

    def get(self, run_id: str) -> Run | None:
        return self._runs.get(run_id)

    def unfinished(self, thread_key: str) -> list[Run]:
        return [r for r in self._threads.get(thread_key, []) if not r.done]

    def running(self) -> list[Run]:
        return [r for r in self._runs.values() if not r.done]

    def register(self, run: Run) -> None:
        self._runs[run.run_id] = run
        self._threads.setdefault(run.thread_key, []).append(run)

    def follow(self, run: Run) -> None:
        """A run another instance executes, followed here: found by id, never busy here
        (its instance holds the thread's lock); forgotten like the others once ended."""
        self._runs[run.run_id] = run
        if run.task is not None:
            run.task.add_done_callback(lambda _task: self.finished(run))

    def finished(self, run: Run) -> None:
        """The run ended: free its thread now, forget it after the retention time."""
        self._unlink(run)
        loop = asyncio.get_running_loop()
        self._expiry[run.run_id] = loop.call_later(self._retain_s, self.drop, run)
        while len(self._expiry) > self._max_retained:
            oldest = next(iter(self._expiry))
            self._expiry.pop(oldest).cancel()
            gone = self._runs.get(oldest)
            if gone is not None:
                self.drop(gone)

    def drop(self, run: Run) -> None:
        self._runs.pop(run.run_id, None)
        self._expiry.pop(run.run_id, None)
        self._unlink(run)

    def _unlink(self, run: Run) -> None:
        waiting = self._threads.get(run.thread_key, [])
        if run in waiting:
            waiting.remove(run)
        if not waiting:
            self._threads.pop(run.thread_key, None)

    def clear_expiry(self) -> None:
        for handle in self._expiry.values():
            handle.cancel()
        self._expiry.clear()
