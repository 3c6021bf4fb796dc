"""A domain agent's next step: call tools, ask one question, or answer from the results."""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agent.brain import clock
from agent.brain.absurd import absurd_value
from agent.brain.asking import WRITES
from agent.brain.calendar_words import is_month_first
from agent.brain.convo import Convo, Env, text_of
from agent.brain.draft import Draft
from agent.brain.ids import call_id, conversation_key
from agent.brain.pick import best_match, names_another, ref_words, row_number, select
from agent.brain.places import capitalised_place, trip_places
from agent.brain.pointing import asks_if_took
from agent.brain.questions import question
from agent.brain.referents import THERE_SLOT
from agent.brain.refs import Entity, entity_groups, result_of
from agent.brain.replies import (
    cancelled_reply,
    not_found,
    nothing_to_do,
    results_reply,
)
from agent.brain.slots import EXTRACT, OWN_WORDS, lookup
from agent.brain.slots_vehicle import NAME_CUE, vehicle_named
from agent.brain.textutil import normalise
from agent.brain.understand import read_message
from tools.registry import ACTIONS_BY_NAME


@dataclass
class Step:
    """What the model says this time: tool calls, or text."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""


# A domain's model is called again once its tools have run (the reply step), with the
# same prompt and message: the same requests, read from the same words in the same env.
# Each extraction is remembered for its tool, words and env — the very object
# `read_env` remembers for the prompt (held here, so its id is not reused while
# remembered) and the turn's order of "6/10" (`month_first`, which dates read) — and
# each caller gets a copy of its own to fill in.
_EXTRACTED: dict[tuple[str, str, int, bool], tuple[Env, Draft]] = {}
MAX_EXTRACTED = 1024


def _extracted(tool: str, text: str, env: Env) -> Draft:
    key = (tool, text, id(env), is_month_first())
    hit = _EXTRACTED.get(key)
    if hit is None or hit[0] is not env:
        if len(_EXTRACTED) >= MAX_EXTRACTED:
            _EXTRACTED.clear()
        hit = _EXTRACTED[key] = (env, EXTRACT[tool](text, env))
    draft = hit[1]
    return replace(draft, args=_fresh(draft.args), relative=_fresh(draft.relative))


def _fresh(value: Any) -> Any:
    """A copy of the dicts and lists in `value` (what a caller may change in place); the
    rest (strings, numbers, dates, frozen dataclasses) is shared. Cheaper than
    `copy.deepcopy`, which walks every value through its memo."""
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    if isinstance(value, set):
        return set(value)
    return value


def _whether_it_took(convo: Convo) -> str | None:
    """ "did that go thru" after a call: what its result said (no call is made again)."""
    if not asks_if_took(normalise(convo.text)):
        return None
    before = convo.previous_human()
    start = before[0] if before else 0
    for message in reversed(convo.history[start : convo.last]):
        if isinstance(message, ToolMessage) and (data := result_of(message)):
            summary = str(data.get("summary") or "").strip()
            if data.get("ok") and summary:
                return f"Yes — {summary}"
            if summary or data.get("error"):
                return f"No, that didn't go through: {summary or data.get('error')}"
    return None


def _drafts(convo: Convo) -> tuple[list[Draft], bool, str]:
    reading = read_message(convo)
    bound = set(convo.tools)
    drafts = [
        Draft(r.tool, dict(r.args))
        if r.args is not None
        else _extracted(r.tool, r.raw if r.tool in OWN_WORDS else r.text, convo.env)
        for r in reading.requests
        if r.tool in bound
    ]
    for request, draft in zip(
        [r for r in reading.requests if r.tool in bound], drafts, strict=True
    ):
        if draft.tool == "add_vehicle":
            _name_said_apart(request.text, draft, convo.text)
            _details_said_apart(request.text, draft, convo)
        if request.there and (slot := THERE_SLOT.get(draft.tool)):
            draft.put(slot, request.there)  # "the weather gonna be there": not "Gonna"
            draft.missing = None if draft.missing == slot else draft.missing
    pending = reading.pending
    cancelled = reading.cancelled and pending is not None and pending[0] in bound
    for index, draft in enumerate(drafts):
        _fill_place(draft, convo)
        _fill_group(index, drafts, convo)
        _after_joining(index, drafts)
        _fill_vehicle(draft, convo)
    return drafts, cancelled, reading.say


_VEHICLE_DETAILS = ("make", "model", "year", "fuel_type", "tank_litres", "consumption_l_per_100km")


def _details_said_apart(piece: str, draft: Draft, convo: Convo) -> None:
    """ "can you add our motorhome? It's called Dolly, 2016 Fiat Ducato, diesel": what the
    vehicle is, said in a sentence the request's piece left out, when the piece says none of
    it and the message names one year (one vehicle)."""
    message = normalise(convo.text)
    if piece.strip() == message.strip() or any(k in draft.args for k in _VEHICLE_DETAILS):
        return
    if len(re.findall(r"\b(?:19|20)\d\d\b", message)) > 1:
        return
    whole = _extracted("add_vehicle", message, convo.env)
    for key in _VEHICLE_DETAILS:
        if key in whole.args:
            draft.put(key, whole.args[key])


def _name_said_apart(piece: str, draft: Draft, message: str) -> None:
    """ "Can you add a 2018 Triton? we named her Rusty": the name given in a sentence of the
    message the request's piece left out (the segmenter cuts at the question mark)."""
    if NAME_CUE.search(piece) or len(NAME_CUE.findall(message)) != 1:
        return
    cue = NAME_CUE.search(message)
    if cue and not re.fullmatch(r"it|her|him|them|one", cue[1], re.I):
        draft.put("name", cue[1][0].upper() + cue[1][1:])
        draft.missing = None


