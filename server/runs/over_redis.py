"""Coordination through Redis (REDIS_URL set): everything the runs share there.

- **Who holds a thread.** Every run announces itself (a head hash: thread, user, message
  id) and holds its thread's lock while it executes (`RedisLease`, `ThreadLocks`), both
  renewed until it ends, so a dead instance's runs are known to be gone and its threads
  free within LOCK_TTL_S. The lock's value names the run and its client message_id, so a
  retried message that meets its own first attempt is told apart from a busy thread.
- **Run events** are mirrored to a Redis Stream (`MirroredLog`); other instances follow
  them (`attach`), so joins, waits, Last-Event-ID resumes and chat retries work the same
  on every instance. The owner holds a run's events until a follower asks for them (a
  message on `pam:runs:follow`; what was held goes at once, then each batch as it comes)
  or the run ends (all of them with the end entry, in one write): a run that nobody joins
  from another instance while it runs costs Redis one write, not one per token.
- **Cancels** are published on one channel; the instance that owns the run acts on it.
- **Pushes**: each instance subscribes to `pam:push:{user}` while it holds a socket of that
  user, and a push is a PUBLISH there (Redis answers how many instances took it).
- **Rate limits** count in Redis (`limits`' storage).

When Redis fails, runs start without it (as on a single instance) for a while, so an
outage costs no turn a wait on a dead connection; pushes reach this instance's sockets.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
import redis.asyncio as aioredis
import structlog

from server.pubsub import REDIS_ERRORS, Subscriber
from server.ratelimit import RateCounter, RedisCounter
from server.runs.codec import Fields, end_fields, event_fields, read_end, read_event
from server.runs.coordinator import (
    BATCH,
    UNFOLLOWED,
    CoordinatorKind,
    Holder,
    Lease,
    OnCancel,
    cancel_message,
    finish,
    follower,
    read_cancel,
    settle_claim,
)
from server.runs.events import MAX_EVENTS, RunEvent
from server.runs.local import LocalLease
from server.runs.mirror import SharedLog
from server.runs.run import CancelAction, Run, Strategy
from server.runs.store import LOST
from server.ws.registry import SocketRegistry

log = structlog.get_logger("pam.runs")

# After Redis fails, runs start without it (as on a single instance) for this long, so an
# outage costs no turn a wait on a dead connection.
REDIS_RETRY_AFTER_S = 5.0
LOCK_TTL_S = 15.0  # how long a dead instance's threads stay blocked, at most
POLL_S = 0.05  # how often a queued run looks at a lock held elsewhere
LIVE_TTL_S = 3600  # a stream whose instance died mid-run is dropped after this
# Joinable from other instances this long after the end (a retry or a reconnect comes
# within seconds; later ones get the stored result). Each turn is tens of kB in Redis.
ENDED_TTL_S = 60
FOLLOW_BLOCK_MS = 1000  # a follower's longest wait between two checks that the owner lives
CANCEL_CHANNEL = "pam:runs:cancel"
FOLLOW_CHANNEL = "pam:runs:follow"  # a run id: another instance follows that run now


def head_key(run_id: str) -> str:
    """A hash: the run's thread, user and message id, while it lives and shortly after."""
    return f"pam:run:{run_id}"


def events_key(run_id: str) -> str:
    """A stream: the run's events (seq, mode, namespace, data), then one `end` entry."""
    return f"pam:run:{run_id}:events"


def lock_key(thread_key: str) -> str:
    """A string: the run holding the thread (`tools.db.thread_keys.thread_key`)."""
    return f"pam:thread:{thread_key}:lock"


def push_channel(user_id: UUID) -> str:
    """Where pushes to a user's sockets are published (an instance holding one listens)."""
    return f"pam:push:{user_id}"


_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0
"""


class ThreadLocks:
    """One run per thread across instances: a lock per thread, held by the run that
    executes on it, renewed while the run lives, expiring by itself when the instance
    holding it dies. Redis unreachable is no reason to refuse a turn: each instance then
    decides alone until it is back."""

    def __init__(self, redis: aioredis.Redis, ttl_s: float = LOCK_TTL_S) -> None:
        self._redis = redis
        self.ttl_s = ttl_s
        self._ttl_ms = int(ttl_s * 1000)

    async def try_acquire(self, thread_key: str, holder: Holder) -> Holder | None:
        """None when the thread is now `holder`'s; otherwise who holds it."""
        key = lock_key(thread_key)
        try:
            for _ in range(3):  # a lock released between SET and GET: try again
                if await self._redis.set(key, holder.value, nx=True, px=self._ttl_ms):
                    return None
                raw = await self._redis.get(key)
                if raw is not None:
                    held = Holder.parse(raw)
                    return None if held.run_id == holder.run_id else held
        except REDIS_ERRORS as exc:
            log.warning("thread lock unavailable; deciding locally", error=str(exc))
            return None
        return None

    async def acquire(self, thread_key: str, holder: Holder) -> None:
        """Wait until the thread is `holder`'s (its holder ends, or its instance dies)."""
        while True:
            if await self.try_acquire(thread_key, holder) is None:
                return
            await asyncio.sleep(POLL_S)  # a holder on another instance: no event to wait on

    async def renew(self, thread_key: str, holder: Holder) -> bool:
        """Extend the lock; False when it was lost (expired and taken, or Redis gone)."""
        try:
            kept = await self._redis.eval(
                _RENEW, 1, lock_key(thread_key), holder.value, self._ttl_ms
            )
        except REDIS_ERRORS:
            return False
        return bool(kept)

    async def release(self, thread_key: str, holder: Holder) -> None:
        try:
            await self._redis.eval(_RELEASE, 1, lock_key(thread_key), holder.value)
        except REDIS_ERRORS as exc:  # it expires by itself
            log.warning("could not release a thread lock", error=str(exc))

    async def holder(self, thread_key: str) -> Holder | None:
        try:
            raw = await self._redis.get(lock_key(thread_key))
        except REDIS_ERRORS:
            return None
        return Holder.parse(raw) if raw is not None else None


