"""Redteam 8: a user's crons were turns beyond their turn budget. A schedule with a sixth
(seconds) field fired at every poll of the jobs worker, and no firing counted against
RATE_LIMIT_CHAT, so one user could start turns far faster than the limit allows anyone.
Against a real server and its jobs worker, over HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.app import create_app
from tests.api.conftest import LiveServer, Serve, auth, run_server, server_settings, uid
from tests.api.test_agent_protocol_support import eventually, person, say
from tests.servers import scratch_database
from tools.db.migrate import migrate
from tools.db.scope import user_db

pytestmark = pytest.mark.hardening


async def _all_due_now(server: LiveServer, user: str) -> None:
    async with user_db(server.app.state.resources.pool, uid(user)) as db:
        await db.conn.execute("UPDATE crons SET next_run_date = now() - interval '1 second'")


@pytest.mark.parametrize("schedule", ["* * * * * *", "*/2 * * * * *", "0 0 9 * * * 2030"])
async def test_a_schedule_finer_than_a_minute_is_refused(serve: Serve, schedule: str) -> None:
    mallory = person("mallory")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as c,
    ):
        made = await c.post("/runs/crons", json={"assistant_id": "pam", "schedule": schedule})
        ok = await c.post("/runs/crons", json={"assistant_id": "pam", "schedule": "0 9 * * *"})
        patched = await c.patch(f"/runs/crons/{ok.json()['cron_id']}", json={"schedule": schedule})
        count = (await c.post("/runs/crons/count", json={})).json()
    assert made.status_code == 422 and "schedule" in made.json()["detail"], made.text
    assert patched.status_code == 422 and "schedule" in patched.json()["detail"], patched.text
    assert count == 1


@pytest.fixture
async def own_database(database_url: str) -> AsyncIterator[str]:
    """A database of this test's own: any other live server's jobs worker in the session
    (the conformance suite keeps one) would fire its crons under that server's budget."""
    with scratch_database(database_url, "pam_cron") as url:
        await migrate(url)
        yield url


async def test_cron_firings_count_against_the_owners_turn_budget(
    own_database: str, tmp_path: Path
) -> None:
    mallory = person("mallory")
    settings = server_settings(
        own_database,
        str(tmp_path / "pam"),
        pam_worker=True,
        pam_jobs_poll_s=0.2,
        rate_limit_chat="2/minute",
    )
    async with (
        run_server(create_app(settings), settings) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as c,
    ):
        for _ in range(4):
            made = await c.post(
                "/runs/crons",
                json={
                    "assistant_id": "pam",
                    "schedule": "0 9 * * *",
                    "input": say("hello"),
                    "on_run_completed": "keep",
                },
            )
            assert made.status_code == 200, made.text
        await _all_due_now(server, mallory)

        async def fired() -> Any:
            return (await c.post("/threads/count", json={})).json() >= 2

        await eventually(fired, timeout_s=20)
        await asyncio.sleep(5)  # every firing was due: the other two would have run by now
        threads = (await c.post("/threads/count", json={})).json()
        chat = await c.post("/api/v1/pam/chat", json={"message": "hello"})
    assert threads == 2
    assert chat.status_code == 429  # the budget the firings used is the chat's too
