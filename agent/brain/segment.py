"""Splitting a message into the requests it makes ("log $30 for groceries and remind me to
call Mum tomorrow at 10" is two), keeping lists and trailing details with their request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import islice

from agent.brain.dates import find_day
from agent.brain.intents import Candidate, classify
from agent.brain.money import best_amount

# The lookbehinds: a run of stops or blanks is tried from its start only, not again from
# each of its n characters (each try reading the rest of the run: ";" * 4,000 or " \n" *
# 2,000 cost O(n^2)). The matches are the same, but for an "and"/"then" right after a
# line break and a space: it stays with its clause (which reads a leading "and" anyway).
_SEP = re.compile(
    r"(?:(?<![.;!?])[.;!?]+\s+|\n+|,?(?<!\s)\s+(?:and then|and also|then|also|plus|as well as"
    r"|after that|oh and)\s+|,?(?<!\s)\s+and\s+|,\s+)",
    re.IGNORECASE,
)
# Requests whose text runs to the end of the message: a post, a note, a comment.
GREEDY = {"create_post", "comment_on_post", "remember", "create_group"}
TRAILING = {"add_pantry_item"}  # its detail can trail in its own clause: "..., use by Friday"
WEAK = 6  # a request read from its details alone, without a trigger phrase
# Requests a message can make twice ("$50 on fuel and $30 on groceries").
REPEATABLE = {"add_expense", "add_income", "create_event", "add_task", "add_pantry_item"}
# Each clause is read on its own and against the clauses before it: past this many, the
# rest of a message stays in its last clause, so "1, 2, 3, ..." x 2,500 costs no more.
MAX_CLAUSES = 50


@dataclass(frozen=True)
class Piece:
    text: str
    intent: Candidate | None


def _complete(tool: str, text: str) -> bool:
    """Whether a piece has its tool's main value (so "coffee and cake for $12" merges)."""
    if tool in ("add_expense", "add_income"):
        return best_amount(text) is not None
    if tool == "add_pantry_item":  # "..., use by Friday" finishes the item before it
        return not re.match(r"\s*(?:use|best|expir|goes|going|good)", text, re.IGNORECASE)
    if tool == "create_event":
        return bool(re.search(r"\d|tomorrow|today|tonight|day\b", text, re.IGNORECASE))
    return True


# Requests whose details often follow in clauses of their own ("add our car: 2019
# LandCruiser, diesel, 140 L across both tanks"; "oil change at 185,000 km, cost $289").
DETAILED = {"add_vehicle", "log_maintenance", "log_fuel", "save_place", "plan_trip"}
# A clause that asks for something: it starts with a request verb or a question word.
_ASKS = re.compile(
    r"^(?:and |then |also |oh |so )*(?:please |can you |could you |pls )?(?:log|add|put|stick"
    r"|chuck|pop|remind|set|book|plan|show|tell|what|what's|whats|how|when|where|which|who|is"
    r"|are|do|does|check|save|find|record|delete|remove|cancel|schedule|list|post|share|join"
    r"|like|comment|mark|tick|create|make|start|give|get|filled|fill|spent|paid|bought|got"
    r"|remember|note|move|change|update)\b",
    re.IGNORECASE,
)
# "put it in the calendar", "post that for everyone": the clause before is what it means.
_POINTER = re.compile(
    r"^(?:and |then |also |so )*(?:please |can you |could you |would you )?(?:(?:put|add|stick|pop"
    r"|chuck|post|share|publish|save|book|pin|pencil)\s+(?:it|that|this|them)\b"
    # "... should be the 3rd. Could you fix the date on that one?": the change said before
    r"|(?:fix|change|update|correct|amend|sort)\s+(?:the\s+\w+\s+(?:on|of|for|in)\s+)?"
    r"(?:it|that|this|them)\b)",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"\b(?:all up|in total|all together|altogether|total(?: of| was| is)?)\b", re.I)
# Clauses that are a detail of the request before them, whatever they sound like alone.
_DETAIL_OF = {
    "save_place": re.compile(r"^(?:and )?(?:share|make it public|keep it)\b", re.I),
    # "add a task: check the tyres, high priority": the priority is the task's
    "add_task": re.compile(
        r"^(?:and |it's |its |make it |mark it |set it )?(?:(?:high|low|top|medium|normal)"
        r"(?: priority)?|urgent|asap|no rush|not urgent)[.!]?$",
        re.I,
    ),
}


# Words that say only when or how money moved ("paid yesterday", "came in on Monday",
# "cash"): a clause of nothing else is the date of the amount before it.
_WHEN_WORDS = re.compile(
    r"\b(?:paid|got paid|was paid|received|came in|came through|landed|arrived|went out"
    r"|it was|that was|was|were|on|in|by|cash|in cash|bank transfer|transfer|eftpos|card"
    r"|the|just|back|it|me|us)\b",
    re.IGNORECASE,
)


MONEY = ("add_expense", "add_income")


def _only_when(chunk: str, today: date) -> bool:
    day = find_day(chunk, today, future=False)
    if day is None:
        return False
    rest = chunk[: day.start] + " " + chunk[day.end :]
    return not re.sub(r"[\s,.!]+", "", _WHEN_WORDS.sub(" ", rest))


def _is_detail(prev: Candidate, chunk: str, today: date) -> bool:
    own = _DETAIL_OF.get(prev.tool)
    if own and own.match(chunk.strip()):
        return True
    if prev.tool in MONEY and _only_when(chunk, today):
        return True
    return prev.tool in DETAILED and not _ASKS.match(chunk.strip())


