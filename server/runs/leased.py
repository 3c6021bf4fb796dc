"""A run's task when runs are shared through Redis: execute once the run holds its
thread on every instance (after the local runs queued ahead of it, and once the
thread's Redis lock is its own); let the thread go when the run ends."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from server.runs.execute import execute
from server.runs.run import Run
from server.runs.shared import Lease
from server.runs.store import update_run
from tools.db.pool import Pool


async def run_leased(
    run: Run, lease: Lease, ahead: list[Run], *, pool: Pool, **execute_args: Any
) -> None:
    try:
        try:
            for other in ahead:
                await other.ended()
            await lease.acquire()
        except asyncio.CancelledError:  # cancelled while queued: it never ran
            run.end("cancelled")
            with contextlib.suppress(Exception):
                await update_run(pool, run)
            return
        await execute(run, pool=pool, ahead=[], **execute_args)
    finally:
        await lease.end()
