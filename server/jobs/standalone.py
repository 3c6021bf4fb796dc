"""`pam worker`: the background jobs worker as a process of its own, until SIGINT/SIGTERM.

It holds no sockets: with Redis its reminders reach sockets held by any `pam serve`;
without Redis every reminder is posted to the user's thread.
"""

from __future__ import annotations

import asyncio
import signal

import redis.asyncio as aioredis

from server.jobs.worker import running_worker
from server.logging import configure_logging
from server.settings import Settings
from server.ws.registry import SocketRegistry
from server.ws.relay import PushRelay
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
    relay = PushRelay(SocketRegistry(), redis)
    try:
        async with running_worker(settings, database_url, pool, relay.push):
            await stop.wait()
    finally:
        if redis is not None:
            await redis.aclose()
        await pool.close()
