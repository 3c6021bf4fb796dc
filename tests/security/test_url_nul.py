"""Redteam 9: a NUL (`%00`) in a URL's path or query reached Postgres, which refuses it
in text, as an internal error: `GET /threads/{id}/state/%00` and `GET /store/items?key=%00`
were 500s, `?namespace=%00` dropped the connection without an answer. Now a URL with a
NUL anywhere in its path or query is a 400 before any route runs. Real server, real HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening


async def test_a_nul_in_the_url_is_a_400(serve: Serve) -> None:
    mallory = person("mallory")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as c,
    ):
        tid = (await c.post("/threads", json={})).json()["thread_id"]
        urls = [
            f"/threads/{tid}/state/%00",
            f"/threads/{tid}/state/a%00b",
            "/store/items?namespace=a&key=%00",
            "/store/items?namespace=a%00b&key=k",
            "/api/v1/you/memories?query=a%00",
            f"/api/v1/pam/threads/{tid}%00",
        ]
        answers = {url: await c.get(url) for url in urls}
        fine = await c.get(f"/threads/{tid}/state")
    for url, answer in answers.items():
        assert answer.status_code == 400, (url, answer.text)
        assert "NUL" in answer.json()["detail"], (url, answer.text)
    assert fine.status_code == 200
