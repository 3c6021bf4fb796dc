"""Rate limits with the `limits` library: Redis counters shared by every instance when
Redis is configured, this process's memory otherwise — and this process's memory for a
while whenever Redis fails, so an outage slows nobody down and fails no request.

`hit(resources, key, rate)` is the one call: the HTTP middleware uses it per request, the
WebSocket code per frame (`settings.rate_limit_ws_frames`).
"""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

import structlog
from limits import RateLimitItem, parse, strategies
from limits import storage as sync_storage
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from redis.exceptions import RedisError

from server.resources import Resources

log = structlog.get_logger("pam.ratelimit")

REDIS_RETRY_AFTER_S = 5.0
"""After a Redis failure, how long to count in memory before trying Redis again."""
STORAGE_ERRORS = (StorageError, RedisError, OSError, TimeoutError)


@lru_cache(maxsize=64)
def rate_item(rate: str) -> RateLimitItem:
    """'30/minute' parsed once (settings validate the strings at start-up)."""
    return parse(rate)


def _async_uri(redis_url: str) -> str:
    """The `limits` storage URI for a redis://, rediss:// or unix:// URL."""
    scheme, rest = redis_url.split("://", 1)
    return f"async+{'redis+unix' if scheme == 'unix' else scheme}://{rest}"


class RateLimits:
    """Moving-window limits, so Retry-After is exact: when the oldest counted hit expires."""

    def __init__(self, resources: Resources | None = None) -> None:
        # In-process counting needs no I/O, so it is the synchronous limiter: the async
        # one's memory storage sends each key to a worker thread on every expiry pass,
        # after nearly every hit (3% of a served turn under load).
        self.memory = strategies.MovingWindowRateLimiter(sync_storage.MemoryStorage())
        self.shared: MovingWindowRateLimiter | None = None
        if resources is not None and resources.redis is not None and resources.settings.redis_url:
            # The app's Redis connection pool, so the lifespan that opened it closes it
            # (passed through **, as `limits` types its client options as scalars).
            client_options: dict[str, Any] = {"connection_pool": resources.redis.connection_pool}
            storage = RedisStorage(
                _async_uri(resources.settings.redis_url),
                implementation="redispy",
                wrap_exceptions=True,
                key_prefix="pam-ratelimit",
                **client_options,
            )
            self.shared = MovingWindowRateLimiter(storage)
        self._redis_down_until = 0.0

    async def hit(self, key: str, rate: str) -> float | None:
        """Count one hit on `key`; None when allowed, else seconds until one is allowed."""
        item = rate_item(rate)
        if self.shared is not None and time.monotonic() >= self._redis_down_until:
            try:
                return await self._hit(self.shared, item, key)
            except STORAGE_ERRORS as exc:
                self._redis_down_until = time.monotonic() + REDIS_RETRY_AFTER_S
                log.warning(
                    "rate limit storage unavailable; counting in this instance's memory",
                    error=str(exc) or type(exc).__name__,
                    retry_in_s=REDIS_RETRY_AFTER_S,
                )
        if self.memory.hit(item, key):
            return None
        return _wait(self.memory.get_window_stats(item, key).reset_time)

    @staticmethod
    async def _hit(limiter: MovingWindowRateLimiter, item: RateLimitItem, key: str) -> float | None:
        if await limiter.hit(item, key):
            return None
        return _wait((await limiter.get_window_stats(item, key)).reset_time)


def _wait(reset_time: float) -> float:
    return max(1.0, reset_time - time.time())


_open: dict[int, RateLimits] = {}
_process_memory = RateLimits()


@asynccontextmanager
async def open_rate_limits(resources: Resources) -> AsyncIterator[RateLimits]:
    """The app's limits for as long as its resources are open (the lifespan)."""
    limits = RateLimits(resources)
    _open[id(resources)] = limits
    try:
        yield limits
    finally:
        del _open[id(resources)]


async def hit(resources: Resources, key: str, rate: str) -> float | None:
    """Count one hit on `key` against `rate` (e.g. "60/minute"): None when allowed, else
    the seconds to wait. Keys are the caller's, e.g. f"ws:{user_id}"."""
    limits = _open.get(id(resources), _process_memory)
    return await limits.hit(key, rate)


def turn_key(identity: str) -> str:
    """The one budget of agent turns per caller (`user:<id>` or `ip:<addr>`), counted
    against RATE_LIMIT_CHAT by every transport that starts a turn: REST and SSE chat,
    Agent Protocol runs (the middleware) and WebSocket chat/resume frames."""
    return f"chat:{identity}"


def retry_after_header(seconds: float) -> str:
    """Retry-After takes whole seconds; round up so a client that waits is allowed."""
    return str(max(1, math.ceil(seconds)))
