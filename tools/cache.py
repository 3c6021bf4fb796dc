"""A small async TTL cache for external API responses: Redis when configured, else memory."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

import redis.asyncio
from cachetools import TLRUCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class Cache(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, ttl_s: int) -> None: ...


def _expires_at(_key: str, value: tuple[bytes, float], now: float) -> float:
    return value[1]


class MemoryCache:
    """Per-process cache, bounded in size; entries expire on their own TTL."""

    def __init__(self, maxsize: int = 2048) -> None:
        self._data: TLRUCache[str, tuple[bytes, float]] = TLRUCache(
            maxsize=maxsize, ttu=_expires_at, timer=time.monotonic
        )

    async def get(self, key: str) -> bytes | None:
        hit = self._data.get(key)
        return hit[0] if hit else None

    async def set(self, key: str, value: bytes, ttl_s: int) -> None:
        self._data[key] = (value, time.monotonic() + ttl_s)


class RedisCache:
    """Shared by every server process. A cache is an optimisation: any Redis failure
    (down, slow, refusing) reads as a miss or a skipped write, never as an error, and
    Redis is then left alone for `cooldown_s` so a dead server costs one timeout, not
    one per request."""

    def __init__(
        self,
        client: redis.asyncio.Redis,
        *,
        prefix: str = "pam:cache:",
        timeout_s: float = 0.5,
        cooldown_s: float = 30.0,
    ) -> None:
        self._client = client
        self._prefix = prefix
        self._timeout_s = timeout_s
        self._cooldown_s = cooldown_s
        self._skip_until = 0.0

    def _available(self) -> bool:
        return time.monotonic() >= self._skip_until

    def _failed(self, doing: str, exc: BaseException) -> None:
        self._skip_until = time.monotonic() + self._cooldown_s
        log.warning(
            "redis cache %s failed; skipping Redis for %gs: %r", doing, self._cooldown_s, exc
        )

    async def get(self, key: str) -> bytes | None:
        if not self._available():
            return None
        try:
            async with asyncio.timeout(self._timeout_s):
                value = await self._client.get(self._prefix + key)
        except (RedisError, OSError, TimeoutError) as exc:
            self._failed("get", exc)
            return None
        if isinstance(value, str):  # a client made with decode_responses=True
            return value.encode()
        return value if isinstance(value, bytes) else None

    async def set(self, key: str, value: bytes, ttl_s: int) -> None:
        if not self._available():
            return
        try:
            async with asyncio.timeout(self._timeout_s):
                await self._client.set(self._prefix + key, value, ex=max(1, ttl_s))
        except (RedisError, OSError, TimeoutError) as exc:
            self._failed("set", exc)
