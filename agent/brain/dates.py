"""Dates and times from everyday words, against the run's clock ("yesterday", "next
Tuesday at 2pm", "in 3 days", "on the 3rd"). Relative words are worked out here so their
meaning is fixed and documented; written dates ("3 March", "12/4") go through dateparser.

Conventions: "next Friday" and "this Friday" are the coming Friday (as dateparser reads
them); a bare weekday is the most recent one for past things and the coming one for
future things (a week away when it is today); a written date without a year is the
nearest one in the preferred direction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from agent.brain.calendar_words import count_of, nth_day, shift, weekday, written
from agent.brain.clock import add_months, month_number

_I = re.IGNORECASE
_WD_FULL = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WD = rf"{_WD_FULL}|mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun"
MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
MONTHS += r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_COUNT = r"(\d+|an?|couple of|few)"


@dataclass(frozen=True)
class DayHit:
    day: date
    start: int
    end: int


_RULES: list[tuple[re.Pattern[str], str]] = [
    # "Monday week", "tomorrow week": a week after the coming one (Australian, British)
    (re.compile(rf"\b({_WD_FULL}|tomorrow)\s+week\b", _I), "day_week"),
    (re.compile(r"\b(?:the\s+)?day before yesterday\b", _I), "before_yesterday"),
    (re.compile(r"\b(?:the\s+)?day after tomorrow\b", _I), "after_tomorrow"),
    (re.compile(r"\b(?:yesterday|yday|yest|last night)\b", _I), "yesterday"),
    (
        re.compile(r"\b(?:tomorrow|tmrw|tmr|tomoz|2moro|tomorow|tommorow|tommorrow)\b", _I),
        "tomorrow",
    ),
    (
        re.compile(r"\b(?:today|tonight|tonite|this (?:morning|arvo|afternoon|evening))\b", _I),
        "today",
    ),
    (re.compile(rf"\b{_COUNT}\s+(days?|weeks?|fortnights?|months?|years?)\s+ago\b", _I), "ago"),
    (
        re.compile(
            rf"\bin\s+{_COUNT}\s+(days?|weeks?|fortnights?|months?|years?)(?:'? time)?\b", _I
        ),
        "in",
    ),
    (re.compile(r"\b(last|next|this) (week|fortnight|month|year)\b", _I), "rel_unit"),
    (re.compile(r"\b(?:(last|next|this|this coming) )?(?:the )?weekend\b", _I), "weekend"),
    (re.compile(r"\b(end|start|beginning) of (?:the |this |next )?month\b", _I), "month_edge"),
    (re.compile(rf"\b{_ORD}(?:\s+of)?\s+({MONTHS})\b,?(?:\s+(\d{{4}}))?", _I), "written"),
    (
        re.compile(
            rf"\b({MONTHS})\s+(?:the\s+)?{_ORD}\b(?!\s*(?:am|pm|:|km|l\b))(?:,?\s+(\d{{4}}))?", _I
        ),
        "written",
    ),
    (re.compile(r"\b(\d{4}-\d{2}-\d{2})\b"), "iso"),
    (re.compile(r"(?<![\d/.$])(\d{1,2}/\d{1,2}(?:/\d{2,4})?)(?![\d/])"), "written"),
    # "Wednesday the 18th": the date, which the weekday only confirms
    (
        re.compile(rf"\b(?:{_WD_FULL}),?\s+(?:the\s+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)\b", _I),
        "weekday_nth",
    ),
    (re.compile(r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b", _I), "nth"),
    (re.compile(r"\bon\s+(\d{1,2})(?:st|nd|rd|th)\b", _I), "nth"),
    (re.compile(rf"\b(last|next|this coming|this|coming)\s+({_WD})\b", _I), "weekday"),
    (re.compile(rf"\b({_WD_FULL})(?:\s+(just gone|last|gone))?\b", _I), "bare_weekday"),
    (
        re.compile(r"\bon\s+(mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun)\b", _I),
        "bare_weekday",
    ),
    # Abbreviations on their own: those that are no other word ("thurs", "wed arvo"), and
    # "mon"/"sat"/"sun" only before a time of day ("sat at 6", "sun morning").
    (re.compile(r"\b(tues|tue|weds|wed|thurs|thur|thu|fri)\b\.?(?!')", _I), "bare_weekday"),
    (
        re.compile(
            r"\b(mon|sat|sun)\b\.?(?=\s+(?:arvo|morning|mornin|night|evening|afternoon|lunch"
            r"|at\s+\d|\d{1,2}(?::\d\d)?\s*(?:am|pm)\b))",
            _I,
        ),
        "bare_weekday",
    ),
]


def _resolve(kind: str, m: re.Match[str], today: date, future: bool) -> date | None:
    simple = {"before_yesterday": -2, "after_tomorrow": 2, "yesterday": -1, "tomorrow": 1}
    if kind in simple:
        return today + timedelta(days=simple[kind])
    if kind == "today":
        return today
    if kind in ("ago", "in"):
        return shift(today, count_of(m[1]) * (-1 if kind == "ago" else 1), m[2])
    if kind == "rel_unit":
        step = {"last": -1, "next": 1, "this": 0}[m[1].lower()]
        return shift(today, step, m[2])
    if kind == "weekend":
        mode = (m[1] or "this").lower()
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today - timedelta(days=1)
        return saturday + timedelta(days={"last": -7, "next": 7}.get(mode, 0))
    if kind == "month_edge":
        month = add_months(today.replace(day=1), 1 if "next" in m[0].lower() else 0)
        return month if m[1].lower() != "end" else add_months(month, 1) - timedelta(days=1)
    if kind == "iso":
        return date.fromisoformat(m[1])
    if kind == "nth":
        return nth_day(today, int(m[1]), future)
    if kind == "weekday_nth":
        return nth_day(today, int(m["n"]), future)
    if kind == "weekday":
        return weekday(today, m[2], m[1].lower(), future)
    if kind == "day_week":
        first = today + timedelta(days=1) if m[1].lower() == "tomorrow" else None
        return (first or weekday(today, m[1], "bare", True)) + timedelta(days=7)
    if kind == "bare_weekday":
        return weekday(today, m[1], "last" if m.lastindex == 2 and m[2] else "bare", future)
    if kind == "written" and month_number(m[0]) is None and "/" not in m[0]:
        return None
    return written(m[0], today, future)


def find_day(text: str, today: date, *, future: bool) -> DayHit | None:
    """The first date phrase in `text` (by position), resolved."""
    hits: list[DayHit] = []
    for pattern, kind in _RULES:
        for m in pattern.finditer(text):
            # One starting after the first hit so far can neither come first nor keep an
            # earlier one out (that one would overlap the hit too): not resolved, so a
            # message of 1,000 dates costs a handful of resolutions, not 1,000.
            if hits and m.start() >= hits[-1].start:
                break
            if any(h.start <= m.start() < h.end or m.start() <= h.start < m.end() for h in hits):
                continue
            day = _resolve(kind, m, today, future)
            if day is not None:
                hits.append(DayHit(day, m.start(), m.end()))  # the first so far
    return hits[-1] if hits else None


# Ranges use two; each one found costs a pass over the text, so a text of 1,000 dates
# is not 1,000 passes.
MAX_DAYS = 8


def all_days(text: str, today: date, *, future: bool) -> list[DayHit]:
    """Every date phrase (the first MAX_DAYS), in order (for "from X to Y")."""
    found: list[DayHit] = []
    rest = text
    while len(found) < MAX_DAYS and (hit := find_day(rest, today, future=future)):
        found.append(hit)
        rest = rest[: hit.start] + " " * (hit.end - hit.start) + rest[hit.end :]
    return sorted(found, key=lambda h: h.start)
