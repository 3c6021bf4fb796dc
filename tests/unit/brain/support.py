"""Helpers for the offline brain's unit tests: prompts as the graph writes them, and fake
tools built from the real action argument models (no database)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.tools import BaseTool, StructuredTool

from agent.brain import OfflineBrain
from agent.brain.asking import WRITES
from agent.brain.blend import rescue
from agent.brain.segment import split
from tools.registry import ACTIONS

NOW = "2026-03-10T09:00:00+11:00"  # a Tuesday
TODAY = date(2026, 3, 10)
BRAIN = OfflineBrain()
ROUTE_TOOL = {
    "type": "function",
    "function": {
        "name": "route_request",
        "description": "Pick the domains of the user's last message.",
        "parameters": {
            "type": "object",
            "properties": {"domains": {"type": "array", "items": {"type": "string"}}},
            "required": ["domains"],
        },
    },
}


def system(domain: str, **extra: str) -> SystemMessage:
    lines = [
        f"Domain: {domain}",
        f"Current time: {extra.pop('now', NOW)}",
        f"Time zone: {extra.pop('tz', 'Australia/Sydney')}",
        f"Currency: {extra.pop('currency', 'AUD')}",
        f"Units: {extra.pop('units', 'metric')}",
        *(f"{key.replace('_', ' ').capitalize()}: {value}" for key, value in extra.items()),
        "You are PAM, a friendly assistant.",
    ]
    return SystemMessage("\n".join(lines))


def _noop(**_kwargs: Any) -> str:
    return ""


@cache
def tools_for(domain: str) -> tuple[BaseTool, ...]:
    """The domain's tools with the real argument schemas; they never run here."""
    out = []
    for action in ACTIONS:
        if action.domain == domain:
            schema = action.args.model_json_schema()
            schema.pop("title", None)
            out.append(
                StructuredTool.from_function(
                    func=_noop,
                    name=action.name,
                    description=action.description,
                    args_schema=schema,
                )
            )
    return tuple(out)


def as_messages(turns: list[str | BaseMessage]) -> list[BaseMessage]:
    return [HumanMessage(t) if isinstance(t, str) else t for t in turns]


def route(*turns: str | BaseMessage) -> list[str]:
    bound = BRAIN.bind_tools([ROUTE_TOOL], tool_choice="route_request")
    answer = bound.invoke([SystemMessage("You are PAM's router."), *as_messages(list(turns))])
    assert isinstance(answer, AIMessage)
    (call,) = answer.tool_calls
    assert call["name"] == "route_request"
    domains: list[str] = call["args"]["domains"]
    return domains


def step(domain: str, *turns: str | BaseMessage, **extra: str) -> AIMessage:
    """One call of the domain agent's model with the domain's tools bound."""
    bound = BRAIN.bind_tools(list(tools_for(domain)))
    answer = bound.invoke([system(domain, **extra), *as_messages(list(turns))])
    assert isinstance(answer, AIMessage)
    return answer


def only_call(message: AIMessage, name: str) -> dict[str, Any]:
    calls = [c for c in message.tool_calls if c["name"] == name]
    assert len(calls) == 1, f"expected one {name} call, got {message.tool_calls or message.text}"
    return dict(calls[0]["args"])


def result(call_id: str, name: str, **payload: Any) -> ToolMessage:
    """A tool result as the graph's tools return it: JSON with ok and summary."""
    body = {"ok": True, "summary": payload.pop("summary", "Done."), **payload}
    return ToolMessage(json.dumps(body), tool_call_id=call_id, name=name)


def called(name: str, call_id: str, **args: Any) -> AIMessage:
    return AIMessage("", tool_calls=[{"name": name, "args": args, "id": call_id}])


def subset(args: dict[str, Any], expected: dict[str, Any]) -> bool:
    """EVALS.md's comparison: numbers within 0.01, strings case-blind, others equal."""
    for key, want in expected.items():
        got = args.get(key)
        if isinstance(want, (int, float)) and isinstance(got, (int, float)):
            if abs(want - got) > 0.01:
                return False
        elif isinstance(want, str) and isinstance(got, str):
            if want.lower() != got.lower():
                return False
        elif want != got:
            return False
    return True


def wanted(text: str) -> list[str | None]:
    """The tools the message asks for, read as the router reads it: the rules clause by
    clause, then the classifier's rescue when they found nothing."""
    tools = [p.intent.tool if p.intent else None for p in split(text, TODAY)]
    return tools if any(tools) else [rescue(text)]


def writes(text: str) -> list[str]:
    return [tool for tool in wanted(text) if tool in WRITES]
