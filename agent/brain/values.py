"""The values of a message, one reader per kind: amounts, days, periods, clock times and
lead times.

Each kind has one reader, shared by every tool that takes that kind of value: the slot
fillers ask this module (`amount`, `day`, `period`, `clock_span`, `lead_minutes`) instead of
reading a figure their own way, so a form learnt for one tool (a "1.2k" cost, "the weekend
just gone", "from 9 till half 10") is read for all. Numbers are read once, by
`textutil.normalise` (words) and `numbers` (digits and shorthand); the kinds here decide
what a figure is."""

from __future__ import annotations

import re
from datetime import date, time

from agent.brain import figures, measures
from agent.brain.calendar_words import numeric
from agent.brain.dates import DayHit, all_days, find_day
from agent.brain.money import Amount, best_amount
from agent.brain.ranges import Range, find_range
from agent.brain.times import TimeHit, find_time, time_range

_I = re.IGNORECASE


def amount(text: str, *, loose: bool = False) -> Amount | None:
    """The amount a money request is about (explicit, then cued by a money word, then, when
    `loose`, a bare figure; "1.2k" is 1200 in each)."""
    return best_amount(text, loose=loose)


def day(text: str, today: date, *, future: bool, clock: bool = True) -> DayHit | None:
    """The day a request is about; for a tool with no time of day (`clock` False), "at 3.12"
    is a dotted day and month too, as much of the world writes a date ("I got 350 from
    tutoring at 3.12")."""
    if found := find_day(text, today, future=future):
        if _ROUGH.fullmatch(text[found.start : found.end]):
            # "next month's trip ... starting the 3rd of January": a month or a week named
            # as a whole is rough; an exact day said beside it is the day
            exact = [d for d in all_days(text, today, future=future) if d.start != found.start]
            exact = [d for d in exact if not _ROUGH.fullmatch(text[d.start : d.end])]
            if exact:
                return exact[0]
        return found
    return None if clock else dotted_day(text, today, future=future)


_ROUGH = re.compile(r"(?:next|this|coming|the following)\s+(?:month|week|year)(?:'s)?", _I)


def dotted_day(text: str, today: date, *, future: bool) -> DayHit | None:
    """ "at 3.12", "dated 1.12": a day and month set off by a dot (for tools with no time)."""
    m = _AT_DOTTED.search(text)
    if m and (said := numeric(int(m[1]), int(m[2]), None, today, future)):
        return DayHit(said, m.start(), m.end())
    return None


_AT_DOTTED = re.compile(
    r"\b(?:at|dated)\s+(\d{1,2})\.(0?[1-9]|1[0-2])(?!\d|[.,]\d|\s*(?:am|pm|a\.m|p\.m|h\b|hrs"
    r"|hours|o'?clock|dollars?|bucks?|euros?|a\b|an\b|per\b|each\b|/|km|l\b|litres?|kg))",
    _I,
)


def period(text: str, today: date, *, future: bool = False) -> Range | None:
    """The span a request asks about: named ("the weekend just gone", "the rest of the
    month"), counted ("the last 3 months"), open ("since the 3rd"), or between two days."""
    return find_range(text, today, future=future)


# "from 9 till half 10", "between 2 and quarter past 3": two clock times, each read by the
# clock reader on its own, with a word of range between them.
_SPAN = re.compile(
    r"\b(?P<lead>from|between)\s+(?P<a>[^,;]{1,30}?)\s*(?:till|til|until|to|-|and)\s+"
    r"(?P<b>(?:half|quarter|\d{1,2}|noon|midday|midnight)[^,;]{0,30})",
    _I,
)
# "0700 sharp till 1530", "7:30am to 4pm": with no "from", the first end must be a clock time
# by its form (a 24-hour clock, a colon or am/pm), not a bare figure ("20 to 30 people").
_BARE_SPAN = re.compile(
    # (not a written date: "2026-03-19" is no "20:26 to 3")
    r"(?<![\w:.\-/+])(?P<a>(?:[01]\d|2[0-3])[0-5]\d|\d{1,2}:[0-5]\d(?:\s*[ap]\.?m\.?)?"
    r"|\d{1,2}\s*[ap]\.?m\.?"
    # a bare hour when the end has its minutes ("9 to 11:30")
    r"|\d{1,2}(?=\s*(?:till|til|until|to|-)\s*\d{1,2}[:.][0-5]\d))"
    r"(?!-\d{1,2}-|:\d)(?:\s+(?:sharp|on the dot|hrs|hours))?\s*"
    r"(?:till|til|until|to|-)\s*(?P<b>(?:half|quarter|\d{1,2}|noon|midday)[^,;]{0,30})",
    _I,
)
# "markets friday 9 to 11", "golf sat 1 till half 4": bare hours right after a day word
_DAY_SPAN = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|weds|thu"
    r"|thur|thurs|fri|sat|sun|today|tomorrow|tmrw|tonight|arvo|morning|afternoon)\.?,?\s+"
    r"(?P<a>\d{1,2})\s*(?:till|til|until|to|-)\s*"
    r"(?P<b>(?:half\s+\d{1,2}|quarter\s+(?:past|to)\s+\d{1,2}|\d{1,2}(?:[:.][0-5]\d)?"
    r"(?:\s*[ap]\.?m\.?)?|noon|midday))"
    r"(?![\w%]|\s*(?:people|ppl|persons|guests|of\b|km|kms|k\b|l\b|litres|kg|days|nights|weeks"
    r"|dollars|bucks|percent|hours|hrs))",
    _I,
)
_ONLY_CLOCK = re.compile(
    r"\s*(?:at\s+)?(?:half|quarter|\d)[\w:. ]*?(?:am|pm|a\.m\.|p\.m\.)?\s*$"
    r"|\s*(?:noon|midday)\s*$",
    _I,
)


