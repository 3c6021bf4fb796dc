"""Agent Protocol multitask strategies: a second run while the first is mid-turn."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage
from langgraph_sdk.errors import ConflictError
from langgraph_sdk.schema import MultitaskStrategy

from tests.api.conftest import Gate, Serve, StreamingScriptedModel
from tests.api.test_agent_protocol_support import person, say, sdk
from tests.fakes import route


def humans(values: Any) -> list[str]:
    return [m["content"] for m in values["messages"] if m["type"] == "human"]


async def test_reject_answers_409_and_the_first_run_carries_on(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general"), AIMessage("First.")])
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        first = await client.runs.create(tid, "pam", input=say("a"))
        await gate.reached.wait()
        busy = await client.threads.get(tid)
        with pytest.raises(ConflictError):
            await client.runs.create(tid, "pam", input=say("b"), multitask_strategy="reject")
        gate.open()
        done = await client.runs.join(tid, first["run_id"])
        await client.aclose()
    assert busy["status"] == "busy"
    assert done["reply"] == "First." and humans(done) == ["a"]


async def test_enqueue_runs_the_second_after_the_first(serve: Serve) -> None:
    gate = Gate()
    script = [gate, route("general"), AIMessage("First."), route("general"), AIMessage("Second.")]
    async with serve(StreamingScriptedModel(script=script)) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        first = await client.runs.create(tid, "pam", input=say("a"))
        await gate.reached.wait()
        second = await client.runs.create(tid, "pam", input=say("b"), multitask_strategy="enqueue")
        queued = await client.runs.get(tid, second["run_id"])
        gate.open()
        done = await client.runs.join(tid, second["run_id"])
        first_now = await client.runs.get(tid, first["run_id"])
        await client.aclose()
    assert queued["status"] == "pending"
    assert first_now["status"] == "success"
    assert humans(done) == ["a", "b"] and done["reply"] == "Second."


@pytest.mark.parametrize("strategy", ["interrupt", "rollback"])
async def test_interrupt_and_rollback_cancel_the_first_run(
    serve: Serve, strategy: MultitaskStrategy
) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general"), AIMessage("Second.")])
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        first = await client.runs.create(tid, "pam", input=say("a"))
        await gate.reached.wait()
        second = await client.runs.create(tid, "pam", input=say("b"), multitask_strategy=strategy)
        done = await client.runs.join(tid, second["run_id"])
        gate.open()
        listed = [r["run_id"] for r in await client.runs.list(tid)]
        history: Any = await client.threads.get_history(tid, limit=100)
        await client.aclose()
    assert done["reply"] == "Second."
    first_checkpoints = [h for h in history if h["metadata"].get("run_id") == first["run_id"]]
    if strategy == "interrupt":  # what the first run wrote stays: its message is kept
        assert humans(done) == ["a", "b"] and first_checkpoints
        assert listed == [second["run_id"], first["run_id"]]
    else:  # rollback: the first run never happened, row and checkpoints gone
        assert humans(done) == ["b"] and first_checkpoints == []
        assert listed == [second["run_id"]]
