"""The load run's setting: a private PostgreSQL and Redis, two `pam serve` processes on
different ports sharing them, and the WebSocket load spread over both."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tests.chaos.ws_load import ws_load
from tests.servers import PamProcess, private_postgres, private_redis, server_env


async def load_run(
    workdir: Path, *, clients: int = 500, duration_s: float = 60.0, ramp_s: float = 10.0
) -> dict[str, Any]:
    with private_postgres() as pg, private_redis(workdir) as redis:
        servers = []
        try:
            for name in ("a", "b"):
                env = server_env(
                    pg.url,
                    workdir / f"data-{name}",
                    REDIS_URL=redis.url,
                    # The load is one turn per client at a time, far past a normal
                    # user's pace: let every client have a connection's worth of wait.
                    DB_POOL_TIMEOUT_S="60",
                )
                server = PamProcess(env, workdir / f"pam-load-{name}.log")
                await asyncio.to_thread(server.start)
                servers.append(server)
            figures = await ws_load(
                [s.ws_url for s in servers], clients=clients, duration_s=duration_s, ramp_s=ramp_s
            )
            figures["server_tracebacks_logged"] = sum(s.tracebacks() for s in servers)
        finally:
            for server in servers:
                await asyncio.to_thread(server.stop)
    figures["ok"] = figures["errors"] == 0 and figures["lost_replies"] == 0 and figures["turns"] > 0
    return figures
