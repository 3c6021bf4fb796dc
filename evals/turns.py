"""Running one turn through the graph and observing it: route, tool calls, reply, interrupt.

Tool calls are read from the node updates of the graph and of its subgraphs, so a call
that paused for approval (still inside the domain subgraph) is seen in the turn that made
it. A call counts in the first turn it appears in; an `edit` decision counts the edited
call in the turn that gives the decision, since that is the call that runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import orjson
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableConfig
from langgraph.types import Command

from agent.context import Context
from evals.dataset import Turn
from evals.results import Observed, ToolCall

CallKey = tuple[str, str, str, bytes]


def _messages(update: Any) -> Iterator[Any]:
    if isinstance(update, list):
        for item in update:
            yield from _messages(item)
    elif isinstance(update, dict):
        found = update.get("messages")
        if isinstance(found, list):
            yield from found
        elif found is not None:
            yield found


def new_calls(chunk: dict[str, Any], seen: set[CallKey]) -> list[ToolCall]:
    """The tool calls in one `updates` chunk that no earlier chunk or turn showed."""
    calls = []
    for update in chunk.values():
        for message in _messages(update):
            if not isinstance(message, AIMessage):
                continue
            for call in message.tool_calls:
                args = orjson.dumps(call["args"], option=orjson.OPT_SORT_KEYS)
                key = (str(message.id), str(call.get("id")), call["name"], args)
                if key not in seen:
                    seen.add(key)
                    calls.append(ToolCall(call["name"], dict(call["args"])))
    return calls


def _edited(turn: Turn) -> list[ToolCall]:
    return [
        ToolCall(str(d["edited_action"]["name"]), dict(d["edited_action"].get("args") or {}))
        for d in turn.decisions or []
        if d.get("type") == "edit" and isinstance(d.get("edited_action"), dict)
    ]


async def run_turn(
    graph: Any, config: RunnableConfig, context: Context, turn: Turn, seen: set[CallKey]
) -> Observed:
    if turn.user is not None:
        payload: Any = {"messages": [{"role": "user", "content": turn.user}]}
    else:
        payload = Command(resume={"decisions": turn.decisions})
    observed = Observed(tools=_edited(turn))
    started = time.perf_counter()
    async for _namespace, chunk in graph.astream(
        payload, config, context=context, stream_mode="updates", subgraphs=True
    ):
        observed.tools.extend(new_calls(chunk, seen))
    observed.latency_ms = (time.perf_counter() - started) * 1000
    state = await graph.aget_state(config)
    observed.route = list(state.values.get("route") or [])
    observed.reply = str(state.values.get("reply") or "")
    observed.interrupt = bool(state.interrupts)
    if observed.interrupt and not observed.reply:
        # What the user is shown while the turn waits: the approval request.
        observed.reply = " ".join(
            str(request.get("description", ""))
            for pending in state.interrupts
            for request in (pending.value or {}).get("action_requests", [])
        )
    return observed
