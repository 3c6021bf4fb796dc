"""Agent Protocol state with langgraph-sdk: state, history, updates and forking."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from tests.api.conftest import Serve, StreamingScriptedModel
from tests.api.test_agent_protocol_support import general, person, say, sdk


def texts(values: dict[str, Any]) -> list[str]:
    return [m["content"] for m in values["messages"]]


async def test_history_lists_checkpoints_newest_first_and_filters(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("First."))) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        await client.runs.wait(tid, "pam", input=say("one"))
        state: Any = await client.threads.get_state(tid)
        history: Any = await client.threads.get_history(tid, limit=100)
        two = await client.threads.get_history(tid, limit=2)
        older = await client.threads.get_history(tid, limit=100, before=history[1]["checkpoint"])
        inputs: Any = await client.threads.get_history(tid, limit=100, metadata={"source": "input"})
        await client.aclose()
    assert state["values"]["reply"] == "First." and state["next"] == []
    assert state["checkpoint"]["thread_id"] == tid and state["checkpoint"]["checkpoint_ns"] == ""
    assert history[0]["checkpoint"] == state["checkpoint"]
    steps = [h["metadata"]["step"] for h in history]
    assert steps == sorted(steps, reverse=True) and steps[-1] == -1
    assert all(h["parent_checkpoint"] == n["checkpoint"] for h, n in pairwise(history))
    assert two == history[:2]
    assert older == history[2:]
    assert [h["metadata"]["source"] for h in inputs] == ["input"]


async def test_fork_from_a_checkpoint_in_history(serve: Serve) -> None:
    script = general("First.") + general("Second.") + general("Forked.") + general("Again.")
    async with serve(StreamingScriptedModel(script=script)) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        await client.runs.wait(tid, "pam", input=say("one"))
        await client.runs.wait(tid, "pam", input=say("two"))
        history: Any = await client.threads.get_history(tid, limit=100)
        (end_of_one,) = [
            h for h in history if h["values"].get("reply") == "First." and not h["next"]
        ]
        at = end_of_one["checkpoint"]
        then: Any = await client.threads.get_state(tid, checkpoint_id=at["checkpoint_id"])
        same: Any = await client.threads.get_state(tid, checkpoint=at)
        forked: Any = await client.runs.wait(
            tid, "pam", input=say("two, differently"), checkpoint_id=at["checkpoint_id"]
        )
        again: Any = await client.runs.wait(tid, "pam", input=say("three"), checkpoint=at)
        await client.aclose()
    assert texts(then["values"]) == ["one", "First."] and same["values"] == then["values"]
    assert isinstance(forked, dict) and isinstance(again, dict)
    assert texts(forked) == ["one", "First.", "two, differently", "Forked."]
    assert texts(again) == ["one", "First.", "three", "Again."]


async def test_update_state_writes_a_checkpoint(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("First."))) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        await client.runs.wait(tid, "pam", input=say("one"))
        written: Any = await client.threads.update_state(
            tid, {"reply": "Edited."}, as_node="finish"
        )
        state: Any = await client.threads.get_state(tid)
        updates: Any = await client.threads.get_history(tid, metadata={"source": "update"})
        await client.aclose()
    assert written["checkpoint"]["checkpoint_id"] == state["checkpoint"]["checkpoint_id"]
    assert state["values"]["reply"] == "Edited."
    assert [u["checkpoint"]["checkpoint_id"] for u in updates] == [
        written["checkpoint"]["checkpoint_id"]
    ]


async def test_a_command_can_update_state_and_go_to_a_node(serve: Serve) -> None:
    model = StreamingScriptedModel(script=general("First."))
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        await client.runs.wait(tid, "pam", input=say("one"))
        done: Any = await client.runs.wait(
            tid, "pam", command={"update": {"summary": "Likes long drives."}, "goto": "finish"}
        )
        await client.aclose()
    assert done["summary"] == "Likes long drives."
    assert done["reply"] == "First."  # finish ran again over the same turn
    assert model.script == []  # and no model was asked anything
