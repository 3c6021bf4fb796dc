"""What `pam serve` runs beside its routes: the cross-instance push relay for its
sockets and (PAM_WORKER, on by default) a background jobs worker."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from server.crons.fire import CronFirer
from server.jobs.worker import running_worker
from server.resources import Resources
from server.runs import RunManager
from server.ws.registry import SocketRegistry
from server.ws.relay import PushRelay


@asynccontextmanager
async def background(
    resources: Resources, sockets: SocketRegistry, runs: RunManager | None = None
) -> AsyncIterator[PushRelay]:
    relay = PushRelay(sockets, resources.redis)
    relay.start()
    try:
        async with contextlib.AsyncExitStack() as stack:
            if resources.settings.pam_worker:
                await stack.enter_async_context(
                    running_worker(
                        resources.settings,
                        resources.database_url,
                        resources.pool,
                        relay.push,
                        # crons fire where runs can start: here, with this instance's runs
                        CronFirer(resources, runs) if runs is not None else None,
                    )
                )
            yield relay
    finally:
        await relay.aclose()
