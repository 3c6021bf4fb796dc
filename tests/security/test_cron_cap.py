"""Redteam 9: a user could make any number of crons. Each poll of the jobs worker relays
at most BATCH (100) due crons, oldest due first, shared by every user; one user's
thousands of every-minute crons (all due at the same minute, over the turn budget or
not, each still a job) kept the relay behind by more every minute, so every other
user's crons fired later and later. Now a user holds at most MAX_CRONS_PER_USER; one
more is a 422 and nothing is written. Real server, real HTTP."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from server.crons.rows import MAX_CRONS_PER_USER
from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening

CRON = {"assistant_id": "pam", "schedule": "* * * * *"}


async def test_a_user_holds_only_so_many_crons(serve: Serve) -> None:
    mallory, alice = person("mallory"), person("alice")
    async with (
        serve(rate_limit_api="100000/minute") as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=60) as m,
        httpx.AsyncClient(base_url=server.url, headers=auth(alice), timeout=60) as a,
    ):
        made = [await m.post("/runs/crons", json=CRON) for _ in range(MAX_CRONS_PER_USER - 2)]
        # the last places raced for at once: never more than the cap
        raced = await asyncio.gather(*(m.post("/runs/crons", json=CRON) for _ in range(6)))
        tid = (await m.post("/threads", json={})).json()["thread_id"]
        on_thread = await m.post(f"/threads/{tid}/runs/crons", json=CRON)
        count = (await m.post("/runs/crons/count", json={})).json()
        alices = await a.post("/runs/crons", json=CRON)  # another user is not affected
        gone = await m.delete(f"/runs/crons/{made[0].json()['cron_id']}")
        again = await m.post("/runs/crons", json=CRON)
    assert all(r.status_code == 200 for r in made)
    assert sorted(r.status_code for r in raced) == [200, 200, 422, 422, 422, 422]
    refused = next(r for r in raced if r.status_code == 422)
    assert f"{MAX_CRONS_PER_USER} crons" in refused.json()["detail"], refused.text
    assert on_thread.status_code == 422, on_thread.text
    assert count == MAX_CRONS_PER_USER
    assert alices.status_code == 200, alices.text
    assert gone.status_code == 204 and again.status_code == 200, again.text
