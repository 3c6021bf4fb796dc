"""The procrastinate app and its tasks: deliver a reminder; fire a cron.

Procrastinate keeps its jobs in our Postgres, so a job survives any crash: one whose
worker dies mid-run is found by the stalled-job sweep (worker.py) and run again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

import procrastinate
from procrastinate import App, PsycopgConnector, RetryStrategy

from server.crons.relay import CRON_QUEUE, FIRE
from server.jobs.deliver import Deliverer

FireCron = Callable[[UUID, UUID, str], Awaitable[str]]
QUEUE = "pam"
DELIVER = "pam.deliver_reminder"
# A failing delivery (the database or Redis away) is tried again, backing off.
RETRY = RetryStrategy(max_attempts=8, exponential_wait=2)


def job_app(url: str, deliver: Deliverer, fire_cron: FireCron | None = None) -> App:
    """Its own small pool: job traffic never waits behind (or starves) request traffic.
    The cron task is registered where crons can fire (`fire_cron`: a process that can
    start runs); deferring it needs it registered too, so the relay runs only there."""
    app = procrastinate.App(connector=PsycopgConnector(conninfo=url, min_size=1, max_size=4))

    @app.task(name=DELIVER, queue=QUEUE, retry=RETRY)
    async def deliver_reminder(reminder_id: str, user_id: str, due_at: str) -> str:
        return await deliver(UUID(reminder_id), UUID(user_id), due_at)

    if fire_cron is not None:
        firer = fire_cron

        @app.task(name=FIRE, queue=CRON_QUEUE, retry=RETRY)
        async def fire(cron_id: str, user_id: str, due_at: str) -> str:
            return await firer(UUID(cron_id), UUID(user_id), due_at)

    return app
