"""A run's recorded chunks as the thread-centric protocol's events
(server/agent_protocol/protocol_events.py, protocol_messages.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage
from langgraph.types import Interrupt

from server.agent_protocol.protocol_events import SEQ_PER_MS, RunTranslation
from server.runs.events import EventMode, RunEvent
from server.runs.run import RunStatus
from server.wire_json import dumps

MODEL = {"ls_model_type": "chat", "langgraph_node": "model"}
NODE = {"langgraph_node": "finish"}
WINS = ("wins:task1",)
STARTED = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def chunks(*events: tuple[EventMode, tuple[str, ...], Any]) -> list[RunEvent]:
    return [
        RunEvent(seq=i + 1, mode=mode, namespace=ns, data=data)
        for i, (mode, ns, data) in enumerate(events)
    ]


def run(
    events: list[RunEvent],
    status: RunStatus = "success",
    error: str | None = None,
    interrupts: Any = (),
) -> list[dict[str, Any]]:
    translation = RunTranslation("run-1", int(STARTED.timestamp() * 1000))
    out = translation.start()
    for e in events:
        out += translation.feed(e)
    return out + translation.end(status, error, list(interrupts))


def shape(events: list[dict[str, Any]]) -> list[list[Any]]:
    found = []
    for e in events:
        data = e["params"]["data"]
        what = data.get("event") if e["method"] in ("lifecycle", "messages") else None
        found.append([e["method"], len(e["params"]["namespace"]), what])
    return found


def test_a_streamed_reply() -> None:
    events = run(
        chunks(
            ("values", (), {"messages": [HumanMessage("hi", id="h1")]}),
            ("messages", (), (AIMessageChunk(content="G'day", id="a1"), MODEL)),
            (
                "messages",
                (),
                (AIMessageChunk(content=", hi", id="a1", chunk_position="last"), MODEL),
            ),
            (
                "values",
                (),
                {"messages": [HumanMessage("hi", id="h1"), AIMessage("G'day, hi", id="a1")]},
            ),
        )
    )
    assert shape(events) == [
        ["lifecycle", 0, "running"],
        ["values", 0, None],
        ["messages", 0, "message-start"],
        ["messages", 0, "content-block-start"],
        ["messages", 0, "content-block-delta"],
        ["messages", 0, "content-block-delta"],
        ["messages", 0, "content-block-finish"],
        ["messages", 0, "message-finish"],
        ["values", 0, None],
        ["lifecycle", 0, "completed"],
    ]
    assert events[2]["params"]["data"] == {"event": "message-start", "role": "ai", "id": "a1"}
    assert events[6]["params"]["data"]["content"] == {"type": "text", "text": "G'day, hi"}
    # the graph's objects, as every PAM stream serialises them when it sends them
    sent = orjson.loads(dumps(events[1]))
    assert sent["params"]["data"]["messages"][0] == {
        **sent["params"]["data"]["messages"][0],
        "type": "human",
        "content": "hi",
    }
    # seq: the run's start in ms, times SEQ_PER_MS, plus the event's number; ids per run
    base = int(STARTED.timestamp() * 1000) * SEQ_PER_MS
    assert [e["seq"] for e in events] == [base + i for i in range(1, len(events) + 1)]
    assert events[0]["event_id"] == "run-1:1" and len({e["event_id"] for e in events}) == len(
        events
    )


def test_only_what_a_model_said_is_a_message() -> None:
    events = run(
        chunks(
            ("messages", (), (AIMessage("written by a node", id="n1"), NODE)),
            ("messages", (), (ToolMessage("{}", tool_call_id="c1", id="t1"), MODEL)),
            (
                "messages",
                (),
                (
                    AIMessage(
                        "", id="m1", tool_calls=[{"name": "add", "args": {"a": 1}, "id": "c1"}]
                    ),
                    MODEL,
                ),
            ),
        )
    )
    messages = [e["params"]["data"] for e in events if e["method"] == "messages"]
    assert messages == [
        {"event": "message-start", "role": "ai", "id": "m1"},
        {
            "event": "content-block-start",
            "index": 0,
            "content": {"type": "tool_call", "id": "c1", "name": "add", "args": {}},
        },
        {
            "event": "content-block-finish",
            "index": 0,
            "content": {"type": "tool_call", "id": "c1", "name": "add", "args": {"a": 1}},
        },
        {"event": "message-finish"},
    ]


def test_a_streamed_message_ends_with_its_step_or_the_run() -> None:
    tool_chunk = AIMessageChunk(
        content="",
        id="a2",
        tool_call_chunks=[{"name": "add", "args": '{"a": ', "id": "c9", "index": 0}],
    )
    more = AIMessageChunk(content="", id="a2", tool_call_chunks=[{"args": "2}", "index": 0}])
    events = run(
        chunks(
            ("messages", (), (AIMessageChunk(content="partial", id="a1"), MODEL)),
            ("updates", (), {"model": {"messages": []}}),
            ("messages", (), (tool_chunk, MODEL)),
            ("messages", (), (more, MODEL)),
        )
    )
    finishes = [
        e["params"]["data"]
        for e in events
        if e["method"] == "messages" and "finish" in e["params"]["data"]["event"]
    ]
    assert finishes == [
        {
            "event": "content-block-finish",
            "index": 0,
            "content": {"type": "text", "text": "partial"},
        },
        {"event": "message-finish"},
        {
            "event": "content-block-finish",
            "index": 0,
            "content": {"type": "tool_call", "id": "c9", "name": "add", "args": {"a": 2}},
        },
        {"event": "message-finish"},
    ]
    updates = [e["params"]["data"] for e in events if e["method"] == "updates"]
    assert updates == [{"node": "model", "values": {"messages": []}}]


def test_an_interrupt_in_a_subgraph() -> None:
    asked = Interrupt(value={"action_requests": [{"name": "delete_expense"}]}, id="i1")
    events = run(
        chunks(
            ("values", (), {"messages": []}),
            ("values", WINS, {"messages": []}),
            ("updates", WINS, {"__interrupt__": (asked,)}),
            ("updates", (), {"__interrupt__": (asked,)}),
            ("values", (), {"messages": [], "__interrupt__": [asked]}),
        ),
        status="interrupted",
        interrupts=[asked],
    )
    assert shape(events) == [
        ["lifecycle", 0, "running"],
        ["values", 0, None],
        ["lifecycle", 1, "started"],
        ["values", 1, None],
        ["values", 0, None],
        ["input.requested", 1, None],
        ["lifecycle", 0, "interrupted"],
        ["lifecycle", 1, "interrupted"],
    ]
    started = events[2]["params"]["data"]
    assert started == {
        "event": "started",
        "graph_name": "wins",
        "namespace": ["wins:task1"],
        "trigger_call_id": "task1",
    }
    assert events[5]["params"] == {
        **events[5]["params"],
        "namespace": ["wins:task1"],
        "data": {
            "interrupt_id": "i1",
            "payload": {"action_requests": [{"name": "delete_expense"}]},
        },
    }
    assert "__interrupt__" not in events[4]["params"]["data"]


def test_a_subgraph_completes_when_its_parent_goes_on() -> None:
    events = run(chunks(("values", WINS, {}), ("updates", (), {"wins": {}})))
    assert shape(events)[2:] == [
        ["values", 1, None],
        ["lifecycle", 1, "completed"],
        ["updates", 0, None],
        ["lifecycle", 0, "completed"],
    ]


def test_a_failed_or_cancelled_run() -> None:
    failed = run(chunks(("values", (), {})), status="error", error="boom")
    assert failed[-1]["params"]["data"] == {"event": "failed", "graph_name": "pam", "error": "boom"}
    cancelled = run([], status="cancelled")
    assert cancelled[-1]["params"]["data"]["error"] == "The run was cancelled."


def test_custom_events_carry_their_name() -> None:
    events = run(chunks(("custom", (), {"name": "ui", "x": 1}), ("custom", (), "plain")))
    assert [e["params"]["data"] for e in events if e["method"] == "custom"] == [
        {"payload": {"name": "ui", "x": 1}, "name": "ui"},
        {"payload": "plain"},
    ]


ADD = AIMessage("", id="m1", tool_calls=[{"name": "add_expense", "args": {"a": 1}, "id": "c1"}])
ADDED = ToolMessage('{"ok":true}', tool_call_id="c1", id="t1", name="add_expense")


def tool_events(events: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [e["method"], e["params"]["namespace"], e["params"]["data"]]
        for e in events
        if e["method"] == "tools" or e["params"]["namespace"][-1:] == ["tools:c1"]
    ]


def test_a_tool_call_from_its_nodes_update() -> None:
    """The call's start and end on `tools` in the namespace it ran in, its message mirrored
    on `messages` beside it, before the update of the node that ran it; not again when
    the subgraph's whole output reaches its parent."""
    events = run(
        chunks(
            ("values", WINS, {"messages": []}),
            ("updates", WINS, {"model": {"messages": [ADD]}}),
            ("updates", WINS, {"tools": {"messages": [ADDED]}}),
            ("updates", (), {"wins": {"messages": [ADD, ADDED]}}),
        )
    )
    text = {"type": "text", "text": '{"ok":true}'}
    assert orjson.loads(dumps(tool_events(events))) == [
        [
            "tools",
            ["wins:task1"],
            {
                "event": "tool-started",
                "tool_call_id": "c1",
                "tool_name": "add_expense",
                "input": {"a": 1},
            },
        ],
        [
            "tools",
            ["wins:task1"],
            {"event": "tool-finished", "tool_call_id": "c1", "output": ADDED.model_dump()},
        ],
        [
            "messages",
            ["wins:task1", "tools:c1"],
            {"event": "message-start", "role": "tool", "id": "t1", "tool_call_id": "c1"},
        ],
        [
            "messages",
            ["wins:task1", "tools:c1"],
            {"event": "content-block-start", "index": 0, "content": {"type": "text", "text": ""}},
        ],
        [
            "messages",
            ["wins:task1", "tools:c1"],
            {"event": "content-block-delta", "index": 0, "content": text},
        ],
        [
            "messages",
            ["wins:task1", "tools:c1"],
            {"event": "content-block-finish", "index": 0, "content": text},
        ],
        ["messages", ["wins:task1", "tools:c1"], {"event": "message-finish", "metadata": {}}],
    ]
    finished = next(i for i, e in enumerate(events) if e["method"] == "tools") + 1
    assert events[finished + 6]["method"] == "updates"  # the tools node's, after them


