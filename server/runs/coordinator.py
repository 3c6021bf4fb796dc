"""How the processes serving one database agree with each other: the one interface the
run manager, the WebSocket pushes and the rate limits talk to, chosen once at start-up.

- `local`: one process decides alone (no other process shares its database).
- `redis`: REDIS_URL is set; locks, run streams, cancels, pushes and counters in Redis
  (server/runs/over_redis.py).
- `postgres`: several processes (`pam serve --workers N`, or instances) and no Redis;
  advisory locks, tables and LISTEN/NOTIFY in the database (server/runs/over_postgres.py).

What is shared, whichever the kind: which run holds a thread (`Lease`), a run's events for
joins and resumes from another process (`attach`), cancels (`publish_cancel`), whether a
run's process died (`owner_gone`), pushes to a user's sockets (`push`) and the rate-limit
counters (`counter`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol
from uuid import UUID

import orjson
import redis.asyncio as aioredis

from server.ratelimit import RateCounter
from server.runs.run import ENDED, CancelAction, Run, RunStatus, Strategy, ThreadBusy
from server.runs.store import DuplicateMessage
from server.settings import Settings
from server.ws.registry import SocketRegistry
from tools.db.pool import Pool

CoordinatorKind = Literal["local", "redis", "postgres"]
OnCancel = Callable[[str | None, str | None, CancelAction], Coroutine[Any, Any, None]]
PublishCancel = Callable[..., Awaitable[None]]
Follow = Callable[[Run], Coroutine[Any, Any, None]]

BATCH = 500  # how many of a run's shared events a follower reads at once
UNFOLLOWED = "The server running this turn stopped before it finished."


@dataclass(frozen=True)
class Holder:
    """The run holding a thread, with its client message_id (a retry of that message
    meeting it is a duplicate, not a busy thread); `value` is how a Redis lock names it."""

    run_id: str
    message_id: str | None = None

    @property
    def value(self) -> str:
        return f"{self.run_id} {self.message_id or ''}"

    @classmethod
    def parse(cls, raw: bytes | str) -> Holder:
        text = raw.decode() if isinstance(raw, bytes) else raw
        run_id, _, message_id = text.partition(" ")
        return cls(run_id, message_id or None)


class Lease(Protocol):
    """A run's hold on its thread for as long as it lives, seen by every process."""

    @property
    def shared(self) -> bool:
        """Whether other processes take part: the run then waits for `acquire` before it
        is running (a local one runs at once unless queued behind this process's runs)."""
        ...

    async def announce(self) -> None:
        """Make the run findable by other processes (before it can hold its thread)."""

    async def claim(self, strategy: Strategy) -> str | None:
        """Take the thread now if no other process runs one on it; otherwise a duplicate
        of the holder's message, busy (`reject`), or ask the holder to stop (`interrupt`,
        `rollback`). Except when refused, the run waits for the thread in `acquire`. The
        id of a holder rolled back (its row is then deleted by the caller), else None."""

    async def acquire(self) -> None:
        """Wait until the thread is the run's, everywhere."""

    def mirror(self) -> None:
        """Share the run's events from now on, so other processes can follow it."""

    async def end(self) -> None:
        """Let the thread go (idempotent)."""


class Coordinator(Protocol):
    kind: CoordinatorKind
    counter: RateCounter

    def on_cancel(self, handler: OnCancel) -> None:
        """Act on cancels published by any process (the run manager's handler)."""

    def serve_pushes(self, registry: SocketRegistry) -> None:
        """Deliver pushes from any process to this process's sockets."""

    async def aclose(self) -> None: ...

    def lease(self, run: Run) -> Lease: ...

    async def attach(self, run_id: str) -> Run | None:
        """A local follower of a run another process executes, or None."""

    async def thread_held(self, thread_key: str) -> bool:
        """Whether another process runs a run on the thread now."""

    async def owner_gone(self, run_id: str, thread_key: str, created_at: datetime) -> bool:
        """Whether the process that executed an unfinished run (not this one's) died."""

    async def publish_cancel(
        self, *, run_id: str | None = None, thread_key: str | None = None, action: CancelAction
    ) -> None:
        """Ask whichever process executes the run (or the thread's runs) to stop it."""

    async def push(self, user_id: UUID, frame: dict[str, Any]) -> int:
        """Queue the frame on the user's sockets everywhere; how many processes took it
        (0: no socket of the user is open anywhere)."""

    def listening(self, user_id: UUID) -> bool:
        """Whether pushes for the user reach this process now (tests wait on it)."""


