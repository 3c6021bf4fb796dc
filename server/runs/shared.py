"""Coordination through Redis (REDIS_URL set).

- Every run announces itself (a head hash: thread, user, message id) and holds its
  thread's lock while it executes (`RedisLease`), both renewed until it ends, so a dead
  instance's runs are known to be gone and its threads free within LOCK_TTL_S.
- Its events are mirrored to a Redis Stream (`MirroredLog`); other instances follow them
  (`remote.attach`).
- Cancels are published on one channel; the instance that owns the run acts on it.
- Pushes: each instance subscribes to `pam:push:{user}` while it holds a socket of that
  user, and a push is a PUBLISH there (Redis answers how many instances took it).
- Rate limits count in Redis (`limits`' storage).

When Redis fails, runs start without it (as on a single instance) for a while, so an
outage costs no turn a wait on a dead connection; pushes reach this instance's sockets.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
import redis.asyncio as aioredis
import structlog

from server.pubsub import Subscriber
from server.ratelimit import RateCounter, RedisCounter
from server.runs.codec import CANCEL_CHANNEL, head_key, lock_key, push_channel
from server.runs.coordinator import CoordinatorKind, Lease, OnCancel, settle_claim
from server.runs.local import LocalLease
from server.runs.locks import REDIS_ERRORS, Holder, ThreadLocks
from server.runs.mirror import MirroredLog
from server.runs.remote import attach
from server.runs.run import CancelAction, Run, Strategy
from server.ws.registry import SocketRegistry

log = structlog.get_logger("pam.runs")

# After Redis fails, runs start without it (as on a single instance) for this long, so an
# outage costs no turn a wait on a dead connection.
REDIS_RETRY_AFTER_S = 5.0


class RedisLease:
    def __init__(
        self, coordinator: RedisCoordinator, run: Run, on_error: Callable[[Exception], None]
    ) -> None:
        self._coordinator = coordinator
        self._redis = coordinator.redis
        self._on_error = on_error
        self._locks = coordinator.locks
        self._run = run
        self.holder = Holder(run.run_id, run.message_id)
        self.held = False
        self._renewer: asyncio.Task[None] | None = None

    @property
    def shared(self) -> bool:
        return True

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

    async def claim(self, strategy: Strategy) -> None:
        held = await self._locks.try_acquire(self._run.thread_key, self.holder)
        self.held = held is None
        await settle_claim(self._run, held, strategy, self._coordinator.publish_cancel)

    async def acquire(self) -> None:
        if not self.held:
            await self._locks.acquire(self._run.thread_key, self.holder)
            self.held = True

    def mirror(self) -> None:
        self._run.log = MirroredLog(self._redis, self._run)

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


class RedisCoordinator:
    kind: CoordinatorKind = "redis"

    def __init__(self, redis: aioredis.Redis, redis_url: str) -> None:
        self.redis = redis
        self.locks = ThreadLocks(redis)
        self.counter: RateCounter = RedisCounter(redis, redis_url)
        self._down_until = 0.0
        self._registry = SocketRegistry()
        # One pub/sub connection for everything this process listens to.
        self.subscriber = Subscriber(redis)
        self.subscriber.start()

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

    def on_cancel(self, handler: OnCancel) -> None:
        async def cancel_message(data: bytes) -> None:
            try:
                message = orjson.loads(data)
                action = message.get("action")
                run_id, thread_key = message.get("run_id"), message.get("thread_key")
            except (orjson.JSONDecodeError, AttributeError):
                return
            if action in ("interrupt", "rollback"):
                await handler(run_id, thread_key, action)

        self.subscriber.subscribe(CANCEL_CHANNEL, cancel_message)

    def serve_pushes(self, registry: SocketRegistry) -> None:
        self._registry = registry
        registry.on_presence = self._presence
        for user_id in registry.users():
            self._presence(user_id, True)

    async def aclose(self) -> None:
        self._registry.on_presence = None
        await self.subscriber.aclose()

    def lease(self, run: Run) -> Lease:
        """Shared while Redis answers; for a while after it failed, this process alone."""
        if not self.usable():
            return LocalLease()
        return RedisLease(self, run, self.failed)

    async def attach(self, run_id: str) -> Run | None:
        return await attach(self.redis, run_id)

    async def thread_held(self, thread_key: str) -> bool:
        return await self.locks.holder(thread_key) is not None

    async def owner_gone(self, run_id: str, thread_key: str, created_at: datetime) -> bool:
        """No instance executes the run any more: its head has expired (its owner renews
        it while the run lives, queued or running) and it holds no lock on its thread.
        Redis unreachable: unknown, so not gone."""
        try:
            if await self.redis.exists(head_key(run_id)):
                return False
            held = await self.redis.get(lock_key(thread_key))
        except REDIS_ERRORS:
            return False
        return held is None or Holder.parse(held).run_id != run_id

    async def publish_cancel(
        self, *, run_id: str | None = None, thread_key: str | None = None, action: CancelAction
    ) -> None:
        message = {"run_id": run_id, "thread_key": thread_key, "action": action}
        try:
            await self.redis.publish(CANCEL_CHANNEL, orjson.dumps(message))
        except REDIS_ERRORS as exc:
            log.warning("cancel not shared (Redis)", run_id=run_id, error=str(exc))

    async def push(self, user_id: UUID, frame: dict[str, Any]) -> int:
        try:
            return int(await self.redis.publish(push_channel(user_id), orjson.dumps(frame)))
        except REDIS_ERRORS as exc:
            log.warning("push not shared (Redis); this instance only", error=str(exc))
        return await self._registry.push(user_id, frame)

    def listening(self, user_id: UUID) -> bool:
        return self.subscriber.subscribed(push_channel(user_id))

    def _presence(self, user_id: UUID, present: bool) -> None:
        channel = push_channel(user_id)
        if not present:
            self.subscriber.unsubscribe(channel)
            return
        registry = self._registry

        async def deliver(data: bytes) -> None:
            await registry.push(user_id, orjson.loads(data))

        self.subscriber.subscribe(channel, deliver)
