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
from functools import lru_cache

from agent.brain.calendar_words import (
    WEEKDAYS,
    count_of,
    is_month_first,
    nth_day,
    numeric,
    shift,
    weekday,
    written,
)
from agent.brain.clock import add_months, month_number

_I = re.IGNORECASE
_WD_FULL = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WD = rf"{_WD_FULL}|mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun"
MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
MONTHS += r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_COUNT = r"(\d+|an?|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few)"
# Days of the year known by name, as a written date.
_NAMED_DAYS = {
    "christmas eve": "24 december", "xmas eve": "24 december",
    "christmas day": "25 december", "xmas day": "25 december",
    "christmas": "25 december", "xmas": "25 december", "boxing day": "26 december",
    "new year's eve": "31 december", "new years eve": "31 december",
    "new year's day": "1 january", "new years day": "1 january",
    "australia day": "26 january", "anzac day": "25 april",
}  # fmt: skip
_NAMED = "|".join(re.escape(name) for name in sorted(_NAMED_DAYS, key=len, reverse=True))


@dataclass(frozen=True)
class DayHit:
    day: date
    start: int
    end: int


_RULES: list[tuple[re.Pattern[str], str]] = [
    # "the first Monday of next month", "the last Friday in March": that weekday's turn in
    # the month named
    (
        re.compile(
            rf"\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+({_WD})\.?\s+"
            rf"(?:of|in)\s+(?:(next|this|the)\s+month|({MONTHS}))\b",
            _I,
        ),
        "nth_weekday",
    ),
    # "next month on the 2nd", "on the 2nd next month": that day of next month
    (
        re.compile(
            r"\bnext\s+month,?\s+on\s+the\s+(\d{1,2})(?:st|nd|rd|th)?\b"
            r"|\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\s+next\s+month\b",
            _I,
        ),
        "nth_next_month",
    ),
    # "the 3rd of next month", "the 20th of this month" (before "next month" alone)
    (
        re.compile(
            r"\b(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+of\s+(next|this)\s+month\b", _I
        ),
        "nth_of_month",
    ),
    # "a week from Friday", "3 days after tomorrow", "a fortnight from today": the anchor day
    # (read by these same rules) moved on by the count
    (
        re.compile(
            rf"\b{_COUNT}\s+(days?|weeks?|fortnights?|months?)\s+(?:from|after)\s+"
            rf"((?:next\s+|this\s+)?(?:{_WD_FULL})|today|tomorrow|now)\b",
            _I,
        ),
        "from_anchor",
    ),
    # "the Friday after next", "Friday fortnight": the coming one, a week or two on
    (re.compile(rf"\b(?:the\s+)?({_WD_FULL})\s+after\s+next\b", _I), "day_after_next"),
    # "move it to the thurs after", "the Friday after that": the one a week after the coming
    # one (not "the Friday after the show", which is counted from the show)
    (
        re.compile(
            rf"\bthe\s+({_WD})\s+after(?:\s+that)?(?=\s*(?:$|[,.;!?]|instead\b|then\b|please\b"
            r"|pls\b|same\b|at\b|@|\d))",
            _I,
        ),
        "day_after_next",
    ),
    (re.compile(rf"\b({_WD_FULL})\s+fortnight\b", _I), "day_fortnight"),
    (re.compile(r"\b(?:the\s+)?week after next\b", _I), "week_after_next"),
    # "end of the week": its Friday (the weekend's own days are the end of their week)
    (re.compile(r"\b(?:the\s+)?end of (?:the |this |(next) )?week\b", _I), "week_end"),
    (
        re.compile(
            r"\b(?:the\s+)?(end|start|beginning|first|1st|last day)"
            r" of (?:the |this |next )?month\b",
            _I,
        ),
        "month_edge",
    ),
    (re.compile(rf"\bmid(?:-|\s+)?({MONTHS})\b", _I), "mid_month"),
    # "the end of January", "start of March": that month's last or first day
    (
        re.compile(
            rf"\b(?:the\s+)?(end|start|beginning|first|last day)\s+of\s+({MONTHS})\b(?!\s+\d)",
            _I,
        ),
        "named_month_edge",
    ),
    # A bare "Christmas" is a day only after a word that asks for one ("christmas lights" is not)
    (
        re.compile(
            rf"\b(?:on\s+)?(?!(?:christmas|xmas)\b(?!\s+(?:day|eve)))({_NAMED})\b"
            r"|\b(?:on|by|before|till|until|at|over)\s+(christmas|xmas)\b",
            _I,
        ),
        "named_day",
    ),
    # Easter moves: "Good Friday", "Easter Monday"; a bare "Easter" only after a word that
    # asks for a day ("since Easter", "over Easter"; "easter eggs" is no day)
    (
        re.compile(
            r"\b(good friday|easter (?:sunday|saturday|monday|day))\b"
            r"|(?:^\s*|\b(?:on|by|before|till|until|at|over|since|from|after|for)\s+)(easter)\b"
            r"(?!\s+(?:eggs?|buns?|bunny|bunnies|hats?|show|egg hunt|sunday|saturday|monday|day))",
            _I,
        ),
        "easter",
    ),
    # "Monday week", "tomorrow week": a week after the coming one (Australian, British)
    # (a weekday as it is shortened too, and "next Tues week": the same day)
    (
        re.compile(
            rf"\b(?:(?:next|this|this coming)\s+({_WD})"
            r"|(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|tue|weds|wed"
            r"|thurs|thur|thu|fri|tomorrow))\.?\s+week\b",
            _I,
        ),
        "day_week",
    ),
    # "a week today", "a week on Friday", "a fortnight tomorrow": that day, a week or two on
    (
        re.compile(rf"\b(?:a|one) (week|fortnight) (?:on )?(today|tomorrow|{_WD_FULL})\b", _I),
        "week_on",
    ),
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
    # "within 2 weeks", "within a month": a deadline that far on (of things to come only)
    (re.compile(rf"\bwithin\s+{_COUNT}\s+(days?|weeks?|fortnights?|months?)\b", _I), "within"),
    # "next week on Wednesday", "Wednesday next week", "the Thursday of last week": that
    # weekday in the week named (before "next week" alone, which is the day a week on)
    (
        re.compile(
            rf"\b(?P<rel>last|next|this) week,?\s+"
            # ("next week, leaving tuesday", "next week - heading off on thurs": a word or two
            # of going between)
            r"(?:(?:leaving|leave|departing|heading off|going|starting|arriving|back|home|-)\s+)"
            r"{0,2}"
            rf"(?:on\s+)?(?:the\s+)?(?P<wd>{_WD})\b\.?"
            rf"|\b(?P<wd2>{_WD})\.?\s+(?:of\s+)?(?P<rel2>last|next|this) week\b",
            _I,
        ),
        "week_weekday",
    ),
    (re.compile(r"\b(last|next|this) (week|fortnight|month|year)\b", _I), "rel_unit"),
    (re.compile(r"\b(?:(last|next|this|this coming) )?(?:the )?weekend\b", _I), "weekend"),
    # "Saturday the 20th of June", "Sat 20 June": the date, which the weekday only confirms
    (
        re.compile(
            rf"\b(?:{_WD})\.?,?\s+(?:the\s+)?{_ORD}(?:\s+of)?\s+({MONTHS})\b,?(?:\s+(\d{{4}}))?",
            _I,
        ),
        "weekday_written",
    ),
    (re.compile(rf"\b{_ORD}(?:\s+of)?\s+({MONTHS})\b,?(?:\s+(\d{{4}}))?", _I), "written"),
    (
        re.compile(
            rf"\b({MONTHS})\s+(?:the\s+)?{_ORD}\b(?!\s*(?:am|pm|:|km|l\b))(?:,?\s+(\d{{4}}))?", _I
        ),
        "written",
    ),
    (re.compile(r"\b(\d{4}-\d{2}-\d{2})\b"), "iso"),
    (re.compile(r"(?<![\d/.$])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])"), "numeric"),
    # "15.06.2026", "15.06.", "on 15.06", "15.06 at 14:00": a dotted date (a dotted number
    # is otherwise a price or a time, so only where it can be nothing else)
    (
        re.compile(
            r"(?<![\d.$])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?![\d.])"
            # (or after "due": "the visa is due 28.02")
            r"|(?:(?<=\bon )|(?<=\bdue ))(\d{1,2})\.(\d{1,2})(?![\d.])"
            r"(?!\s*(?:am|pm|a\.m|p\.m|h\b|hrs|hours|o'?clock|dollars?|bucks?|euros?|km|l\b|litres?))"
            r"|(?<![\d.$])(\d{1,2})\.(0\d|1[0-2])(?=\s+at\s+\d)",
            _I,
        ),
        "dotted",
    ),
    # "renew the visa until 20.01", "pay it by 5.1": after a word of a deadline, a dotted
    # figure that no clock writes (a first part over 12, or a one-figure second: "until
    # 4.10" may be ten past four)
    (
        re.compile(
            r"(?:(?<=\buntil )|(?<=\btill )|(?<=\bby )|(?<=\bbefore )|(?<=\bsince ))"
            r"((?:1[3-9]|2\d|3[01])(?=\.\d{1,2}(?![\d.]))|\d{1,2}(?=\.\d(?![\d.])))\.(\d{1,2})()"
            r"(?!\s*(?:am|pm|a\.m|p\.m|h\b|hrs|hours|o'?clock|dollars?|bucks?|euros?|km|l\b|litres?))",
            _I,
        ),
        "dotted",
    ),
    # "Wednesday the 18th": the date; when this month's 18th is another weekday, the next
    # month (the last, of the past) whose 18th is a Wednesday
    (
        re.compile(rf"\b(?P<wd>{_WD})\.?,?\s+(?:the\s+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)\b", _I),
        "weekday_nth",
    ),
    (re.compile(r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b", _I), "nth"),
    (re.compile(r"\bon\s+(\d{1,2})(?:st|nd|rd|th)\b", _I), "nth"),
    # "by 20th", "due 3rd", "before 15th": a deadline's day of the month, "the" left out
    (re.compile(r"\b(?:by|due|before|until|till)\s+(\d{1,2})(?:st|nd|rd|th)\b", _I), "nth"),
    # "Friday before last", "the Tuesday before last": a week before the last one
    (re.compile(rf"\b(?:the\s+)?({_WD})\.?\s+before\s+last\b", _I), "weekday_before_last"),
    (re.compile(rf"\b(last|next|this coming|this|coming)\s+({_WD})\b", _I), "weekday"),
    (re.compile(rf"\b({_WD_FULL})(?:\s+(just gone|last|gone))?\b", _I), "bare_weekday"),
    (
        re.compile(r"\bon\s+(mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun)\b", _I),
        "bare_weekday",
    ),
    # "b4 sat", "by sun", "till mon": a shortened weekday a deadline or an end names
    (re.compile(r"\b(?:by|before|till|until|due)\s+(mon|sat|sun)\b\.?(?!')", _I), "bare_weekday"),
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
    # ... or at the end of a terse clause ("120 markets sat", "camp fee 35 sun"), not as
    # the verb or the noun ("we sat", "in the sun", "too much sun")
    (
        re.compile(
            r"(?<!\bi )(?<!\bwe )(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\byou )(?<!\bit )"
            r"(?<!\bthe )(?<!\bof )(?<!\bin )(?<!\bmuch )(?<!\bmore )(?<!\bsome )(?<!\bno )"
            r"(?<!\bhot )(?<!\bfull )(?<!\bhad )(?<!\bjust )(?<!\bc')(?<=\w\s)"
            r"\b(mon|sat|sun)\b\.?(?=\s*(?:[,;!?]|\.\s|\.?$))",
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
    if kind == "within":
        return shift(today, count_of(m[1]), m[2]) if future else None
    if kind in ("ago", "in"):
        return shift(today, count_of(m[1]) * (-1 if kind == "ago" else 1), m[2])
    if kind == "rel_unit":
        step = {"last": -1, "next": 1, "this": 0}[m[1].lower()]
        return shift(today, step, m[2])
    if kind == "weekend":
        mode = (m[1] or ("this" if future else "gone")).lower()
        if mode == "gone":  # "spent 40 on the weekend" said in the week: the one just gone
            return today - timedelta(days=(today.weekday() - 5) % 7)
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today - timedelta(days=1)
        return saturday + timedelta(days={"last": -7, "next": 7}.get(mode, 0))
    if kind == "month_edge":
        month = add_months(today.replace(day=1), 1 if "next" in m[0].lower() else 0)
        last = m[1].lower() in ("end", "last day")
        return add_months(month, 1) - timedelta(days=1) if last else month
    if kind == "from_anchor":
        anchor = find_day(m[3], today, future=True) if m[3].lower() != "now" else None
        return shift(anchor.day if anchor else today, count_of(m[1]), m[2])
    if kind in ("day_after_next", "day_fortnight"):
        weeks = 1 if kind == "day_after_next" else 2
        return weekday(today, m[1], "bare", True) + timedelta(days=7 * weeks)
    if kind == "week_after_next":
        return today + timedelta(days=14)
    if kind == "week_end":
        this = today + timedelta(days=4 - today.weekday() if today.weekday() <= 4 else 0)
        return today - timedelta(days=today.weekday()) + timedelta(days=11) if m[1] else this
    if kind == "named_month_edge":
        number = month_number(m[2])
        if number is None:
            return None
        end = m[1].lower() in ("end", "last day")
        for in_year in (today.year, today.year + (1 if future else -1)):
            opening = date(in_year, number, 1)
            edge = add_months(opening, 1) - timedelta(days=1) if end else opening
            if (edge >= today) if future else (edge <= today):
                return edge
        return None
    if kind == "mid_month":
        return written(f"15 {m[1]}", today, future)
    if kind == "easter":
        return easter_day((m[1] or m[2]).lower(), today, future)
    if kind == "named_day":
        return written(_NAMED_DAYS[(m[1] or m[2]).lower()], today, future)
    if kind in ("numeric", "dotted"):
        g = m.groups()
        a, b, y = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], None)
        if g[0] is None and g[3] is None:
            a, b = g[5], g[6]
        return numeric(int(a), int(b), int(y) if y else None, today, future)
    if kind == "iso":
        return date.fromisoformat(m[1])
    if kind == "nth":
        return nth_day(today, int(m[1]), future)
    if kind == "weekday_nth":
        return _agreeing(nth_day(today, int(m["n"]), future), m["wd"], future)
    if kind == "nth_weekday":
        return _nth_weekday(m, today, future)
    if kind == "nth_next_month":
        try:
            return add_months(today.replace(day=1), 1).replace(day=int(m[1] or m[2]))
        except ValueError:
            return None
    if kind == "weekday":
        return weekday(today, m[2], m[1].lower(), future)
    if kind == "weekday_before_last":
        return weekday(today, m[1], "last", False) - timedelta(days=7)
    if kind == "week_weekday":
        rel, name = (m["rel"] or m["rel2"]).lower(), m["wd"] or m["wd2"]
        monday = today - timedelta(days=today.weekday())
        monday += timedelta(days={"last": -7, "next": 7}.get(rel, 0))
        return monday + timedelta(days=WEEKDAYS.index(name.lower()[:3]))
    if kind == "week_on":
        anchor = find_day(m[2], today, future=True)
        days = 14 if m[1].lower() == "fortnight" else 7
        return anchor.day + timedelta(days=days) if anchor else None
    if kind == "day_week":
        name = m[1] or m[2]
        first = today + timedelta(days=1) if name.lower() == "tomorrow" else None
        return (first or weekday(today, name, "bare", True)) + timedelta(days=7)
    if kind == "bare_weekday":
        return weekday(today, m[1], "last" if m.lastindex == 2 and m[2] else "bare", future)
    if kind == "nth_of_month":
        first = add_months(today.replace(day=1), 1 if m[2].lower() == "next" else 0)
        try:
            return first.replace(day=int(m[1]))
        except ValueError:
            return None
    if kind == "weekday_written":  # the date without its weekday ("Thurs" puts parsers off)
        return written(m.string[m.start(1) : m.end()], today, future)
    if kind == "written" and month_number(m[0]) is None and "/" not in m[0]:
        return None
    return written(m[0], today, future)


def _agreeing(day: date | None, name: str, future: bool) -> date | None:
    """The day of the month `day` has, in the nearest month (onward, or back for the past)
    where it falls on the weekday `name`; `day` itself when none within a year does."""
    if day is None:
        return None
    wanted = WEEKDAYS.index(name.lower()[:3])
    for months in range(12):
        try:
            candidate = add_months(day.replace(day=1), months if future else -months).replace(
                day=day.day
            )
        except ValueError:
            continue
        if candidate.weekday() == wanted:
            return candidate
    return day


_NTH = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}


def _nth_weekday(m: re.Match[str], today: date, future: bool) -> date | None:
    """ "the first Monday of next month", "the last Friday in March"."""
    if m[4]:
        first = written(f"1 {m[4]}", today, future)
        if first is None:
            return None
        if future and month_number(m[4]) == today.month:
            first = today.replace(day=1)  # "the last Friday in March", said in March
    else:
        first = add_months(today.replace(day=1), 1 if m[3].lower() == "next" else 0)
    wanted = WEEKDAYS.index(m[2].lower()[:3])
    if m[1].lower() == "last":
        end = add_months(first, 1) - timedelta(days=1)
        return end - timedelta(days=(end.weekday() - wanted) % 7)
    return first + timedelta(days=(wanted - first.weekday()) % 7 + 7 * _NTH[m[1].lower()])


def find_day(text: str, today: date, *, future: bool) -> DayHit | None:
    """The first date phrase in `text` (by position), resolved."""
    return _first_day(text, today, future, is_month_first())


@lru_cache(maxsize=4096)
def _first_day(text: str, today: date, future: bool, month_first: bool) -> DayHit | None:
    """Remembered: a write turn looks for its message's day six times (the expense's slots
    in each model call, twice each). `month_first`, the turn's order of "6/10", is part of
    the key: `numeric` reads it."""
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


_EASTER_SHIFT = {"good friday": -2, "easter saturday": -1, "easter monday": 1}


def easter_sunday(year: int) -> date:
    """Easter Sunday of a year (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def easter_day(name: str, today: date, future: bool) -> date:
    """The Easter day named, in the year that puts it ahead (`future`) or behind today."""
    shift = timedelta(days=_EASTER_SHIFT.get(name, 0))
    this = easter_sunday(today.year) + shift
    if future and this < today:
        return easter_sunday(today.year + 1) + shift
    if not future and this > today:
        return easter_sunday(today.year - 1) + shift
    return this
