"""What the user's last message asks for: its requests, or the answer to PAM's question."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from agent.brain.about_it import event_about_previous, post_about_previous
from agent.brain.asking import WRITES, is_question, is_request
from agent.brain.blend import rescue
from agent.brain.convo import Convo, text_of
from agent.brain.courtesy import set_aside
from agent.brain.dates import find_day
from agent.brain.declined import after_declined, another_row, declined_tool
from agent.brain.dialogue import (
    act_on_listed,
    corrected_in_message,
    correction,
    day_said_before,
    follow_up,
    kind_carried,
    more_of_the_same,
    previous_place,
    same_again,
    uncorrectable,
    unsaved_trip_of,
    without_ack,
)
from agent.brain.dictation import undictate
from agent.brain.do_it import choice_made, done_as_mused, trip_kept
from agent.brain.ellipsis import default_asked, other_read, what_else
from agent.brain.general import talk_only
from agent.brain.held_back import held_back
from agent.brain.indirect import not_forget
from agent.brain.intents import OTHER_SENSE, READINGS, STRONG, other_sense
from agent.brain.kept_in import store_for_it
from agent.brain.ours import compared_to_told
from agent.brain.own_rows import asked_about
from agent.brain.own_span import typed_span
from agent.brain.places import named_town, town_after_word
from agent.brain.pointing import points_back
from agent.brain.preamble import set_aside_preamble
from agent.brain.questions import asked, is_no, join
from agent.brain.ranges import find_range, next_to
from agent.brain.referents import resolve_there, there_town
from agent.brain.reframe import reframed
from agent.brain.refs import entity_groups
from agent.brain.replies import cancelled_reply
from agent.brain.segment import Piece, split
from agent.brain.shouting import unshout
from agent.brain.slots import EXTRACT, KIND, OWN_WORDS
from agent.brain.tell_them import told_to_group
from agent.brain.textutil import normalise
from agent.brain.trip_referent import keep_trip_text

MAX_CHAIN = 3  # answers to answers to a question, followed back this far
FREE_TEXT = {"content", "note", "title"}
NEW_REQUEST = 7  # an answer that asks for another tool this clearly is a new request
# Answers that sound like a purchase: the work done and what it cost ("new brake pads,
# $380"), the money received ("$320 from the harvest job"), the fill ("68 L, $142.80").
ALSO_ANSWERS = {t: {"add_expense"} for t in ("log_maintenance", "log_fuel", "add_income")}


# "And the month before that?", "what about Broome?": the last question, asked again.
FOLLOW_UP = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|right|cool|hmm+|oh|ah|thanks|ta|great|lovely|righto)\b[\s,.!]*)?"
    r"(?:and|what about|how about|and what about|and how about|same for"
    r"|now)\b",
    re.IGNORECASE,
)
QUERIES = {
    "spending_summary", "list_expenses", "budget_status", "fuel_stats", "list_events",
    "weather_forecast", "find_places", "list_trips", "get_feed", "list_pantry", "list_tasks",
}  # fmt: skip


@dataclass(frozen=True)
class Request:
    tool: str
    text: str  # normalised text of the request (with an answer joined in)
    raw: str  # the user's words as typed, for posts and notes
    # The call's arguments whole, worked out from the previous turn (agent/brain/dialogue.py):
    # no extractor reads this request's text.
    args: dict[str, Any] | None = None
    there: str | None = None  # the town "there" means (referents.py), for its argument


@dataclass(frozen=True)
class Reading:
    requests: list[Request]
    pending: tuple[str, str] | None = None  # (tool, slot) the message answers
    cancelled: bool = False  # "no" / "never mind" to a question
    say: str = ""  # the answer when the message asks for what no tool does (dialogue.py)


@lru_cache(maxsize=4096)
def _pieces(text: str, today: date, kind: str | None = None) -> tuple[Piece, ...]:
    """`split`, remembered: a turn reads the same message in the router and in each model
    call of its domain agent, and the earlier messages again for "that one"."""
    return tuple(split(text, today, kind))


def _human_before(history: list[BaseMessage], index: int) -> int | None:
    for i in range(index - 1, -1, -1):
        if isinstance(history[i], HumanMessage):
            return i
    return None


def _replies(history: list[BaseMessage], index: int) -> list[str]:
    prev = _human_before(history, index)
    span = history[(prev + 1 if prev is not None else 0) : index]
    return [
        text_of(m) for m in span if isinstance(m, AIMessage) and not m.tool_calls and text_of(m)
    ]


def recent_kind(convo: Convo) -> str | None:
    """The kind of row "that one" means: what the user last asked about (the router sees
    only text, so this comes first), else the newest tool result's rows."""
    index = _human_before(convo.history, convo.last)
    while index is not None:
        text = normalise(text_of(convo.history[index]))
        pieces = _pieces(text, convo.env.today)
        tools = [p.intent.tool for p in pieces if p.intent]
        if not tools and not _asks_nothing(text) and (rescued := rescue(text)):
            tools = [rescued]  # "groceries: milk, bread": read by the classifier alone
        for tool in reversed(tools):
            if tool in KIND:
                return KIND[tool]
            if tool in READINGS:  # "show me the history"
                return READINGS[tool]
        index = _human_before(convo.history, index)
    groups = entity_groups(convo.history[: convo.last])
    return groups[0][0].kind if groups else None


