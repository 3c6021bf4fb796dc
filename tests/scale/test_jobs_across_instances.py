"""Background jobs with a `pam worker` of their own: a reminder reaches the user's socket
on whichever instance holds it, and a worker killed in the middle of a job loses
nothing (the job is run again by the next worker)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
import psycopg
import pytest
from psycopg.rows import dict_row
from websockets.asyncio.client import ClientConnection, connect

from tests.api.conftest import auth, frames_until, token_for, uid
from tests.api.test_agent_protocol_support import person
from tests.scale.conftest import Coordination, Pair, server_env, until
from tests.servers import REPO, stop

pytestmark = [pytest.mark.redis, pytest.mark.timeout(300)]
FAST = {"PAM_JOBS_POLL_S": "0.2", "PAM_JOBS_HEARTBEAT_S": "0.5", "PAM_JOBS_STALLED_S": "2"}


@contextmanager
def pam_worker(env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "worker"],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        stop(process)


async def one(url: str, query: str, *args: Any) -> dict[str, Any] | None:
    async with await psycopg.AsyncConnection.connect(url, row_factory=dict_row) as conn:
        return await (await conn.execute(query, args)).fetchone()


async def socket_ready(ws: ClientConnection, coordination: Coordination, user: str) -> None:
    """Signed in, and the instance listening for the user's pushes."""
    await frames_until(ws, "connected")

    async def subscribed() -> bool:
        return await coordination.pushes_reach(uid(user)) == 1

    # The instance takes the user's presence after the handshake, on its one coordination
    # session; with the whole suite's servers on two cores that has taken over 15 s.
    await until(subscribed, timeout_s=60)


async def add_event(base: str, user: str, start_in: timedelta) -> str:
    start = (datetime.now(UTC) + start_in).isoformat()
    async with httpx.AsyncClient(headers=auth(user), timeout=20) as client:
        made = await client.post(
            f"{base}/api/v1/you/events",
            json={"title": "Water refill", "start": start, "reminder_minutes": 1},
        )
    assert made.status_code == 201, made.text
    return str(made.json()["event"]["id"])


def worker_env(pair: Pair, migrated_url: str) -> dict[str, str]:
    kind = pair.coordination.kind
    return server_env(
        migrated_url, pair.redis_url, "http://127.0.0.1:9/v1", PAM_COORDINATION=kind, **FAST
    )


async def test_a_reminder_reaches_the_socket_on_whichever_instance_holds_it(
    pair: Pair, migrated_url: str
) -> None:
    user = person("reminded")
    url = pair.b.replace("http", "ws", 1) + f"/api/v1/pam/ws?token={token_for(user)}"
    async with connect(url) as ws:
        await socket_ready(ws, pair.coordination, user)
        event_id = await add_event(pair.a, user, timedelta(seconds=61))
        with pam_worker(worker_env(pair, migrated_url)):
            frame = (await frames_until(ws, "reminder", timeout_s=120))[-1]
    assert (frame["kind"], frame["title"], frame["entity_id"]) == (
        "event",
        "Water refill",
        event_id,
    )
    row = await one(
        migrated_url, "SELECT delivery FROM reminders WHERE entity_id = %s", UUID(event_id)
    )
    assert row == {"delivery": "socket"}


async def test_a_worker_killed_mid_job_loses_no_job(pair: Pair, migrated_url: str) -> None:
    """The delivery job is made to wait on the reminder's row lock, the worker running it
    is SIGKILLed, and a new worker (once the dead one's heartbeat is stale) runs it."""
    user = person("crash")
    env = worker_env(pair, migrated_url)
    url = pair.a.replace("http", "ws", 1) + f"/api/v1/pam/ws?token={token_for(user)}"
    async with connect(url) as ws, await psycopg.AsyncConnection.connect(migrated_url) as lock:
        await socket_ready(ws, pair.coordination, user)
        before = await one(
            migrated_url, "SELECT coalesce(max(id), 0) AS id FROM procrastinate_workers"
        )
        assert before is not None
        with pam_worker(env) as first:
            await until(lambda: started_after(migrated_url, before["id"]), timeout_s=120)
            event_id = await add_event(pair.a, user, timedelta(seconds=68))  # due in 8 s
            reminder = "SELECT id, status, job_id FROM reminders WHERE entity_id = %s"
            await until(lambda: status_is(migrated_url, reminder, event_id, "queued"))
            row = await one(migrated_url, reminder, UUID(event_id))
            assert row is not None
            await lock.execute("SELECT 1 FROM reminders WHERE id = %s FOR UPDATE", (row["id"],))
            job = "SELECT status FROM procrastinate_jobs WHERE id = %s"
            await until(lambda: job_is(migrated_url, job, row["job_id"], "doing"), timeout_s=30)
            first.kill()
            first.wait()
        await lock.rollback()
        assert (await one(migrated_url, reminder, UUID(event_id)) or {})["status"] == "queued"
        with pam_worker(env):
            frame = (await frames_until(ws, "reminder", timeout_s=120))[-1]
            await until(lambda: job_is(migrated_url, job, row["job_id"], None))  # done
    assert frame["entity_id"] == event_id
    done = await one(migrated_url, reminder, UUID(event_id))
    assert done is not None and done["status"] == "delivered"


async def started_after(url: str, worker_id: int) -> bool:
    row = await one(url, "SELECT count(*) AS n FROM procrastinate_workers WHERE id > %s", worker_id)
    return bool(row and row["n"])


async def status_is(url: str, query: str, event_id: str, status: str) -> bool:
    row = await one(url, query, UUID(event_id))
    return bool(row and row["status"] == status)


async def job_is(url: str, query: str, job_id: int, status: str | None) -> bool:
    """None: the job is gone (successful jobs are deleted)."""
    row = await one(url, query, job_id)
    return (row and row["status"]) == status
