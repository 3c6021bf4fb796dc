"""The process-wide resources the lifespan opens once: pool, Redis, the coordinator,
graph, auth."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import redis.asyncio as aioredis

from agent.model import load_chat_model
from graph import build_graph
from server.auth import TokenVerifier
from server.flags.service import FlagService
from server.metrics import CountingCache
from server.settings import Settings
from tools.cache import Cache, MemoryCache, RedisCache
from tools.db.checkpoint_batch import BatchedSaver
from tools.db.embedded import start_embedded
from tools.db.migrate import migrate
from tools.db.pool import Pool, open_pool
from tools.db.thread_keys import ThreadNamespaces
from tools.db.user_store import UserStore
from tools.services import Services

if TYPE_CHECKING:
    from server.runs.coordinator import Coordinator


@dataclass
class Resources:
    settings: Settings
    database_url: str
    pool: Pool
    redis: aioredis.Redis | None
    # How this process agrees with the others on the same database (thread locks, runs
    # followed elsewhere, cancels, pushes, rate limits): chosen once from the settings.
    coordinator: Coordinator
    services: Services
    verifier: TokenVerifier
    graph: Any
    # The instance's feature flags (server/flags); None where a caller builds
    # Resources by hand without them: every flag then has its default.
    flags: FlagService | None = None


@asynccontextmanager
async def open_resources(settings: Settings, *, model: Any = None) -> AsyncIterator[Resources]:
    """Resolve the database (embedded when no DATABASE_URL), migrate, open everything.

    `model` replaces the configured chat model (tests use a scripted one).
    """
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
            timeout_s=settings.db_pool_timeout_s,
        )
        stack.push_async_callback(pool.close)
        redis = None
        cache: Cache = MemoryCache()
        if settings.redis_url:
            redis = aioredis.from_url(settings.redis_url, socket_timeout=2.0)
            stack.push_async_callback(redis.aclose)
            cache = RedisCache(redis)
        from server.runs.coordinator import open_coordinator  # it needs the run core

        coordinator = await stack.enter_async_context(open_coordinator(settings, url, pool, redis))
        # Its tables were made by migrate(), under the migrations' lock. Each user's
        # threads apart: a run or state call names the owner (tools/db/thread_keys.py).
        checkpointer = ThreadNamespaces(BatchedSaver(pool))
        # Memories are rows of the RLS-protected `memories` table; the LangGraph store
        # (runtime.store, the /store API) is rows of `store_items`, scoped the same way.
        graph = build_graph(
            checkpointer,
            UserStore(pool, max_items=settings.store_max_items_per_user),
            model=model or load_chat_model(settings.model_name),
        )
        flags = FlagService(pool, url)
        await flags.open()
        stack.push_async_callback(flags.aclose)
        yield Resources(
            settings=settings,
            database_url=url,
            pool=pool,
            redis=redis,
            coordinator=coordinator,
            services=Services(
                weather_url=settings.weather_url,
                routing_url=settings.routing_url,
                cache=CountingCache(cache),  # hits and misses show on /metrics
            ),
            verifier=TokenVerifier.from_settings(settings, pool=pool),
            graph=graph,
            flags=flags,
        )
