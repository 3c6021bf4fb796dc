"""Turns as the run manager keeps them: one at a time per thread, never lost to a
disconnect, never run twice for a retried message_id, heartbeats while they think."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessage

import server.sse
from server.runs.threads import user_graph
from tests.api.conftest import (
    HEARTBEAT,
    Gate,
    Serve,
    StreamingScriptedModel,
    auth,
    read_sse,
    settled_thread,
    uid,
)
from tests.fakes import route

CHAT = "/api/v1/pam/chat"


def held_turn(gate: Gate, reply: str = "Done thinking.") -> StreamingScriptedModel:
    return StreamingScriptedModel(script=[gate, route("general"), AIMessage(reply)])


async def started_thread(client: httpx.AsyncClient, gate: Gate) -> tuple[str, Any]:
    """Start a streamed turn that waits at `gate`; its thread id and the open stream."""
    stream = client.stream("POST", f"{CHAT}/stream", json={"message": "think hard"})
    response = await stream.__aenter__()
    events = read_sse(response)
    name, data = await anext(events)
    assert name == "metadata"
    await asyncio.wait_for(gate.reached.wait(), 10)
    return str(data["thread_id"]), (stream, events)


async def test_a_second_chat_on_a_busy_thread_is_409_thread_busy(serve: Serve) -> None:
    gate = Gate()
    async with (
        serve(held_turn(gate)) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("dora"), timeout=30) as client,
    ):
        thread_id, (stream, events) = await started_thread(client, gate)
        second = await client.post(CHAT, json={"message": "and now?", "thread_id": thread_id})
        second_stream = await client.post(
            f"{CHAT}/stream", json={"message": "and now?", "thread_id": thread_id}
        )
        gate.open()
        rest = [e async for e in events if e[0] != HEARTBEAT]
        await stream.__aexit__(None, None, None)
    for busy in (second, second_stream):
        assert busy.status_code == 409
        assert busy.json() == {
            "detail": "This thread is busy with another turn; wait for it to finish.",
            "code": "THREAD_BUSY",
        }
    assert rest[-2] == ("final", {"reply": "Done thinking.", "ui_actions": []})


async def test_a_client_that_disconnects_mid_stream_does_not_lose_the_turn(
    serve: Serve,
) -> None:
    gate = Gate()
    async with (
        serve(held_turn(gate, "Here is the answer.")) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("eli"), timeout=30) as client,
    ):
        thread_id, (stream, _events) = await started_thread(client, gate)
        await stream.__aexit__(None, None, None)  # the client goes away mid-turn
        await asyncio.sleep(0.2)
        assert (await client.get(f"/api/v1/pam/threads/{thread_id}")).json()["running"]
        gate.open()
        thread = await settled_thread(client, thread_id)
        resources = server.app.state.resources
        graph = user_graph(resources, uid("eli"))
        state = await graph.aget_state({"configurable": {"thread_id": thread_id}})
    assert [m["role"] for m in thread["messages"]] == ["human", "ai"]
    assert thread["messages"][-1]["content"] == "Here is the answer."
    assert state.values["reply"] == "Here is the answer."  # checkpointed


async def test_a_retried_message_id_returns_the_first_answer_and_runs_once(
    serve: Serve,
) -> None:
    # Two model answers only: a second run of the turn would exhaust the script.
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Only once.")])
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("fay"), timeout=30) as client,
    ):
        first = (await client.post(CHAT, json={"message": "hello"})).json()
        thread_id = first["thread_id"]
        model.script[:] = [route("general"), AIMessage("Only once.")]
        body = {"message": "hello again", "thread_id": thread_id, "message_id": "m-42"}
        replies = await asyncio.gather(*(client.post(CHAT, json=body) for _ in range(3)))
        later = await client.post(CHAT, json=body)
        async with client.stream("POST", f"{CHAT}/stream", json=body) as streamed:
            events = [e async for e in read_sse(streamed) if e[0] != HEARTBEAT]
        thread = (await client.get(f"/api/v1/pam/threads/{thread_id}")).json()
    answers = [r.json() for r in [*replies, later]]
    assert all(r.status_code == 200 for r in [*replies, later])
    assert len({a["run_id"] for a in answers}) == 1
    assert {a["reply"] for a in answers} == {"Only once."}
    assert dict(events)["metadata"]["run_id"] == answers[0]["run_id"]
    assert dict(events)["final"]["reply"] == "Only once."
    humans = [m["content"] for m in thread["messages"] if m["role"] == "human"]
    assert humans == ["hello", "hello again"]


async def test_a_used_message_id_with_other_words_is_409_not_the_first_answer(
    serve: Serve,
) -> None:
    """try15: a client that numbers its messages afresh (after a reload) sent new words
    under a used message_id and got the first turn's reply with a 200: the new message
    was dropped without a word. Now that is a 409 naming the first message, for the
    plain and streamed chat and a Last-Event-ID resend; a true retry still replays."""
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Logged the bread.")])
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("gil"), timeout=30) as client,
    ):
        body = {"message": "spent $11 on bread", "message_id": "m-1"}
        first = (await client.post(CHAT, json=body)).json()
        thread_id = first["thread_id"]
        retry = await client.post(CHAT, json={**body, "thread_id": thread_id})
        other = {"message": "spent $22 on milk", "message_id": "m-1", "thread_id": thread_id}
        plain = await client.post(CHAT, json=other)
        streamed = await client.post(f"{CHAT}/stream", json=other)
        resent = await client.post(f"{CHAT}/stream", json=other, headers={"Last-Event-ID": "done"})
        thread = (await client.get(f"/api/v1/pam/threads/{thread_id}")).json()
    assert retry.status_code == 200 and retry.json()["run_id"] == first["run_id"]
    for refused in (plain, streamed, resent):
        assert refused.status_code == 409, refused.text
        assert refused.json()["code"] == "conflict"
        assert "spent $11 on bread" in refused.json()["detail"]
        assert "its own message_id" in refused.json()["detail"]
    humans = [m["content"] for m in thread["messages"] if m["role"] == "human"]
    assert humans == ["spent $11 on bread"]


async def test_quiet_streams_carry_comment_heartbeats(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server.sse, "HEARTBEAT_S", 0.1)
    gate = Gate()
    async with (
        serve(held_turn(gate)) as live,
        httpx.AsyncClient(base_url=live.url, headers=auth("gus"), timeout=30) as client,
    ):
        _thread_id, (stream, events) = await started_thread(client, gate)
        beats = 0
        async for name, _data in events:
            if name == HEARTBEAT:
                beats += 1
                if beats == 3:
                    gate.open()
            elif name == "end":
                break
        await stream.__aexit__(None, None, None)
    assert beats >= 3
