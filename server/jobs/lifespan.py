"""What `pam serve` runs beside its routes: pushes from any process delivered to its
sockets (through the coordinator) and (PAM_WORKER, on by default) a background jobs
worker."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from server.crons.fire import CronFirer
from server.jobs.worker import running_worker
from server.resources import Resources
from server.runs import RunManager
from server.ws.registry import SocketRegistry


@asynccontextmanager
async def background(
    resources: Resources, sockets: SocketRegistry, runs: RunManager | None = None
) -> AsyncIterator[None]:
    coordinator = resources.coordinator
    coordinator.serve_pushes(sockets)
    async with contextlib.AsyncExitStack() as stack:
        if resources.settings.pam_worker:
            await stack.enter_async_context(
                running_worker(
                    resources.settings,
                    resources.database_url,
                    resources.pool,
                    coordinator.push,
                    # crons fire where runs can start: here, with this instance's runs
                    CronFirer(resources, runs) if runs is not None else None,
                )
            )
        yield
