"""A domain agent's next step: call tools, ask one question, or answer from the results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agent.brain.convo import Convo, text_of
from agent.brain.draft import Draft
from agent.brain.ids import call_id, conversation_key
from agent.brain.pick import select
from agent.brain.places import capitalised_place, trip_places
from agent.brain.questions import question
from agent.brain.refs import Entity, entity_groups
from agent.brain.replies import cancelled_reply, not_found, nothing_to_do, results_reply
from agent.brain.slots import EXTRACT, OWN_WORDS, lookup
from agent.brain.understand import read_message


@dataclass
class Step:
    """What the model says this time: tool calls, or text."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""


def _drafts(convo: Convo) -> tuple[list[Draft], bool]:
    reading = read_message(convo)
    bound = set(convo.tools)
    drafts = [
        EXTRACT[r.tool](r.raw if r.tool in OWN_WORDS else r.text, convo.env)
        for r in reading.requests
        if r.tool in bound
    ]
    pending = reading.pending
    cancelled = reading.cancelled and pending is not None and pending[0] in bound
    for draft in drafts:
        _fill_place(draft, convo)
    return drafts, cancelled


_PLACE_SLOTS = {("weather_forecast", "location"), ("find_places", "near")}


def _fill_place(draft: Draft, convo: Convo) -> None:
    """ "What's the weather like there?": the place named last in the conversation."""
    if (draft.tool, draft.missing) not in _PLACE_SLOTS or draft.missing is None:
        return
    texts = [convo.text] + [
        text_of(m) for m in reversed(convo.earlier) if isinstance(m, HumanMessage)
    ]
    for text in texts[:4]:
        _origin, dest, _stops = trip_places(text)
        found = dest or capitalised_place(text)
        if found:
            draft.put(draft.missing, found)
            draft.missing = None
            return


def _apply_relative(draft: Draft, entity: Entity, convo: Convo) -> None:
    """An event moved to "3pm" keeps its day; moved to "Friday" keeps its time."""
    if not draft.relative:
        return
    old = str(entity.data.get("start") or "")
    try:
        start = datetime.fromisoformat(old) if "T" in old else None
        old_day = start.date() if start else date.fromisoformat(old)
    except ValueError:
        start, old_day = None, convo.env.today
    day = draft.relative.get("day") or old_day
    at: time | None = draft.relative.get("time") or (
        start.astimezone(convo.env.tz).time() if start else None
    )
    if at is None:
        draft.put("start", day.isoformat())
    else:
        draft.put("start", datetime.combine(day, at, tzinfo=convo.env.tz).isoformat())


def plan(convo: Convo) -> Step:
    drafts, cancelled = _drafts(convo)
    if cancelled:
        return Step(text=cancelled_reply())
    key = conversation_key(convo.history[: convo.last + 1])
    made = {
        str(c["id"]): c["name"]
        for m in convo.turn
        if isinstance(m, AIMessage)
        for c in m.tool_calls
        if c["name"] in convo.tools
    }
    groups = entity_groups(convo.history)
    calls: list[dict[str, Any]] = []
    missing: list[Draft] = []
    failed: list[str] = []
    for index, draft in enumerate(drafts):
        cid = call_id(key, draft.tool, index)
        if cid in made:
            continue
        if draft.missing:
            missing.append(draft)
            continue
        if draft.ref:
            ref = draft.ref
            if ref.explicit:
                draft.args[ref.arg] = ref.explicit
                calls.append({"name": draft.tool, "args": draft.args, "id": cid})
                continue
            entity = select(groups, ref.kind, ref.ordinal, ref.words, ref.amount)
            if entity is None:
                found = lookup(ref.kind, convo.env)
                lid = call_id(key, draft.tool, index, lookup=True)
                if found and found[0] in convo.tools and lid not in made:
                    calls.append({"name": found[0], "args": found[1], "id": lid})
                else:
                    failed.append(not_found(ref.kind))
                continue
            draft.args[ref.arg] = entity.id
            _apply_relative(draft, entity, convo)
        calls.append({"name": draft.tool, "args": draft.args, "id": cid})
    if calls:
        return Step(calls=calls)
    results = [m for m in convo.turn if isinstance(m, ToolMessage) and m.tool_call_id in made]
    ask = question(missing[0].tool, missing[0].missing or "") if missing else ""
    if not results and not failed and not ask:
        return Step(text=nothing_to_do(convo.env.domain))
    return Step(text=results_reply(results, made, failed, ask, convo.env))
