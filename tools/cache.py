"""A small async TTL cache for external API responses: Redis when configured, else memory."""

from __future__ import annotations

import time
from typing import Protocol

from cachetools import TLRUCache


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
