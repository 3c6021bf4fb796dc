"""Two instances, langgraph-sdk's v3 thread stream: a run started by a command to one
instance is streamed by the other, numbered alike on both, and the SDK's session works
whichever instance each of its requests reaches."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import orjson
import pytest

from tests.api.conftest import auth
from tests.api.test_agent_protocol_support import person, say, sdk
from tests.scale.conftest import Pair

pytestmark = [pytest.mark.redis, pytest.mark.timeout(300)]  # the first test starts the servers
READ_S = 60
START = {
    "id": 1,
    "method": "run.start",
    "params": {"assistant_id": "pam", "input": say("Hello there")},
}


async def root_run(
    base: str, headers: dict[str, str], tid: str, extra: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """The thread's events over SSE until its first run's root end."""
    found: list[dict[str, Any]] = []
    body = {"channels": ["lifecycle", "messages", "values", *extra]}
    async with (
        asyncio.timeout(READ_S),
        httpx.AsyncClient(base_url=base, headers=headers, timeout=READ_S) as client,
        client.stream("POST", f"/threads/{tid}/stream/events", json=body) as response,
    ):
        assert response.status_code == 200
        async for line in response.aiter_lines():
            if not line.startswith("data: "):
                continue
            event = orjson.loads(line.removeprefix("data: "))
            found.append(event)
            root = event["method"] == "lifecycle" and not event["params"]["namespace"]
            if root and event["params"]["data"]["event"] in ("completed", "failed", "interrupted"):
                return found
    raise AssertionError(f"the stream ended early: {found}")


async def test_a_run_started_on_one_instance_streams_on_the_other(pair: Pair) -> None:
    headers = auth(person("v3-pair"))
    tid = str(uuid.uuid4())
    async with httpx.AsyncClient(base_url=pair.a, headers=headers, timeout=READ_S) as on_a:
        started = await on_a.post(
            f"/threads/{tid}/commands",
            json=START,
        )
    assert started.json()["type"] == "success", started.text
    on_b, again_on_a = await asyncio.gather(
        root_run(pair.b, headers, tid), root_run(pair.a, headers, tid)
    )
    assert on_b[-1]["params"]["data"]["event"] == "completed"
    # The same events, numbered alike, whichever instance a stream reached.
    assert [(e["event_id"], e["seq"], e["method"]) for e in on_b] == [
        (e["event_id"], e["seq"], e["method"]) for e in again_on_a
    ]
    assert any(e["method"] == "messages" for e in on_b)


async def test_an_sdk_session_on_the_other_instance(pair: Pair) -> None:
    """The run is started through one instance (a client behind a load balancer without
    sticky sessions); an SDK session on the other reads it as it would its own."""
    user = person("v3-split")
    tid = str(uuid.uuid4())
    async with httpx.AsyncClient(base_url=pair.a, headers=auth(user), timeout=READ_S) as on_a:
        started = await on_a.post(f"/threads/{tid}/commands", json=START)
    assert started.json()["type"] == "success", started.text
    client = sdk(pair.b, user)
    async with client.threads.stream(tid, assistant_id="pam") as thread:
        streams = []
        async with asyncio.timeout(READ_S):
            async for message in thread.messages:
                streams.append(message)
        said = [await m.text for m in streams]
        values = await thread.output.with_timeout(READ_S)
    await client.aclose()
    assert said and all(said)
    assert (
        values["messages"][-1]["type"] == "ai" and values["messages"][0]["content"] == "Hello there"
    )


async def test_a_tool_call_streams_alike_on_both_instances(pair: Pair) -> None:
    """The `tools` channel is made from the run's recorded updates (protocol_tools.py),
    which reach a follower on the other instance through the coordinator: the same tool
    events there, with the same ids and numbers."""
    headers = auth(person("v3-tools"))
    tid = str(uuid.uuid4())
    params = {"assistant_id": "pam", "input": say("spent $12.50 on coffee")}
    start = {"id": 1, "method": "run.start", "params": params}
    async with httpx.AsyncClient(base_url=pair.a, headers=headers, timeout=READ_S) as on_a:
        started = await on_a.post(f"/threads/{tid}/commands", json=start)
    assert started.json()["type"] == "success", started.text
    on_b, again_on_a = await asyncio.gather(
        root_run(pair.b, headers, tid, ("tools",)), root_run(pair.a, headers, tid, ("tools",))
    )
    tools_b = [e for e in on_b if e["method"] == "tools"]
    tools_a = [e for e in again_on_a if e["method"] == "tools"]
    assert [e["params"]["data"]["event"] for e in tools_b] == ["tool-started", "tool-finished"]
    assert tools_b[0]["params"]["data"]["tool_name"] == "add_expense"
    # (each stream stamps the time it made an event)
    assert [(e["event_id"], e["seq"], e["params"]["data"]) for e in tools_b] == [
        (e["event_id"], e["seq"], e["params"]["data"]) for e in tools_a
    ]
    assert tools_b[0]["params"]["namespace"] == tools_a[0]["params"]["namespace"]