_THERE = re.compile(
    r"\b(?:there|in there|that group|this group|the same group"
    r"|(?:their|its|the group'?s) (?:feed|posts|page|wall|latest|news))\b",
    re.I,
)
_GROUP_TOOLS = {"create_post", "get_feed", "review_join_requests"}
# A group pointed at with a pronoun ("any join requests for it?", "what are they talking
# about?", "any news from them?"): the group the previous turn joined, made or read.
_IT = re.compile(r"\b(?:it|them|they|their|theirs)\b", re.I)
_TO_THEM = re.compile(r"\b(?:tell|ask|let|remind|warn|to|with)\s+them\b", re.I)
_PRONOUN_GROUP = re.compile(r"(?:it|them|they|their|there|that|this)", re.I)


def _fill_group(index: int, drafts: list[Draft], convo: Convo) -> None:
    """ "Post there", "what's been posted there", "any join requests for it?": the group
    named just before, in this message (waiting for that call to finish: "join X and show me
    what's posted there"), else shown earlier in the conversation, else the one the previous
    turn joined, made or read. Join requests asked right after a group was made are that
    group's ("who wants in?")."""
    draft = drafts[index]
    if draft.tool not in _GROUP_TOOLS:
        return
    if _PRONOUN_GROUP.fullmatch(str(draft.args.get("group", ""))):
        draft.args.pop("group")  # "any news from them?": a pointer, not a group's name
    if "group" in draft.args:
        return
    there = bool(_THERE.search(convo.text))
    if there:
        for before in range(index - 1, -1, -1):
            if group := drafts[before].args.get("group"):
                draft.put("group", group)
                draft.after = before
                return
    previous = _group_of_previous(convo)
    pointed = _TO_THEM if draft.tool == "create_post" else _IT  # ("post it for everyone")
    if previous and (
        pointed.search(convo.text)
        or there
        or (
            draft.tool == "review_join_requests"
            and convo.env.previous is not None
            and convo.env.previous.action == "create_group"
        )
    ):
        draft.put("group", previous)
        return
    if there:
        shown = [
            e for g in entity_groups(convo.history[: convo.last]) for e in g if e.kind == "group"
        ]
        if shown and (name := shown[0].data.get("name")):
            draft.put("group", name)


# Writes that make the user a member of a group (by its name), and the group tools that
# need the membership first.
_MAKES_MEMBER = {"join_group": "group", "create_group": "name"}


