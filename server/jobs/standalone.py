"""`pam worker`: the background jobs worker as a process of its own, until SIGINT/SIGTERM.

It holds no sockets: its reminders reach sockets held by any `pam serve` through the
coordinator (Redis, or Postgres with PAM_COORDINATION=postgres); coordinating with no
one (`local`), every reminder is posted to the user's thread.
"""

from __future__ import annotations

import asyncio
import signal

import redis.asyncio as aioredis

from server.jobs.worker import running_worker
from server.logging import configure_logging
from server.runs.coordinator import open_coordinator
from server.settings import Settings
from tools.db.migrate import migrate
from tools.db.pool import open_pool


async def run_standalone(settings: Settings, database_url: str) -> None:
    configure_logging(settings.log_level)
    await migrate(database_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    pool = await open_pool(database_url, min_size=1, max_size=4)
    redis = (
        aioredis.from_url(settings.redis_url, socket_timeout=2.0) if settings.redis_url else None
    )
    try:
        async with (
            open_coordinator(settings, database_url, pool, redis) as coordinator,
            running_worker(settings, database_url, pool, coordinator.push),
        ):
            await stop.wait()
    finally:
        if redis is not None:
            await redis.aclose()
        await pool.close()
