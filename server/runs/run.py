"""One run of the graph on a thread, as the process sees it while it runs and shortly after:
its statuses, what a busy thread means to it (the multitask strategies), and what a
finished chat turn amounts to for a client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID

from server.refusals import Busy
from server.runs.events import EventLog, RunEvent
from server.runs.graph_stream import GraphOptions
from tools.db.thread_keys import thread_key

RunStatus = Literal["pending", "running", "success", "error", "interrupted", "cancelled"]
# What a thread being busy means to a new run: refused, queued, or taking over.
Strategy = Literal["reject", "enqueue", "interrupt", "rollback"]
CancelAction = Literal["interrupt", "rollback"]
Disconnect = Literal["cancel", "continue"]
# When the graph writes a checkpoint: after every step ("sync" waits for it, "async"
# does not) or once when the run stops ("exit").
Durability = Literal["sync", "async", "exit"]
ENDED: frozenset[str] = frozenset({"success", "error", "interrupted", "cancelled"})


class RunFailed(Exception):
    """The run ended with an error; the message is safe to show a client."""


BUSY = "This thread is busy with another turn; wait for it to finish."


class ThreadBusy(Busy):
    """A run is active on the thread and the strategy is `reject`."""

    def __init__(self, thread_id: str) -> None:
        super().__init__(BUSY)
        self.thread_id = thread_id


class Run:
    """Status: pending (queued behind another run), running, then one of success,
    error, interrupted (paused on a human-approval interrupt, waiting for a resume)
    or cancelled (stopped by `RunManager.cancel`; Agent Protocol calls this
    "interrupted")."""

    def __init__(
        self,
        *,
        run_id: str,
        thread_id: str,
        user_id: UUID,
        metadata: dict[str, Any],
        on_disconnect: Disconnect,
        message_id: str | None = None,
        durability: Durability = "exit",
        graph_options: GraphOptions | None = None,
        extras: dict[str, str] | None = None,
        kwargs: dict[str, Any] | None = None,
        inherited_metadata: dict[str, Any] | None = None,
    ) -> None:
        self.run_id = run_id
        self.thread_id = thread_id
        self.user_id = user_id
        self.metadata = metadata
        self.on_disconnect: Disconnect = on_disconnect
        self.message_id = message_id
        # When the graph checkpoints, and how it is driven (modes, subgraphs, breakpoints,
        # config): from the run's request (server/runs/request.py).
        self.durability: Durability = durability
        self.graph_options = graph_options or GraphOptions()
        self.status: RunStatus = "pending"
        self.created_at = datetime.now(UTC)
        self.updated_at = self.created_at
        self.error: str | None = None
        # Filled when the run ends: the thread's state values and pending interrupts.
        self.values: dict[str, Any] = {}
        self.interrupts: list[Any] = []
        self.result: dict[str, Any] | None = None
        self.cancel_action: CancelAction | None = None
        # A rollback's deletions done (server/runs/rollback.py), by its task or its cancel.
        self.undone = False
        self.log = EventLog()
        self.task: asyncio.Task[None] | None = None
        # True: another instance executes the run; this object follows it (and `task`
        # is the follower), so cancelling it means asking the owner.
        self.remote = False
        # Small strings a follower on another instance needs (the Agent Protocol's stream
        # options), shared with the run's head in Redis.
        self.extras: dict[str, str] = dict(extras or {})
        # An Agent Protocol run's kwargs (kept on its row), and the metadata it inherits
        # under its thread's and its own when its row is inserted (store.insert_run).
        self.kwargs = kwargs
        self.inherited_metadata = inherited_metadata
        self._ended = asyncio.Event()

    @property
    def thread_key(self) -> str:
        """Its thread among every user's (the run table's and the locks' key)."""
        return thread_key(self.user_id, self.thread_id)

    @property
    def done(self) -> bool:
        return self._ended.is_set()

    def set_status(self, status: RunStatus) -> None:
        self.status = status
        self.updated_at = datetime.now(UTC)

    def end(self, status: RunStatus, error: str | None = None) -> None:
        self.set_status(status)
        self.error = error
        self.log.close()
        self._ended.set()

    def events(self, after: int | None = None) -> AsyncIterator[RunEvent]:
        """Buffered events after `after` (a Last-Event-ID), then live ones until the end."""
        return self.log.follow(after)

    def event_batches(self, after: int | None = None) -> AsyncIterator[list[RunEvent]]:
        """`events`, as the lists that arrived between two reads."""
        return self.log.batches(after)

    async def ended(self) -> None:
        await self._ended.wait()

    async def wait(self) -> dict[str, Any]:
        """The thread's state values when the run ended; RunFailed if it errored."""
        await self._ended.wait()
        if self.status == "error":
            raise RunFailed(self.error or "The run failed.")
        return self.values


def interrupt_payload(interrupts: list[Any]) -> dict[str, Any] | None:
    """The first pending interrupt's value ({action_requests, review_configs} for the
    human-in-the-loop approvals) with its `interrupt_id` (LangGraph's id for this asking:
    a question asked again has a new one, so a decision can name the question it
    answers), or None when nothing waits for the user."""
    for item in interrupts:
        value = getattr(item, "value", item)
        payload = dict(value) if isinstance(value, dict) else {"value": value}
        interrupt_id = getattr(item, "id", None)
        if isinstance(interrupt_id, str):
            payload["interrupt_id"] = interrupt_id
        return payload
    return None


def turn_result(values: dict[str, Any], interrupts: list[Any]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "reply": str(values.get("reply") or ""),
        "ui_actions": list(values.get("ui_actions") or []),
    }
    pending = interrupt_payload(interrupts)
    if pending is not None:
        result["interrupt"] = pending
    return result
