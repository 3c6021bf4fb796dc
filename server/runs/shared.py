"""What a run manager shares with the other instances through Redis.

- Every run announces itself (a head hash: thread, user, message id) and holds its
  thread's lock while it executes (`Lease`), both renewed until it ends, so a dead
  instance's runs are known to be gone and its threads free within LOCK_TTL_S.
- Its events are mirrored to a Redis Stream (`MirroredLog`); other instances follow them
  (`remote.attach`).
- Cancels are published on one channel; the instance that owns the run acts on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
import redis.asyncio as aioredis
import structlog

from server.pubsub import Subscriber
from server.runs.busy import Strategy, ThreadBusy
from server.runs.codec import CANCEL_CHANNEL, head_key, lock_key
from server.runs.locks import REDIS_ERRORS, Holder, ThreadLocks
from server.runs.mirror import MirroredLog
from server.runs.remote import attach
from server.runs.run import CancelAction, Run
from server.runs.store import DuplicateMessage

log = structlog.get_logger("pam.runs")

OnCancel = Callable[[str | None, str | None, CancelAction], Awaitable[None]]
# After Redis fails, runs start without it (as on a single instance) for this long, so an
# outage costs no turn a wait on a dead connection.
REDIS_RETRY_AFTER_S = 5.0


class Lease:
    def __init__(
        self,
        redis: aioredis.Redis,
        locks: ThreadLocks,
        run: Run,
        on_error: Callable[[Exception], None],
    ) -> None:
        self._redis = redis
        self._on_error = on_error
        self._locks = locks
        self._run = run
        self.holder = Holder(run.run_id, run.message_id)
        self.held = False
        self._renewer: asyncio.Task[None] | None = None

    async def announce(self) -> None:
        """Write the run's head (before its lock, so whoever sees the lock finds it)."""
        run = self._run
        head: dict[Any, Any] = {"thread_id": run.thread_id, "user_id": str(run.user_id)}
        if run.message_id:
            head["message_id"] = run.message_id
        head.update({f"x:{key}": value for key, value in run.extras.items()})
        try:
            pipe = self._redis.pipeline(transaction=False)
            pipe.hset(head_key(run.run_id), mapping=head)
            pipe.expire(head_key(run.run_id), int(self._locks.ttl_s))
            await pipe.execute()
        except REDIS_ERRORS as exc:
            self._on_error(exc)
        self._renewer = asyncio.create_task(self._renew(), name=f"lease-{run.run_id}")

    async def claim(self) -> Holder | None:
        """Take the thread now if free; else who holds it."""
        held = await self._locks.try_acquire(self._run.thread_key, self.holder)
        self.held = held is None
        return held

    async def acquire(self) -> None:
        if not self.held:
            await self._locks.acquire(self._run.thread_key, self.holder)
            self.held = True

    async def end(self) -> None:
        if self._renewer is not None:
            self._renewer.cancel()
        if self.held:
            self.held = False
            await self._locks.release(self._run.thread_key, self.holder)

    async def _renew(self) -> None:
        every = self._locks.ttl_s / 3
        while True:
            await asyncio.sleep(every)
            with contextlib.suppress(*REDIS_ERRORS):
                await self._redis.expire(head_key(self._run.run_id), int(self._locks.ttl_s))
            if self.held and not await self._locks.renew(self._run.thread_key, self.holder):
                # Expired under us (a long stall, a Redis restart): take it back if free.
                log.warning("thread lock lost; re-taking it", run_id=self._run.run_id)
                await self._locks.try_acquire(self._run.thread_key, self.holder)


class SharedRuns:
    def __init__(self, redis: aioredis.Redis, on_cancel: OnCancel) -> None:
        self._redis = redis
        self.locks = ThreadLocks(redis)
        self._on_cancel = on_cancel
        self._down_until = 0.0
        self.subscriber = Subscriber(redis)
        self.subscriber.subscribe(CANCEL_CHANNEL, self._cancel_message)

    def usable(self) -> bool:
        return time.monotonic() >= self._down_until

    def failed(self, exc: Exception) -> None:
        if self.usable():
            log.warning(
                "Redis unavailable; runs are not shared for a while",
                error=str(exc) or repr(exc),
                retry_in_s=REDIS_RETRY_AFTER_S,
            )
        self._down_until = time.monotonic() + REDIS_RETRY_AFTER_S

    def lease(self, run: Run) -> Lease:
        return Lease(self._redis, self.locks, run, self.failed)

    async def claim(self, run: Run, lease: Lease, strategy: Strategy) -> None:
        """Take the thread for the run now if no instance runs one on it; otherwise a
        duplicate of the holder's message, busy (`reject`), or ask the holder to stop
        (`interrupt`, `rollback`). Except when refused, the run's task waits for the lock."""
        held = await lease.claim()
        if held is None:
            return
        if run.message_id is not None and held.message_id == run.message_id:
            raise DuplicateMessage(held.run_id)
        if strategy == "reject":
            raise ThreadBusy(run.thread_id)
        if strategy in ("interrupt", "rollback"):
            action: CancelAction = "rollback" if strategy == "rollback" else "interrupt"
            await self.publish_cancel(run_id=held.run_id, action=action)

    async def gone(self, run_id: str, thread_key: str) -> bool:
        """Whether no instance executes the run any more: its head has expired (its
        owner renews it while the run lives, queued or running) and it holds no lock on
        its thread. Redis unreachable: unknown, so not gone."""
        try:
            if await self._redis.exists(head_key(run_id)):
                return False
            held = await self._redis.get(lock_key(thread_key))
        except REDIS_ERRORS:
            return False
        return held is None or Holder.parse(held).run_id != run_id

    def mirror(self, run: Run) -> None:
        run.log = MirroredLog(self._redis, run)

    async def attach(self, run_id: str) -> Run | None:
        return await attach(self._redis, run_id)

    async def publish_cancel(
        self, *, run_id: str | None = None, thread_key: str | None = None, action: CancelAction
    ) -> None:
        message = {"run_id": run_id, "thread_key": thread_key, "action": action}
        try:
            await self._redis.publish(CANCEL_CHANNEL, orjson.dumps(message))
        except REDIS_ERRORS as exc:
            log.warning("cancel not shared (Redis)", run_id=run_id, error=str(exc))

    async def _cancel_message(self, data: bytes) -> None:
        try:
            message = orjson.loads(data)
            action = message.get("action")
            run_id, thread_key = message.get("run_id"), message.get("thread_key")
        except (orjson.JSONDecodeError, AttributeError):
            return
        if action in ("interrupt", "rollback"):
            await self._on_cancel(run_id, thread_key, action)
