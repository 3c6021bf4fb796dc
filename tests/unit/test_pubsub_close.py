"""Closing the listening connection ends its task even when a read swallowed the cancel:
redis-py's read with a timeout can take a cancel that lands as its timeout runs out for
the timeout itself, and the task read on forever (`pam chat --local` hung at exit, ~1 in 8
runs with REDIS_URL set)."""

from __future__ import annotations

import asyncio

from server.pubsub import Channels


class SwallowingReads(Channels[object]):
    """A session whose read takes the first cancel for its own timeout, as that race does."""

    task_name = "swallowing-reads"
    swallowed = 0

    async def _session(self) -> None:
        self.connected.set()
        while True:  # no check of its own: the close must end it anyway
            try:
                await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                if self.swallowed:
                    raise
                self.swallowed += 1  # the read's timeout, as far as the reader can tell


async def test_close_ends_a_task_whose_read_swallowed_the_cancel() -> None:
    channels = SwallowingReads()
    channels.start()
    await asyncio.wait_for(channels.connected.wait(), 1)
    closing = asyncio.create_task(channels.aclose())
    done, _ = await asyncio.wait({closing}, timeout=3)  # (wait_for would cancel it: a 2nd cancel)
    assert closing in done, "the close waited on a task that read on"
    assert channels.swallowed == 1
    assert channels._task is not None and channels._task.done()
