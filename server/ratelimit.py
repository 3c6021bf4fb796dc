"""Rate limits: moving windows counted where the process's coordinator keeps them (server/
runs/coordinator.py) — in Redis, in Postgres, or in this process's memory — and in this
process's memory for a while whenever the shared counter fails, so an outage slows nobody
down and fails no request.

`hit(resources, key, rate)` is the one call: the HTTP middleware uses it per request, the
WebSocket code per frame (`settings.rate_limit_ws_frames`).
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

import psycopg
import structlog
from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from psycopg_pool import PoolTimeout
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException

if TYPE_CHECKING:
    from uuid import UUID

    import redis.asyncio as aioredis

    from server.resources import Resources
    from tools.db.pool import Pool

log = structlog.get_logger("pam.ratelimit")

SHARED_RETRY_AFTER_S = 5.0
"""After a shared counter fails, how long to count in memory before trying it again."""
STORAGE_ERRORS = (StorageError, RedisError, psycopg.Error, PoolTimeout, OSError, TimeoutError)


@lru_cache(maxsize=64)
def rate_item(rate: str) -> RateLimitItem:
    """'30/minute' parsed once (settings validate the strings at start-up)."""
    return parse(rate)


class RateCounter(Protocol):
    async def hit(self, item: RateLimitItem, key: str) -> float | None:
        """Count one hit on `key`; None when allowed, else seconds until one is allowed."""


SWEEP_EVERY = 1024
"""How many hits the memory counter takes between two drops of idle keys."""


class MemoryCounter:
    """This process's memory: per key, the times of its hits within the window (a moving
    window, as the shared counters keep). No thread: `limits`' memory storage starts a
    timer thread to expire keys after nearly every hit (a new thread a turn under load, 3%
    of a served turn's CPU); here a key's old hits go when it is hit again, and keys
    nobody hits any more every SWEEP_EVERY hits."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, sweep_every: int = SWEEP_EVERY
    ) -> None:
        self._clock = clock
        self._hits: dict[str, tuple[float, deque[float]]] = {}
        self._sweep_every = self._until_sweep = sweep_every

    async def hit(self, item: RateLimitItem, key: str) -> float | None:
        now = self._clock()
        window = float(item.get_expiry())
        _, hits = self._hits.setdefault(item.key_for(key), (window, deque()))
        while hits and hits[0] <= now - window:
            hits.popleft()
        allowed = len(hits) < item.amount
        if allowed:
            hits.append(now)
        self._until_sweep -= 1
        if self._until_sweep <= 0:  # after this hit is counted: its key is not idle
            self._sweep(now)
        return None if allowed else max(1.0, hits[0] + window - now)

    def _sweep(self, now: float) -> None:
        self._until_sweep = self._sweep_every
        idle = [
            k for k, (window, hits) in self._hits.items() if not hits or hits[-1] <= now - window
        ]
        for k in idle:
            del self._hits[k]

    def __len__(self) -> int:
        """How many keys are counted (tests: idle ones are dropped)."""
        return len(self._hits)


def _async_uri(redis_url: str) -> str:
    """The `limits` storage URI for a redis://, rediss:// or unix:// URL."""
    scheme, rest = redis_url.split("://", 1)
    return f"async+{'redis+unix' if scheme == 'unix' else scheme}://{rest}"


class RedisCounter:
    """`limits`' Redis storage on the app's Redis connection pool, so the lifespan that
    opened it closes it."""

    def __init__(self, redis: aioredis.Redis, redis_url: str) -> None:
        # Passed through **, as `limits` types its client options as scalars.
        client_options: dict[str, Any] = {"connection_pool": redis.connection_pool}
        storage = RedisStorage(
            _async_uri(redis_url),
            implementation="redispy",
            wrap_exceptions=True,
            key_prefix="pam-ratelimit",
            **client_options,
        )
        self._limiter = MovingWindowRateLimiter(storage)

    async def hit(self, item: RateLimitItem, key: str) -> float | None:
        if await self._limiter.hit(item, key):
            return None
        return _wait((await self._limiter.get_window_stats(item, key)).reset_time)


