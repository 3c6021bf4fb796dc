"""A run's tool calls as the thread-centric protocol's `tools` events, made from what the
run core already records for every v3 run (its `updates` and `values` chunks, subgraphs
included): no LangGraph `tools` mode, no callback on the graph, nothing a run pays for
whether or not a stream asks for the channel.

What LangGraph's server sends for a tool call (langgraph-api 0.16.7 with LangGraph's
`tools` mode asked for, langgraph's `StreamToolCallHandler`), in the namespace of the
graph the tool ran in:

- `tools` `{"event": "tool-started", "tool_call_id", "tool_name", "input"}` (the call's
  arguments);
- `tools` `{"event": "tool-finished", "tool_call_id", "output"}` (the tool's message), or
  `{"event": "tool-error", "tool_call_id", "message"}` for a tool that failed;
- after a `tool-finished`, the tool's message on the `messages` channel, in the namespace
  `[..., "tools:<tool_call_id>"]` (`message-start` with role `tool` and its
  `tool_call_id`, one text block of its content, `message-finish` with empty metadata).

Here a call is told when its result comes: the `updates` of the node that ran it carries
the tool's message (a `ToolMessage` answering the call's id); its name and arguments are
those of the AI message that asked for it (in the run's `updates`, or, for a run that
resumed after an approval, in the namespace's last `values`). So `tool-started` comes
with its `tool-finished`, just before the node's `updates`, where LangGraph's server
sends it when the tool starts; a tool interrupted before it ran (an approval) has no
event until the run that runs it. A message the tool itself marked `status="error"`
is a `tool-error` with the message's text (LangGraph's server says `tool-error` only for
a tool that raised, with the exception's text, and `tool-finished` for the rest).
"""

from __future__ import annotations

from typing import Any, Literal

import orjson
from langchain_core.messages import AIMessage, ToolMessage

from server.agent_protocol.protocol_messages import Namespace

ToolMethod = Literal["tools", "messages"]
# (method, namespace, data) of one event
Made = tuple[ToolMethod, Namespace, dict[str, Any]]


def _text(content: Any) -> str:
    """A tool message's content as text (as LangGraph's server mirrors it)."""
    if isinstance(content, str):
        return content
    if content is None:
        return ""
    try:
        return orjson.dumps(content).decode()
    except TypeError:
        return str(content)


class ToolCalls:
    """Fed a run's `values` and `updates` chunks in order: the `tools` events (and the
    tool messages' `messages` events) their tool results make."""

    def __init__(self) -> None:
        # tool_call_id -> (name, args), from the AI messages the run's updates carried
        self._asked: dict[str, tuple[str, Any]] = {}
        self._values: dict[Namespace, Any] = {}  # each namespace's last state

    def saw_values(self, namespace: Namespace, values: Any) -> None:
        self._values[namespace] = values

    def updated(self, namespace: Namespace, values: Any, *, subgraph: bool) -> list[Made]:
        """One node's update in `namespace`: the events of the tool results it carries.
        A `subgraph` node's update (its graph's output, its tools' results included) was
        told in the subgraph's own namespace, where its tools ran; a tool result the
        namespace's state already held is an earlier run's."""
        messages = values.get("messages") if isinstance(values, dict) else None
        if subgraph or not isinstance(messages, list):
            return []
        made: list[Made] = []
        for message in messages:
            if isinstance(message, AIMessage):
                for call in message.tool_calls:
                    if call.get("id"):
                        self._asked[str(call["id"])] = (call["name"], call.get("args", {}))
            elif isinstance(message, ToolMessage) and not self._held(namespace, message):
                made += self._result(namespace, message)
        return made

    def _held(self, namespace: Namespace, message: ToolMessage) -> bool:
        state = self._values.get(namespace)
        found = state.get("messages") if isinstance(state, dict) else None
        return any(
            isinstance(m, ToolMessage) and m.tool_call_id == message.tool_call_id
            for m in (found if isinstance(found, list) else [])
        )

    def _call(self, namespace: Namespace, message: ToolMessage) -> tuple[str, Any]:
        call_id = message.tool_call_id
        if call_id not in self._asked:  # asked before this run: in the namespace's state
            state = self._values.get(namespace)
            found = state.get("messages") if isinstance(state, dict) else None
            for earlier in reversed(found if isinstance(found, list) else []):
                if isinstance(earlier, AIMessage):
                    for call in earlier.tool_calls:
                        if call.get("id") == call_id:
                            return call["name"], call.get("args", {})
        return self._asked.get(call_id, (message.name or "", None))

    def _result(self, namespace: Namespace, message: ToolMessage) -> list[Made]:
        call_id = message.tool_call_id
        name, args = self._call(namespace, message)
        started: dict[str, Any] = {"event": "tool-started", "tool_call_id": call_id}
        started["tool_name"] = name
        if args is not None:
            started["input"] = args
        made: list[Made] = [("tools", namespace, started)]
        if message.status == "error":
            failed = {"event": "tool-error", "tool_call_id": call_id}
            made.append(("tools", namespace, {**failed, "message": _text(message.content)}))
            return made
        finished = {"event": "tool-finished", "tool_call_id": call_id, "output": message}
        made.append(("tools", namespace, finished))
        return made + _as_messages(namespace, message)


def _as_messages(namespace: Namespace, message: ToolMessage) -> list[Made]:
    """A finished tool's message on the `messages` channel, beside the call."""
    call_id = message.tool_call_id
    where = (*namespace, f"tools:{call_id}")
    text = _text(message.content)
    start = {
        "event": "message-start",
        "role": "tool",
        "id": str(message.id) if message.id else f"tool-{call_id}",
        "tool_call_id": call_id,
    }
    block = {"type": "text", "text": text}
    return [
        ("messages", where, start),
        (
            "messages",
            where,
            {"event": "content-block-start", "index": 0, "content": {"type": "text", "text": ""}},
        ),
        ("messages", where, {"event": "content-block-delta", "index": 0, "content": block}),
        ("messages", where, {"event": "content-block-finish", "index": 0, "content": block}),
        ("messages", where, {"event": "message-finish", "metadata": {}}),
    ]
