"""Process-wide defaults for runs whose context brings no pool (LangGraph Studio, CLIs).

The server always passes its own pool in the context; this is for `langgraph dev` and
other hosts that only import `graph.py`.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import TYPE_CHECKING

from tools.db.embedded import EmbeddedPostgres, start_embedded
from tools.db.migrate import migrate
from tools.db.pool import Pool, open_pool
from tools.services import DEFAULT_WEATHER_URL, Services

if TYPE_CHECKING:
    from agent.context import Context

_pool: Pool | None = None
_embedded: EmbeddedPostgres | None = None
_lock = asyncio.Lock()


async def default_pool() -> Pool:
    """DATABASE_URL, else the embedded Postgres in PAM_DATA_DIR; migrated, opened once.

    The embedded server starts in a worker thread: starting it runs pg_ctl and touches
    the file system, which must not block the host's event loop (`langgraph dev` refuses
    blocking calls in it). The host stops it with `close_default_pool` (host_app.py).
    """
    global _pool, _embedded
    async with _lock:
        if _pool is None:
            url = os.environ.get("DATABASE_URL")
            if not url:
                data_dir = Path(os.environ.get("PAM_DATA_DIR", ".pam"))
                _embedded = await asyncio.to_thread(start_embedded, data_dir)
                url = _embedded.url
            await migrate(url)
            _pool = await open_pool(url)
    return _pool


async def close_default_pool() -> None:
    """Close the default pool and stop the embedded Postgres it started, if any."""
    global _pool, _embedded
    async with _lock:
        if _pool is not None:
            await _pool.close()
            _pool = None
        if _embedded is not None:
            await asyncio.to_thread(_embedded.stop)
            _embedded = None


def default_services() -> Services:
    return Services(
        weather_url=os.environ.get("WEATHER_URL") or DEFAULT_WEATHER_URL,
        routing_url=os.environ.get("ROUTING_URL") or None,
    )


async def pool_of(ctx: Context) -> Pool:
    """The run's pool: the one its context brings (the server's), else the default.
    `Context.pool` is typed Any so that the context schema Studio shows stays plain JSON;
    this is where it becomes a `Pool` again."""
    pool: Pool = ctx.pool if ctx.pool is not None else await default_pool()
    return pool


def services_of(ctx: Context) -> Services:
    """The run's outside services: the context's, else the defaults from the environment."""
    services: Services = ctx.services if ctx.services is not None else default_services()
    return services