def test_a_tool_call_asked_in_an_earlier_run() -> None:
    """A run resumed after an approval runs a call asked in the run before: its name and
    input from the namespace's state; a result that state already held is not new."""
    earlier = ToolMessage("{}", tool_call_id="c0", id="t0", name="list_expenses")
    events = run(
        chunks(
            ("values", WINS, {"messages": [earlier, ADD]}),
            ("updates", WINS, {"tools": {"messages": [earlier, ADDED]}}),
        )
    )
    tools = [e["params"]["data"] for e in events if e["method"] == "tools"]
    assert [(t["event"], t["tool_call_id"]) for t in tools] == [
        ("tool-started", "c1"),
        ("tool-finished", "c1"),
    ]
    assert tools[0]["tool_name"] == "add_expense" and tools[0]["input"] == {"a": 1}


def test_a_failed_tool_call() -> None:
    failed = ToolMessage("Error: no such expense", tool_call_id="c1", status="error", id="t1")
    events = run(
        chunks(("updates", (), {"model": {"messages": [ADD]}, "tools": {"messages": [failed]}}))
    )
    assert [e["params"]["data"] for e in events if e["method"] == "tools"][1:] == [
        {"event": "tool-error", "tool_call_id": "c1", "message": "Error: no such expense"}
    ]
    assert not [e for e in events if e["params"]["namespace"] == ["tools:c1"]]
