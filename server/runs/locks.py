"""One run per thread across instances: a Redis lock per thread, held by the run that
executes on it, renewed while the run lives, and expiring by itself when the instance
holding it dies. The lock's value names the run and its client message_id, so a
retried message that meets its own first attempt is told apart from a busy thread.

Redis being unreachable is not a reason to refuse a turn: each instance then decides
alone (as without Redis) until it is back.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import redis.asyncio as aioredis
import structlog
from redis.exceptions import RedisError

from server.runs.codec import lock_key

log = structlog.get_logger("pam.runs")

LOCK_TTL_S = 15.0  # how long a dead instance's threads stay blocked, at most
POLL_S = 0.05  # how often a queued run looks at a lock held elsewhere
REDIS_ERRORS = (RedisError, OSError, TimeoutError)

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0
"""


@dataclass(frozen=True)
class Holder:
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


class ThreadLocks:
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
