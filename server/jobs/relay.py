"""From the `reminders` outbox to jobs: each scheduled reminder becomes a delivery job
that procrastinate runs at its due time.

Rows are claimed with SKIP LOCKED, so relays on several instances share the work. The
job is deferred before the row is marked; should the mark not commit, the next pass
defers again and the queueing lock (one per reminder and due time) refuses the copy.
A rescheduled reminder's old job is cancelled (and would find itself stale anyway).
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued

from server.jobs.tasks import DELIVER
from tools.db.pool import Pool

BATCH = 100


def queueing_lock(reminder_id: object, due_at: datetime) -> str:
    return f"reminder:{reminder_id}:{due_at.timestamp()}"


async def relay_reminders(pool: Pool, app: App) -> int:
    """Defer a job for each scheduled reminder; how many were relayed."""
    task = app.tasks[DELIVER]
    async with pool.connection() as conn, conn.transaction():
        cur = await conn.execute(
            "SELECT id, user_id, due_at, job_id FROM reminders WHERE status = 'scheduled'"
            " ORDER BY due_at LIMIT %s FOR UPDATE SKIP LOCKED",
            (BATCH,),
        )
        rows = await cur.fetchall()
        for row in rows:
            if row["job_id"] is not None:
                with contextlib.suppress(Exception):  # already running or done
                    await app.job_manager.cancel_job_by_id_async(row["job_id"])
            job_id: int | None = None
            with contextlib.suppress(AlreadyEnqueued):
                job_id = await task.configure(
                    schedule_at=row["due_at"],
                    queueing_lock=queueing_lock(row["id"], row["due_at"]),
                ).defer_async(
                    reminder_id=str(row["id"]),
                    user_id=str(row["user_id"]),
                    due_at=row["due_at"].isoformat(),
                )
            await conn.execute(
                "UPDATE reminders SET status = 'queued', job_id = coalesce(%s, job_id)"
                " WHERE id = %s",
                (job_id, row["id"]),
            )
    return len(rows)