def _after_joining(index: int, drafts: list[Draft]) -> None:
    """ "join Backpackers WA and post there: …": a post to (or the feed of) a group an
    earlier request of the message joins waits for the join to run (a members-only post is
    refused to a non-member)."""
    draft = drafts[index]
    group = draft.args.get("group")
    if draft.tool not in _GROUP_TOOLS or draft.after is not None or not isinstance(group, str):
        return
    for before in range(index - 1, -1, -1):
        slot = _MAKES_MEMBER.get(drafts[before].tool)
        named = drafts[before].args.get(slot) if slot else None
        if isinstance(named, str) and named.strip().lower() == group.strip().lower():
            draft.after = before
            return


_PLACE_SLOTS = {("weather_forecast", "location"), ("find_places", "near")}
# "on it", "for her", "the same one": the vehicle the previous turn was about.
_ON_IT = re.compile(
    r"\b(?:on|for|to|in|with) (?:it|her|him|that one|the same one|that|this one)\b"
    r"|\b(?:fill(?:ed)?|top(?:ped)?|tank(?:ed)?|fuel(?:led)?) (?:her|him|it|'?er) up\b"
    r"|\bthe same (?:car|ute|van|truck|rig|bus|vehicle|one)\b",
    re.I,
)


# "on the Prado", "for the Jayco": a capitalised name after a preposition and an article.
_NAMED_RIG = re.compile(r"\b(?:on|for|in|of) (?:the|my|our) ([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)")


def _group_of_previous(convo: Convo) -> str | None:
    """The group the previous turn or the one before joined, made or read, by name."""
    prev = convo.env.previous
    if prev is None or prev.turns_ago > 2:
        return None
    key = "name" if prev.action == "create_group" else "group"
    if prev.action not in ("create_group", "join_group", "get_feed", "review_join_requests"):
        return None
    name = prev.filters.get(key)
    return name if isinstance(name, str) and name else None


def _fill_vehicle(draft: Draft, convo: Convo) -> None:
    """ "Log the tyre rotation … on it" after "what's due on the Prado?": the previous
    turn's vehicle, for a tool that takes one and a message that names none but points."""
    prev = convo.env.previous
    action = ACTIONS_BY_NAME.get(draft.tool)
    if prev is None or prev.turns_ago > 2 or action is None or "vehicle" in draft.args:
        return
    if "vehicle" not in action.args.model_fields or not _ON_IT.search(convo.text):
        return
    vehicle = prev.filters.get("vehicle")
    if not isinstance(vehicle, str) and (before := convo.previous_human()):
        # a question whose tool takes no vehicle ("what's due on the Prado?"): the one it named
        named = vehicle_named(before[1], convo.env) or _NAMED_RIG.search(before[1])
        vehicle = named[0] if isinstance(named, tuple) else named[1] if named else None
    if isinstance(vehicle, str):
        draft.put("vehicle", vehicle)
        draft.missing = None if draft.missing == "vehicle" else draft.missing


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


def _asked_about(groups: list[list[Entity]], kind: str, convo: Convo) -> Entity | None:
    """ "Like it" after "what's Marg been posting?": the row the last question named."""
    prior = convo.previous_human()
    return best_match(groups, kind, ref_words(prior[1])) if prior else None


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
    if (shift := draft.relative.get("shift")) and start:
        draft.put("start", (start + shift).isoformat())
        if end := entity.data.get("end"):
            with suppress(ValueError):
                draft.put("end", (datetime.fromisoformat(str(end)) + shift).isoformat())
        return
    if shift and shift.days and not shift.seconds:
        draft.put("start", (old_day + shift).isoformat())  # an all-day event moves by days
        return
    day = draft.relative.get("day") or old_day
    at: time | None = draft.relative.get("time") or (
        start.astimezone(convo.env.tz).time() if start else None
    )
    if at is not None and start and draft.relative.get("either_half"):
        # "move dinner to 7.30" (at 6 pm now): the reading of the hour nearer its old time
        was = start.astimezone(convo.env.tz).time()
        other = time((at.hour + 12) % 24, at.minute)
        at = min((at, other), key=lambda t: abs((t.hour - was.hour) * 60 + t.minute - was.minute))
    if at is None:
        draft.put("start", day.isoformat())
    else:
        draft.put("start", datetime.combine(day, at, tzinfo=convo.env.tz).isoformat())
    if (end := entity.data.get("end")) and "end" not in draft.args:
        moved = clock.moved_end(old, str(end), str(draft.args["start"]))
        if moved:
            draft.put("end", moved)  # a moved event keeps its length


