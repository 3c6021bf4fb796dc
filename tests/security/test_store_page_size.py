"""Redteam 9: `POST /store/items/search` answered up to `limit` (1,000) items in one
response, each value up to 64 KiB: 1,000 items were a 60 MB answer that raised the
server's memory by 137 MB (four at once by 378 MB). Now a page stops before its JSON
passes MAX_PAGE_BYTES (the first item always comes), the items read a few at a time;
the client pages on with `offset`. Real server, real HTTP (the cap made small for the
test)."""

from __future__ import annotations

import httpx
import pytest

import server.agent_protocol.store_api as store_api
from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening

CAP = 200_000
ITEMS = 10


async def test_a_store_search_page_is_bounded_in_bytes(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_api, "MAX_PAGE_BYTES", CAP)
    mallory = person("mallory")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=60) as c,
    ):
        for i in range(ITEMS):
            item = {"namespace": ["big"], "key": f"k{i}", "value": {"v": f"{i}" + "x" * 50_000}}
            assert (await c.put("/store/items", json=item)).status_code == 204
        pages: list[httpx.Response] = []
        offset = 0
        while len(pages) < ITEMS + 1:
            page = await c.post(
                "/store/items/search",
                json={"namespace_prefix": ["big"], "limit": 100, "offset": offset},
            )
            assert page.status_code == 200, page.text
            pages.append(page)
            if not page.json()["items"]:
                break
            offset += len(page.json()["items"])
    first = pages[0]
    assert len(first.content) <= CAP
    assert 1 <= len(first.json()["items"]) < ITEMS
    keys = [i["key"] for p in pages for i in p.json()["items"]]
    assert sorted(keys) == sorted(f"k{i}" for i in range(ITEMS))  # each once, over the pages