def _read(convo: Convo, index: int, kind: str | None, depth: int) -> Reading:
    raw = text_of(convo.history[index])
    if (said_before := _human_before(convo.history, index)) is not None:
        before = text_of(convo.history[said_before])
        # "… that need to go in it" after the pantry was named: in the pantry
        raw = store_for_it(raw, before)
        # "ok do it, call it X" after "thinking of making a group for …": that act
        raw = done_as_mused(raw, before) or raw
        # "go on then, save it, leaving the 20th" after a question about a drive: that trip
        raw = trip_kept(raw, before) or raw
        # "calendar. Saturday" after "should I put X as a task or in the calendar?": X there
        raw = choice_made(raw, before) or raw
    text = normalise(raw)  # (dictated marks and shorthand read there: textutil)
    # the words as typed, for posts and notes, with the marks said and no greeting to PAM
    raw = not_forget(set_aside_preamble(set_aside(undictate(unshout(raw)))))
    pieces = _pieces(text, convo.env.today, kind)
    asking = [p for p in pieces if p.intent]
    fresh = [
        Request(
            p.intent.tool,
            p.text,
            # a note or a post ends where the next request begins
            typed_span(raw, p.text, asking[i + 1].text if i + 1 < len(asking) else None)
            if p.intent.tool in OWN_WORDS
            else raw,
        )
        for i, p in enumerate(asking)
        if p.intent
    ]
    waiting = asked(_replies(convo.history, index))
    prev = _human_before(convo.history, index)
    if not fresh and waiting is None and prev is not None and FOLLOW_UP.match(without_ack(text)):
        return Reading(_follow_up(convo, prev, kind, depth, text))
    # "how does that compare with the week before?" after a summary: the question before,
    # again, over what this one names (nothing when it was no question)
    if (
        not fresh
        and waiting is None
        and prev is not None
        and points_back(text)
        and (again := _follow_up(convo, prev, kind, depth, text))
    ):
        return Reading(again)
    # a question about the user's own rows, else what the classifier is sure of
    if (
        not fresh
        and waiting is None
        and not _asks_nothing(text)
        and (tool := asked_about(text) or rescue(text))
    ):
        fresh = [Request(tool, text, raw)]
    if (
        not fresh
        and waiting is None
        and prev is not None
        and (ours := compared_to_told(text, normalise(text_of(convo.history[prev]))))
    ):
        # "ours is way better than that right" after someone's rig's figures: ours
        fresh = [Request(ours, text, raw)]
    if waiting is None or prev is None or depth >= MAX_CHAIN:
        return Reading(fresh)
    if is_no(text):
        return Reading([], waiting, cancelled=True)
    tool, slot = waiting
    free_text = slot in FREE_TEXT  # a post's words may sound like any request
    if not free_text and is_question(text):
        # a question of its own answers none of ours: "what do you know about me" after
        # "What work was done?" is no maintenance item (a fresh clone's try logged it as one)
        return Reading(fresh)
    answers = ALSO_ANSWERS.get(tool, set()) | {tool}
    if not free_text and any(
        p.intent and p.intent.score >= NEW_REQUEST and p.intent.tool not in answers for p in pieces
    ):
        return Reading(fresh)
    earlier = _read(convo, prev, kind, depth + 1).requests
    target = next((r for r in earlier if r.tool == tool), None)
    if target is None or (not free_text and _whole_again(tool, slot, fresh, target, convo)):
        return Reading(fresh)
    joined = join(tool, slot, target.text, text)
    return Reading([Request(tool, joined, join(tool, slot, target.raw, raw))], waiting)


