"""An elliptical follow-up that names another thing to read: "and tasks?" after the
calendar, "what about the shopping list?" after the pantry, "and the budget?" after a
spending summary, "how about the weather?" after a trip.

The message says only what it is about; the act is the previous turn's, a read. It is the
request "show me <what it names>" read with the single-message rules, when that is one
read of another tool. What the previous turn was about and the new read can take (its
period, place, vehicle or group) is carried over unless the message gives its own.
A follow-up that changes a value of the same read ("and fuel?" after a spending summary,
"and the month before?") is dialogue.follow_up's, read before this.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from agent.brain.asking import READ_OF, WRITES
from agent.brain.blend import rescue
from agent.brain.convo import Env
from agent.brain.dialogue import previous_place
from agent.brain.groceries import ITEMS
from agent.brain.ranges import PERIODS, find_range
from agent.brain.slots import EXTRACT
from tools.registry import ACTIONS_BY_NAME

_I = re.IGNORECASE
# The opening of a follow-up, then what it is about: "and tasks?", "ok what about my jobs".
_OPEN = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|cool|hmm+|oh|ah|thanks|ta|great|good|lovely|righto|sweet"
    r"|cheers|nice)\b[\s,.!]*)*"
    r"(?:and|and what about|and how about|what about|how about|what of|and also|also|plus"
    r"|same for|now)\b[\s,]*(?P<rest>.+?)[\s?.!]*$",
    _I,
)
MAX_REST = 6  # what the follow-up names is a few words; more is a request of its own
# Frames the named thing is read in, as the request the follow-up stands for.
FRAMES = ("show me {}", "what about {}?")
# The previous turn's filters a read of another tool may take, when it takes them.
CARRIED = ("start_date", "end_date", "vehicle", "group")
PLACE_ARG = {"weather_forecast": "location", "find_places": "near"}

GROCERY_STEMS = frozenset(w.rstrip("s") for w in ITEMS)
Reads = Callable[[str], list[str]]  # the tools the single-message rules read in a text


def _takes(tool: str) -> set[str]:
    return set(ACTIONS_BY_NAME[tool].args.model_fields)


def named_read(text: str, reads: Reads, *, guess: bool = True) -> str | None:
    """The one read tool a follow-up's words name ("tasks" → list_tasks), if one does: by
    the rules, else (`guess`) by the classifier when no word is a grocery."""
    m = _OPEN.match(text)
    if m is None or len(m["rest"].split()) > MAX_REST or re.search(r"\d", m["rest"]):
        return None  # (a figure is a value said: "and 2 loaves of bread")
    for frame in FRAMES:
        said = frame.format(m["rest"])
        tools = {t for t in reads(said) if t}
        if len(tools) == 1:
            tool = tools.pop()
            return None if tool in WRITES else tool
        if tools:
            return None
    if not guess:
        return None
    words = {w.lower().rstrip("s") for w in re.findall(r"[a-z]+", m["rest"], _I)}
    if words & GROCERY_STEMS:
        return None  # "and the milk": an item, whatever the classifier makes of it
    guessed = rescue(FRAMES[0].format(m["rest"]))
    return guessed if guessed and guessed not in WRITES else None


def other_read(
    text: str, env: Env, reads: Reads, *, guess: bool = True
) -> tuple[str, dict[str, Any]] | None:
    """The read a follow-up names, with what the previous turn was about carried over; None
    when the message asks for something of its own or names the previous read again."""
    prev = env.previous
    m = _OPEN.match(text)
    if prev is None or prev.turns_ago > 2 or m is None:
        return None
    own = {t for t in reads(text) if t}
    if own & WRITES or len(own) > 1:
        return None  # a request of its own
    tool = own.pop() if own else named_read(text, reads, guess=guess)
    if tool is None or tool == prev.action:
        return None
    args = dict(EXTRACT[tool](FRAMES[0].format(m["rest"]), env).args)
    takes = _takes(tool)
    said_range = find_range(m["rest"], env.today) is not None
    for key in CARRIED:
        value = prev.filters.get(key)
        if key in takes and key not in args and value and not said_range:
            args[key] = value
    period = prev.filters.get("period")
    fits = not said_range and "start_date" in takes and "start_date" not in args
    span = find_range(str(period).replace("_", " "), env.today) if period in PERIODS else None
    if fits and span is not None:
        args |= {"start_date": span.start.isoformat(), "end_date": span.end.isoformat()}
    if tool == "spending_summary" and "start_date" in args and "end_date" not in args:
        args.pop("start_date")  # a summary's span is both ends, else its period
    if (slot := PLACE_ARG.get(tool)) and slot not in args and (place := previous_place(env)):
        args[slot] = place
    return tool, args


# "what else is on there?", "what's on it now", "show me the list now", "whats on the trip
# list now": the rows of the kind just written, read back.
_ON_THERE = re.compile(
    r"^\W*(?:(?:and|ok(?:ay)?|so|right|cool|great|thanks)\b[\s,.!]*)*"
    r"(?:what(?:'s|s| is| else is|s else is|'s else)?|whats|show (?:me|us)|(?:and )?what else)"
    r"\s+(?:else\s+)?(?:is\s+|have (?:i|we) got\s+)?(?:on|in)\s+"
    r"(?:there|it|that|the list|that list|the (?P<what>[a-z-]+(?: [a-z-]+)?) list)"
    r"(?:\s+(?:now|then|atm|so far))?\W*$",
    _I,
)
# A plan is read back from the trips.
READ_BACK = {**READ_OF, "plan_trip": "list_trips"}

# Asking to see rows without naming them, right after a write: "read it back to me", "list
# them all", "can I see all of them?", "and the earlier ones?", "let's see the full list",
# "what did I put in before that?". Three parts, each said in many ways: an opening (none,
# "and", "ok", "thanks" …), an ask to see (or none, for "and the rest?"), and a pointer at
# the rows of the kind just written (it, them, the lot, everything, the earlier ones, the
# history …) — never a family's own word, which the rules read ("the shopping list").
_ACK = (
    r"(?:and|ok(?:ay)?|so|right|cool|great|good|thanks|ta|now|also|alright|sweet|perfect"
    r"|lovely|nice|cheers|righto|yep|yeah|oh|hmm+)"
)
_ASK_TO_SEE = (
    r"(?:(?:can|could|would) (?:you|ya|u) (?:please )?|please |pls )?"
    r"(?:read|show|list|give|tell|bring up|pull up|run through|go through|go over|display)"
    r"(?: (?:me|us))?"
    r"|(?:can|could|may) (?:i|we) (?:see|have a look at|get|look at)"
    r"|let(?:'s| me| us) (?:see|have a look at|look at)"
    r"|i(?:'d| would) like to see|i want to see"
    r"|what (?:have|did) (?:i|we) (?:got|put|add|added|log|logged|enter|entered|write|written)"
    r"(?: (?:in|on|down))?"
)
# Pointers at a whole collection stand alone ("and the rest?"); a pronoun needs the ask
# ("list them", not "them").
_COLLECTION = (
    r"(?:everything|the lot|the whole lot|all of (?:it|them)|the lot of them"
    r"|the (?:full |whole |complete )?list|the rest|the others|the other ones|the history"
    r"|the (?:earlier|older|old|previous|last|past|other) (?:ones|few|entries|readings|values"
    r"|figures|numbers|lot)"
    # a count of them: "the last 5 readings", "the past three entries", "the latest ten"
    r"|the (?:earlier|previous|last|latest|past|recent|most recent) (?:\d{1,2}|two|three"
    r"|four|five|six|seven|eight|nine|ten|twelve|twenty|few)"
    r"(?: (?:ones|entries|readings|values|figures|numbers|records|logs|rows|checks))?)"
    # of the row just written: "for it", "of them", "on that"
    r"(?: (?:for|of|on) (?:it|them|that|this|that one|her|him))?"
)
_PRONOUN = r"(?:it|them|that|those|these|there|all)"
_TAIL = (
    r"(?:\s+(?:(?:on|in) (?:there|it)|back|to (?:me|us)|now|so far|then|atm|again"
    r"|before (?:that|this|it)|all|in full|please|pls|thanks|ta))*"
)
_OPENING = rf"^\W*(?:{_ACK}\b[\s,.!]*)*"
_SEE_THEM = re.compile(
    rf"{_OPENING}(?:(?:{_ASK_TO_SEE})\s+)?(?:in\s+|on\s+)?{_COLLECTION}{_TAIL}\W*$"
    rf"|{_OPENING}(?:{_ASK_TO_SEE})\s+{_PRONOUN}(?:\s+all)?{_TAIL}\W*$"
    rf"|{_OPENING}(?:{_ASK_TO_SEE}){_TAIL}\W*$",
    _I,
)


# What is inside one group, asked right after a turn about it: "what's in there?", "show me
# what else is in that group", "anything else going on in it?". Its posts, not the list of
# groups.
_IN_THE_GROUP = re.compile(
    rf"{_OPENING}(?:(?:{_ASK_TO_SEE})\s+)?"
    r"(?:what(?:'s|s| is| has)?|anything|something|what else|who(?:'s| is)?)"
    r"(?:\s+else)?(?:\s+(?:is|'s|has been|been|got|there|going on|happening|new|posted|said))*"
    r"\s+(?:in|on|inside)\s+(?:there|it|that group|this group|the group|that one)\b"
    r"(?:\s+(?:now|then|atm|so far|lately|at the moment))?\W*$",
    _I,
)
# The turns about one group, and the argument that names it.
_GROUP_TURNS = {
    "join_group": "group", "create_group": "name", "create_post": "group",
    "review_join_requests": "group", "get_feed": "group",
}  # fmt: skip


def group_inside(text: str, env: Env) -> tuple[str, dict[str, Any]] | None:
    """ "what's in there?" after a group was joined, made or posted in: its feed."""
    prev = env.previous
    if prev is None or prev.turns_ago > 2 or (key := _GROUP_TURNS.get(prev.action)) is None:
        return None
    group = prev.filters.get(key)
    if not isinstance(group, str) or not group or not _IN_THE_GROUP.match(text):
        return None
    return "get_feed", {"group": group}


# How many rows a read back asks for: "the last 5 readings", "the past three" (number words
# are figures by now: textutil.normalise).
_COUNTED = re.compile(r"\b(?:last|latest|past|recent|previous|earlier) (\d{1,2})\b", _I)


def what_else(text: str, env: Env) -> tuple[str, dict[str, Any]] | None:
    """ "and whats else is on there" after a task was added: the tasks, read back."""
    if inside := group_inside(text, env):
        return inside
    prev = env.previous
    m = _ON_THERE.match(text)
    if prev is None or prev.turns_ago != 1 or not prev.wrote:
        return None
    if m is None:
        tool = READ_BACK.get(prev.action)
        if not (tool and _SEE_THEM.match(text)):
            return None
        count = _COUNTED.search(text)
        if count and "limit" in _takes(tool):
            return tool, {"limit": int(count[1])}
        return tool, {}
    tool = READ_BACK.get(prev.action)
    if tool is None:
        return None
    if (what := m["what"]) and not any(
        w.rstrip("s") in f"{prev.action} {tool}".replace("_", " ") for w in what.split()
    ):
        return None  # "the shopping list" after a task: that list, the rules' to read
    return tool, {}


# Which vehicle is the default, asked of the one just talked about: "is that the default
# now?", "is it my main one?", "did it become the primary?" (no vehicle word said: the
# vehicle is the row the turn before wrote or showed).
_DEFAULT_ASKED = re.compile(
    r"^\W*(?:(?:and|so|ok(?:ay)?|right|oh|cool)\b[\s,]*)*(?:is|was|did|has|does)\s+"
    r"(?:that|it|this|she|he|that one|this one|the new one)\s+(?:now\s+)?(?:become\s+|the\s+|my\s+"
    r"|our\s+)*(?:default|main|primary|usual)(?:\s+(?:one|vehicle|car|van|rig))?(?:\s+now)?\W*$",
    _I,
)


def default_asked(text: str, env: Env) -> tuple[str, dict[str, Any]] | None:
    """ "is that the default now?" right after a vehicle was added or shown: the vehicles,
    whose list says which is the default."""
    prev = env.previous
    if prev is None or prev.turns_ago > 2 or not _DEFAULT_ASKED.match(text):
        return None
    rows = [*prev.rows, *prev.written]
    if not any(r.get("kind") == "vehicle" for r in rows) and "vehicle" not in prev.action:
        return None
    return "list_vehicles", {}