def _clock_alone(words: str) -> TimeHit | None:
    """A clock time that is all of `words` ("9", "half 10", "quarter past 3pm")."""
    if not _ONLY_CLOCK.match(words):
        return None
    hit = find_time("at " + words.strip())
    return hit if hit and hit.end >= len("at " + words.strip()) - 1 else None


def clock_span(text: str) -> tuple[time, time, int, int] | None:
    """A start and end time of day and the span of their words ("from 6 till 9pm", "10-11:30am",
    "from 9 till half 10"); the start takes the end's half of the day when it has none and
    that keeps it before the end."""
    if hours := time_range(text):
        return hours
    for m in [*_SPAN.finditer(text), *_BARE_SPAN.finditer(text), *_DAY_SPAN.finditer(text)]:
        first = _clock_alone(m["a"])
        if first is None:
            continue
        b = m["b"]
        last = find_time("at " + b)
        if last is None or last.start > len("at "):
            continue
        start, end = first.at, last.at
        bare_end = not re.search(r"[ap]\.?m|noon|midday|:|\.", b[: last.end - len("at ")], _I)
        if (
            m.re is _DAY_SPAN
            and bare_end
            and start.hour >= 12 > end.hour
            and end.hour + 12 > start.hour
        ):
            end = end.replace(hour=end.hour + 12)  # "yoga tues 6 to 7": both in the evening
        morning = start.replace(hour=start.hour - 12) if start.hour >= 12 else start
        if start >= end and morning < end:
            start = morning  # "from 11 till quarter past 12": an hour read as pm may be am
        if start >= end:
            continue
        stop = m.start("b") + last.end - len("at ")
        return start, end, m.start("a") if m.re is _DAY_SPAN else m.start(), stop
    return None


# "in the next 3 weeks", "within a fortnight", "over the coming month", "next couple of weeks":
# how many days ahead a question looks (a month is 30 days, as the tools count it)
_AHEAD = re.compile(
    r"\b(?:next|within|in|inside|over|coming|during)\s+(?:the\s+)?(?:next\s+|coming\s+)?"
    r"(?P<n>\d+|an?|one|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few)?\s*"
    r"(?P<unit>days?|weeks?|fortnights?|months?)\b",
    _I,
)
_UNIT_DAYS = {"d": 1, "w": 7, "f": 14, "m": 30}


def days_ahead(text: str) -> int | None:
    """How many days ahead a question looks ("anything due in the next fortnight": 14)."""
    m = _AHEAD.search(text)
    if m is None:
        return None
    count = (m["n"] or "1").lower()
    n = int(count) if count.isdigit() else 2 if "couple" in count else 3 if "few" in count else 1
    return n * _UNIT_DAYS[m["unit"][0].lower()]


# "priority" as typed in a hurry ("priortiy", "prio"); "no hurry" is "no rush"
_PRIO = r"(?:pr\w*rit\w*|prio\w*)"
_PRIORITIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # ("priority: low", "prio high", "priority = urgent": the level after the word)
    ("high", re.compile(rf"\b{_PRIO}\s*[:=-]?\s*(?:high|urgent|top|1)\b", _I)),
    ("low", re.compile(rf"\b{_PRIO}\s*[:=-]?\s*(?:low|3)\b", _I)),
    ("normal", re.compile(
        rf"\b{_PRIO}\s*[:=-]?\s*(?:medium|normal|med|mid|2)\b"
        rf"|\b(?:medium|normal|med|mid|average|moderate)[- ]{_PRIO}\b", _I)),
    # "!high", "!urgent", "!low": a priority tagged as in a to-do app
    ("high", re.compile(
        rf"\b(?<!not )(?<!not very )(?<!not that )"
        rf"(?:urgent|asap|important|(?:high|top) {_PRIO}|critical|(?<=!)high)\b", _I)),
    # ("not urgent", "not important", "not a priority": said of the job, low)
    ("low", re.compile(
        rf"\b(?:low {_PRIO}|no (?:rush|hurry)(?: at all)?|whenever|someday|eventually|(?<=!)low"
        rf"|not (?:very |that |too |super )?(?:urgent|important|critical|a {_PRIO})"
        # "when I get a chance", "whenever we get round to it", "in my own time"
        r"|when(?:ever)? (?:i|we) (?:get|have) (?:a )?(?:chance|minute|moment|sec|time"
        r"|(?:a)?round to it)|in (?:my|our) own time)\b", _I)),
    # a bare level set off as a clause of its own: "book the ferry, low, no date"
    ("high", re.compile(r"(?:^|[,;(]\s*)(?:high|top)\s*(?=[,;.!)]|$)", _I)),
    ("low", re.compile(r"(?:^|[,;(]\s*)low\s*(?=[,;.!)]|$)", _I)),
    ("normal", re.compile(r"(?:^|[,;(]\s*)(?:medium|normal)\s*(?=[,;.!)]|$)", _I)),
)  # fmt: skip


def priority(text: str) -> tuple[str, re.Pattern[str]] | None:
    """How urgent a job is said to be ("high priority", "priority: low", "no rush", "when
    I get a chance"), and the pattern of its words (to take them out of the title)."""
    for level, pattern in _PRIORITIES:
        if pattern.search(text):
            return level, pattern
    return None


def lead_minutes(text: str) -> measures.Hit | None:
    """How long before an event a reminder is asked for ("half an hour before")."""
    return figures.reminder_before(text)


# --- every value in a message -------------------------------------------------------------

# "45 minutes", "2 hours", "3 days": a length of time (minutes)
