"""A run's events go to Redis when another instance follows the run, not token by token
for every run: held by the owner until a follower asks (then the backlog at once and the
rest as it comes), or written in one go with the run's end."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import redis.asyncio as aioredis
from langchain_core.messages import AIMessage

from server.runs.over_redis import events_key
from tests.api.conftest import Gate, Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_modes_redis import _events
from tests.api.test_agent_protocol_support import eventually, person, say
from tests.fakes import route

pytestmark = pytest.mark.redis

REPLY = "Fuel is cheapest on Tuesdays, and that is all there is to it."


async def _start(client: httpx.AsyncClient, url: str) -> tuple[str, str]:
    thread_id = (await client.post(f"{url}/threads", json={})).json()["thread_id"]
    body: dict[str, Any] = {
        "assistant_id": "pam",
        "input": say("when is fuel cheap?"),
        "stream_mode": ["updates", "messages-tuple"],
    }
    created = (await client.post(f"{url}/threads/{thread_id}/runs", json=body)).json()
    return created["run_id"], f"/threads/{thread_id}/runs/{created['run_id']}/stream"


async def test_a_run_is_copied_to_redis_once_another_instance_follows_it(
    serve: Serve, redis_url: str
) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[route("general"), gate, AIMessage(REPLY)])
    redis = aioredis.from_url(redis_url)
    async with (
        serve(model, redis_url=redis_url) as a,
        serve(StreamingScriptedModel(script=[]), redis_url=redis_url) as b,
        httpx.AsyncClient(headers=auth(person("mirror")), timeout=30) as client,
    ):
        run_id, run_path = await _start(client, a.url)
        await gate.reached.wait()  # routed: the run has events, nobody follows it yet
        assert await redis.xlen(events_key(run_id)) == 0
        async with client.stream("GET", f"{b.url}{run_path}") as joined:
            # B asked: A copies what it held while the model is still held.
            await eventually(lambda: _has_entries(redis, run_id))
            gate.open()
            on_b = await _events(joined)
        async with client.stream("GET", f"{a.url}{run_path}") as again:
            on_a = await _events(again)
    await redis.aclose()
    assert on_b == on_a
    assert len([e for e in on_b if e[0] == "messages"]) > 5  # the reply, word by word


async def test_a_run_nobody_follows_is_copied_with_its_end_and_can_be_joined_after(
    serve: Serve, redis_url: str
) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[route("general"), gate, AIMessage(REPLY)])
    redis = aioredis.from_url(redis_url)
    async with (
        serve(model, redis_url=redis_url) as a,
        serve(StreamingScriptedModel(script=[]), redis_url=redis_url) as b,
        httpx.AsyncClient(headers=auth(person("unfollowed")), timeout=30) as client,
    ):
        run_id, run_path = await _start(client, a.url)
        await gate.reached.wait()
        gate.open()
        async with client.stream("GET", f"{a.url}{run_path}") as on_owner:
            on_a = await _events(on_owner)
        await eventually(lambda: _ended(redis, run_id))
        entries: list[Any] = await redis.xrange(events_key(run_id))  # type: ignore[assignment]
        async with client.stream("GET", f"{b.url}{run_path}") as after:
            on_b = await _events(after)
    await redis.aclose()
    tokens = [e for e in on_a if e[0] == "messages"]
    assert len(tokens) > 5  # the reply streamed word by word
    # Every event the owner sent, then the end entry: written together at the end.
    assert len(entries) == len([e for e in on_a if e[0] != "metadata" and e[0] != "end"]) + 1
    assert on_b == on_a


async def _has_entries(redis: aioredis.Redis, run_id: str) -> bool:
    return bool(await redis.xlen(events_key(run_id)))


async def _ended(redis: aioredis.Redis, run_id: str) -> bool:
    last: list[Any] = await redis.xrevrange(events_key(run_id), count=1)  # type: ignore[assignment]
    return bool(last) and b"end" in last[0][1]
