"""When a reminder is due, said after its event: "…, remind me the night before", "with a
reminder on Thursday at 6pm", "remind me at 8 that morning", "remind me 2 days out".

`reminder_minutes` counts back from the event's start, so a reminder said as a moment of its
own (a part of the day before, a time on the day, another day) is that many minutes before
the start. A part of the day is the brain's hour for it (the night 8 pm, the evening 6 pm,
the arvo 3 pm, the morning 9 am), as "tonight" is; a clock time said with it wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice

from agent.brain import figures
from agent.brain.dates import find_day
from agent.brain.times import find_time

_I = re.IGNORECASE
# Where a reminder said after the event starts: its joining words are cut with it, so the
# title keeps none of them ("dentist friday at 10, and remind me …" -> "Dentist").
CLAUSE = re.compile(
    r"(?<=\S)(?:\s*[,;]\s*|\s+)(?:(?:and|&|with|plus|also|then|\+)\s+)*(?:please\s+|pls\s+)?"
    r"(?:(?:set|add|give me|put in|pop in|send me)\s+)?(?:a\s+|an\s+)?"
    r"(?:remind(?:er)?s?)(?:\s+(?:me|us|her|him|them))?\b",
    _I,
)
# A clause after an event that only asks for its reminder ("…, remind me the night before",
# "and a reminder at 8 that morning"): a detail of that event, not another one (a reminder
# "to" or "about" something is its own).
DETAIL = re.compile(
    r"^(?:(?:and|also|plus|then|&|\+)\s+)*(?:please\s+|pls\s+)?"
    r"(?:(?:set|add|give me|put in|pop in|send me)\s+)?(?:a\s+|an\s+)?"
    r"remind(?:er)?s?(?:\s+(?:me|us|her|him|them))?\b(?![^.!?]*\b(?:to|about|re|that i|that we)\b)",
    _I,
)
# The words that may follow the moment in the same clause ("…, so we're not late" is cut
# at the comma; "please" and thanks are cut too).
_TAIL = re.compile(r"\s*(?:please|pls|thanks|ta|cheers|thx|mate)?\s*[.!]*\s*$", _I)
_PART_HOURS = {"night": 20, "evening": 18, "arvo": 15, "afternoon": 15, "morning": 9}
# "the night before", "the evening before at 7", "the day before at 5pm", "thursday night"
_BEFORE = re.compile(
    r"^\s*(?:on\s+)?the\s+(?P<part>night|evening|arvo|afternoon|morning|day)\s+"
    r"(?:before|prior|beforehand)(?:\s+(?:it|that|then|hand))?\b",
    _I,
)
# "that morning", "the morning of", "on the day", "the same day", "on the morning"
_SAME_DAY = re.compile(
    r"(?<!\bin )\b(?:that|the same|on the|the)\s+(?P<part>morning|day|arvo|afternoon)\b"
    r"(?:\s+of(?:\s+it)?\b)?"
    r"|\bon\s+the\s+day\b",
    _I,
)
# What says the reminder's moment is its own, not the event's: a day word or a clock time.
_ONLY_MOMENT = re.compile(r"^[\w\s:.'-]*$")


_MOST = 8  # reminders looked at in one message (each reads the words before it)


@dataclass(frozen=True)
class Reminder:
    start: int  # where the reminder's words start in the text (its joining words included)
    end: int
    words: str  # the words of its moment ("the night before at 7")


def _at(day: datetime, clock: time) -> datetime:
    return datetime.combine(day.date(), clock, tzinfo=day.tzinfo)


def _moment(words: str, start: datetime, now: datetime) -> datetime | None:
    """The moment the reminder's words name, on the event's terms."""
    clock = find_time(words)
    if m := _BEFORE.match(words):
        part = m["part"].lower()
        rest = words[m.end() :]
        said = find_time(rest)
        if part == "day" and said is None:
            return None  # "the day before": a lead time, read by figures
        hour = said.at if said else time(_PART_HOURS[part])
        if said and part in ("night", "evening", "arvo", "afternoon") and hour.hour < 12:
            hour = hour.replace(hour=hour.hour + 12)  # "the night before at 7" is 7 pm
        return _at(start - timedelta(days=1), hour)
    if same := _SAME_DAY.search(words):
        part = (same["part"] or "morning").lower()
        hour = clock.at if clock else time(_PART_HOURS.get(part, 9))
        moment = _at(start, hour)
        return moment if moment < start else None
    day = find_day(words, now.date(), future=True)
    if day is not None:
        if clock is None:
            part = re.search(r"\b(night|evening|arvo|afternoon|morning)\b", words, _I)
            clock_at = time(_PART_HOURS[part[1].lower()]) if part else time(9)
        else:
            clock_at = clock.at
        return datetime.combine(day.day, clock_at, tzinfo=start.tzinfo)
    if clock is not None:  # "remind me at 8": on the day, or the day before once it is past
        moment = _at(start, clock.at)
        return moment if moment < start else moment - timedelta(days=1)
    return None


def said_after(text: str, today: date) -> Reminder | None:
    """A reminder said as a moment of its own after the event ("…, remind me the night
    before"): where its words are (joining words included) and the words of its moment;
    None for a lead time (figures reads those), a thing to do ("remind me to bring the
    forms") or nothing."""
    for m in islice(CLAUSE.finditer(text), _MOST):
        rest = text[m.end() :]
        words = re.split(r"[,;.!?]|\s+(?:and|so|cos|because|as)\s+", rest, maxsplit=1)[0]
        if not words.strip() or re.match(
            r"\s*(?:to|about|of|re|if|for|that(?!\s+(?:morning|day|night|arvo|afternoon|evening)\b))\b",
            words,
            _I,
        ):
            continue
        if not _ONLY_MOMENT.match(words):
            continue
        before = text[: m.start()]
        if not (find_day(before, today, future=True) or find_time(before)):
            continue  # "remind me tomorrow at 4 to …": the reminder is the event itself
        found = Reminder(m.start(), m.end() + len(words.rstrip()), words)
        prior = _BEFORE.match(words)
        if prior and (prior["part"].lower() != "day" or find_time(words[prior.end() :])):
            return found  # "the night before", "the day before at 5pm"
        if figures.reminder_before(words):
            continue  # "the day before", "an hour before": a lead time
        if _SAME_DAY.search(words) or find_day(words, today, future=True) or find_time(words):
            return found
    return None


def minutes_before(reminder: Reminder, start: datetime, now: datetime) -> int | None:
    """How long before the event's `start` the reminder is due; None when its moment is not
    before the start (or is months before it)."""
    due = _moment(reminder.words, start, now)
    if due is None or not timedelta(0) <= start - due <= timedelta(days=60):
        return None
    return int((start - due).total_seconds() // 60)