# One statement per hit: the key's row is locked by the upsert, so concurrent hits from
# any process are counted one after another. `hits` keeps the times of the hits still
# in the window (at most the limit's amount); a hit is counted only under the limit, so
# an allowed hit is the one whose time ends the array.
_HIT = """
INSERT INTO rate_limit_windows AS w (key, hits, expires_at)
VALUES (%(key)s, ARRAY[statement_timestamp()], statement_timestamp() + %(window)s)
ON CONFLICT (key) DO UPDATE SET
    hits = (
        SELECT CASE WHEN count(*) < %(amount)s
            THEN coalesce(array_agg(h ORDER BY h), '{}') || statement_timestamp()
            ELSE array_agg(h ORDER BY h) END
        FROM unnest(w.hits) AS h WHERE h > statement_timestamp() - %(window)s
    ),
    expires_at = statement_timestamp() + %(window)s
RETURNING hits[cardinality(hits)] = statement_timestamp() AS allowed,
    extract(epoch FROM hits[1] + %(window)s - statement_timestamp())::float8 AS wait_s
"""


class PostgresCounter:
    """Moving windows in the `rate_limit_windows` table (migration 0018): `limits` has no
    Postgres storage. Expired rows are deleted by the coordinator's sweep."""

    def __init__(self, pool: Pool) -> None:
        self._pool = pool

    async def hit(self, item: RateLimitItem, key: str) -> float | None:
        params = {
            "key": f"pam-ratelimit/{item.key_for(key)}",
            "window": timedelta(seconds=item.get_expiry()),
            "amount": item.amount,
        }
        async with self._pool.connection() as conn:
            row = await (await conn.execute(_HIT, params)).fetchone()
        assert row is not None  # an upsert returns its row
        if row["allowed"]:
            return None
        return max(1.0, float(row["wait_s"]))


class RateLimits:
    """Moving-window limits, so Retry-After is exact: when the oldest counted hit expires."""

    def __init__(self, counter: RateCounter | None = None) -> None:
        self.memory = MemoryCounter()
        self._counter: RateCounter = counter or self.memory
        self._down_until = 0.0

    async def hit(self, key: str, rate: str) -> float | None:
        """Count one hit on `key`; None when allowed, else seconds until one is allowed."""
        item = rate_item(rate)
        if time.monotonic() >= self._down_until:
            try:
                return await self._counter.hit(item, key)
            except STORAGE_ERRORS as exc:
                self._down_until = time.monotonic() + SHARED_RETRY_AFTER_S
                log.warning(
                    "rate limit storage unavailable; counting in this instance's memory",
                    error=str(exc) or type(exc).__name__,
                    retry_in_s=SHARED_RETRY_AFTER_S,
                )
        return await self.memory.hit(item, key)


def _wait(reset_time: float) -> float:
    return max(1.0, reset_time - time.time())


_open: dict[int, RateLimits] = {}
_process_memory = RateLimits()


@asynccontextmanager
async def open_rate_limits(resources: Resources) -> AsyncIterator[RateLimits]:
    """The app's limits for as long as its resources are open (the lifespan)."""
    limits = RateLimits(resources.coordinator.counter)
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


async def charge_api_requests(
    resources: Resources, user: UUID, requests: int, work: str, hint: str = ""
) -> None:
    """One request whose work counts as `requests` against the caller's API budget (the
    middleware counted the first): the rest are hit here, before any of the work is done,
    and the first one over the budget is a 429 with Retry-After naming `work`."""
    rate = resources.settings.rate_limit_api
    for _ in range(requests - 1):
        wait = await hit(resources, f"api:user:{user}", rate)
        if wait is not None:
            seconds = retry_after_header(wait)
            raise HTTPException(
                429,
                f"{work} counts as {requests} requests; too many just now:"
                f" try again in {seconds} s{hint}.",
                headers={"Retry-After": seconds},
            )


def turn_key(identity: str) -> str:
    """The one budget of agent turns per caller (`user:<id>` or `ip:<addr>`), counted
    against RATE_LIMIT_CHAT by every transport that starts a turn: REST and SSE chat,
    Agent Protocol runs (the middleware) and WebSocket chat/resume frames."""
    return f"chat:{identity}"


def retry_after_header(seconds: float) -> str:
    """Retry-After takes whole seconds; round up so a client that waits is allowed."""
    return str(max(1, math.ceil(seconds)))
