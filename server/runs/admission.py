"""How many of this process's runs execute their graph at once (PAM_RUN_ADMISSION).

Runs beyond the limit wait, in the order they asked, for one that executes to end:
their clients stay connected and their threads stay theirs (the lease is taken first),
so to a client a waiting run is a run whose first event comes later.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Admission:
    """At most `limit` runs at once (0: no limit), first come first served."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._slots = asyncio.Semaphore(limit) if limit > 0 else None

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self._slots is None:
            yield
            return
        async with self._slots:
            yield