class MirroredLog(SharedLog):
    """To a Redis Stream (`pam:run:{id}:events`), capped at `max_events` entries."""

    errors = REDIS_ERRORS
    where = "Redis"
    on_request = True

    def __init__(self, redis: aioredis.Redis, run: Run, max_events: int = MAX_EVENTS) -> None:
        self._redis = redis
        super().__init__(run, max_events)

    async def write(self, batch: list[RunEvent], ending: bool) -> None:
        key = events_key(self._run.run_id)
        pipe = self._redis.pipeline(transaction=False)
        for event in batch:
            pipe.xadd(key, event_fields(event), maxlen=self._max_events, approximate=True)
        if ending:
            pipe.xadd(key, self._end_fields())
            pipe.expire(key, ENDED_TTL_S)
            pipe.expire(head_key(self._run.run_id), ENDED_TTL_S)
        else:
            pipe.expire(key, LIVE_TTL_S)
        await pipe.execute()

    def _end_fields(self) -> Fields:
        run = self._run
        return end_fields(run.status, run.error, run.values, run.interrupts, run.result)


async def attach(redis: aioredis.Redis, run_id: str) -> Run | None:
    """A follower of the run, or None when no instance has announced it (or Redis is down)."""
    try:
        head: dict[bytes, bytes] = await redis.hgetall(head_key(run_id))  # type: ignore[assignment]
    except REDIS_ERRORS:
        return None
    if not head or b"thread_id" not in head:
        return None
    return follower(
        run_id,
        thread_id=head[b"thread_id"].decode(),
        user_id=UUID(head[b"user_id"].decode()),
        message_id=head.get(b"message_id", b"").decode() or None,
        extras={k[2:].decode(): v.decode() for k, v in head.items() if k.startswith(b"x:")},
        follow=lambda run: follow(redis, run),
    )


async def follow(redis: aioredis.Redis, run: Run) -> None:
    """Replay the run's Stream into the follower until its `end` entry (or its owner dies).
    The owner copies a run's events as they come only once asked (FOLLOW_CHANNEL); asked
    again while nothing arrives, in case the first ask reached it before the run's log
    existed there."""
    key, last = events_key(run.run_id), "0-0"
    try:
        await redis.publish(FOLLOW_CHANNEL, run.run_id)
        while True:
            found: Any = await redis.xread({key: last}, count=BATCH, block=FOLLOW_BLOCK_MS)
            if not found:
                if not await redis.exists(head_key(run.run_id)):  # its owner died
                    run.end("error", LOST)
                    return
                await redis.publish(FOLLOW_CHANNEL, run.run_id)
                continue
            for entry_id, fields in found[0][1]:
                last = entry_id
                if b"end" in fields:
                    finish(run, *read_end(fields))
                    return
                run.log.replay(read_event(fields))
    except REDIS_ERRORS as exc:
        log.warning("lost the run's shared events", run_id=run.run_id, error=str(exc))
        run.end("error", UNFOLLOWED)
    except asyncio.CancelledError:
        run.end("cancelled")  # this instance is shutting down; the run itself goes on


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

    async def claim(self, strategy: Strategy) -> str | None:
        held = await self._locks.try_acquire(self._run.thread_key, self.holder)
        self.held = held is None
        return await settle_claim(self._run, held, strategy, self._coordinator.publish_cancel)

    async def acquire(self) -> None:
        if not self.held:
            await self._locks.acquire(self._run.thread_key, self.holder)
            self.held = True

    def mirror(self) -> None:
        log = MirroredLog(self._redis, self._run)
        self._run.log = log
        self._coordinator.mirrors[self._run.run_id] = log

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
        # This process's runs whose events another instance may ask to follow; an ended
        # run's log goes with the run.
        self.mirrors: weakref.WeakValueDictionary[str, MirroredLog] = weakref.WeakValueDictionary()
        # One pub/sub connection for everything this process listens to.
        self.subscriber = Subscriber(redis)
        self.subscriber.subscribe(FOLLOW_CHANNEL, self._on_follow)
        self.subscriber.start()

    async def _on_follow(self, data: bytes) -> None:
        if (log := self.mirrors.get(data.decode(errors="replace"))) is not None:
            log.go_live()

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
        async def on_message(data: bytes) -> None:
            if (cancel := read_cancel(data)) is not None:
                await handler(*cancel)

        self.subscriber.subscribe(CANCEL_CHANNEL, on_message)

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
        try:
            await self.redis.publish(CANCEL_CHANNEL, cancel_message(run_id, thread_key, action))
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
