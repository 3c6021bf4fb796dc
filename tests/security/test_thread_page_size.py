"""Redteam 9: `POST /threads/search` answered up to `limit` (1,000) threads with their
state in one response (a state may be 256 KiB after updates), and a search filtered by
`status` or `values` held every matching thread's state in memory before it cut out the
page. Now a page stops before its JSON passes MAX_PAGE_BYTES (the first thread always
comes; `X-Pagination-Next` says where the next page starts), and a filtered search keeps
only the page's states. Real server, real HTTP (the cap made small for the test)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import server.agent_protocol.thread_search as thread_search
from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening

CAP = 120_000
THREADS = 6


def seeded(i: int) -> dict[str, Any]:
    message = {"type": "human", "content": f"{i}" + "x" * 50_000}
    update = {"values": {"messages": [message]}, "as_node": "__start__"}
    return {"metadata": {"n": i}, "supersteps": [{"updates": [update]}]}


async def pages(c: httpx.AsyncClient, body: dict[str, Any]) -> list[httpx.Response]:
    got = [await c.post("/threads/search", json=body)]
    while "X-Pagination-Next" in got[-1].headers and len(got) <= THREADS:
        offset = int(got[-1].headers["X-Pagination-Next"])
        got.append(await c.post("/threads/search", json={**body, "offset": offset}))
    return got


async def test_a_thread_search_page_is_bounded_in_bytes(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(thread_search, "MAX_PAGE_BYTES", CAP)
    mallory = person("mallory")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=60) as c,
    ):
        for i in range(THREADS):
            made = await c.post("/threads", json=seeded(i))
            assert made.status_code == 200, made.text
        plain = await pages(c, {"limit": 100})
        status = plain[0].json()[0]["status"]  # the seeded threads' (all alike)
        filtered = await pages(c, {"limit": 100, "status": status})
        counted = (await c.post("/threads/count", json={"status": status})).json()
    for found in (plain, filtered):
        assert all(p.status_code == 200 for p in found)
        assert len(found[0].content) <= CAP
        assert 1 <= len(found[0].json()) < THREADS
        seen = [t["metadata"]["n"] for p in found for t in p.json()]
        assert sorted(seen) == list(range(THREADS))  # each once, over the pages
    assert counted == THREADS