_OWN_FIGURES = ("amount", "total_cost", "litres", "cost")


def _whole_again(tool: str, slot: str, fresh: list[Request], target: Request, convo: Convo) -> bool:
    """ "ok put 812 rego on for today, just paid it" after "What was it for?" (asked of a
    figure told as news, "we paid 780 last year"): a request of the same tool, whole by
    itself (the asked slot and a figure of its own) and with another figure than the words
    before, is a request anew, not the answer joined to them."""
    if len(fresh) != 1 or fresh[0].tool != tool:
        return False
    draft = EXTRACT[tool](fresh[0].text, convo.env)
    if draft.missing is not None or slot not in draft.args:
        return False
    before = EXTRACT[tool](target.text, convo.env).args
    return any(
        key in draft.args and key in before and draft.args[key] != before[key]
        for key in _OWN_FIGURES
    )


def _asks_nothing(text: str) -> bool:
    """Small talk, what only talk gives, or a feature word in its everyday sense ("can you
    post a letter to Nan"): no tool is rescued from the classifier for it."""
    return talk_only(text) or any(other_sense(tool, text) for tool in OTHER_SENSE)


def _follow_up(convo: Convo, prev: int, kind: str | None, depth: int, text: str) -> list[Request]:
    """The previous question again, about what this message names instead."""
    if depth >= MAX_CHAIN:
        return []
    earlier = _read(convo, prev, kind, depth + 1).requests
    target = next((r for r in earlier if r.tool in QUERIES), None)
    if target is None:
        return []
    today = convo.env.today
    before = find_range(target.text, today, future=target.tool == "list_events")
    if before and (beside := next_to(text, before)):
        span, start, end = beside
        words = f"from {span.start.isoformat()} to {span.end.isoformat()}"
        text = text[:start] + words + text[end:]
    return [Request(target.tool, text, text)]


def _reads(today: date) -> Callable[[str], list[str]]:
    """The tools the single-message rules read in a text (for ellipsis.other_read)."""
    return lambda text: [p.intent.tool for p in _pieces(text, today) if p.intent]


def _from_previous_turn(convo: Convo) -> Reading | None:
    """A correction of the previous turn's write, or a follow-up of its question, when
    the message is one (and answers no question PAM asked)."""
    if convo.env.previous is None or asked(convo.previous_replies()) is not None:
        return None
    text = without_ack(normalise(convo.text))
    if said := uncorrectable(text, convo.env):
        return Reading([], say=said)
    reads = _reads(convo.env.today)
    more = more_of_the_same(text, convo.env)
    if more and more[0] == "remember":
        # "and that the van is 7 metres long": a fact's words may sound like any request
        return Reading([Request(more[0], more[1], more[1])])
    # "and tasks?" after the shopping list names no grocery (the rules' reading alone: to
    # the classifier "and a new hat" may sound like anything)
    # ("also I did the ring Mum job, mark it done": a write of its own is no more of the list)
    own = {t for t in reads(text) if t in WRITES} - {"add_to_shopping_list"}
    if (
        more
        and not own
        and not other_read(text, convo.env, reads, guess=False)
        and not what_else(text, convo.env)
        # ("also I did the ring Mum job yesterday, mark it done": a job told done, no item)
        and not any(p.intent and p.intent.score >= STRONG for p in _pieces(text, convo.env.today))
    ):
        return Reading([Request(more[0], more[1], more[1])])
    if again := same_again(text, convo.env):
        return Reading([Request(again[0], text, convo.text, again[1])])
    before = convo.previous_human()
    found = (
        correction(text, convo.env)
        or follow_up(text, convo.env)
        or act_on_listed(text, convo.env, normalise(before[1]) if before else "")
        or what_else(text, convo.env)
        or default_asked(text, convo.env)
        or other_read(text, convo.env, reads)
    )
    if found is None:
        return None
    tool, args = found
    if (dated := _that_day(text, convo, tool)) != text:
        # "and what else is on for that Saturday?": the Saturday the talk is about
        text = dated
        tool, args = follow_up(text, convo.env) or found
    return Reading([Request(tool, text, convo.text, args)])


