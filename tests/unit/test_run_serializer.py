"""RunSerializer (tools/db/checkpoint_batch.py): inside a run's batch a message list is
encoded a message at a time, once per message; the bytes must be exactly those of
LangGraph's serializer, so the checkpoints written (and history read back) are the same."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from tools.db.checkpoint_batch import RunBatch, RunSerializer, _run_batch

STOCK = JsonPlusSerializer()


def _messages(count: int) -> list[BaseMessage]:
    kinds: list[BaseMessage] = [
        SystemMessage("Be brief."),
        HumanMessage("spent $12.50 on fuel — ☕ too", id="h1"),
        AIMessage(
            "",
            id="a1",
            name="wins",
            tool_calls=[{"name": "add_expense", "args": {"amount": 12.5}, "id": "c1"}],
        ),
        ToolMessage('{"ok": true, "ids": [1, 2]}', tool_call_id="c1", id="t1"),
        AIMessageChunk(content="Logged it.", id="a2", response_metadata={"model_name": "m"}),
    ]
    return [kinds[i % len(kinds)] for i in range(count)]


@pytest.fixture
def batch() -> Any:
    held = RunBatch(saver=None, thread_id="t")  # type: ignore[arg-type]  # no database here
    token = _run_batch.set(held)
    yield held
    _run_batch.reset(token)


@pytest.mark.parametrize("count", [1, 5, 15, 16, 40, 70_000])
def test_a_message_list_encodes_as_langgraph_encodes_it(batch: RunBatch, count: int) -> None:
    messages = _messages(count)
    ours = RunSerializer().dumps_typed(messages)
    assert ours == STOCK.dumps_typed(messages)
    assert STOCK.loads_typed(ours) == messages


def test_each_message_is_encoded_once_per_run(batch: RunBatch) -> None:
    messages = _messages(5)
    serde = RunSerializer()
    first = serde.dumps_typed(messages)
    assert len(batch.encoded) == 5
    longer = [*messages, HumanMessage("and lunch", id="h2")]
    assert serde.dumps_typed(longer) == STOCK.dumps_typed(longer)
    assert len(batch.encoded) == 6  # the five already encoded were not encoded again
    assert serde.dumps_typed(messages) == first


def test_outside_a_run_and_other_values_are_langgraph_s(batch: RunBatch) -> None:
    serde = RunSerializer()
    for value in ([], [HumanMessage("hi"), "not a message"], {"a": [HumanMessage("x")]}, 3):
        assert serde.dumps_typed(value) == STOCK.dumps_typed(value)
    assert batch.encoded == {}
    # Not encodable: LangGraph's own error, as without the batch.
    odd = [HumanMessage("x", additional_kwargs={"n": 2**70})]
    with pytest.raises(TypeError):
        STOCK.dumps_typed(odd)
    with pytest.raises(TypeError):
        serde.dumps_typed(odd)
    token = _run_batch.set(None)
    try:
        messages = _messages(3)
        assert serde.dumps_typed(messages) == STOCK.dumps_typed(messages)
    finally:
        _run_batch.reset(token)
    assert batch.encoded == {}
