"""A tool call in the making: its arguments so far, what is missing, what it refers to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from agent.brain.asking import POLITE_FRAME
from agent.brain.money import as_number
from agent.brain.textutil import capitalise, squash


@dataclass(frozen=True)
class Ref:
    """An id the call needs from something shown earlier ("that one", "the first post")."""

    kind: str  # expense, event, task, post
    arg: str  # the argument it fills: expense_id, event_id, ...
    ordinal: int | None = None
    words: tuple[str, ...] = ()
    amount: Decimal | None = None
    explicit: str | None = None  # an id the user typed ("delete expense 3f2a...")


@dataclass
class Draft:
    tool: str
    args: dict[str, Any] = field(default_factory=dict)
    missing: str | None = None  # the one slot to ask about
    ref: Ref | None = None
    # Values an update applies relative to the row it changes (a new time on the old day).
    relative: dict[str, Any] = field(default_factory=dict)
    after: int | None = None  # the request of this message whose call must run first
    note: str | None = None  # said after the call has run ("repeats aren't supported …")
    reads: str | None = None  # what a question asks of a reading's result ("top": the biggest)

    def put(self, key: str, value: Any) -> None:
        if value is None or value == "" or value == []:
            return
        self.args[key] = as_number(value) if isinstance(value, Decimal) else value


# A change of mind said in passing ("on second thoughts, take that one out"): no row's
# position ("second") and no words that describe it.
_CHANGE_OF_MIND = re.compile(
    r"\b(?:on (?:second|2nd) thoughts?|second thoughts|having thought about it"
    r"|come to think of it|thinking about it)\b",
    re.IGNORECASE,
)


def without_change_of_mind(text: str) -> str:
    return _CHANGE_OF_MIND.sub(" ", text)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans replaced by spaces (positions stay valid)."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


_FILLER = re.compile(
    r"^(?:(?:i've|we've|i'd like to|i want to|i need to|i'd like|i want|i'm|we're|please|pls"
    r"|hey|ok|okay|oh|so|and|also|then|can you|could you|would you|pam|just|i|we|go ahead and"
    r"|mate|(?:make a )?note (?:down )?that|jot down that|record that|log that)\b[\s,]*)+",
    re.IGNORECASE,
)


# Filler is stripped from the end of a phrase within its last TAIL_WORDS words (and
# TAIL_CHARS characters). Over a whole text the pattern cost O(n^2) (tried from every
# word of a long run of filler, each try reading to the run's end: "... about" + " in" *
# 1,000 + " x" took 10 s), or worse where filler words overlap ("remind me" + "to" or
# "remind me to": each way of splitting a run tried, 2^n).
TAIL_WORDS = 12
TAIL_CHARS = 300


def _tail_start(text: str) -> int:
    words = [m.start() for m in re.finditer(r"\S+", text)]
    start = words[-TAIL_WORDS] if len(words) > TAIL_WORDS else 0
    return max(start, len(text) - TAIL_CHARS, 0)


# An answer to what was just shown, before the request: "good, pop in lunch …" (with its
# comma: "Great Barrier Reef tour" keeps its word).
_ACK = re.compile(
    r"^(?:good|great|sweet|perfect|cool|right|alright|all good|lovely|nice|excellent|ta"
    r"|thanks|cheers)\s*[,!.]+\s*",
    re.IGNORECASE,
)


def tidy(text: str, strip: str = "") -> str:
    """A readable leftover phrase: filler and `strip` words cut from the ends."""
    text = _ACK.sub("", squash(text))
    text = POLITE_FRAME.sub("", text, count=1).lstrip(" ,")
    text = _FILLER.sub("", text)
    if strip:
        text = re.sub(rf"^(?:(?:{strip})\b[\s,]*)+", "", text, flags=re.IGNORECASE)
        tail = re.compile(rf"(?:[\s,]*\b(?:{strip}))+$", re.IGNORECASE)
        if m := tail.search(text, _tail_start(text)):
            text = text[: m.start()]
    text = re.sub(r"\s+([,.!?])", r"\1", text)
    text = re.sub(r"\s*[(\[]\s*[)\]]", "", text)  # brackets emptied of the values they held
    return capitalise(squash(text))