# "ditch one of them", "delete the duplicate", "get rid of the double-up": one of two rows
# just listed that are the same.
_ONE_OF_THE_SAME = re.compile(
    r"\b(?:one of (?:them|those|these|the two|em|'em)|(?:the|that|one) (?:duplicate|double[- ]?up"
    r"|doubled (?:one|entry|up)|repeat(?:ed)? (?:one|entry)|extra (?:one|entry|copy)|copy)"
    r"|(?:duplicate|doubled|double[- ]?up)(?: one| entry)?)\b",
    re.IGNORECASE,
)
_SAME_FIELDS = ("amount", "category", "date", "title", "start", "name", "description")


def _duplicate(groups: list[list[Entity]], kind: str, text: str) -> Entity | None:
    """The later of two rows of the newest list that are the same (amount, category, day,
    title …), when the message asks for one of them."""
    if not _ONE_OF_THE_SAME.search(text):
        return None
    newest = next((g for g in ([e for e in g if e.kind == kind] for g in groups) if g), [])
    seen: dict[tuple[Any, ...], Entity] = {}
    for entity in newest:
        key = tuple(entity.data.get(f) for f in _SAME_FIELDS)
        if key in seen:
            return entity
        seen[key] = entity
    return None


# The call that lists the rows of a kind whose name a tool did not find.
_LISTS = {"vehicle": "list_vehicles", "group": "list_groups"}


def _unfound(convo: Convo, cid: str, draft: Draft) -> tuple[str, str, list[str] | None] | None:
    """(kind, name given, the user's names of that kind when the tool said them) when the
    call came back saying no row of that kind has the name it gave."""
    for m in convo.turn:
        if isinstance(m, ToolMessage) and m.tool_call_id == cid:
            data = result_of(m)
            kind = str(data.get("subject") or "") if data else ""
            if not data or data.get("error") != "not_found" or kind not in _LISTS:
                return None
            if kind not in draft.args:
                return None
            choices = data.get("choices")
            names = [str(c) for c in choices] if isinstance(choices, list) else None
            return kind, str(draft.args[kind]), names
    return None


def _listed_names(convo: Convo, lid: str, kind: str) -> list[str]:
    for m in convo.turn:
        if isinstance(m, ToolMessage) and m.tool_call_id == lid:
            rows = (result_of(m) or {}).get(f"{kind}s") or []
            return [str(r["name"]) for r in rows if isinstance(r, dict) and r.get("name")]
    return []


def _named_in(names: list[str], text: str) -> str | None:
    """The one name that occurs in the message (the longest, when one holds another);
    None when none does or two different ones of the same length do."""
    said = f" {re.sub(r'[^a-z0-9]+', ' ', text.lower())} "
    hits = [n for n in names if f" {re.sub(r'[^a-z0-9]+', ' ', n.lower()).strip()} " in said]
    if not hits:
        return None
    longest = max(len(n) for n in hits)
    best = [n for n in hits if len(n) == longest]
    return best[0] if len(best) == 1 else None