# "Move it to 3pm, same day": a change keeps the row's own day, whatever the talk was about.
KEEPS_ITS_DAY = {"update_event", "update_expense"}
_THAT_DAY = re.compile(
    r"\b(?:on |for )?(?:that|the same|same) (day|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)\b",
    re.IGNORECASE,
)


def _that_day(text: str, convo: Convo, tool: str = "") -> str:
    """ "We leave 7am that day", "what else is on that Saturday": the day the conversation
    is about (the dialogue state), when a weekday named is that day's."""
    day = convo.env.previous.day if convo.env.previous else None
    if day is None or tool in KEEPS_ITS_DAY:
        return text

    def _day(m: re.Match[str]) -> str:
        named = m[1].lower()
        return f" on {day.isoformat()} " if named in ("day", day.strftime("%A").lower()) else m[0]

    return _THAT_DAY.sub(_day, text)


def read_message(convo: Convo) -> Reading:
    if convo.last < 0:
        return Reading([])
    if kept := keep_trip_text(
        normalise(convo.text), convo.history, convo.last, unsaved_trip_of(convo.env)
    ):
        return Reading([Request("plan_trip", kept, kept)])
    if answered := after_declined(convo):
        # "not that one, the townsville one" after a declined delete: about its row
        meant = normalise(convo.text) if answered[1] is not None else another_row(convo.text)
        return Reading([Request(answered[0], meant, convo.text, answered[1])])
    if after_all := held_back(convo):
        # "dont log this but i just spent 300", then "ok fine log it, shopping"
        return Reading([Request(after_all[0], after_all[1], after_all[1])])
    if settled := _from_previous_turn(convo):
        return settled
    if _takes_back(convo):
        return Reading([], say=cancelled_reply())
    reading = _read(convo, convo.last, recent_kind(convo), 0)
    if changed := _changed_request(convo, reading):
        return changed
    if fixed := corrected_in_message([(r.tool, r.text) for r in reading.requests], convo.env):
        # "80 on camping, no wait, the camping was 85": one expense, at 85
        standing = [
            Request(r.tool, fixed[i], fixed[i], r.args) if fixed.get(i) else r
            for i, r in enumerate(reading.requests)
            if fixed.get(i, None) != ""
        ]
        reading = Reading(standing, reading.pending, reading.cancelled, reading.say)
    requests = []
    for i, r in enumerate(reading.requests):
        if changed_tool := told_to_group(r.tool, r.text, convo.env.previous):
            r = Request(changed_tool, r.text, r.raw, r.args, r.there)
        # "filled up at roma, what's the weather there": a town an earlier request of the
        # same message named, before the previous turn's place
        here = next((t for e in reversed(reading.requests[:i]) if (t := _town_named(e.text))), None)
        place = here or previous_place(convo.env)
        day = _day_said_before(r, reading.requests[:i], convo)
        if r.tool == "add_task" and not day and (before := convo.previous_human()):
            day = day_said_before(r.text, normalise(before[1]), convo.env)
        if r.tool == "create_event" and not day:
            day = _day_just_listed(r.text, convo)
        if words := post_about_previous(r.tool, r.text, convo.env.previous):
            # "and tell everyone on the feed about it": the post is what the turn before did
            said = EXTRACT[r.tool](r.raw, convo.env).args
            requests.append(Request(r.tool, r.text, r.raw, {**said, "content": words}))
            continue
        if group := _group_said_before(r, reading.requests[:i], convo):
            # "join kimberley crew and show me the last 4 posts in it": the group the
            # request before named
            said = EXTRACT[r.tool](r.raw if r.tool in OWN_WORDS else r.text, convo.env).args
            requests.append(Request(r.tool, r.text, r.raw, {**said, "group": group}))
            continue
        if kind := kind_carried(r.tool, r.text, convo.env.previous):
            # "any closer to Cloncurry?" after campsites near Julia Creek: campsites still
            said = EXTRACT[r.tool](r.text, convo.env).args
            requests.append(Request(r.tool, r.text, r.raw, {**said, "kind": kind}))
            continue
        if title := event_about_previous(r.tool, r.text, convo.env.previous):
            # "put that in the calendar too" after a trip: the event is the trip, on its day
            said = EXTRACT[r.tool](_that_day(r.text, convo, r.tool) + day, convo.env).args
            requests.append(Request(r.tool, r.text, r.raw, {**said, "title": title}))
            continue
        requests.append(
            Request(
                r.tool,
                resolve_there(
                    r.tool, _that_day(r.text, convo, r.tool) + day, convo.history, convo.last, place
                ),
                resolve_there(
                    r.tool, _that_day(r.raw, convo, r.tool) + day, convo.history, convo.last, place
                ),
                there=there_town(r.tool, r.text, convo.history, convo.last, place),
            )
        )
    return Reading(requests, reading.pending, reading.cancelled)


