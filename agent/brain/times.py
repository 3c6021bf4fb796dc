"""Times of day ("at 10", "2:30pm", "noon", "tomorrow arvo") and a date + time together."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from agent.brain.dates import DayHit, all_days, find_day

_I = re.IGNORECASE
_PARTS = {
    "morning": 9, "arvo": 15, "afternoon": 15, "evening": 18, "tonight": 20, "tonite": 20,
    "night": 20, "noon": 12, "midday": 12, "lunchtime": 12, "lunch time": 12, "midnight": 0,
    "first thing": 8,  # the start of the working day, before "the morning"'s 9
}  # fmt: skip
_AMPM = r"(a\.?m\.?|p\.?m\.?)"
_NOT_MEASURE = (
    r"(?!\s*(?:km|kms|k\b|l\b|lt|litres?|%|/|,\d|\.\d|stars?|days?|weeks?|nights?|people|x\b"
    # (a temperature: "the fridge holds at about 4 degrees")
    r"|degrees?\b|deg\b|°))"
)
_PATTERNS = (
    re.compile(rf"\b(?:at|@|by|from|around|about|for)?\s*(\d{{1,2}})[:.](\d{{2}})\s*{_AMPM}", _I),
    re.compile(r"\b(?:at|@|by|from|around|about|for)?\s*(\d{1,2}):(\d{2})\b()", _I),
    # "at 12.30", "make it 10.15": a dot only after a word that asks for a time (a price
    # per litre is "at 2.19 a litre")
    re.compile(
        r"\b(?:at|@|make it|make that)\s*(\d{1,2})\.(\d{2})\b()"
        r"(?!\s*(?:a |per |/|c\b|cents?|km|kms|k\b|l\b|lt|litres?|%|dollars?|bucks?))",
        _I,
    ),
    # "friday 12.30", "tomorrow 9.45": a dotted time right after a day word
    re.compile(
        r"(?:(?<=day )|(?<=tues )|(?<=tue )|(?<=wed )|(?<=weds )|(?<=thurs )|(?<=thu )"
        r"|(?<=fri )|(?<=sat )|(?<=sun )|(?<=mon )|(?<=row )|(?<=ght )|(?<=arvo ))"
        r"(\d{1,2})\.(\d{2})\b()"
        r"(?!\s*(?:a |per |/|c\b|cents?|km|kms|k\b|l\b|lt|litres?|%|dollars?|bucks?))",
        _I,
    ),
    re.compile(rf"\b(?:at|@|by|from|around|about|for)?\s*(\d{{1,2}})()\s*{_AMPM}(?!\w)", _I),
    # "14h30", "at 9h": the hour mark of most of Europe
    re.compile(r"\b(?:at|@|um|à|a las)?\s*([01]?\d|2[0-3])h([0-5]\d)\b()", _I),
    re.compile(r"\b(?:at|@|um)\s*([01]?\d|2[0-3])h\b()()", _I),
    # "kids dentist thurs 10", "tomorrow 9": a bare hour right after a day word, or after
    # a part of the day ("sat arvo 4", "fri night 8": its half of the day is read after)
    re.compile(
        r"(?:(?<=day )|(?<=tues )|(?<=tue )|(?<=wed )|(?<=weds )|(?<=thurs )|(?<=thu )"
        r"|(?<=fri )|(?<=sat )|(?<=sun )|(?<=mon )|(?<=tomorrow )|(?<=tmrw )|(?<=arvo )"
        r"|(?<=afternoon )|(?<=morning )|(?<=mornin )|(?<=evening )|(?<=night ))"
        r"(\d{1,2})()()(?![\d:.,/])"
        r"(?!\s*(?:%|km|kms|k\b|l\b|lt|litres?|liters?|dollars?|bucks?|am\b|pm\b|days?|weeks?"
        r"|months?|nights?|people|kids|adults|x\b|st\b|nd\b|rd\b|th\b|psi|kpa|bar\b|kg|kilos?"
        r"|of\b|for\b|on\b|bags?|tins?|packs?|cans?|bottles?|hours?|hrs?|mins?|minutes?))",
        _I,
    ),
    re.compile(r"\b(?:at|@|by|around|about)?\s*(\d{1,2})()\s*o'?clock()", _I),
    # "from 10 till 3", "from 12 to 1.30": the start of a run of hours said bare (its end is
    # read by values.clock_span); the span covers both, so neither hour is read as money
    re.compile(
        r"\bfrom\s+(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?()\s*(?:till|til|until|to|-)\s*"
        r"(?:(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?|noon|midday|half\s+\d{1,2})\b"
        r"(?!\s*(?:%|km|kms|k\b|l\b|lt|litres?|dollars?|bucks?|days?|weeks?|months?|nights?|people"
        r"|ppl|kids|adults|guests|x\b|st\b|nd\b|rd\b|th\b|of\b|hours?|hrs?|mins?|minutes?|/|[.,]\d))",
        _I,
    ),
    re.compile(rf"\b(?:at|@)\s*(\d{{1,2}})(){_NOT_MEASURE}()(?![\d:])", _I),
)
# "quarter past 9am", "ten to 6", "20 after 4 in the afternoon": minutes before or after an
# hour, with the hour's own am/pm or part of the day. A count of minutes is a multiple of five
# under 30, and "from 20 to 8" is a range, not a time.
_HALF = re.compile(
    r"(?<!from )\b(?:(?:at|by|around|about|till|until)\s+)?"
    r"(half|quarter|5|10|20|25)(?:\s+minutes?)?\s+(past|after|to)\s+(\d{1,2})"
    rf"(?:\s*{_AMPM}(?!\w)|\s+(?:in the (morning|afternoon|arvo|evening)|at (night)"
    r"|(tonight|tonite)))?\b(?![:.]\d)" + _NOT_MEASURE,
    _I,
)
_DAY_WORD = (
    r"today|tomorrow|tmrw|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|weds|thurs|thu|fri|sat|sun"
)
# "half 7" (half past seven) after a word that asks for a time, or before a part of the day.
_HALF_HOUR = re.compile(
    r"\b(?:(?:at|by|around|about|till|until)\s+half\s+(\d{1,2})\b(?![:.]\d)"
    r"(?!\s*(?:an? |hours?|days?|weeks?|months?|years?|dozen|price|km|kms|l\b|litres?|%))"
    r"|half\s+(\d{1,2})\s+(in the (?:morning|afternoon|arvo|evening)|at night|tonight|tonite)\b"
    # "half ten Saturday morning", "half 7 tomorrow": a day word between, or after it
    rf"|half\s+(\d{{1,2}})\b(?=\s+(?:on\s+)?(?:{_DAY_WORD})\b\s*"
    r"(morning|arvo|afternoon|evening|night|in the (?:morning|afternoon|arvo|evening))?))",
    _I,
)
# "at 7 30" (from "seven thirty"), "4ish", "around 4-ish": an hour said loosely.
# ... and right after a day word: "thursday 12 30" (from "thursday twelve thirty")
_HOUR_MINUTE = re.compile(
    r"(?:\b(?:at|@|by|around|about|till|until)\s+"
    r"|(?<=day )|(?<=tues )|(?<=tue )|(?<=wed )|(?<=weds )|(?<=thurs )|(?<=thu )|(?<=fri )"
    r"|(?<=sat )|(?<=sun )|(?<=mon )|(?<=tomorrow ))(\d{1,2})\s([0-5]\d)\b"
    r"(?!\s*(?:dollars?|bucks?|each|x\b))" + _NOT_MEASURE,
    _I,
)
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
)  # fmt: skip
# "at 1700", "0930 hrs": a 24-hour clock, after a word that asks for a time or before "hrs".
_CLOCK_24 = re.compile(
    r"\b(?:(?:at|@|by|from|till|until)\s+([01]\d|2[0-3])([0-5]\d)\b(?:\s*(?:hrs|hours)\b)?"
    r"|([01]\d|2[0-3])([0-5]\d)\s*(?:hrs|hours)\b"
    # "vet friday 0700", "tomorrow 1430": four digits right after a day word
    r"|(?:(?<=day )|(?<=tues )|(?<=tue )|(?<=wed )|(?<=weds )|(?<=thurs )|(?<=thu )|(?<=fri )"
    r"|(?<=sat )|(?<=sun )|(?<=mon )|(?<=tomorrow )|(?<=tmrw ))(0\d|1\d|2[0-3])([0-5]\d)\b"
    r"(?!\s*(?:dollars?|bucks?|quid|euros?|aud|usd|nzd|gbp|eur)\b)"
    # "doctors 21/03 0915", "21st march 0930": four digits right after a written date (with
    # its leading 0 or 1: "march 2026" is a year)
    r"|(?:(?<=\d/\d )|(?<=\d/\d\d )|(?<=\dst )|(?<=\dnd )|(?<=\drd )|(?<=\dth )"
    + "".join(f"|(?<={month} )" for month in _MONTH_NAMES)
    + r")(0\d|1\d)([0-5]\d)\b(?!\s*(?:dollars?|bucks?|quid|euros?|aud|usd|nzd|gbp|eur|km)\b))"
    + _NOT_MEASURE,
    _I,
)
# "12 noon", "12 midnight": the word says which 12.
_TWELVE = re.compile(r"\b(?:at\s+)?12\s+(noon|midday|midnight)\b", _I)
_ISH = re.compile(rf"\b(\d{{1,2}})(?::(\d{{2}}))?\s*-?\s*ish\b(?:\s*{_AMPM}(?!\w))?", _I)
_PART = re.compile(
    r"\b(?:in the |this |tomorrow |at )?(morning|arvo|afternoon|evening|tonight|tonite|night"
    r"|noon|midday|lunch ?time|midnight"
    # "first thing" only as a when: before a day, "in the morning" or the end of a clause
    # ("the first thing on the list" is no time)
    r"|first thing(?=\s*(?:$|[,.;!?]|(?:in the morning|tomorrow|tmrw|today|(?:on |this |next )?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b)))"
    # "noonish", "lunchtime-ish", "midday ish": the part of the day said loosely
    r"(?:\s*-?\s*ish)?(?:\s+in the morning)?\b",
    _I,
)


@dataclass(frozen=True)
class TimeHit:
    at: time
    start: int
    end: int


def _hour(hour: int, minute: int, ampm: str | None) -> time | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    elif hour <= 6:  # "at 3" is the afternoon, not 3 am
        hour += 12
    return time(hour, minute) if hour < 24 and minute < 60 else None


# "2 in the afternoon", "half 7 in the morning", "8 at night": the hour and its half of the day.
_HOUR_PART = re.compile(
    r"\b(?:at\s+|by\s+|to\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(?:o'?clock\s*)?"
    r"(?:in the (morning|afternoon|arvo|evening)|at (night)|(tonight|tonite))\b",
    _I,
)


def _part_ampm(morning: str | None, later: str | None) -> str | None:
    """The am/pm a part of the day gives an hour: the morning is am, the rest pm."""
    if morning:
        return "am" if morning.lower() == "morning" else "pm"
    return "pm" if later else None


def _relative(text: str) -> TimeHit | None:
    """ "quarter to 5", "10 past 6pm", "half 7", "at 7 30", "4ish": a time said around an hour."""
    if half := _HALF.search(text):
        ampm = half[4] or _part_ampm(half[5], half[6] or half[7])
        base = _hour(int(half[3]), 0, ampm)
        if base is not None:
            word = half[1].lower()
            minutes = 30 if word == "half" else 15 if word == "quarter" else int(word)
            sign = -1 if half[2].lower() == "to" else 1
            moment = datetime.combine(date(2000, 1, 1), base) + timedelta(minutes=minutes * sign)
            return TimeHit(moment.time(), _lstrip_start(half), half.end())
    if m := _HALF_HOUR.search(text):
        part = (m[3] or m[5] or "").lower()
        ampm = "am" if "morning" in part else "pm" if part else None
        at = _hour(int(m[1] or m[2] or m[4]), 30, ampm)
        if at is not None:
            return TimeHit(at, m.start(), m.end())
    if m := _CLOCK_24.search(text):
        return TimeHit(
            time(int(m[1] or m[3] or m[5] or m[7]), int(m[2] or m[4] or m[6] or m[8])),
            m.start(),
            m.end(),
        )
    if m := _TWELVE.search(text):
        return TimeHit(time(0 if m[1].lower() == "midnight" else 12), m.start(), m.end())
    for pattern in (_HOUR_MINUTE, _ISH):
        if m := pattern.search(text):
            ampm = m[3] if pattern is _ISH else None  # "7ish pm"
            at = _hour(int(m[1]), int(m[2] or 0), ampm)
            if at is not None:
                return TimeHit(at, m.start(), m.end())
    return None


def _lstrip_start(m: re.Match[str]) -> int:
    return m.start() + (len(m[0]) - len(m[0].lstrip()))


def find_time(text: str, *, loose: bool = False) -> TimeHit | None:
    """The time of day said; with `loose`, also an hour said "around 9" (see `_LOOSE`)."""
    if hit := _relative(text):
        return hit
    if m := _HOUR_PART.search(text):
        part = (m[3] or m[4] or m[5]).lower()
        at = _hour(int(m[1]), int(m[2] or 0), "am" if part == "morning" else "pm")
        if at is not None:
            return TimeHit(at, m.start() + (len(m[0]) - len(m[0].lstrip())), m.end())
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            minute = int(m[2]) if m[2] else 0
            at = _hour(int(m[1]), minute, m[3] or None)
            if at is not None:
                return TimeHit(at, m.start(), m.end())
    if part := _PART.search(text):
        return TimeHit(time(part_hour(part[1])), part.start(), part.end())
    for m in _LOOSE.finditer(text):
        # (loosely said next to a day word it is a time in any message: "wednesday around 2")
        if loose or _DAY_BEFORE.search(text[: m.start()]) or _DAY_AFTER.match(text, m.end()):
            at = _hour(int(m[1]), int(m[2] or 0), None)
            if at is not None:
                return TimeHit(at, m.start(), m.end())
    return None


def part_hour(said: str) -> int:
    """The hour a part of the day stands for ("arvo" 15, "first thing" 8)."""
    return _PARTS[re.sub(r"\s+", " ", said.lower()).replace("lunch time", "lunchtime")]


# "around 9", "about 10:30", "roughly 3": an hour said loosely with no word that asks for a
# time. Read only where a time is what is being given (calendar and task arguments): in a
# message about money "about 8" is a price.
_LOOSE = re.compile(
    r"\b(?:around|about|roughly|approx(?:imately)?\.?|circa|say)\s+(\d{1,2})(?:[:.](\d{2}))?"
    r"(?![\d:./]|,\d)(?!\s*(?:dollars?|bucks?|quid|euros?|minutes?|mins?|hours?|hrs?|of\b|each"
    r"|ppl|kids|adults|guests|folks|psi|kpa|bar\b|kg|kilos?|months?|years?|am\b|pm\b))"
    + _NOT_MEASURE,
    _I,
)
_DAY_BEFORE = re.compile(
    rf"\b(?:{_DAY_WORD}|tonight|tonite|morning|arvo|afternoon|evening)\s*$", _I
)
_DAY_AFTER = re.compile(rf"\s+(?:on\s+|this\s+|next\s+)?(?:{_DAY_WORD})\b", _I)


# The end's half of the day: am/pm, or a part of the day ("from 9 to 10 30 in the morning",
# the minutes as "ten thirty" is written once its words are digits).
_RANGE = re.compile(
    rf"\b(?:from|between)?\s*(\d{{1,2}})(?:[:.](\d{{2}})|\s([0-5]\d)(?=\s*(?:till|til|until|to)\b))?"
    rf"\s*{_AMPM}?\s*(?:till|til|until|to|-|–|and)\s*(\d{{1,2}})(?:[:. ]([0-5]\d))?"
    rf"\s*(?:{_AMPM}(?!\w)|(?:in the )?(morning)\b|(?:in the )?(afternoon|arvo|evening)\b"
    r"|at (night)\b|(tonight)\b)",
    _I,
)


def time_range(text: str) -> tuple[time, time, int, int] | None:
    """ "from 6 till 9pm", "10-11:30am": start and end; the start takes the end's am/pm
    unless that would put it after the end ("11 till 2pm" starts at 11 am)."""
    m = _RANGE.search(text)
    if not m:
        return None
    part = "am" if m[8] else "pm" if (m[9] or m[10] or m[11]) else None
    end = _hour(int(m[5]), int(m[6] or 0), m[7] or part)
    start_ampm = m[4] or m[7] or part
    start_minute = int(m[2] or m[3] or 0)
    start = _hour(int(m[1]), start_minute, start_ampm)
    if start and end and start > end and not m[4]:
        start = _hour(int(m[1]), start_minute, "am")
    if start is None or end is None or start >= end:
        return None
    return start, end, m.start(), m.end()


_BARE_HOUR = re.compile(
    # ("make it 10 15": the minutes said as a number of their own, from "ten fifteen")
    r"\b(?:make it|change it to|to|at|move it to|till|until)\s+(\d{1,2})(?:[:. ]([0-5]\d))?\b"
    r"(?!\s*(?:st|nd|rd|th|/|%|km|l\b|litres|days?|weeks?|mins?|minutes?|hours?))",
    _I,
)


def bare_hour(text: str) -> time | None:
    """ "make it 11" in an update of a time: the hour, read like "at 11"."""
    m = _BARE_HOUR.search(text)
    return _hour(int(m[1]), int(m[2] or 0), None) if m else None


def either_half(text: str) -> bool:
    """Whether the hour "make it 7.30" says is one of 1–12 that either half of the day may
    hold (no "07", no 19:30)."""
    m = _BARE_HOUR.search(text)
    return m is not None and not m[1].startswith("0") and 1 <= int(m[1]) <= 12


@dataclass(frozen=True)
class Moment:
    """A date, maybe with a time; spans are the phrases used (to cut them from titles)."""

    day: date
    at: time | None
    spans: tuple[tuple[int, int], ...]

    def iso(self, tz: object) -> str:
        if self.at is None:
            return self.day.isoformat()
        from zoneinfo import ZoneInfo

        assert isinstance(tz, ZoneInfo)
        return datetime.combine(self.day, self.at, tzinfo=tz).isoformat()


_SAID_HALF = re.compile(
    rf"{_AMPM}|\d{{3,4}}|\d\s*(?:h|hrs|hours)\b|\b(?:morning|arvo|afternoon|evening|tonight|tonite"
    r"|night|noon|midday|midnight)\b|[01]\d:",
    _I,
)
# (an evening meal or drinks say the evening: "dinner friday at 7", "drinks at 8"; an
# afternoon, the afternoon: "sat arvo 4" — hours up to 6 are already read as the afternoon)
_LATER_PART = re.compile(
    r"\b(?:tonight|tonite|evening|night|arvo|afternoon|dinner|supper|drinks|sundowners?)\b", _I
)


# The morning said away from the hour ("6.30 tomorrow morning", "an early start"), or a
# setting off: travellers leave at 5 or 6 in the morning, not the evening.
_EARLY_PART = re.compile(
    r"\b(?:morning|mornin|early|earlyish|sunrise|dawn|first light|brekkie|breakfast|sparrow'?s)\b",
    _I,
)
_SETTING_OFF = re.compile(
    r"\b(?:leav(?:e|es|ing)|head(?:s|ing)?\s+(?:off|out|away)|set(?:s|ting)?\s+off"
    r"|hit(?:s|ting)?\s+the\s+road|depart(?:s|ing|ure)?|pull(?:s|ing)?\s+out"
    r"|roll(?:s|ing)?\s+out|get(?:ting)?\s+going|on\s+the\s+road\s+by)\b",
    _I,
)
_SAID_HOUR = re.compile(r"(?<![\d:.])(\d{1,2})(?![\d])")


def _morning_meant(text: str, rest: str, clock: TimeHit) -> bool:
    """An hour of 4 to 6 read as the afternoon by default ("at 6.30" is 18:30) is the
    morning when the message says the morning elsewhere, or sets off then."""
    said = _SAID_HOUR.search(text, clock.start, clock.end)
    if said is None or not 13 <= clock.at.hour <= 18 or _LATER_PART.search(rest):
        return False
    hour = int(said[1])
    if hour == 12 or hour > 6:  # ("quarter to 7": the hour said is read, not the minutes)
        return False
    # (before 4 the words are taken as said: "at 2 tomorrow morning" is not moved)
    return hour >= 4 and bool(_EARLY_PART.search(rest) or _SETTING_OFF.search(rest))


def _in_part_of_day(text: str, clock: TimeHit) -> TimeHit:
    """ "tonight at 8", "at 7 this evening": an hour said without am/pm takes the half of
    the day a part of the day said elsewhere in the message gives."""
    if _SAID_HALF.search(text[clock.start : clock.end]):
        return clock
    rest = text[: clock.start] + " " * (clock.end - clock.start) + text[clock.end :]
    if _morning_meant(text, rest, clock):
        return TimeHit(clock.at.replace(hour=clock.at.hour - 12), clock.start, clock.end)
    if not 1 <= clock.at.hour < 12:
        return clock
    if _LATER_PART.search(rest):
        return TimeHit(clock.at.replace(hour=clock.at.hour + 12), clock.start, clock.end)
    return clock


# "in 2 hours", "in half an hour", "in 45 mins": a moment counted from now.
_FROM_NOW = re.compile(
    r"\bin\s+(?:(?:about|around|roughly|approx\.?|approximately|maybe|say|like)\s+)?"
    r"(?:(\d+(?:\.\d+)?|an?|half an?|a couple of|a few)\s*)(hours?|hrs?|minutes?|mins?)\b"
    r"(?!\s+(?:before|after|early|late))"
    # "about 45 minutes from now"
    r"|\b(?:(?:about|around|roughly|approx\.?|approximately|maybe|say)\s+)?"
    r"(\d+(?:\.\d+)?|an?|half an?|a couple of|a few)\s*(hours?|hrs?|minutes?|mins?)"
    r"\s+from\s+now\b",
    _I,
)


def said_from_now(text: str) -> bool:
    """ "in 20 minutes", "about 45 minutes from now": a moment counted from now is said."""
    return _FROM_NOW.search(text) is not None


def _count(said: str) -> float:
    """How many of a unit: "a"/"an" 1, "half a(n)" 0.5, "(a) couple of" 2, "a few" 3, or
    the figure."""
    said = said.lower()
    if said.startswith("half"):
        return 0.5
    if said in ("a", "an"):
        return 1.0
    return 2.0 if "couple" in said else 3.0 if "few" in said else float(said)


def _from_now(text: str, now: datetime) -> Moment | None:
    m = _FROM_NOW.search(text)
    if not m:
        return None
    word, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
    minutes = _count(word) * (60 if unit.lower().startswith("h") else 1)
    at = (now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    return Moment(at.date(), at.time().replace(tzinfo=None), ((m.start(), m.end()),))


# A day and a clock time further apart than this may be two things said ("went to the
# chiro today …, and book the podiatrist for Tuesday at 11"): the time goes with the day
# said nearest to it.
NEAR_CHARS = 20


def _apart(day: DayHit, clock: TimeHit) -> int:
    return max(clock.start - day.end, day.start - clock.end, 0)


def _day_by_clock(text: str, today: date, clock: TimeHit, *, future: bool) -> DayHit | None:
    days = all_days(text, today, future=future)
    return min(days, key=lambda d: _apart(d, clock)) if len(days) > 1 else None


def find_moment(text: str, now: datetime, *, future: bool, loose: bool = False) -> Moment | None:
    """Date and time in `text`; a time alone is today (or tomorrow once it has passed).
    `loose` reads an hour said "around 9" too (`find_time`)."""
    if future and (soon := _from_now(text, now)):
        return soon
    today = now.date()
    day = find_day(text, today, future=future)
    clock = find_time(text, loose=loose)
    if day and clock and day.start <= clock.start < day.end:
        blanked = text[: day.start] + " " * (day.end - day.start) + text[day.end :]
        clock = find_time(blanked, loose=loose)
    if day and clock and clock.end and _apart(day, clock) > NEAR_CHARS:
        day = _day_by_clock(text, today, clock, future=future) or day
    if day and clock is None and (part := _PART.search(text, day.start, day.end)):
        clock = TimeHit(time(part_hour(part[1])), 0, 0)
    if day is None and clock is None:
        return None
    if clock and clock.end:
        clock = _in_part_of_day(text, clock)
    spans = tuple((h.start, h.end) for h in (day, clock) if h and h.end)
    if day is None:
        assert clock is not None
        passed = future and clock.at <= now.time().replace(tzinfo=None)
        return Moment(today + timedelta(days=1) if passed else today, clock.at, spans)
    return Moment(day.day, clock.at if clock else None, spans)


def day_part_spans(text: str) -> list[tuple[int, int]]:
    """Where "arvo", "this morning", "tonight" … are: once a clock time is read they only
    repeat it ("tomorrow arvo at 4"), so they are cut from titles."""
    return [m.span() for m in _PART.finditer(text)]


# How far an event moves: "back an hour", "30 minutes earlier", "two days later", "a week out".
_UNITS = r"hours?|hrs?|minutes?|mins?|days?|weeks?|wks?|fortnights?"
_COUNT = r"an?|\d+|half an?|a couple of|couple of|a few"
SHIFT = re.compile(
    rf"\b(back|later|forward|earlier|ahead|out)\s+(?:by\s+)?({_COUNT})\s*({_UNITS})\b"
    rf"|\b({_COUNT})\s*({_UNITS})\s+(later|earlier|back|forward|ahead|sooner)\b",
    _I,
)
_UNIT_MINUTES = {"h": 60, "m": 1, "d": 24 * 60, "w": 7 * 24 * 60, "f": 14 * 24 * 60}


def shift_by(text: str) -> timedelta | None:
    """ "back an hour", "30 minutes earlier", "a week later": how far an event moves."""
    m = SHIFT.search(text)
    if not m:
        return None
    way, count, unit = (m[1], m[2], m[3]) if m[1] else (m[6], m[4], m[5])
    minutes = _count(count) * _UNIT_MINUTES[unit.lower()[0]]
    # ("push it back a week", "a week out": later; "bring it forward", "sooner": earlier)
    sign = 1 if way.lower() in ("back", "later", "out") else -1
    return timedelta(minutes=sign * minutes)
