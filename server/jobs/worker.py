"""The background worker: procrastinate's worker running the delivery jobs, the outbox
relay, the sweep that retries jobs whose worker died, and the sweep of expired store
items; and procrastinate's tables, which the worker creates when absent.

It runs inside `pam serve` (PAM_WORKER, on by default) or alone as `pam worker`; any
number may run at once against one database.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import psycopg
import structlog
from procrastinate import App
from procrastinate.schema import SchemaManager

from server.crons.relay import CRON_QUEUE, relay_crons
from server.jobs.deliver import Deliverer, Push
from server.jobs.relay import relay_reminders
from server.jobs.tasks import QUEUE, FireCron, job_app
from server.jobs.thread_expiry import expire_threads
from server.settings import Settings
from tools.db.migrate import LOCK_KEY
from tools.db.pool import Pool

log = structlog.get_logger("pam.jobs")

SHUTDOWN_GRACE_S = 5.0  # a job still running after this is left to the stalled sweep
STORE_EXPIRY_BATCH = 1000


async def ensure_job_schema(url: str) -> bool:
    """Procrastinate's tables in our database, created by whichever process gets there
    first; True when this call created them.

    Under the same advisory lock as our migrations, and only when absent, so any number of
    instances and workers may start at once. (Upgrading procrastinate across a schema
    change means applying its migration files; the version is pinned in uv.lock.)
    """
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        try:
            cur = await conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
            row = await cur.fetchone()
            if row is not None and row[0]:
                return False
            async with conn.transaction():
                await conn.execute(SchemaManager.get_schema())
            return True
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))


async def expire_store_items(pool: Pool) -> int:
    """The sweep of store items whose TTL has run out (reads already skip them; this frees
    the rows). As the table owner, in batches, so a large backlog never holds one long
    transaction."""
    async with pool.connection() as conn:
        cur = await conn.execute(
            "DELETE FROM store_items WHERE ctid IN (SELECT ctid FROM store_items"
            " WHERE expires_at <= now() LIMIT %s FOR UPDATE SKIP LOCKED)",
            (STORE_EXPIRY_BATCH,),
        )
    return cur.rowcount


async def retry_stalled(app: App, stalled_after_s: float) -> int:
    """Jobs left 'doing' by a worker whose heartbeat stopped: run them again."""
    jobs = await app.job_manager.get_stalled_jobs(
        queue=QUEUE, seconds_since_heartbeat=stalled_after_s
    )
    retried = 0
    for job in jobs:
        try:
            await app.job_manager.retry_job(job)
            retried += 1
        except Exception:  # another instance's sweep got there first
            log.debug("stalled job not retried", job_id=job.id)
    if retried:
        log.warning("retried jobs of a worker that stopped", count=retried)
    return retried


async def _every(seconds: float, name: str, step: Callable[[], Awaitable[int]]) -> None:
    while True:
        try:
            await step()
        except Exception:  # the database away: try again next time
            log.exception("background step failed", step=name)
        await asyncio.sleep(seconds)


@asynccontextmanager
async def running_worker(
    settings: Settings,
    database_url: str,
    pool: Pool,
    push: Push,
    fire_cron: FireCron | None = None,
) -> AsyncIterator[App]:
    await ensure_job_schema(database_url)
    app = job_app(database_url, Deliverer(pool, push), fire_cron)
    queues = [QUEUE] if fire_cron is None else [QUEUE, CRON_QUEUE]
    async with app.open_async():
        crons = [] if fire_cron is None else [("crons", lambda: relay_crons(pool, app))]
        tasks = [
            *(
                asyncio.create_task(_every(settings.pam_jobs_poll_s, name, step))
                for name, step in crons
            ),
            asyncio.create_task(
                app.run_worker_async(
                    queues=queues,
                    name="pam",
                    concurrency=4,
                    install_signal_handlers=False,
                    fetch_job_polling_interval=settings.pam_jobs_poll_s,
                    update_heartbeat_interval=settings.pam_jobs_heartbeat_s,
                    stalled_worker_timeout=settings.pam_jobs_stalled_s,
                    shutdown_graceful_timeout=SHUTDOWN_GRACE_S,
                    delete_jobs="successful",  # the reminder row keeps what was delivered
                ),
                name="jobs-worker",
            ),
            asyncio.create_task(
                _every(settings.pam_jobs_poll_s, "relay", lambda: relay_reminders(pool, app))
            ),
            asyncio.create_task(
                _every(settings.pam_jobs_poll_s, "thread expiry", lambda: expire_threads(pool))
            ),
            asyncio.create_task(
                _every(settings.pam_jobs_poll_s, "store expiry", lambda: expire_store_items(pool))
            ),
            asyncio.create_task(
                _every(
                    settings.pam_jobs_heartbeat_s,
                    "stalled sweep",
                    lambda: retry_stalled(app, settings.pam_jobs_stalled_s),
                )
            ),
        ]
        try:
            yield app
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