# A group pointed at ("in it", "in there", "to that group", "from them"), and the argument
# that names a group in each request that may name one.
_GROUP_POINTED = re.compile(
    r"\b(?:in|on|to|from|into|with)\s+(?:it|there|that one|this one|them|that group|this group"
    r"|the group)\b(?!\s*(?:'s|is|was)\b)",
    re.IGNORECASE,
)
_GROUP_ARG = {"join_group": "group", "create_group": "name", "get_feed": "group"}
_TAKES_GROUP = {"get_feed", "create_post", "review_join_requests"}


def _group_said_before(r: Request, before: list[Request], convo: Convo) -> str | None:
    """The group an earlier request of the message named, for a request that points at it."""
    if r.tool not in _TAKES_GROUP or r.args or not _GROUP_POINTED.search(r.text):
        return None
    if EXTRACT[r.tool](r.raw if r.tool in OWN_WORDS else r.text, convo.env).args.get("group"):
        return None
    for e in reversed(before):
        if (arg := _GROUP_ARG.get(e.tool)) and isinstance(
            named := EXTRACT[e.tool](e.text, convo.env).args.get(arg), str
        ):
            return named
    return None


# "no wait, keep it", "nope, cancel", "actually don't", "leave it": a reply that takes back
# what the conversation was about and asks for nothing.
TAKE_BACK = re.compile(
    r"^\W*(?:(?:no|nah|nope|oh|actually|wait|hang on|hold on|on second thoughts?|ok(?:ay)?"
    r"|sorry)\b[\s,.!]*)*"
    r"(?:keep it|leave it|(?:just )?leave it (?:as is|be)|never ?mind|forget (?:it|that|about it)"
    r"|don'?t(?: (?:bother|worry|do (?:it|that)))?|cancel|scrap (?:it|that)"
    r"|no need|not now|all good|i'?ll (?:go|keep it|do it myself))\b(?=\s*(?:[,.!;]|$))"
    r"(?P<rest>[^?]*)$",
    re.IGNORECASE,
)


def _takes_back(convo: Convo) -> bool:
    state = convo.env.previous
    if state is None or state.turns_ago > 3 or asked(convo.previous_replies()) is not None:
        return False
    if state.wrote and state.turns_ago == 1:
        return False  # "scrap that" right after a write undoes the write
    text = normalise(convo.text)
    m = TAKE_BACK.match(text)
    if m is None or len(text.split()) > MAX_TAKE_BACK_WORDS:
        return False
    # "keep it, I'll go" gives a reason; "keep it, delete the other one" asks for more
    return not any(p.intent for p in _pieces(m["rest"].strip(" ,.!;"), convo.env.today))


MAX_TAKE_BACK_WORDS = 8


