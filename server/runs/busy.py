"""What a thread being busy means to a new run: refused, queued, or taking over."""

from __future__ import annotations

from typing import Literal

Strategy = Literal["reject", "enqueue", "interrupt", "rollback"]


class ThreadBusy(Exception):
    """A run is active on the thread and the strategy is `reject`."""

    def __init__(self, thread_id: str) -> None:
        super().__init__(f"thread {thread_id} already has a run in progress")
        self.thread_id = thread_id
