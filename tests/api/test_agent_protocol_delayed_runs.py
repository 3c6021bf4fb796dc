"""Agent Protocol: `after_seconds`, a run that waits pending before it starts, with
langgraph-sdk against a real server."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.api.conftest import Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_support import general, person, say, sdk


async def test_a_delayed_run_is_pending_then_runs(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("Later, then."))) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        started = time.monotonic()
        run = await client.runs.create(tid, "pam", input=say("remind me"), after_seconds=1)
        waiting = await client.runs.get(tid, run["run_id"])
        thread = await client.threads.get(tid)
        await client.runs.join(tid, run["run_id"])
        waited = time.monotonic() - started
        ended = await client.runs.get(tid, run["run_id"])
        await client.aclose()
    assert run["status"] == waiting["status"] == "pending"
    assert thread["status"] == "busy"  # taken, as LangGraph's server counts a pending run
    assert ended["status"] == "success" and waited >= 1


async def test_a_cancel_ends_the_wait(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("Never said."))) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        run = await client.runs.create(tid, "pam", input=say("remind me"), after_seconds=60)
        started = time.monotonic()
        await client.runs.cancel(tid, run["run_id"], wait=True)
        cancelled = time.monotonic() - started
        ended = await client.runs.get(tid, run["run_id"])
        history = await client.threads.get_history(tid)
        await client.aclose()
    assert ended["status"] == "interrupted" and cancelled < 10
    assert history == []  # the graph never ran


@pytest.mark.parametrize("after", [-1, 86_401])
async def test_a_delay_out_of_range_is_422_naming_it(serve: Serve, after: int) -> None:
    alice = person("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as c:
        answer = await c.post(
            "/runs", json={"assistant_id": "pam", "input": say("hi"), "after_seconds": after}
        )
        runs = await c.post("/threads/count", json={})
    assert answer.status_code == 422 and "after_seconds" in answer.text
    assert runs.json() == 0
