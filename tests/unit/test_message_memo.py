"""A run's message memo (tools/db/checkpoint_batch.py `MessageMemo`): the bytes LangGraph's
serializer makes, a message encoded once while it stays as it was, and again once it is
changed in place in any way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ormsgpack
from langchain_core.messages import AIMessage, HumanMessage, RemoveMessage, ToolMessage
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer, _msgpack_enc, _option

from tools.db.checkpoint_batch import MessageMemo


def _window() -> list[Any]:
    return [
        HumanMessage("12.50 fuel", id="h1"),
        AIMessage(
            "",
            id="a1",
            tool_calls=[{"name": "add_expense", "args": {"amount": 12.5}, "id": "c1"}],
            usage_metadata={"input_tokens": 3, "output_tokens": 4, "total_tokens": 7},
            response_metadata={"model_name": "offline"},
        ),
        ToolMessage("Logged.", tool_call_id="c1", id="t1", artifact={"ok": True, "ids": [3]}),
        AIMessage([{"type": "text", "text": "Logged 12.50 on fuel."}], id="a2"),
        RemoveMessage(id="h0"),
    ]


class Counting(MessageMemo):
    def __init__(self) -> None:
        super().__init__()
        self.dumps = 0

    def default(self, obj: Any) -> Any:
        if hasattr(obj, "model_dump"):
            seen = self._seen.get(id(obj))
            if seen is None or seen[1] != {**obj.__dict__, **(obj.__pydantic_extra__ or {})}:
                self.dumps += 1
        return super().default(obj)


def _memo_enc(memo: MessageMemo, value: Any) -> bytes:
    return ormsgpack.packb(value, default=memo.default, option=_option)


def test_the_bytes_are_langgraphs_and_each_message_is_encoded_once() -> None:
    window, memo = _window(), Counting()
    for _ in range(3):  # the window in three steps' checkpoints, and one step's write
        assert _memo_enc(memo, window) == _msgpack_enc(window)
    assert _memo_enc(memo, {"messages": window[1:3]}) == _msgpack_enc({"messages": window[1:3]})
    assert memo.dumps == len(window)
    assert JsonPlusSerializer().loads_typed(("msgpack", _memo_enc(memo, window))) == window


def test_a_message_changed_in_place_is_encoded_again() -> None:
    window, memo = _window(), MessageMemo()
    _memo_enc(memo, window)
    edits: list[Callable[[list[Any]], None]] = [
        lambda w: w[1].tool_calls[0]["args"].update(amount=13),  # nested
        lambda w: setattr(w[1], "tool_calls", []),  # human-in-the-loop's reject
        lambda w: w[2].artifact["ids"].append(4),
        lambda w: setattr(w[0], "content", "13 fuel"),
        lambda w: setattr(w[3], "name", "pam"),
        lambda w: w[3].content[0].update(text="changed"),
        lambda w: setattr(w[0], "extra_field", 1),  # messages allow extra fields
        lambda w: w[1].response_metadata.clear(),
    ]
    for edit in edits:
        edit(window)
        assert _memo_enc(memo, window) == _msgpack_enc(window)
        assert _memo_enc(memo, window) == _msgpack_enc(window)  # remembered as changed


def test_other_values_are_encoded_as_langgraph_encodes_them() -> None:
    from datetime import UTC, datetime
    from uuid import UUID

    value = {"when": datetime(2026, 1, 2, tzinfo=UTC), "id": UUID(int=7), "set": {1, 2}, "n": 3}
    assert _memo_enc(MessageMemo(), value) == _msgpack_enc(value)
