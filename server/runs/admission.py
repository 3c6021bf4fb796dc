"""How many of this process's runs execute at once (PAM_RUN_ADMISSION).

Every run a process executes interleaves with the others on its one event loop: past a
few, more of them at once do not finish sooner, they share the same core, hold their
state, database connections and sockets longer, and each one's turn takes longer
(bench/README.md, issue 19's sixth round). Runs beyond the limit wait, in the order
they were started, for a running one to end; their clients stay connected, their
threads stay theirs (a waiting run is the thread's active run, as a queued one is).
Such a run is `running` from its row's insert: the process has taken it on, and the
wait is part of its run (one row update less per turn that waits, the `pending` →
`running` one a run queued behind another of its thread still makes).
"""

from __future__ import annotations

import asyncio
from collections import deque


class Admission:
    """At most `limit` runs at once (0: no limit), first come first served."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._running = 0
        self._queue: deque[asyncio.Future[None]] = deque()

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return len(self._queue)

    def ticket(self) -> Ticket:
        return Ticket(self)

    def _take_now(self) -> bool:
        if self.limit == 0:
            return True
        if self._running < self.limit and not self._queue:
            self._running += 1
            return True
        return False

    async def _take(self) -> None:
        if self._take_now():
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._give_back()  # handed a slot as it was cancelled: pass it on
            else:
                self._queue.remove(turn)
            raise

    def _give_back(self) -> None:
        if self.limit == 0:
            return
        while self._queue:  # handed to the longest waiting: the count stays
            turn = self._queue.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self._running -= 1


class Ticket:
    """One run's place: taken at once when a slot is free (`take_now`, so the run can be
    recorded as running from its first write), else waited for (`take`); given back
    once, when the run's task is done, whichever way it ended."""

    def __init__(self, admission: Admission) -> None:
        self._admission = admission
        self.held = False

    def take_now(self) -> bool:
        self.held = self._admission._take_now()
        return self.held

    async def take(self) -> None:
        if not self.held:
            await self._admission._take()
            self.held = True

    def give_back(self) -> None:
        if self.held:
            self.held = False
            self._admission._give_back()
