"""Rows shown earlier in the conversation (tool results) and which one "that" means."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from agent.brain.convo import text_of

# Result keys that carry rows, and the kind of row.
_KEYS = {
    "expense": "expense", "expenses": "expense", "event": "event", "events": "event",
    "task": "task", "tasks": "task", "post": "post", "posts": "post", "group": "group",
    "groups": "group", "income": "income", "fuel_log": "fuel_log", "maintenance": "maintenance",
    "trip": "trip", "trips": "trip", "place": "place", "places": "place", "vehicle": "vehicle",
}  # fmt: skip


@dataclass(frozen=True)
class Entity:
    kind: str
    id: str
    data: dict[str, Any]
    tool: str


def _rows(kind_key: str, value: Any) -> list[dict[str, Any]]:
    rows = value if isinstance(value, list) else [value]
    return [r for r in rows if isinstance(r, dict) and r.get("id")]


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except (ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def result_of(message: ToolMessage) -> dict[str, Any] | None:
    """The tool's JSON result; None for a rejection. A reviewer's edit puts a notice before
    the JSON ("... Tool response:\n{...}"), so the JSON is also looked for after it."""
    if isinstance(message.artifact, dict) and "summary" in message.artifact:
        return message.artifact
    text = text_of(message)
    data = _json_object(text)
    if data is None and (start := text.find("\n{")) >= 0:
        data = _json_object(text[start + 1 :])
    return data


def tool_names(history: list[BaseMessage]) -> dict[str, str]:
    """tool_call_id -> tool name, from the calls PAM made."""
    return {
        str(call["id"]): call["name"]
        for m in history
        if isinstance(m, AIMessage)
        for call in m.tool_calls
    }


def _deleted(history: list[BaseMessage], names: dict[str, str]) -> set[str]:
    """Ids of rows deleted in this conversation: no longer "that one"."""
    gone: set[str] = set()
    for message in history:
        if (
            isinstance(message, ToolMessage)
            and names.get(message.tool_call_id, message.name or "")[:7] == "delete_"
        ):
            data = result_of(message) or {}
            gone |= {str(i) for i in data.get("ids") or []}
            gone |= {
                str(r["id"])
                for v in data.values()
                if isinstance(v, dict)
                for r in [v]
                if r.get("id")
            }
    return gone


def entity_groups(history: list[BaseMessage]) -> list[list[Entity]]:
    """Rows per tool result, newest result first, rows in the order shown."""
    names = tool_names(history)
    gone = _deleted(history, names)
    groups: list[list[Entity]] = []
    for message in reversed(history):
        if not isinstance(message, ToolMessage):
            continue
        data = result_of(message)
        if not data or data.get("ok") is False:
            continue
        tool = names.get(message.tool_call_id) or message.name or ""
        if tool.startswith("delete_"):
            continue  # a deleted row is no longer "that one"
        group = [
            Entity(kind, str(row["id"]), row, tool)
            for key, kind in _KEYS.items()
            if key in data
            for row in _rows(key, data[key])
            if str(row["id"]) not in gone
        ]
        if "post_id" in data and not any(e.kind == "post" for e in group):
            group.append(Entity("post", str(data["post_id"]), data, tool))
        if isinstance(data.get("comment"), dict) and data["comment"].get("post_id"):
            group.append(Entity("post", str(data["comment"]["post_id"]), data["comment"], tool))
        if group:
            groups.append(group)
    return groups