async def settle_claim(
    run: Run, held: Holder | None, strategy: Strategy, publish_cancel: PublishCancel
) -> str | None:
    """What a run does about the holder of its thread in another process (None: free);
    the holder's run id when it is rolled back."""
    if held is None:
        return None
    if run.message_id is not None and held.message_id == run.message_id:
        raise DuplicateMessage(held.run_id)
    if strategy == "reject":
        raise ThreadBusy(run.thread_id)
    if strategy in ("interrupt", "rollback"):
        action: CancelAction = "rollback" if strategy == "rollback" else "interrupt"
        await publish_cancel(run_id=held.run_id, action=action)
        return held.run_id if action == "rollback" else None
    return None


def cancel_message(run_id: str | None, thread_key: str | None, action: CancelAction) -> bytes:
    """A cancel as every kind publishes it: a run, or every run of a thread."""
    return orjson.dumps({"run_id": run_id, "thread_key": thread_key, "action": action})


def read_cancel(raw: bytes | str) -> tuple[str | None, str | None, CancelAction] | None:
    """A published cancel's run id, thread key and action (None: not a cancel)."""
    try:
        message = orjson.loads(raw)
        action = message.get("action")
        run_id, thread_key = message.get("run_id"), message.get("thread_key")
    except (orjson.JSONDecodeError, AttributeError):
        return None
    if action == "interrupt" or action == "rollback":
        return run_id, thread_key, action
    return None


def follower(
    run_id: str,
    *,
    thread_id: str,
    user_id: UUID,
    message_id: str | None,
    extras: dict[str, str],
    follow: Follow,
) -> Run:
    """A local Run that follows one another process executes, from the head that process
    shared: marked `remote` (cancelling it asks the owner), its events replayed by
    `follow`, so joins, waits, Last-Event-ID resumes and chat retries work the same on
    every process."""
    run = Run(
        run_id=run_id,
        thread_id=thread_id,
        user_id=user_id,
        metadata={},
        on_disconnect="continue",
        message_id=message_id,
        extras=extras,
    )
    run.remote = True
    run.set_status("running")
    run.task = asyncio.create_task(follow(run), name=f"follow-{run_id}")
    return run


def finish(run: Run, status: str, error: str | None, outcome: dict[str, Any]) -> None:
    """End a follower as its run ended in its own process."""
    run.values = dict(outcome.get("values") or {})
    run.interrupts = list(outcome.get("interrupts") or [])
    run.result = outcome.get("result")
    ended: RunStatus = status if status in ENDED else "error"  # type: ignore[assignment]
    run.end(ended, error)


def coordinator_kind(settings: Settings) -> CoordinatorKind:
    """PAM_COORDINATION, with `auto` resolved: Redis when REDIS_URL is set, else local
    (`pam serve --workers N` sets `postgres` for its workers when there is no Redis)."""
    if settings.pam_coordination != "auto":
        return settings.pam_coordination
    return "redis" if settings.redis_url else "local"


@asynccontextmanager
async def open_coordinator(
    settings: Settings, database_url: str, pool: Pool, redis: aioredis.Redis | None
) -> AsyncIterator[Coordinator]:
    """The process's coordinator, open for as long as the context lasts."""
    kind = coordinator_kind(settings)
    coordinator: Coordinator
    if kind == "redis":
        from server.runs.over_redis import RedisCoordinator

        if redis is None or settings.redis_url is None:
            raise RuntimeError("Redis coordination needs REDIS_URL")
        coordinator = RedisCoordinator(redis, settings.redis_url)
    elif kind == "postgres":
        from server.runs.over_postgres import PostgresCoordinator

        coordinator = await PostgresCoordinator.open(database_url, pool)
    else:
        from server.runs.local import LocalCoordinator

        coordinator = LocalCoordinator()
    try:
        yield coordinator
    finally:
        await coordinator.aclose()
