"""Redteam 9: `POST /threads/search` (and `/threads/count` with `status` or `values`)
reads the graph state of every thread it returns or filters — up to 1,000 in one request
— and counted as one request against RATE_LIMIT_API. With 1,000 threads one search took
4.75 s and 1.05 s of the server's CPU, another user's write went from 48 ms to 114 ms
while four ran, and the default 300 requests a minute let one user ask for 300 of them
(about five cores' worth). Now every STATES_PER_REQUEST thread states a request reads
count as one more request against the caller's API budget; over it, a 429. Real
server, real HTTP."""

from __future__ import annotations

import httpx
import pytest

from server.agent_protocol.thread_search import STATES_PER_REQUEST
from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening

THREADS = 3 * STATES_PER_REQUEST


async def test_reading_many_threads_states_costs_many_requests(serve: Serve) -> None:
    mallory = person("mallory")
    async with (
        serve(rate_limit_api="100/minute") as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=60) as c,
    ):
        for _ in range(THREADS):
            assert (await c.post("/threads", json={})).status_code == 200
        answers = []
        for _ in range(100):
            answers.append(await c.post("/threads/search", json={"limit": THREADS}))
            if answers[-1].status_code != 200:
                break
        searches = sum(a.status_code == 200 for a in answers)
    # 100 - 30 (the creates) = 70 requests left; each search of 30 states costs 3.
    assert answers[-1].status_code == 429, answers[-1].text
    assert answers[-1].headers["Retry-After"].isdigit()
    assert 0 < searches <= 70 // 3, searches
    assert all(len(a.json()) == THREADS for a in answers[:searches])
