"""Coordination for a process that shares its database with no other: it decides alone.

Its own run table already serialises the runs of a thread, so a lease holds nothing
more; pushes reach this process's sockets; rate limits count in its memory; an
unfinished run it did not start was left by an earlier process of this instance.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from server.ratelimit import MemoryCounter, RateCounter
from server.runs.coordinator import CoordinatorKind, OnCancel
from server.runs.run import CancelAction, Run, Strategy
from server.ws.registry import SocketRegistry


class LocalLease:
    """Nothing to take beyond this process's run table."""

    @property
    def shared(self) -> bool:
        return False

    async def announce(self) -> None:
        """No other process to find the run."""

    async def claim(self, strategy: Strategy) -> str | None:
        """No other process can hold the thread."""
        return None

    async def acquire(self) -> None:
        """The thread is the run's once the runs queued ahead of it here have ended."""

    def mirror(self) -> None:
        """No other process follows the run: its in-memory log is all there is."""

    async def end(self) -> None:
        """Nothing was taken."""


class LocalCoordinator:
    kind: CoordinatorKind = "local"

    def __init__(self) -> None:
        self.counter: RateCounter = MemoryCounter()
        # An unfinished run row from before this moment was left by an earlier process
        # of this (single) instance: see owner_gone.
        self._started_at = datetime.now(UTC)
        self._registry = SocketRegistry()

    def on_cancel(self, handler: OnCancel) -> None:
        """Cancels come from this process only: the run manager acts on them itself."""

    def serve_pushes(self, registry: SocketRegistry) -> None:
        self._registry = registry

    async def aclose(self) -> None:
        """Nothing open."""

    def lease(self, run: Run) -> LocalLease:
        return LocalLease()

    async def attach(self, run_id: str) -> Run | None:
        return None  # a run not in this process's table runs nowhere

    async def thread_held(self, thread_key: str) -> bool:
        return False

    async def owner_gone(self, run_id: str, thread_key: str, created_at: datetime) -> bool:
        return created_at < self._started_at

    async def publish_cancel(
        self, *, run_id: str | None = None, thread_key: str | None = None, action: CancelAction
    ) -> None:
        """The run manager has stopped this process's runs itself: no one else to ask."""

    async def push(self, user_id: UUID, frame: dict[str, Any]) -> int:
        return await self._registry.push(user_id, frame)

    def listening(self, user_id: UUID) -> bool:
        return True
