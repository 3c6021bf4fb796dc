"""Dialogue state: what the previous turn did, for the next turn to build on.

`finish` keeps it in the checkpointed graph state (so it survives restarts, like the
messages): the domain and action of the turn's last successful call, its arguments as
filters (category, dates, vehicle, place … — ids and free text left out) and its
referents (the rows it wrote or listed, a few fields each). A turn without a successful
call ("thanks", a question PAM asked) leaves the state as it was.

Every model reads it from its prompt (`dialogue_lines`), the offline brain included
(agent/brain/dialogue.py): corrections on the next turn ("actually 55" updates the row
just written), follow-ups that drop a filter ("and the month before?" keeps the
category), "that one".
"""

from __future__ import annotations

import re
from typing import Any, NotRequired

import orjson
from langchain_core.messages import AIMessage, AnyMessage, ToolMessage
from typing_extensions import TypedDict

from tools.registry import ACTIONS_BY_NAME

MAX_REFERENTS = 10
# The fields a referent keeps: enough to say which row it is and to correct it.
ROW_FIELDS = (
    "start", "end", "all_day", "date", "amount", "category", "title", "name", "destination",
)  # fmt: skip
# Result keys that hold rows, and the kind of row.
ROW_KEYS = {
    "expense": "expense", "expenses": "expense", "event": "event", "events": "event",
    "task": "task", "tasks": "task", "post": "post", "posts": "post", "group": "group",
    "groups": "group", "income": "income", "fuel_log": "fuel_log", "trip": "trip",
    "trips": "trip", "place": "place", "places": "place", "vehicle": "vehicle",
    "vehicles": "vehicle",
    "items": "item",
}  # fmt: skip
FREE_TEXT = frozenset({"content", "note", "title", "description", "notes", "items"})


class DialogueState(TypedDict):
    domain: str
    action: str
    wrote: bool  # the action writes (a correction may change what it wrote)
    filters: dict[str, Any]
    referents: list[dict[str, Any]]  # {"kind", "id", …ROW_FIELDS present}
    # Set when a turn without a successful call followed: how many turns ago it was.
    turns_ago: NotRequired[int]
    # The day the conversation is about ("that day"): the newest one an action was given
    # (a trip's start, an expense's date, an event's start), kept across turns without one.
    day: NotRequired[str]
    # The rows the last few writes made, newest first (a correction may name an earlier one:
    # "the groceries was 93 not 92", "the first one was 66"), kept across turns.
    written: NotRequired[list[dict[str, Any]]]


def _calls(turn: list[AnyMessage]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        str(call["id"]): (call["name"], dict(call["args"]))
        for m in turn
        if isinstance(m, AIMessage)
        for call in m.tool_calls
    }


def _plain(value: Any) -> Any:
    """JSON-safe (dates and decimals as the model reads them), so the state serialises."""
    return orjson.loads(orjson.dumps(value, default=str))


def _referents(result: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for key, kind in ROW_KEYS.items():
        value = result.get(key)
        rows = value if isinstance(value, list) else [value]
        for row in rows:
            if isinstance(row, dict) and row.get("id"):
                kept = {f: row[f] for f in ROW_FIELDS if row.get(f) is not None}
                found.append({"kind": kind, "id": str(row["id"]), **kept})
    kept_rows: list[dict[str, Any]] = _plain(found[:MAX_REFERENTS])
    return kept_rows


DAY_ARGS = ("start_date", "date", "start")


def _day_of(args: dict[str, Any]) -> str | None:
    for key in DAY_ARGS:
        value = args.get(key)
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            return value[:10]
    return None


def _written(turn: list[AnyMessage], calls: dict[str, tuple[str, dict[str, Any]]]) -> list[Any]:
    """The rows the turn's successful writes made or changed, newest first."""
    rows: list[Any] = []
    for message in turn:
        if not isinstance(message, ToolMessage) or message.tool_call_id not in calls:
            continue
        result = message.artifact
        action = ACTIONS_BY_NAME.get(calls[message.tool_call_id][0])
        if action and action.writes and isinstance(result, dict) and result.get("ok") is True:
            rows = _referents(result) + rows
    return rows


def _merged_written(new: list[Any], previous: DialogueState | None) -> list[dict[str, Any]]:
    ids = {row.get("id") for row in new}
    earlier = previous.get("written", []) if previous else []
    old = [r for r in earlier if r.get("id") not in ids]
    kept: list[dict[str, Any]] = (new + old)[:MAX_REFERENTS]
    return kept


def next_dialogue(turn: list[AnyMessage], previous: DialogueState | None) -> DialogueState | None:
    """The state after `turn` (the messages from the user's message on)."""
    calls = _calls(turn)
    written = _merged_written(_written(turn, calls), previous)
    for message in reversed(turn):
        if not isinstance(message, ToolMessage) or message.tool_call_id not in calls:
            continue
        result = message.artifact
        if not isinstance(result, dict) or result.get("ok") is not True:
            continue
        name, args = calls[message.tool_call_id]
        action = ACTIONS_BY_NAME.get(name)
        if action is None:
            continue
        filters = {
            k: v
            for k, v in args.items()
            if v is not None and not k.endswith("_id") and k not in FREE_TEXT
        }
        state = DialogueState(
            domain=action.domain,
            action=name,
            wrote=action.writes,
            filters=_plain(filters),
            referents=_referents(result),
        )
        if day := _day_of(args) or (previous.get("day") if previous else None):
            state["day"] = day
        if written:
            state["written"] = written
        return state
    if previous is None:
        return None
    return {**previous, "turns_ago": previous.get("turns_ago", 1) + 1}


def dialogue_lines(state: DialogueState | None) -> str:
    """The state as prompt lines (`Key: value`, JSON values), or "" when there is none."""
    if not state:
        return ""
    ago = state.get("turns_ago", 1)
    when = "the previous turn" if ago == 1 else f"{ago} turns ago"
    lines = [
        f"Previous action: {state['action']} ({state['domain']}, {when}"
        f"{', wrote' if state['wrote'] else ''})",
        f"Previous filters: {orjson.dumps(state['filters']).decode()}",
    ]
    if state["referents"]:
        lines.append(f"Previous rows: {orjson.dumps(state['referents']).decode()}")
    if day := state.get("day"):
        lines.append(f"Previous day: {day}")
    if written := state.get("written"):
        lines.append(f"Recent writes: {orjson.dumps(written).decode()}")
    return "\n".join(lines)
