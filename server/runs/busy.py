"""What a thread being busy means to a new run: refused, queued, or taking over."""

from __future__ import annotations

from typing import Literal

from server.refusals import Busy

Strategy = Literal["reject", "enqueue", "interrupt", "rollback"]


BUSY = "This thread is busy with another turn; wait for it to finish."


class ThreadBusy(Busy):
    """A run is active on the thread and the strategy is `reject`."""

    def __init__(self, thread_id: str) -> None:
        super().__init__(BUSY)
        self.thread_id = thread_id
