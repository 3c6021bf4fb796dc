"""The process-wide resources the lifespan opens once: database pool and Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import redis.asyncio as aioredis

from server.settings import Settings
from tools.db.embedded import start_embedded
from tools.db.migrate import migrate
from tools.db.pool import Pool, open_pool


@dataclass
class Resources:
    settings: Settings
    database_url: str
    pool: Pool
    redis: aioredis.Redis | None


@asynccontextmanager
async def open_resources(settings: Settings) -> AsyncIterator[Resources]:
    """Resolve the database (embedded when no DATABASE_URL), migrate, open pool and Redis."""
    async with AsyncExitStack() as stack:
        url = settings.database_url
        if url is None:
            embedded = start_embedded(settings.pam_data_dir)
            stack.callback(embedded.stop)
            url = embedded.url
        # Idempotent and advisory-locked, so every instance may run it at start-up.
        await migrate(url)
        pool = await open_pool(
            url,
            min_size=settings.db_pool_min_size,
            max_size=settings.db_pool_max_size,
            prepare_threshold=settings.db_prepare_threshold,
        )
        stack.push_async_callback(pool.close)
        redis = None
        if settings.redis_url:
            redis = aioredis.from_url(settings.redis_url, socket_timeout=2.0)
            stack.push_async_callback(redis.aclose)
        yield Resources(settings=settings, database_url=url, pool=pool, redis=redis)
