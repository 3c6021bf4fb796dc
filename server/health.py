"""Probes of the services a turn needs (Postgres always, Redis when configured), shared by
the operators' readiness route and the Agent Protocol's `/ok?check_db=1`."""

from __future__ import annotations

import asyncio
from typing import Literal

import redis.asyncio as aioredis

from server.resources import Resources

PROBE_TIMEOUT_S = 2.0
Dependency = Literal["database", "redis"]


async def _database_ok(resources: Resources) -> bool:
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_S), resources.pool.connection() as conn:
            await conn.execute("SELECT 1")
    except Exception:
        return False
    return True


async def _redis_ok(redis: aioredis.Redis) -> bool:
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_S):
            await redis.ping()
    except Exception:
        return False
    return True


def dependencies(resources: Resources) -> list[Dependency]:
    return ["database", "redis"] if resources.redis is not None else ["database"]


async def probe(resources: Resources) -> dict[Dependency, bool]:
    """Each dependency of this instance, probed at once: healthy or not."""
    if resources.redis is None:
        return {"database": await _database_ok(resources)}
    database, redis = await asyncio.gather(_database_ok(resources), _redis_ok(resources.redis))
    return {"database": database, "redis": redis}
