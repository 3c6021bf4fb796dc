"""Two instances, one run: cancelled from the other instance, its stream resumed on the
other with Last-Event-ID, the thread busy (or queued behind it) on both, and rate
limits counted across both."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import orjson
import pytest
from websockets.asyncio.client import connect

from tests.api.conftest import auth, frames_until, send_frame, token_for
from tests.api.test_agent_protocol_support import person, say, sdk
from tests.scale.conftest import CHAT_RATE, Pair, until
from tests.scale.llm import GatedBrain

pytestmark = [pytest.mark.redis, pytest.mark.timeout(300)]  # the first test starts the servers
CHAT = "/api/v1/pam/chat"


async def sse(response: httpx.Response, stop_after: int | None = None) -> list[dict[str, Any]]:
    """Events as {event, id, data}; with `stop_after`, once that many carry an id."""
    events: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    async for line in response.aiter_lines():
        if line.startswith(":"):
            continue
        if not line:
            if "event" in current:
                events.append(current)
                if stop_after and sum("id" in e for e in events) >= stop_after:
                    return events
            current = {}
            continue
        name, _, value = line.partition(": ")
        current[name] = (
            int(value) if name == "id" else orjson.loads(value) if name == "data" else value
        )
    return events


async def test_a_cancel_sent_to_either_instance_stops_the_run_on_the_other(
    pair: Pair, gate: GatedBrain
) -> None:
    user = person("canceller")
    on_a, on_b = sdk(pair.a, user), sdk(pair.b, user)
    thread_id = (await on_a.threads.create())["thread_id"]
    gate.close()
    run = await on_a.runs.create(thread_id, "pam", input=say("Hello there"))
    await until(gate.holding.is_set)
    await on_b.runs.cancel(thread_id, run["run_id"], wait=True)
    assert (await on_a.runs.get(thread_id, run["run_id"]))["status"] == "interrupted"
    gate.open()
    # The thread is free again on both instances.
    after = await on_b.runs.wait(thread_id, "pam", input=say("Hello again"))
    assert isinstance(after, dict) and after["reply"]
    await on_a.aclose()
    await on_b.aclose()


async def test_a_websocket_cancel_on_one_instance_stops_a_chat_on_the_other(
    pair: Pair, gate: GatedBrain
) -> None:
    user = person("ws-cancel")
    async with httpx.AsyncClient(headers=auth(user), timeout=30) as client:
        thread_id = (await client.post(f"{pair.a}{CHAT}", json={"message": "Hi"})).json()[
            "thread_id"
        ]
        gate.close()
        chat = asyncio.create_task(
            client.post(f"{pair.a}{CHAT}", json={"message": "Hello", "thread_id": thread_id})
        )
        await until(gate.holding.is_set)
        ws_url = pair.b.replace("http", "ws") + f"/api/v1/pam/ws?token={token_for(user)}"
        async with connect(ws_url) as ws:
            await frames_until(ws, "connected")
            await send_frame(ws, {"type": "cancel", "thread_id": thread_id})
            answer = await asyncio.wait_for(chat, 15)
    assert answer.status_code == 200, answer.text
    assert answer.json()["cancelled"] is True


async def test_a_stream_started_on_one_instance_resumes_on_the_other(
    pair: Pair, gate: GatedBrain
) -> None:
    """A client reads part of a run's stream from A, drops, and reconnects to B with
    Last-Event-ID: B replays exactly what A would have sent after that id."""
    user = person("resumer")
    modes = ["values", "updates"]
    async with httpx.AsyncClient(headers=auth(user), timeout=30) as client:
        thread_id = (await client.post(f"{pair.a}/threads", json={})).json()["thread_id"]
        gate.close()
        body = {
            "assistant_id": "pam",
            "input": say("Hello there"),
            "stream_mode": modes,
            "on_disconnect": "continue",
        }
        async with client.stream(
            "POST", f"{pair.a}/threads/{thread_id}/runs/stream", json=body
        ) as r:
            run_path = r.headers["content-location"]
            seen = await sse(r, stop_after=3)
        last = max(e["id"] for e in seen if "id" in e)
        resume = {"Last-Event-ID": str(last)}
        # No stream_mode: the run's own modes, which B learns from the run's shared head.
        async with client.stream("GET", f"{pair.b}{run_path}/stream", headers=resume) as joined:
            assert joined.status_code == 200
            gate.open()
            rest_on_b = await sse(joined)
        async with client.stream("GET", f"{pair.a}{run_path}/stream", headers=resume) as again:
            rest_on_a = await sse(again)
    assert rest_on_b[-1]["event"] == "end"
    ids = [e["id"] for e in rest_on_b if "id" in e]
    assert ids and min(ids) > last and ids == sorted(ids)
    assert {e["event"] for e in rest_on_b} == {"values", "updates", "end"}
    assert [(e["event"], e.get("id")) for e in rest_on_b] == [
        (e["event"], e.get("id")) for e in rest_on_a
    ]
    final = [e["data"] for e in rest_on_b if e["event"] == "values"][-1]
    assert final == [e["data"] for e in rest_on_a if e["event"] == "values"][-1]
    assert final["reply"]


async def test_a_busy_thread_is_busy_on_both_instances_and_enqueue_waits(
    pair: Pair, gate: GatedBrain
) -> None:
    user = person("busy")
    on_a, on_b = sdk(pair.a, user), sdk(pair.b, user)
    async with httpx.AsyncClient(headers=auth(user), timeout=30) as client:
        thread_id = (await client.post(f"{pair.a}{CHAT}", json={"message": "Hi"})).json()[
            "thread_id"
        ]
        gate.close()
        first = asyncio.create_task(
            client.post(f"{pair.a}{CHAT}", json={"message": "First", "thread_id": thread_id})
        )
        await until(gate.holding.is_set)
        busy = await client.post(f"{pair.b}{CHAT}", json={"message": "No", "thread_id": thread_id})
        assert busy.status_code == 409 and busy.json()["code"] == "THREAD_BUSY"
        queued = await on_b.runs.create(
            thread_id, "pam", input=say("Second"), multitask_strategy="enqueue"
        )
        assert queued["status"] == "pending"
        gate.open()
        assert (await first).status_code == 200
        values = await on_b.runs.join(thread_id, queued["run_id"])
    humans = [m["content"] for m in values["messages"] if m["type"] == "human"]
    assert humans[-2:] == ["First", "Second"]
    await on_a.aclose()
    await on_b.aclose()


async def test_rate_limits_count_requests_to_both_instances(pair: Pair) -> None:
    """Chat requests count against one per-user limit, whichever instance takes them
    (invalid ones too: the limit is checked before the body)."""
    async with httpx.AsyncClient(headers=auth(person("limited")), timeout=30) as client:
        codes = [
            (await client.post(f"{(pair.a, pair.b)[i % 2]}{CHAT}", json={})).status_code
            for i in range(CHAT_RATE)
        ]
        over_a = await client.post(f"{pair.a}{CHAT}", json={})
        over_b = await client.post(f"{pair.b}{CHAT}", json={})
    assert codes == [422] * CHAT_RATE
    assert (over_a.status_code, over_b.status_code) == (429, 429)
    assert over_b.json()["code"] == "rate_limited" and int(over_b.headers["retry-after"]) >= 1
