"""Redteam 10 (left open by round 9): `GET /threads/{id}/runs?limit=1000` answered every
run of the page with its stored input (up to 64 KiB each): 1,000 runs were a 61 MB
answer. Now a page stops before its JSON passes MAX_PAGE_BYTES (the first run always
comes), `X-Pagination-Next` says where the next page starts, and the client pages on
with `offset`. Real server, real HTTP (the cap made small for the test)."""

from __future__ import annotations

import httpx
import pytest

import server.agent_protocol.run_list as run_list
from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening

CAP = 150_000
RUNS = 6


async def test_a_run_list_page_is_bounded_in_bytes(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_list, "MAX_PAGE_BYTES", CAP)
    mallory = person("mallory")
    async with (
        serve(rate_limit_chat="1000/minute") as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=60) as c,
    ):
        thread = (await c.post("/threads", json={})).json()["thread_id"]
        for i in range(RUNS):
            body = {"assistant_id": "pam", "input": {"junk": f"{i}" + "x" * 50_000}}
            done = await c.post(f"/threads/{thread}/runs/wait", json=body)
            assert done.status_code == 200, done.text
        pages: list[httpx.Response] = []
        offset = 0
        while len(pages) < RUNS + 1:
            page = await c.get(f"/threads/{thread}/runs", params={"limit": 1000, "offset": offset})
            assert page.status_code == 200, page.text
            pages.append(page)
            if "X-Pagination-Next" not in page.headers:
                break
            offset = int(page.headers["X-Pagination-Next"])
    first = pages[0]
    assert len(first.content) <= CAP
    assert 1 <= len(first.json()) < RUNS
    assert int(first.headers["X-Pagination-Next"]) == len(first.json())
    ids = [r["run_id"] for p in pages for r in p.json()]
    assert len(ids) == RUNS and len(set(ids)) == RUNS  # each once, over the pages
