"""R11-6: `POST /threads/{id}/copy` writes the thread's every checkpoint again, and their
number grows with the thread's turns: a copy of a 150-turn thread wrote 3.8 MB for one
request of budget (about 1 GB a minute per user at the API rate). Now every 64 KiB
copied counts as one request against the caller's API budget, before anything is
written. Real server, real Postgres."""

from __future__ import annotations

import math
import os

import httpx
import pytest

from server.agent_protocol.copy_budget import COPY_BYTES_PER_REQUEST, stored_bytes
from server.agent_protocol.thread_admin import CHECKPOINT_COPIES
from server.runs import owned_thread
from tests.api.conftest import Serve, auth, uid
from tests.api.rest_support import new_user

pytestmark = pytest.mark.hardening

BUDGET = 60


async def test_a_copy_counts_its_bytes_against_the_api_budget(serve: Serve) -> None:
    user = new_user("rt11-copier")
    async with (
        serve(rate_limit_api=f"{BUDGET}/minute") as live,
        httpx.AsyncClient(base_url=live.url, headers=auth(user), timeout=30) as c,
    ):
        tid = (await c.post("/threads", json={})).json()["thread_id"]
        for _ in range(3):  # incompressible, so the checkpoints hold ~60 KB more each time
            words = os.urandom(22_000).hex()
            update = {"values": {"messages": [{"type": "human", "content": words}]}}
            assert (await c.post(f"/threads/{tid}/state", json=update)).status_code == 200
        resources = live.app.state.resources
        source = await owned_thread(resources, uid(user), tid)
        size = await stored_bytes(resources.pool, source, list(CHECKPOINT_COPIES))
        counted = math.ceil(size / COPY_BYTES_PER_REQUEST)
        assert counted >= 3, size
        copied = await c.post(f"/threads/{tid}/copy")
        assert copied.status_code == 200, copied.text
        allowed = 0
        while (await c.get(f"/threads/{tid}")).status_code == 200:
            allowed += 1
    assert allowed == BUDGET - 4 - counted  # the thread, 3 updates, the copy's bytes
