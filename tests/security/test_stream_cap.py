"""Redteam 8: one user could hold any number of HTTP streams open. Sockets were bounded
per user (WS_MAX_PER_USER) but server-sent event streams were not: `GET
/threads/{id}/stream` waits for runs forever (a poll loop each) and `GET /mcp` holds
MCP's notification stream, so one token held thousands, costing every user's CPU and
the process's file descriptors. Now STREAMS_MAX_PER_USER of them per user, then 429.
Real server, real HTTP."""

from __future__ import annotations

from contextlib import AsyncExitStack

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.rest_support import new_user

pytestmark = pytest.mark.hardening

EVENTS = {"accept": "text/event-stream"}


async def _status(client: httpx.AsyncClient, path: str) -> tuple[int, str | None]:
    """A stream's status, and the refusal's code (a stream that opened is not read)."""
    async with client.stream("GET", path, headers=EVENTS) as response:
        if response.status_code == 200:
            return 200, None
        await response.aread()
        return response.status_code, response.json().get("code")


async def test_one_user_may_hold_only_so_many_streams(serve: Serve) -> None:
    mallory, other = new_user("mallory"), new_user("other")
    async with (
        serve(streams_max_per_user=3) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as m,
        httpx.AsyncClient(base_url=server.url, headers=auth(other), timeout=30) as o,
    ):
        tid = (await m.post("/threads", json={})).json()["thread_id"]
        theirs = (await o.post("/threads", json={})).json()["thread_id"]
        async with AsyncExitStack() as stack:
            held = [
                await stack.enter_async_context(
                    m.stream("GET", f"/threads/{tid}/stream", headers=EVENTS)
                )
                for _ in range(3)
            ]
            one_more = await _status(m, f"/threads/{tid}/stream")
            mcp = await _status(m, "/mcp")
            plain = await m.get("/api/v1/wins/expenses")  # not a stream: not counted
            others = await _status(o, f"/threads/{theirs}/stream")
            assert [r.status_code for r in held] == [200, 200, 200]
        again = await _status(m, f"/threads/{tid}/stream")  # a place given back
    assert one_more == mcp == (429, "too_many_streams")
    assert plain.status_code == 200
    assert others == again == (200, None)


async def test_the_v3_thread_stream_counts_without_an_accept_header(serve: Serve) -> None:
    """langgraph-sdk's v3 event stream (`POST /threads/{id}/stream/events`) is held open
    until the client leaves; a client that sends no `Accept` is counted all the same."""
    mallory = new_user("mallory")
    body = {"channels": ["values"]}
    async with (
        serve(streams_max_per_user=1) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as m,
    ):
        tid = (await m.post("/threads", json={})).json()["thread_id"]
        path = f"/threads/{tid}/stream/events"
        async with (
            m.stream("POST", path, json=body) as held,
            m.stream("POST", path, json=body) as second,  # not read if it opened
        ):
            one_more, code = second.status_code, None
            if one_more != 200:
                await second.aread()
                code = second.json()["code"]
        assert held.status_code == 200
    assert (one_more, code) == (429, "too_many_streams")
