"""Running one turn through the graph and observing it: route, tool calls, reply, interrupt.

Tool calls are read from the node updates of the graph and of its subgraphs, so a call
that paused for approval (still inside the domain subgraph) is seen in the turn that made
it. A call counts in the first turn it appears in; an `edit` decision counts the edited
call in the turn that gives the decision, since that is the call that runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import orjson
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.types import Command
from pydantic import ValidationError

from agent.context import Context
from evals.dataset import Turn
from evals.results import Observed, ToolCall
from tools.registry import ACTIONS_BY_NAME

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


def as_parsed(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """`args` with numbers the model sent as text ("$1,240") as the action read them: a
    call is judged by what it does. Arguments that do not validate stay as sent."""
    action = ACTIONS_BY_NAME.get(name)
    if action is None:
        return args
    try:
        parsed = action.args.model_validate(args)
    except ValidationError:
        return args
    out = dict(args)
    for key, raw in args.items():
        value = getattr(parsed, key, None)
        if isinstance(raw, str) and isinstance(value, Decimal | int | float):
            out[key] = float(value)
    return out


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
                    calls.append(ToolCall(call["name"], as_parsed(call["name"], call["args"])))
    return calls


def new_writes(
    chunk: dict[str, Any], seen: set[CallKey], calls: dict[str, ToolCall]
) -> list[ToolCall]:
    """The write calls whose successful results first show in one `updates` chunk (a
    result is seen again in its parent's update and later turns: `seen` keeps them);
    `calls` maps the ids of the calls seen so far to the calls."""
    done = []
    for update in chunk.values():
        for message in _messages(update):
            if isinstance(message, AIMessage):
                for call in message.tool_calls:
                    made = ToolCall(call["name"], as_parsed(call["name"], call["args"]))
                    calls[str(call.get("id"))] = made
            elif isinstance(message, ToolMessage) and isinstance(message.artifact, dict):
                key: CallKey = ("result", message.tool_call_id, str(message.name), b"")
                action = ACTIONS_BY_NAME.get(str(message.name))
                if key in seen or not (message.artifact.get("ok") and action and action.writes):
                    continue
                if message.artifact.get("saved") is False:  # plan_trip with save=false
                    continue
                seen.add(key)
                done.append(calls.get(message.tool_call_id) or ToolCall(str(message.name), {}))
    return done


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
    made: dict[str, ToolCall] = {}
    started = time.perf_counter()
    async for _namespace, chunk in graph.astream(
        payload, config, context=context.starting_turn(), stream_mode="updates", subgraphs=True
    ):
        observed.tools.extend(new_calls(chunk, seen))
        observed.writes.extend(new_writes(chunk, seen, made))
    edits = {c.name: c for c in _edited(turn)}  # what ran is the reviewer's edit
    observed.writes = [edits.get(w.name, w) for w in observed.writes]
    observed.latency_ms = (time.perf_counter() - started) * 1000
    state = await graph.aget_state(config)
    observed.route = list(state.values.get("route") or [])
    observed.reply = str(state.values.get("reply") or "")
    observed.interrupt = bool(state.interrupts)
    usage = state.values.get("usage") or {}
    observed.input_tokens = int(usage.get("input_tokens") or 0)
    observed.output_tokens = int(usage.get("output_tokens") or 0)
    if observed.interrupt and not observed.reply:
        # What the user is shown while the turn waits: the approval request.
        observed.reply = " ".join(
            str(request.get("description", ""))
            for pending in state.interrupts
            for request in (pending.value or {}).get("action_requests", [])
        )
    return observed