def plan(convo: Convo) -> Step:
    drafts, cancelled, say = _drafts(convo)
    if cancelled:
        return Step(text=cancelled_reply())
    if say and not drafts:
        return Step(text=say)
    if drafts and (odd := absurd_value(convo.text, writes=any(d.tool in WRITES for d in drafts))):
        return Step(text=odd)  # "31 February", "$1e308": said back, never written as another
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
    answered = {m.tool_call_id for m in convo.turn if isinstance(m, ToolMessage)}
    retried: set[str] = set()
    which: list[str] = []
    for index, draft in enumerate(drafts):
        cid = call_id(key, draft.tool, index)
        if cid in made:
            again = call_id(key, draft.tool, index, again=True)
            if again in made:
                retried.add(cid)
                continue
            unfound = _unfound(convo, cid, draft)
            if unfound is None:
                continue
            kind, said, names = unfound
            if names is None:  # the names of that kind are listed first
                lid = call_id(key, _LISTS[kind], index, lookup=True)
                if lid not in made and _LISTS[kind] in convo.tools:
                    calls.append({"name": _LISTS[kind], "args": {}, "id": lid})
                    retried.add(cid)
                    continue
                names = _listed_names(convo, lid, kind)
            pick = _named_in(names, convo.text)
            if pick is None and kind == "vehicle" and len(names) <= 1:
                pick = names[0] if names else ""  # the one vehicle the user has (or none)
            retried.add(cid)
            if pick is not None:
                # "the ute", "troopy owners pls": the call again with the row the message names
                args = {k: v for k, v in draft.args.items() if k != kind}
                args |= {kind: pick} if pick else {}
                calls.append({"name": draft.tool, "args": args, "id": again})
            else:
                # several or none named: which one is asked, nothing is written to a guess
                yours = ", ".join(names[:-1]) + f" or {names[-1]}" if names else ""
                ask_which = question(draft.tool, kind)
                if ask_which == question("", ""):
                    ask_which = f"Which {kind} did you mean?"
                which.append(
                    f"I couldn't find a {kind} called '{said}'. {ask_which}"
                    + (f" ({yours})" if yours else "")
                )
            continue
        if draft.after is not None:
            first = call_id(key, drafts[draft.after].tool, draft.after)
            if first not in answered:
                continue  # it needs that call's effect: asked once that one has run
        if draft.missing:
            missing.append(draft)
            continue
        if draft.ref:
            ref = draft.ref
            if ref.explicit:
                draft.args[ref.arg] = ref.explicit
                calls.append({"name": draft.tool, "args": draft.args, "id": cid})
                continue
            entity = _duplicate(groups, ref.kind, convo.text) or select(
                groups, ref.kind, ref.ordinal, ref.words, ref.amount
            )
            if entity and not (ref.words or ref.ordinal is not None or ref.amount is not None):
                entity = _asked_about(groups, ref.kind, convo) or entity
            lid = call_id(key, draft.tool, index, lookup=True)
            if (
                entity is not None
                and ref.ordinal is None
                and ref.amount is None
                and lid not in made
                and names_another(convo.text, entity, ref.words)
                and (found := lookup(ref.kind, convo.env))
                and found[0] in convo.tools
            ):
                # "cancel the dentist" when the row in view is the haircut just made (the
                # dentist's turn is out of the window): the rows are looked up first
                calls.append({"name": found[0], "args": found[1], "id": lid})
                continue
            if (
                entity is None
                and ref.kind in ("expense", "task", "event")
                and ref.ordinal is not None
                and (n := row_number(convo.text))
            ):
                # "delete expense 123" with no list shown that long: the number is no row the
                # user has seen, so none is guessed from a list looked up now
                failed.append(
                    f"I can't find {ref.kind} {n} in what I've shown you. Which {ref.kind} did "
                    f"you mean? (Ask me to show your {ref.kind}s, then pick one from the list.)"
                )
                continue
            if entity is None:
                found = lookup(ref.kind, convo.env)
                lid = call_id(key, draft.tool, index, lookup=True)
                if found and found[0] in convo.tools and lid not in made:
                    calls.append({"name": found[0], "args": found[1], "id": lid})
                else:
                    failed.append(not_found(ref.kind))
                continue
            # A group is named by its name (the tools take either, and the name is what
            # the user reads in the call); other rows by their id.
            name = entity.data.get("name") if ref.kind == "group" else None
            draft.args[ref.arg] = name if isinstance(name, str) and name else entity.id
            _apply_relative(draft, entity, convo)
        calls.append({"name": draft.tool, "args": draft.args, "id": cid})
    if calls:
        return Step(calls=calls)
    results = [
        m
        for m in convo.turn
        if isinstance(m, ToolMessage) and m.tool_call_id in made and m.tool_call_id not in retried
    ]
    ask = question(missing[0].tool, missing[0].missing or "") if missing else ""
    ask = "\n".join([*which, ask]).strip()
    if not results and not failed and not ask:
        if took := _whether_it_took(convo):
            return Step(text=took)
        return Step(text=nothing_to_do(convo.env.domain))
    # what a written row does not do that was asked ("every sunday": set once), said after it
    notes = [
        d.note
        for i, d in enumerate(drafts)
        if d.note and call_id(key, d.tool, i) in answered and call_id(key, d.tool, i) in made
    ]
    reads = {call_id(key, d.tool, i): d.reads for i, d in enumerate(drafts) if d.reads}
    return Step(text=results_reply(results, made, [*notes, *failed], ask, convo.env, reads))
