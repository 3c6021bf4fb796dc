"""A socket that keeps sending past its frame rate limit is closed.

Each refused frame still costs the server a rate-limit count and an error frame (about
0.8 ms of CPU, redteam 10), and a client that ignores `retry_after` can send them as fast
as its link goes. A client that reads its refusals waits; after `limit` refusals within
WINDOW_S the socket is closed with FLOODING, so a flood costs a handful of frames per
connection; opening a new one is a request against the user's API budget
(RATE_LIMIT_API, server/ws/route.py)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from server.ratelimit import retry_after_header

# Policy violation (RFC 6455): the client kept sending after it was told to wait.
FLOODING = 1008
WINDOW_S = 60.0  # as the default frame limit's own window (a minute)


def flooding_reason(retry_after_s: float) -> str:
    wait = retry_after_header(retry_after_s)
    return f"Too many frames past the rate limit; wait {wait} s before reconnecting."


class Refusals:
    """The times of this socket's refused frames within the last WINDOW_S seconds."""

    def __init__(
        self, limit: int, window_s: float = WINDOW_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._times: deque[float] = deque()

    def refuse(self) -> bool:
        """Count one refused frame; True once more than `limit` fall within the window."""
        now = self._clock()
        self._times.append(now)
        while self._times[0] <= now - self.window_s:
            self._times.popleft()
        return len(self._times) > self.limit
