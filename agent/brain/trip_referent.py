""" "Save that trip", "add it to my trips", "ok, plan it" after a distance question: the
trip the previous turn worked out (and did not save), asked for again to keep. The earlier
calls are the checkpointed thread, so this holds across restarts like the rest of the
dialogue."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from agent.brain.dialogue import without_ack

_I = re.IGNORECASE
# A request to keep something, pointing back at it rather than naming places.
_KEEP = re.compile(
    r"\b(?:save|keep|plan|book|lock in)\b|\b(?:add|put|pop|stick|whack)\b.{0,25}\btrips?\b", _I
)
_BACK = re.compile(r"\b(?:it|that|this|the trip|that trip|this trip|there|one)\b", _I)
_NAMES_PLACES = re.compile(r"\b(?:from|via)\b", _I)
MAX_WORDS = 10  # longer messages say more than "keep that one"


def _previous_turn(history: Sequence[BaseMessage], last: int) -> list[BaseMessage]:
    """The messages between the human message before `last` and `last`."""
    start = next((i for i in range(last - 1, -1, -1) if isinstance(history[i], HumanMessage)), -1)
    return list(history[start + 1 : last]) if start >= 0 else []


def unsaved_trip(history: Sequence[BaseMessage], last: int) -> dict[str, Any] | None:
    """The args of the previous turn's plan_trip call when it saved nothing (save=false):
    a trip already saved is not saved twice."""
    for message in reversed(_previous_turn(history, last)):
        if isinstance(message, AIMessage):
            calls = [c for c in message.tool_calls if c["name"] == "plan_trip"]
            if calls:
                args = dict(calls[-1]["args"])
                return args if args.get("save") is False else None
    return None


def keep_trip_text(
    text: str,
    history: Sequence[BaseMessage],
    last: int,
    unsaved: dict[str, Any] | None = None,
) -> str | None:
    """The request "plan a trip from A to B via C, <the user's words>" when `text` asks
    to keep the trip the previous turn worked out; None otherwise. `unsaved`: that trip
    from the dialogue state, for a caller that sees no tool calls (the router)."""
    # "ok good, plan that for …": the acknowledgement first says nothing more
    said = without_ack(text)
    if len(said.split()) > MAX_WORDS or not (_KEEP.search(text) and _BACK.search(text)):
        return None
    if _NAMES_PLACES.search(text):
        return None
    args = unsaved_trip(history, last) or unsaved
    if not args or not args.get("origin") or not args.get("destination"):
        return None
    stops = args.get("stops") or []
    via = f" via {', '.join(stops)}" if stops else ""
    words = _BACK.sub(" ", text)
    return f"plan a trip from {args['origin']} to {args['destination']}{via} , {words}"
