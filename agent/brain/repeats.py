"""A repeat said with an event or a task ("every sunday", "each morning", "weekly"). No tool
in TOOLS.md repeats a row, so the brain writes the one next occurrence, cuts the repeat's
words from the title, and says plainly that it is set once (`note`)."""

from __future__ import annotations

import re
from datetime import date

from tools.format import day_label

_I = re.IGNORECASE
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_REPEAT = re.compile(
    r"\b(?:every|each|evry|ever)\s+(?:other\s+|second\s+|single\s+|\d+\s+)?"
    rf"(?P<unit>{_DAYS}|mon|tues|tue|wed|thurs|thu|fri|sat|sun|day|night|morning|mornin"
    r"|evening|arvo|afternoon|week|fortnight|month|year|weekday|weekend)s?\b"
    rf"|\bon\s+(?P<plural>{_DAYS})s\b"
    # an adverb of repeat at the end of what is asked ("the weekly shop" is a kind of shop)
    r"|\b(?:daily|nightly|weekly|fortnightly|monthly|yearly|annually)\b"
    r"(?=\s*(?:$|[,.!?;]|at\b|on\b|from\b|starting\b|please\b|pls\b))",
    _I,
)


def said(text: str) -> re.Match[str] | None:
    """Where a repeat is said, if it is."""
    return _REPEAT.search(text)


def singular(text: str) -> str:
    """ "on mondays" read as "on monday " (same length, so positions stay): its next one."""
    return re.sub(rf"\b(on\s+(?:{_DAYS}))s\b", r"\1 ", text, flags=_I)


def on_a_weekday(m: re.Match[str]) -> bool:
    """Whether the repeat names a day of the week ("every sunday", "on mondays")."""
    return bool(m["plural"]) or (m["unit"] or "").lower()[:3] in {d[:3] for d in _DAYS.split("|")}


def note(
    day: date | None, today: date | None = None, *, weekday: bool = False, task: bool = False
) -> str:
    """What the reply says after writing one row for a repeat."""
    if task:
        return "Repeats aren't supported yet, so that's one task, not a repeating one."
    if day is None:
        return "Repeats aren't supported yet, so that's set once only."
    dated = day_label(day, today or day)
    named = _DAYS.split("|")[day.weekday()].capitalize()  # not %A: replies don't follow the locale
    when = f"the next {named} ({dated})" if weekday else f"{named} {dated}"
    return f"Repeats aren't supported yet, so that's set for {when} only."
