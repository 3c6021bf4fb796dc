"""The shape of `messages-tuple` events, side by side and then checked property by
property: what agent-chat-ui's `useStream` and langgraph-sdk clients read from them
(message ids that match the thread's state, chunk types, tool-call chunks, the metadata
keys a UI groups by). The comparison alone would pass if both servers sent nothing of
the kind; the checks say what must be there."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conformance.script import new_thread, same_on_both, say, stream
from tests.conformance.sides import Caller, Side

EXPENSE = "spent $12.50 on coffee"
GREETING = "hello there"
TAGS = ["pam-ui"]
# What LangGraph puts in every message event's metadata for the node that made it.
NODE_KEYS = {
    "langgraph_step",
    "langgraph_node",
    "langgraph_triggers",
    "langgraph_path",
    "langgraph_checkpoint_ns",
    "checkpoint_ns",
}
# And, for a chat model's chunks, what the model call adds.
MODEL_KEYS = {"ls_provider", "ls_model_type"}


def _turn(text: str, **kwargs: Any) -> Any:
    async def script(caller: Caller) -> Any:
        thread = await new_thread(caller)
        parts = await stream(
            caller,
            thread,
            input=say(text),
            stream_mode=["messages-tuple", "values"],
            config={"tags": TAGS},
            **kwargs,
        )
        return parts

    return script


def _messages(parts: list[list[Any]]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(event name, message, metadata) of each messages event."""
    found = []
    for event, data in parts:
        if event.split("|")[0] == "messages":
            message, metadata = data
            found.append((event, message, metadata))
    return found


def _state_ids(parts: list[list[Any]]) -> list[str]:
    """The message ids of the thread's state at the run's end (its last `values`)."""
    last = [data for event, data in parts if event == "values"][-1]
    return [m["id"] for m in last["messages"]]


def _check_metadata(metadata: dict[str, Any], *, model: bool) -> None:
    assert metadata.keys() >= NODE_KEYS, sorted(metadata)
    assert (
        metadata["langgraph_checkpoint_ns"]
        .split("|")[-1]
        .startswith(metadata["langgraph_node"] + ":")
    )
    if model:  # the run's tags come with a model's chunks (LangGraph: the model call's)
        assert metadata.keys() >= MODEL_KEYS, sorted(metadata)
        assert metadata["tags"] == TAGS
    else:  # and not with a node's whole messages
        assert "tags" not in metadata


@pytest.mark.row("`messages-tuple` event shape: ids, chunk types, tool-call chunks, metadata")
async def test_a_domain_turns_message_events_with_subgraphs(sides: tuple[Side, Side]) -> None:
    parts = await same_on_both(sides, _turn(EXPENSE, stream_subgraphs=True))
    events = _messages(parts)
    state = _state_ids(parts)
    assert all("|" in event for event, _, _ in events)  # all from the domain subgraph
    calls = [m for _, m, _ in events if m.get("tool_call_chunks")]
    assert calls and all(m["type"] == "AIMessageChunk" for m in calls)
    [chunk] = calls[0]["tool_call_chunks"]
    assert chunk["name"] == "add_expense" and chunk["type"] == "tool_call_chunk"
    assert json.loads(chunk["args"])["amount"] == 12.5  # args stream as JSON text
    [result] = [m for _, m, _ in events if m["type"] == "tool"]
    assert result["tool_call_id"] == chunk["id"]
    # The reply after the tool's result: chunks of the model's stream, or one whole
    # message when PAM answers without the model (the writes' summary, as here).
    messages = [m for _, m, _ in events]
    replies = messages[messages.index(result) + 1 :]
    assert replies and {m["type"] for m in replies} <= {"ai", "AIMessageChunk"}
    assert len({m["id"] for m in replies}) == 1  # a reply's chunks share its id
    final = [data for event, data in parts if event == "values"][-1]["messages"][-1]
    assert replies[0]["id"] == final["id"] == state[-1]
    assert "".join(m["content"] for m in replies) == final["content"]
    assert {calls[0]["id"], result["id"]} <= set(state)  # the state keeps the ids streamed
    for _, message, metadata in events:
        _check_metadata(metadata, model=message["type"] == "AIMessageChunk")
        assert metadata["langgraph_node"] == ("tools" if message["type"] == "tool" else "model")


@pytest.mark.row("`messages-tuple` event shape: ids, chunk types, tool-call chunks, metadata")
async def test_a_domain_turns_message_events_without_subgraphs(sides: tuple[Side, Side]) -> None:
    """The subgraph's messages reach the parent whole, when its node ends."""
    parts = await same_on_both(sides, _turn(EXPENSE))
    events = _messages(parts)
    assert [m["type"] for _, m, _ in events] == ["ai", "tool", "ai"]
    call, result, reply = (m for _, m, _ in events)
    assert call["tool_calls"][0]["name"] == "add_expense"
    assert result["tool_call_id"] == call["tool_calls"][0]["id"]
    assert [m["id"] for m in (call, result, reply)] == _state_ids(parts)[-3:]
    for _, _, metadata in events:
        _check_metadata(metadata, model=False)
        assert metadata["langgraph_node"] == "wins"


@pytest.mark.row("`messages-tuple` event shape: ids, chunk types, tool-call chunks, metadata")
async def test_a_general_turns_reply_streams_in_chunks(sides: tuple[Side, Side]) -> None:
    parts = await same_on_both(sides, _turn(GREETING))
    events = _messages(parts)
    assert len(events) > 1  # the paced model's words, chunk by chunk
    assert {m["type"] for _, m, _ in events} == {"AIMessageChunk"}
    assert len({m["id"] for _, m, _ in events}) == 1
    final = [data for event, data in parts if event == "values"][-1]["messages"][-1]
    assert events[0][1]["id"] == final["id"]
    assert "".join(m["content"] for _, m, _ in events) == final["content"]
    assert events[-1][1].get("chunk_position") == "last"
    for _, _, metadata in events:
        _check_metadata(metadata, model=True)
        assert metadata["langgraph_node"] == "general"
