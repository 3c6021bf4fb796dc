"""Redteam 9: the store (`PUT /store/items`) took any number of items from one user.
Each item's value may be 64 KiB: 100 puts of 60 KB of random text took 3.6 s and grew
the table by 6.5 MB, so at the default 300 requests a minute one user could add about
20 MB a minute, 28 GB a day, with nothing to stop them. Now a user holds at most
STORE_MAX_ITEMS_PER_USER items (10,000 by default: 640 MiB at most); a put of a new key
past it is a 422 and writes nothing, while a put of a key they hold still replaces it.
Real server, real HTTP."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening

CAP = 5


def item(key: str, value: str = "v") -> dict[str, object]:
    return {"namespace": ["notes"], "key": key, "value": {"text": value}}


async def test_a_user_holds_only_so_many_store_items(serve: Serve) -> None:
    mallory, alice = person("mallory"), person("alice")
    async with (
        serve(store_max_items_per_user=CAP) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as m,
        httpx.AsyncClient(base_url=server.url, headers=auth(alice), timeout=30) as a,
    ):
        made = [await m.put("/store/items", json=item(f"k{i}")) for i in range(CAP - 2)]
        raced = await asyncio.gather(*(m.put("/store/items", json=item(f"r{i}")) for i in range(5)))
        replaced = await m.put("/store/items", json=item("k0", "new"))
        elsewhere = await m.put(
            "/store/items", json={"namespace": ["other"], "key": "x", "value": {}}
        )
        held = (await m.post("/store/items/search", json={"limit": 100})).json()["items"]
        alices = await a.put("/store/items", json=item("k0"))
        await m.request("DELETE", "/store/items", json={"namespace": ["notes"], "key": "k1"})
        again = await m.put("/store/items", json=item("after-delete"))
    assert all(r.status_code == 204 for r in made)
    assert sorted(r.status_code for r in raced) == [204, 204, 422, 422, 422]
    refused = next(r for r in raced if r.status_code == 422)
    assert f"{CAP} items" in refused.json()["detail"], refused.text
    assert replaced.status_code == 204, replaced.text  # a key already held: replaced
    assert elsewhere.status_code == 422  # every namespace counts
    assert len(held) == CAP
    assert {i["key"]: i["value"] for i in held}["k0"] == {"text": "new"}
    assert alices.status_code == 204  # another user's store is their own
    assert again.status_code == 204, again.text
