"""From due cron rows to jobs: each firing becomes one job, deferred once.

Due rows are claimed with SKIP LOCKED, so relays on several instances share the work;
each gets its next firing time in the same transaction as its job is deferred, and the
queueing lock (one per cron and due time) refuses a second copy of a firing.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued

from server.crons.schedule import BadSchedule, next_fire
from tools.db.pool import Pool

FIRE = "pam.fire_cron"
CRON_QUEUE = "pam-crons"  # only workers that can start runs (inside `pam serve`) take it
BATCH = 100


async def relay_crons(pool: Pool, app: App) -> int:
    """Defer a job for each due cron and move it on to its next firing; how many."""
    task = app.tasks[FIRE]
    now = datetime.now(UTC)
    async with pool.connection() as conn, conn.transaction():
        rows = await (
            await conn.execute(
                "SELECT id, user_id, schedule, timezone, end_time, next_run_date FROM crons"
                " WHERE enabled AND next_run_date <= %s ORDER BY next_run_date LIMIT %s"
                " FOR UPDATE SKIP LOCKED",
                (now, BATCH),
            )
        ).fetchall()
        for row in rows:
            due: datetime = row["next_run_date"]
            job_id: int | None = None
            with contextlib.suppress(AlreadyEnqueued):
                job_id = await task.configure(
                    queueing_lock=f"cron:{row['id']}:{due.timestamp()}"
                ).defer_async(
                    cron_id=str(row["id"]), user_id=str(row["user_id"]), due_at=due.isoformat()
                )
            try:  # missed firings (the worker was down) are not made up: one, then on
                following = next_fire(
                    row["schedule"], row["timezone"], max(due, now), row["end_time"]
                )
            except BadSchedule:
                following = None
            await conn.execute(
                "UPDATE crons SET next_run_date = %s, job_id = coalesce(%s, job_id) WHERE id = %s",
                (following, job_id, row["id"]),
            )
    return len(rows)