_ROW_CHANGES = frozenset({"update_expense", "update_event"})
# A change that names no row, only "it"/"that": "actually make that 5 days".
_IT_CHANGED = re.compile(
    r"^\W*(?:(?:ok|okay|oh|no|nah|sorry|actually|wait|hang on|hmm+|um)\b[\s,.!]*)*"
    r"(?:make|change|bump|push|move|put) (?:it|that|this)\b",
    re.IGNORECASE,
)


def _changed_request(convo: Convo, reading: Reading) -> Reading | None:
    """ "put it in the Gulf Travellers group instead" after a declined post, "and albany?"
    after a forecast: the previous message's request with this turn's values over its own
    (reframe.py), when this turn asks for nothing else."""
    if reading.pending is not None or asked(convo.previous_replies()) is not None:
        return None
    own = {r.tool for r in reading.requests}
    prev = _human_before(convo.history, convo.last)
    if len(own) > 1 or prev is None:
        return None
    earlier = _read(convo, prev, recent_kind(convo), 1).requests
    targets = [r for r in earlier if r.tool in own] if own else earlier
    if (
        not targets
        and own <= _ROW_CHANGES
        and _IT_CHANGED.match(convo.text)
        and earlier
        and all(r.tool in QUERIES for r in earlier)
    ):
        # "actually make that 5 days" after a forecast: the reading asked again with its
        # value changed, not a kept row changed (no row was named, none was just written)
        targets = earlier
    if (
        not targets
        and (no := declined_tool(convo))
        and (said_no := [r for r in earlier if r.tool == no])
    ):
        # "just put it in the X mob then" after a declined post: the post, not what the
        # words alone sound like
        targets = said_no
    if len(targets) != 1:
        return None
    target, state = targets[0], convo.env.previous
    carried_out = (  # a trip only worked out (not saved) wrote nothing: it may be asked again
        state is not None
        and state.action == target.tool
        and state.turns_ago == 1
        and state.filters.get("save") is not False
    )
    text = normalise(convo.text)
    if target.tool in WRITES and is_question(text) and not is_request(text):
        # "and the service goes in the expenses too?" after it was logged: a question of
        # the row just written, never the write again (asking.py: a question never writes)
        return None
    args = reframed(
        target.tool, (target.text, target.raw), (text, convo.text), carried_out, convo.env
    )
    if args is None:
        return None
    return Reading([Request(target.tool, text, convo.text, args)])


def _day_said_before(request: Request, earlier: list[Request], convo: Convo) -> str:
    """ "post that I'm driving to Stanthorpe on Tues, and put the drive in my calendar for
    6am": an event with no day of its own is on the day an earlier request of the same
    message named (" on <date>" to add to its text, else "")."""
    today = convo.env.today
    if request.tool != "create_event" or find_day(request.text, today, future=True):
        return ""
    for e in reversed(earlier):
        if (found := find_day(e.text, today, future=True)) and found.day >= today:
            return f" on {found.day.isoformat()}"
    return ""


# The turns whose one day an event said right after them is on, by the filter that gives it.
DAY_OF_TURN = {"list_events": "start_date", "plan_trip": "start_date"}


def _day_just_listed(text: str, convo: Convo) -> str:
    """ "anything on tomorrow?", then "good, pop in lunch with Deb at 12:30 then": an event
    with no day of its own, right after the calendar of one day was read, is on that day;
    so is "put it in the calendar, we leave at 7" right after a trip planned for a day
    (" on <date>" to add to its text, else "")."""
    prev, today = convo.env.previous, convo.env.today
    if prev is None or prev.action not in DAY_OF_TURN or prev.turns_ago != 1 or prev.day is None:
        return ""
    start, end = prev.filters.get(DAY_OF_TURN[prev.action]), prev.filters.get("end_date")
    if not start or (prev.action == "list_events" and end and str(end)[:10] != str(start)[:10]):
        return ""  # a week or a month was read: no one day the talk is about
    if find_day(text, today, future=True) or prev.day < today:
        return ""
    return f" on {prev.day.isoformat()}"


def _town_named(text: str) -> str | None:
    return named_town(text) or town_after_word(text)
