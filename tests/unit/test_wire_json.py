"""One JSON encoder for every transport (server/wire_json.py): the chat's SSE events, the
WebSocket's frames and the Agent Protocol's stream put the same value in the same shape
(issue 17: the chat and the Agent Protocol once had an encoder each, and a Send, a set
or an error came out differently on each)."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

import orjson
import pytest
from langchain_core.messages import AIMessage, ToolMessage
from langgraph.types import Interrupt, Send

from server.agent_protocol.sse import frame as protocol_frame
from server.sse import sse_frame
from server.wire_json import dumps, plain


class Opaque:
    def __str__(self) -> str:
        return "opaque thing"


VALUES: dict[str, Any] = {
    "message": AIMessage("hi", tool_calls=[{"name": "add_expense", "args": {"a": 1}, "id": "c1"}]),
    "tool_result": ToolMessage("done", tool_call_id="c1", artifact={"ok": True, "ids": [1]}),
    "interrupt": Interrupt(value={"action_requests": [{"name": "delete_expense"}]}, id="abc"),
    "send": Send("tools", {"x": 1}),
    "set": {3},
    "error": ValueError("bad"),
    "decimal": decimal.Decimal("1.50"),
    "date": datetime.date(2026, 1, 1),
    "uuid": uuid.UUID("00000000-0000-4000-8000-000000000001"),
    "int_keys": {1: "one"},
    "unknown": Opaque(),
}


def _data_line(raw: bytes) -> bytes:
    line = next(part for part in raw.split(b"\n") if part.startswith(b"data: "))
    return line.removeprefix(b"data: ")


@pytest.mark.parametrize("name", list(VALUES))
def test_every_transport_puts_a_value_in_one_shape(name: str) -> None:
    value = {name: VALUES[name]}
    chat = _data_line(sse_frame("x", value))
    protocol = _data_line(protocol_frame("x", value))
    websocket = dumps(value)  # what server/ws/connection.py sends as the frame's text
    assert chat == protocol == websocket


def test_the_shapes() -> None:
    shaped = plain(VALUES)
    assert shaped["interrupt"]["value"] == {"action_requests": [{"name": "delete_expense"}]}
    assert shaped["interrupt"]["id"] == "abc"
    assert shaped["send"] == {"node": "tools", "args": {"x": 1}}
    assert shaped["set"] == [3]
    assert shaped["error"] == {"error": "ValueError", "message": "bad"}
    assert shaped["message"]["tool_calls"][0]["name"] == "add_expense"
    assert shaped["int_keys"] == {"1": "one"}
    assert shaped["unknown"] == "opaque thing"
    assert orjson.loads(dumps(VALUES["decimal"])) == "1.50"
