"""Redteam 9: `POST /runs/batch` started up to 100 runs and counted as one turn against
RATE_LIMIT_CHAT (the middleware counts requests), so one user ran 100 times the turns
the limit allows anyone — 80 runs in two batches and 28 single runs in one minute at
the default 30/minute. Now every run of a batch is a turn; a batch over the budget is a
429 and starts nothing. Real server, real HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person, say

pytestmark = pytest.mark.hardening


def runs(n: int) -> list[dict[str, object]]:
    return [
        {"assistant_id": "pam", "input": say(f"hello {i}"), "on_completion": "keep"}
        for i in range(n)
    ]


async def test_every_run_of_a_batch_counts_against_the_turn_budget(serve: Serve) -> None:
    mallory, trudy = person("mallory"), person("trudy")
    async with (
        serve(rate_limit_chat="3/minute") as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as m,
        httpx.AsyncClient(base_url=server.url, headers=auth(trudy), timeout=30) as t,
    ):
        within = await m.post("/runs/batch", json=runs(3))
        one_more = await m.post("/runs", json=runs(1)[0])
        over = await t.post("/runs/batch", json=runs(4))
        trudys_threads = (await t.post("/threads/count", json={})).json()
    assert within.status_code == 200 and len(within.json()) == 3, within.text
    assert one_more.status_code == 429, one_more.text  # the batch spent the budget of 3
    assert over.status_code == 429, over.text
    assert over.headers["Retry-After"].isdigit()
    assert trudys_threads == 0  # nothing of the refused batch was started