def _greedy_ends(before: str, chunk: str) -> bool:
    """A post or note whose words were not set off by a colon or quotes ends where a clause
    asks for something else ("post in Grey Nomads that ..., and log $22 for chips")."""
    return not re.search(r"[:\"“]", before) and bool(_ASKS.match(chunk.strip()))


def _joins(prev: Candidate | None, new: Candidate | None, before: str, chunk: str) -> bool:
    if prev is None or new is None:
        return True
    if prev.tool in GREEDY:
        return not _greedy_ends(before, chunk)
    if (own := _DETAIL_OF.get(prev.tool)) and own.match(chunk.strip()):
        return True
    if prev.tool in ("add_expense", "add_income") and _TOTAL.search(chunk):
        return True  # "$42 a night, we did 2 nights so 84 all up": the total of the same
    if prev.tool != new.tool:
        return False
    if prev.tool not in REPEATABLE or (not _complete(new.tool, chunk) and new.tool in TRAILING):
        return True
    if not _complete(prev.tool, before) and _complete(new.tool, chunk):
        return True  # "paid the Optus bill, $65 for the month": the amount comes after
    # "bought milk" + "bread for $12" is one purchase; "log an expense" is its own.
    weak = min(prev.score, new.score) <= WEAK
    return weak and not (_complete(prev.tool, before) and _complete(new.tool, chunk))


# "log 3 things: bread n milk 9.40, campsite 28, and 60 of diesel": a list of purchases,
# one expense per item with an amount.
_EXPENSE_LIST = re.compile(
    r"^\s*(?:(?:please |can you |could you )?(?:log|add|record|put down|jot down|enter)\s+"
    r"(?:\d+\s+(?:things|items|expenses|purchases|bits)|these|the following|a few things|some"
    r" expenses)|(?:today'?s |yesterday'?s )?(?:expenses|spending|purchases))"
    r"\s*[:\-]\s*(?P<items>.+)$",
    re.IGNORECASE,
)


def _expense_list(text: str) -> list[Piece] | None:
    m = _EXPENSE_LIST.match(text)
    if m is None:
        return None
    items = [
        i
        for i in re.split(
            r"\s*(?:,|;)\s*(?:and\s+)?|\s+and\s+(?=\S*\d)|(?<=\d)\s+and\s+", m["items"]
        )
        if i
    ]
    if len(items) < 2 or not all(best_amount(i, loose=True) for i in items):
        return None
    return [Piece(item, Candidate("add_expense", WEAK + 1)) for item in items]


def split(text: str, today: date, recent_kind: str | None = None) -> list[Piece]:
    """The message's requests in order; text without a request joins its neighbour."""
    if listed := _expense_list(text):
        return listed
    bounds = [0]
    for m in islice(_SEP.finditer(text), MAX_CLAUSES - 1):
        bounds += [m.start(), m.end()]
    bounds.append(len(text))
    segments: list[tuple[int, int, Candidate | None, Candidate | None]] = []
    for i in range(0, len(bounds), 2):
        start, end = bounds[i], bounds[i + 1]
        chunk = text[start:end]
        if not chunk.strip():
            continue
        intent = classify(chunk, today, recent_kind)
        if segments:
            s0, e0, prev, forced = segments[-1]
            detail = prev is not None and _is_detail(prev, chunk, today)
            if intent and _POINTER.match(chunk.strip()) and not detail:
                segments[-1] = (s0, end, intent, intent)  # the clause's request, with its words
                continue
            if prev and intent and detail and (intent.tool != prev.tool or prev.tool in MONEY):
                segments[-1] = (s0, end, prev, forced or prev)  # its details stay its own
                continue
            if _joins(prev, intent, text[s0:e0], chunk):
                segments[-1] = (s0, end, prev or intent, forced)
                continue
        segments.append((start, end, intent, None))
    pieces = []
    for start, end, _intent, forced in segments:
        chunk = text[start:end].strip()
        intent = forced or classify(chunk, today, recent_kind)
        if intent and intent.tool == "add_pantry_item":
            pieces += [Piece(one, intent) for one in _stock(chunk)]
        else:
            pieces.append(Piece(chunk, intent))
    return pieces


_STOCK = re.compile(
    r"^(?P<lead>(?:(?:the )?(?:pantry|cupboard|fridge|freezer)\s*[:-]\s*)|.*?\b(?:got|have|bought"
    r"|add|put|stocked up on|picked up|there'?s|there are)\s+)?"
    r"(?P<items>.+?)"
    r"(?P<tail>\s+(?:in|into|to) (?:the|my|our) (?:pantry|cupboard|fridge|freezer)\b.*)?$",
    re.IGNORECASE,
)
_NEXT_ITEM = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:a|an|some|\d+(?:\.\d+)?)\b)", re.I)


def _stock(chunk: str) -> list[str]:
    """ "3 tins of tuna and a bag of pasta in the cupboard": one request per item, each
    with the words around the list ("we've got ... in the cupboard")."""
    m = _STOCK.match(chunk)
    items = _NEXT_ITEM.split(m["items"]) if m else []
    if not m or len(items) < 2:
        return [chunk]
    return [f"{m['lead'] or ''}{item}{m['tail'] or ''}" for item in items if item.strip()]
