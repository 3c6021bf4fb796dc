"""Process-wide defaults for runs whose context brings no pool (LangGraph Studio, CLIs).

The server always passes its own pool in the context; this is for `langgraph dev` and
other hosts that only import `graph.py`.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from tools.db.embedded import start_embedded
from tools.db.migrate import migrate
from tools.db.pool import Pool, open_pool
from tools.services import DEFAULT_WEATHER_URL, Services

_pool: Pool | None = None
_lock = asyncio.Lock()


async def default_pool() -> Pool:
    """DATABASE_URL, else the embedded Postgres in PAM_DATA_DIR; migrated, opened once."""
    global _pool
    async with _lock:
        if _pool is None:
            url = (
                os.environ.get("DATABASE_URL")
                or start_embedded(Path(os.environ.get("PAM_DATA_DIR", ".pam"))).url
            )
            await migrate(url)
            _pool = await open_pool(url)
    return _pool


def default_services() -> Services:
    return Services(
        weather_url=os.environ.get("WEATHER_URL") or DEFAULT_WEATHER_URL,
        routing_url=os.environ.get("ROUTING_URL") or None,
    )
