"""Splitting a message into the requests it makes ("log $30 for groceries and remind me to
call Mum tomorrow at 10" is two), keeping lists and trailing details with their request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from agent.brain.intents import Candidate, classify
from agent.brain.money import best_amount

_SEP = re.compile(
    r"(?:[.;!?]+\s+|\n+|,?\s+(?:and then|and also|then|also|plus|as well as|after that|oh and)\s+"
    r"|,?\s+and\s+|,\s+)",
    re.IGNORECASE,
)
# Requests whose text runs to the end of the message: a post, a note, a comment.
GREEDY = {"create_post", "comment_on_post", "remember", "create_group"}
TRAILING = {"add_pantry_item"}  # its detail can trail in its own clause: "..., use by Friday"
WEAK = 6  # a request read from its details alone, without a trigger phrase
# Requests a message can make twice ("$50 on fuel and $30 on groceries").
REPEATABLE = {"add_expense", "add_income", "create_event", "add_task", "add_pantry_item"}


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


def _joins(prev: Candidate | None, new: Candidate | None, before: str, chunk: str) -> bool:
    if prev is None or new is None or prev.tool in GREEDY:
        return True
    if prev.tool != new.tool:
        return False
    if prev.tool not in REPEATABLE or (not _complete(new.tool, chunk) and new.tool in TRAILING):
        return True
    # "bought milk" + "bread for $12" is one purchase; "log an expense" is its own.
    weak = min(prev.score, new.score) <= WEAK
    return weak and not (_complete(prev.tool, before) and _complete(new.tool, chunk))


def split(text: str, today: date, recent_kind: str | None = None) -> list[Piece]:
    """The message's requests in order; text without a request joins its neighbour."""
    bounds = [0]
    for m in _SEP.finditer(text):
        bounds += [m.start(), m.end()]
    bounds.append(len(text))
    segments: list[tuple[int, int, Candidate | None]] = []
    for i in range(0, len(bounds), 2):
        start, end = bounds[i], bounds[i + 1]
        chunk = text[start:end]
        if not chunk.strip():
            continue
        intent = classify(chunk, today, recent_kind)
        if segments:
            s0, e0, prev = segments[-1]
            if _joins(prev, intent, text[s0:e0], chunk):
                segments[-1] = (s0, end, prev or intent)
                continue
        segments.append((start, end, intent))
    pieces = []
    for start, end, _intent in segments:
        chunk = text[start:end].strip()
        pieces.append(Piece(chunk, classify(chunk, today, recent_kind)))
    return pieces
