"""Redteam 9: `POST /threads/{id}/history` answered up to `limit` (1,000) states in one
response, however large. A thread whose state was kept near its size limit and then
updated a few hundred times answered a 73 MB history; one such request raised the
server's memory by 205 MB and four at once by 550 MB — a handful of users (or one, with
several connections) could exhaust it. Now a history page stops before its JSON passes
MAX_PAGE_BYTES (the first state always comes); the client asks for the next page with
`before`, as it pages through any history. Real server, real HTTP (the cap made small
for the test)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import server.agent_protocol.state as state_routes
from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person, say

pytestmark = pytest.mark.hardening

CAP = 1024 * 1024


def message(key: str, size: int) -> dict[str, Any]:
    return {"messages": [{"type": "human", "content": key + "x" * size, "id": key}]}


async def test_a_history_page_is_bounded_in_bytes_and_pages_on(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state_routes, "MAX_PAGE_BYTES", CAP)
    mallory = person("mallory")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=60) as c,
    ):
        tid = (await c.post("/threads", json={})).json()["thread_id"]
        ran = await c.post(
            f"/threads/{tid}/runs/wait", json={"assistant_id": "pam", "input": say("hi")}
        )
        assert ran.status_code == 200, ran.text
        for i in range(4):  # a state of ~200 KB ...
            answer = await c.post(
                f"/threads/{tid}/state", json={"values": message(f"big{i}", 50_000)}
            )
            assert answer.status_code == 200, answer.text
        for i in range(10):  # ... checkpointed again and again
            answer = await c.post(f"/threads/{tid}/state", json={"values": message("small", i)})
            assert answer.status_code == 200, answer.text
        pages: list[httpx.Response] = [await c.post(f"/threads/{tid}/history", json={"limit": 100})]
        while len(pages[-1].json()) > 0 and len(pages) < 50:
            last = pages[-1].json()[-1]["checkpoint"]["checkpoint_id"]
            pages.append(
                await c.post(f"/threads/{tid}/history", json={"limit": 100, "before": last})
            )
        whole = await c.post(f"/threads/{tid}/history", json={"limit": 100, "before": None})
    first = pages[0]
    assert first.status_code == 200, first.text
    assert len(first.content) <= CAP
    assert 1 <= len(first.json()) < 14  # not all: the page stopped at the cap
    seen = [s["checkpoint"]["checkpoint_id"] for p in pages for s in p.json()]
    assert len(seen) == len(set(seen)) >= 14 + 1  # every checkpoint once, over the pages
    assert whole.status_code == 200
