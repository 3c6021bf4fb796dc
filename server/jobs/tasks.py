"""The procrastinate app and its one task: deliver a reminder.

Procrastinate keeps its jobs in our Postgres, so a job survives any crash: one whose
worker dies mid-run is found by the stalled-job sweep (worker.py) and run again.
"""

from __future__ import annotations

from uuid import UUID

import procrastinate
from procrastinate import App, PsycopgConnector, RetryStrategy

from server.jobs.deliver import Deliverer

QUEUE = "pam"
DELIVER = "pam.deliver_reminder"
# A failing delivery (the database or Redis away) is tried again, backing off.
RETRY = RetryStrategy(max_attempts=8, exponential_wait=2)


def job_app(url: str, deliver: Deliverer) -> App:
    """Its own small pool: job traffic never waits behind (or starves) request traffic."""
    app = procrastinate.App(connector=PsycopgConnector(conninfo=url, min_size=1, max_size=4))

    @app.task(name=DELIVER, queue=QUEUE, retry=RETRY)
    async def deliver_reminder(reminder_id: str, user_id: str, due_at: str) -> str:
        return await deliver(UUID(reminder_id), UUID(user_id), due_at)

    return app
