"""Agent Protocol: Last-Event-ID resumption and what a disconnect does to a run."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langgraph_sdk.client import LangGraphClient
from langgraph_sdk.schema import StreamPart

from tests.api.conftest import Gate, Serve, StreamingScriptedModel
from tests.api.test_agent_protocol_support import collect, eventually, named, person, say, sdk
from tests.fakes import route


async def read_until(parts: Any, event: str) -> list[StreamPart]:
    """Read a stream up to and including the first `event`, then hang up."""
    seen: list[StreamPart] = []
    async for part in parts:
        seen.append(part)
        if part.event == event:
            break
    await parts.aclose()
    return seen


async def test_a_resumable_stream_picks_up_after_last_event_id(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[route("general"), gate, AIMessage("Back on the road.")])
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        stream = client.runs.stream(
            tid, "pam", input=say("hi"), stream_mode=["values", "updates"], stream_resumable=True
        )
        first = await read_until(stream, "updates")  # the router's update; the model waits
        run_id = first[0].data["run_id"]
        last = first[-1].id
        assert last is not None and int(last) > 0
        await gate.reached.wait()
        gate.open()
        rest = await collect(client.runs.join_stream(tid, run_id, last_event_id=last))
        replay = await collect(client.runs.join_stream(tid, run_id))
        await client.aclose()
    assert rest[-1].event == "end"
    assert all(int(p.id) > int(last) for p in rest if p.id is not None)
    assert [(p.event, p.id) for p in first + rest] == [(p.event, p.id) for p in replay]
    assert named(rest, "values")[-1]["reply"] == "Back on the road."


async def _status(client: LangGraphClient, tid: str, run_id: str) -> str:
    return str((await client.runs.get(tid, run_id))["status"])


async def test_on_disconnect_cancel_stops_the_run(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general"), AIMessage("Never sent.")])
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        stream = client.runs.stream(tid, "pam", input=say("hi"), on_disconnect="cancel")
        first = await read_until(stream, "values")  # the run has started
        run_id = first[0].data["run_id"]

        async def cancelled() -> bool:
            return await _status(client, tid, run_id) == "interrupted"

        await eventually(cancelled)
        gate.open()
        thread = await client.threads.get(tid)
        await client.aclose()
    assert thread["status"] == "interrupted"  # as LangGraph: the cancelled turn is left
    assert "reply" not in (thread["values"] or {})
    assert model.script  # the turn never got as far as the reply


async def test_by_default_a_disconnect_leaves_the_run_going(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general"), AIMessage("Still here.")])
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        first = await read_until(client.runs.stream(tid, "pam", input=say("hi")), "values")
        run_id = first[0].data["run_id"]
        await gate.reached.wait()
        gate.open()
        joined = await client.runs.join(tid, run_id)
        status = await _status(client, tid, run_id)
        await client.aclose()
    assert joined["reply"] == "Still here."
    assert status == "success"
