"""The modes a run asked for follow it to another instance over Redis (the run's event
mirror): started on A, joined on B mid-run, B streams what A streams."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest
from langchain_core.messages import AIMessage

from tests.api.conftest import Gate, Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_support import person, say
from tests.fakes import route

pytestmark = pytest.mark.redis


async def _events(response: httpx.Response) -> list[tuple[str, int | None]]:
    """(event, id) of each SSE event."""
    found: list[tuple[str, int | None]] = []
    event, event_id = "", None
    async for line in response.aiter_lines():
        if line.startswith("event: "):
            event = line.removeprefix("event: ")
        elif line.startswith("id: "):
            event_id = int(line.removeprefix("id: "))
        elif line.startswith("data: ") and event == "error":
            raise AssertionError(orjson.loads(line.removeprefix("data: ")))
        elif not line and event:
            found.append((event, event_id))
            event, event_id = "", None
    return found


@pytest.mark.parametrize("mode", ["debug", "checkpoints", "tasks", "events", "messages-tuple"])
async def test_a_runs_modes_follow_it_to_another_instance(
    serve: Serve, redis_url: str, mode: str
) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[route("general"), gate, AIMessage("Hello there.")])
    async with (
        serve(model, redis_url=redis_url) as a,
        serve(StreamingScriptedModel(script=[]), redis_url=redis_url) as b,
        httpx.AsyncClient(headers=auth(person("modes")), timeout=30) as client,
    ):
        thread_id = (await client.post(f"{a.url}/threads", json={})).json()["thread_id"]
        # No `values`: the mirror then copies only the other modes (mirror.py).
        body: dict[str, Any] = {"assistant_id": "pam", "input": say("hi"), "stream_mode": [mode]}
        created = await client.post(f"{a.url}/threads/{thread_id}/runs", json=body)
        run_path = f"/threads/{thread_id}/runs/{created.json()['run_id']}/stream"
        await gate.reached.wait()
        async with client.stream("GET", f"{b.url}{run_path}") as joined:
            gate.open()
            on_b = await _events(joined)
        async with client.stream("GET", f"{a.url}{run_path}") as again:
            on_a = await _events(again)
    event = "messages" if mode == "messages-tuple" else mode
    assert event in {e for e, _ in on_b}, on_b
    assert on_b == on_a


async def test_a_run_on_another_instance_shows_its_metadata_and_kwargs(
    serve: Serve, redis_url: str
) -> None:
    """runs.get and runs.list on B, mid-run on A: the run's metadata and kwargs come from
    its row (B's follower knows only its status and stream options)."""
    gate = Gate()
    model = StreamingScriptedModel(script=[route("general"), gate, AIMessage("Hello there.")])
    async with (
        serve(model, redis_url=redis_url) as a,
        serve(StreamingScriptedModel(script=[]), redis_url=redis_url) as b,
        httpx.AsyncClient(headers=auth(person("remote")), timeout=30) as client,
    ):
        thread_id = (await client.post(f"{a.url}/threads", json={})).json()["thread_id"]
        body = {"assistant_id": "pam", "input": say("hi"), "metadata": {"from": "a"}}
        run = (await client.post(f"{a.url}/threads/{thread_id}/runs", json=body)).json()
        await gate.reached.wait()
        # Joined on B first, so B follows the run (its live Run there is remote).
        async with client.stream("GET", f"{b.url}/threads/{thread_id}/runs/{run['run_id']}/stream"):
            got = (await client.get(f"{b.url}/threads/{thread_id}/runs/{run['run_id']}")).json()
            listed = (await client.get(f"{b.url}/threads/{thread_id}/runs")).json()
            gate.open()
    for found in (got, listed[0]):
        assert found["status"] in ("pending", "running")
        assert found["metadata"]["from"] == "a"
        assert found["kwargs"]["input"] == say("hi")
