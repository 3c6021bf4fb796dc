"""Agent Protocol streaming with langgraph-sdk: stream modes, subgraphs and headers."""

from __future__ import annotations

from uuid import uuid4

import httpx
import pytest
from langchain_core.messages import AIMessage
from langgraph_sdk.errors import NotFoundError, UnprocessableEntityError
from langgraph_sdk.schema import RunCreateMetadata, StreamMode

from tests.api.conftest import Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_support import collect, general, named, person, say, sdk, writing
from tests.fakes import call, route

MODES: list[StreamMode] = ["values", "updates", "messages-tuple", "custom"]


async def test_values_updates_messages_and_custom_in_one_stream(serve: Serve) -> None:
    model = StreamingScriptedModel(
        script=[route("general"), writing({"step": "thinking"}, "Good day on the road.")]
    )
    created: list[RunCreateMetadata] = []
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        thread = await client.threads.create()
        parts = await collect(
            client.runs.stream(
                thread["thread_id"],
                "pam",
                input=say("hi"),
                stream_mode=MODES,
                on_run_created=created.append,
            )
        )
        await client.aclose()
    events = [p.event for p in parts]
    assert events[0] == "metadata" and events[-1] == "end"
    assert set(events) == {"metadata", "values", "updates", "messages", "custom", "end"}
    assert parts[0].data["run_id"] == created[0]["run_id"]
    assert created[0]["thread_id"] == thread["thread_id"]
    final = named(parts, "values")[-1]
    assert final["reply"] == "Good day on the road."
    assert [m["type"] for m in final["messages"]] == ["human", "ai"]
    nodes = [next(iter(u)) for u in named(parts, "updates")]
    assert nodes[0] == "router" and "general" in nodes and nodes[-1] == "finish"
    assert named(parts, "custom") == [{"step": "thinking"}]
    reply_id = final["messages"][-1]["id"]
    tokens = [m["content"] for m, meta in named(parts, "messages") if m["id"] == reply_id]
    assert "".join(tokens) == "Good day on the road." and len(tokens) > 1
    metadata = [meta for m, meta in named(parts, "messages") if m["id"] == reply_id]
    assert metadata[0]["langgraph_node"] == "general"
    ids = [int(p.id) for p in parts if p.id is not None]
    assert ids == sorted(ids) and ids[0] == 0  # metadata is 0, then the run's sequence


async def test_default_mode_is_values_and_subgraph_events_only_when_asked(serve: Serve) -> None:
    def fuel_turn() -> list[object]:
        return [
            route("wins"),
            call("add_expense", "c1", amount=9, category="fuel"),
        ]

    model = StreamingScriptedModel(script=fuel_turn() + fuel_turn())
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        thread = await client.threads.create()
        plain = await collect(client.runs.stream(thread["thread_id"], "pam", input=say("fuel 9")))
        nested = await collect(
            client.runs.stream(
                thread["thread_id"],
                "pam",
                input=say("fuel 9 again"),
                stream_mode=["updates"],
                stream_subgraphs=True,
            )
        )
        await client.aclose()
    assert {p.event for p in plain} == {"metadata", "values", "end"}
    names = [p.event for p in nested if "|" in p.event]
    assert names and all(n.startswith("updates|wins:") for n in names)
    inner = [next(iter(p.data)) for p in nested if "|" in p.event]
    assert "model" in inner and "tools" in inner  # the wins agent's own nodes
    assert any(p.event == "updates" and "wins" in p.data for p in nested)


async def test_events_and_legacy_messages_modes(serve: Serve) -> None:
    # A read's answer comes from the model (a write's summary would need no model call).
    fuel = [route("wins"), call("list_expenses", "c1", category="fuel"), AIMessage("Ok.")]
    model = StreamingScriptedModel(script=fuel + general("Hi again."))
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        thread = await client.threads.create()
        events = await collect(
            client.runs.stream(thread["thread_id"], "pam", input=say("fuel"), stream_mode="events")
        )
        legacy = await collect(
            client.runs.stream(thread["thread_id"], "pam", input=say("hi"), stream_mode="messages")
        )
        await client.aclose()
    found = named(events, "events")
    kinds = {e["event"] for e in found}
    assert {"on_chain_start", "on_chat_model_stream", "on_tool_start", "on_chain_end"} <= kinds
    # The graph's real astream_events: the outermost chain is the protocol run itself.
    assert found[0]["event"] == "on_chain_start"
    assert found[0]["run_id"] == events[0].data["run_id"]
    # The wins agent runs as a subgraph: its model and tools are reported too.
    inner = [
        e
        for e in found
        if str(e["metadata"].get("langgraph_checkpoint_ns", "")).startswith("wins:")
    ]
    assert "list_expenses" in {e["name"] for e in inner if e["event"] == "on_tool_start"}
    streamed = [e for e in found if e["event"] == "on_chat_model_stream"]
    assert "".join(e["data"]["chunk"]["content"] for e in streamed) == "Ok."
    partial = named(legacy, "messages/partial")
    assert partial[-1][0]["content"] == "Hi again."
    assert named(legacy, "messages/metadata")


async def test_stream_headers_and_refusals(serve: Serve) -> None:
    alice = person("alice")
    async with serve(StreamingScriptedModel(script=general("Hi."))) as server:
        client = sdk(server.url, alice)
        thread = await client.threads.create()
        base = f"/threads/{thread['thread_id']}/runs"
        async with (
            httpx.AsyncClient(base_url=server.url, headers=auth(alice), timeout=30) as http,
            http.stream(
                "POST", f"{base}/stream", json={"assistant_id": "pam", "input": say("hi")}
            ) as r,
        ):
            body = [line async for line in r.aiter_lines()]
        run_id = r.headers["content-location"].rsplit("/", 1)[-1]
        assert r.headers["content-location"] == f"{base}/{run_id}"
        assert r.headers["location"] == f"{base}/{run_id}/stream"
        assert r.headers["content-type"].startswith("text/event-stream")
        assert body[0] == "event: metadata" and "event: end" in body
        for bad in (
            {"stream_mode": ["bogus"]},
            {"input": {"messages": [{"type": "alien", "content": "x"}]}},
            {"interrupt_before": ["nowhere"]},
            {"context": {"location": {"lat": 200}}},
        ):
            with pytest.raises(UnprocessableEntityError):
                await collect(client.runs.stream(thread["thread_id"], "pam", **bad))
        # An id no assistant can have (neither a UUID nor the graph's name) is bad input,
        # as LangGraph's server answers it; a UUID of no assistant of the caller's is 404.
        with pytest.raises(UnprocessableEntityError):
            await collect(client.runs.stream(thread["thread_id"], "someone-else", input=say("x")))
        with pytest.raises(NotFoundError):
            await collect(client.runs.stream(thread["thread_id"], str(uuid4()), input=say("x")))
        await client.aclose()
