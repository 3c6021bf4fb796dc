"""Redteam 8: an A2A body nested a few hundred levels deep was answered as an internal
error (-32603) with Python's own words ("maximum recursion depth exceeded..."); it is a
parse error (-32700) like any body the server cannot read, and a shallow bad body is
still the SDK's own answer. Real server, real HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.rest_support import new_user

pytestmark = pytest.mark.hardening


def _nested(depth: int) -> bytes:
    params = "[" * depth + "]" * depth
    return f'{{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{params}}}'.encode()


@pytest.mark.parametrize("depth", [990, 3000])
async def test_a_deeply_nested_a2a_body_is_a_parse_error(serve: Serve, depth: int) -> None:
    headers = {**auth(new_user("nester")), "content-type": "application/json", "A2A-Version": "1.0"}
    async with serve() as server, httpx.AsyncClient(base_url=server.url, timeout=30) as c:
        deep = await c.post("/a2a", content=_nested(depth), headers=headers)
        shallow = await c.post("/a2a", content=_nested(3), headers=headers)
    assert deep.json()["error"]["code"] == -32700, deep.text
    assert "recursion" not in deep.text
    assert shallow.json()["error"]["code"] == -32602  # the SDK's: params of the wrong shape
