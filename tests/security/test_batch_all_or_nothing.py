"""Redteam 10: `POST /runs/batch` checked every run's assistant and body before starting
any, but not a `checkpoint_id`: that was checked as each run started, so a batch whose
second run named one (a stateless run's new thread has none) answered 404 — to the
client, nothing done — while its first run had started and logged an expense; sent
again, the expense was logged twice. Now a stateless run naming a checkpoint is refused
with the other checks, and a refused batch starts nothing. Real server, real HTTP."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person, say

pytestmark = pytest.mark.hardening


async def test_a_batch_refused_for_a_later_run_starts_none(serve: Serve) -> None:
    mallory = person("mallory")
    batch = [
        {"assistant_id": "pam", "input": say("I spent $3 on green tea"), "on_completion": "keep"},
        {"assistant_id": "pam", "input": say("hello"), "checkpoint_id": "zzz"},
    ]
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as m,
    ):
        refused = await m.post("/runs/batch", json=batch)
        await asyncio.sleep(2)  # time for a started run to log its expense
        expenses = (await m.get("/api/v1/wins/expenses")).json()["expenses"]
        threads = (await m.post("/threads/count", json={})).json()
        single = await m.post("/runs", json=batch[1])
    assert refused.status_code == 404, refused.text
    assert "body[1]" in refused.json()["detail"] and "zzz" in refused.json()["detail"]
    assert expenses == [] and threads == 0
    assert single.status_code == 404, single.text  # alone, as before
