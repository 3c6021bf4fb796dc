"""Date ranges for lists and summaries ("this week", "last month", "since Monday", "in
February", "from the 1st to the 5th") and forecast lengths ("this weekend", "5 days")."""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from agent.brain.calendar_words import WEEKDAYS, weekday, written
from agent.brain.clock import add_months, month_end, month_number
from agent.brain.dates import MONTHS, all_days, easter_day, find_day

_I = re.IGNORECASE


@dataclass(frozen=True)
class Range:
    start: date
    end: date
    period: str | None  # a spending_summary period name when one fits exactly


def _week(today: date, weeks: int) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday()) + timedelta(days=7 * weeks)
    return monday, monday + timedelta(days=6)


# "our net for the month", "the week so far": the one we are in ("the month before" is
# the one beside another, read by next_to).
_THE = r"\b(?:for|over|in) the {0}\b(?! before| after| prior)|\bthe {0} so far\b"

# "the weekend just gone", "the month that's just been", "the year gone": the one before this
_JUST_GONE = r"(?:the )?{0} (?:(?:that'?s |that has |which has )?just (?:gone|past|been)|gone by)\b"
# "last weekend", "the past weekend", "the weekend just gone": the Saturday and Sunday before
# this week's Monday (said on a Sunday, the weekend before this one)
_LAST_WEEKEND = rf"\b(?:(?:last|past|previous) weekend|{_JUST_GONE.format('weekend')})(?! before)"

_NTH_WEEK = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
             "4th": 3}  # fmt: skip
_NAMED: list[tuple[re.Pattern[str], str]] = [
    # "over Easter", "the Easter long weekend": Good Friday to Easter Monday
    (
        re.compile(
            r"\b(?:over|at|during|for|around|across|through|in)\s+(?:the\s+)?easter"
            r"(?:\s+(?:weekend|long weekend|break|holidays?|hols))?\b"
            r"(?!\s+(?:eggs?|buns?|bunny|show|sunday|saturday|monday|day))"
            r"|\bthe\s+easter\s+(?:weekend|long weekend|break|holidays?|hols)\b",
            _I,
        ),
        "easter",
    ),
    # "between Christmas and New Year", "over Christmas and New Year's": the days between
    (
        re.compile(
            r"\b(?:christmas|xmas)(?:\s+day)?\s*(?:and|to|till|until|through|-)\s*"
            r"(?:the\s+)?new\s*year'?s?(?:\s+day)?\b",
            _I,
        ),
        "christmas_new_year",
    ),
    # "the first quarter", "Q3", "the 4th quarter of last year": a quarter of the calendar by
    # its number, the latest that has begun unless a year is said; "of the financial year"
    # counts from July (Australia's)
    (
        re.compile(
            r"\b(?:the\s+)?(?:(first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+quarter"
            r"(?=\s+of\b|(?<!last quarter)(?<!final quarter))|q([1-4]))\b"
            r"(?:\s+(?:of\s+)?(?:(?:the\s+)?(this|last|previous|the)\s+(?:(financial|fiscal|tax|fin)"
            r"\s+)?year|(?:the\s+)?(fy)|(20[0-4]\d)))?",
            _I,
        ),
        "numbered_quarter",
    ),
    # "the first half of the year", "the second half of last year": January to June, July to
    # December (the latest begun unless the year is said)
    (
        re.compile(
            r"\b(?:the )?(first|1st|second|2nd|latter) half of (?:the |this )?(last |previous )?"
            r"year\b",
            _I,
        ),
        "half_of_year",
    ),
    # "this quarter", "last quarter": the quarter of the calendar (Australia's financial
    # quarters start on the same months)
    (
        re.compile(
            r"\b(this|the current|current|last|previous|the last|the previous|next)\s+quarter\b"
            r"|\b(?:for|in|over|of)\s+the\s+(quarter)\b(?!\s+(?:before|after))",
            _I,
        ),
        "quarter",
    ),
    # "the first 10 days of the month", "the last 5 days of Feb"
    (
        re.compile(
            rf"\b(?:the )?(first|last|final) (\d{{1,2}}) days (?:of|in) "
            rf"(?:(?:the|this) month|last month|({MONTHS}))\b(?:\s+(\d{{4}}))?",
            _I,
        ),
        "days_of_month",
    ),
    # "the last 2 fortnights": that many fortnights back to today
    (re.compile(r"\b(?:last|past|previous) (\d+) fortnights\b", _I), "last_fortnights"),
    # "the first week of March", "the last week in Feb": seven days of that month
    (
        re.compile(
            rf"\b(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|last|final) week (?:of|in)"
            rf" ({MONTHS})\b(?:\s+(\d{{4}}))?",
            _I,
        ),
        "week_of_month",
    ),
    # "the first half of Feb", "the second half of last month"
    (
        re.compile(
            rf"\b(?:the )?(first|1st|second|2nd|last|latter) half of (?:(?:the )?month of )?"
            rf"({MONTHS}|last month|this month)\b",
            _I,
        ),
        "half_of_month",
    ),
    # "early Feb", "mid-March", "late January", "the middle of April": a third of the month
    (
        re.compile(
            rf"\b(early|mid|middle of|late)[\s-]+({MONTHS})\b(?:\s+(\d{{4}}))?",
            _I,
        ),
        "part_of_month",
    ),
    # "this financial year", "last FY", "the tax year": the Australian year, July to June
    (
        re.compile(
            r"\b(this|the current|current|last|previous|the last|the previous|the)\s+"
            r"(?:financial|fiscal|tax|fin)\s+year\b|\b(this|last)\s+fy\b",
            _I,
        ),
        "financial_year",
    ),
    (re.compile(r"\b(?:the )?week before last\b", _I), "week_before_last"),
    # "the month before last", "the year before last": two back from this one
    (re.compile(r"\b(?:the )?(month|year) before last\b", _I), "before_last"),
    # "this time last month", "by this time last year": that span's start to the same day
    (re.compile(r"\b(?:this|the same) time last (week|month|year)\b", _I), "same_time_last"),
    # "the last month and a half", "the past 2 and a half weeks": that many days back
    (
        re.compile(
            r"\b(?:last|past|previous) (?:(\d+) |(?:a|one) )?(week|month)s? and a half\b"
            r"|\b(?:last|past|previous) (\d+) and a half (week|month)s?\b",
            _I,
        ),
        "and_a_half",
    ),
    # "the past 48 hours", "the last 24 hours": the days they reach back to
    (re.compile(r"\b(?:last|past|previous) (\d+) (?:hours|hrs)\b", _I), "last_hours"),
    # "yesterday and today": both days
    (re.compile(r"\byesterday and today\b|\btoday and yesterday\b", _I), "two_days"),
    # "the month just gone", "the week that's just gone": the one before this one
    (re.compile(rf"\b{_JUST_GONE.format('month')}", _I), "last_month"),
    (re.compile(rf"\b{_JUST_GONE.format('week')}", _I), "last_week"),
    (re.compile(rf"\b{_JUST_GONE.format('year')}", _I), "last_year"),
    (re.compile(_LAST_WEEKEND, _I), "last_weekend"),
    (re.compile(r"\b(?:the )?weekend before last\b", _I), "weekend_before_last"),
    # "the rest of the month", "the remainder of this week": today to that span's end
    (
        re.compile(
            r"\b(?:the )?(?:rest|remainder|balance) of (?:the |this )?(week|month|year)\b", _I
        ),
        "rest_of",
    ),
    (re.compile(r"\b(?:next|coming) (\d+) days\b", _I), "next_n_days"),
    # "the next 2 weeks", "the coming fortnight": that many days from today
    (re.compile(r"\b(?:next|coming) (?:(\d+) (weeks)|(fortnight))\b", _I), "next_n_weeks"),
    (re.compile(r"\b(?:last|past) 30 days\b|\bpast month\b", _I), "last_30_days"),
    (re.compile(r"\b(?:last|past|previous) (\d+) days\b", _I), "last_n_days"),
    # "the last 2 weeks", "the past fortnight", "the past week": that many days back to today
    (
        re.compile(
            r"\b(?:last|past|previous) (?:(\d+) (weeks|months)|(fortnight|week))\b(?<!last week)"
            r"(?<!previous week)",
            _I,
        ),
        "last_n_weeks",
    ),
    (
        re.compile(
            rf"\b(?:this|current) week\b|\bso far this week\b|\bweek to date\b"
            rf"|{_THE.format('week')}",
            _I,
        ),
        "this_week",
    ),
    (re.compile(r"\b(?:last|previous) week\b", _I), "last_week"),
    (re.compile(r"\b(?:next|coming) week\b", _I), "next_week"),
    (re.compile(r"\b(?:the )?week after next\b", _I), "week_after_next"),
    (
        re.compile(
            rf"\b(?:this|current) month\b|\bmonth to date\b|\bso far this month\b"
            rf"|{_THE.format('month')}",
            _I,
        ),
        "this_month",
    ),
    (re.compile(r"\b(?:last|previous) month\b", _I), "last_month"),
    (re.compile(r"\b(?:last|previous) year\b", _I), "last_year"),
    (re.compile(r"\bnext month\b", _I), "next_month"),
    (
        re.compile(
            rf"\b(?:this|current) year\b|\bso far this year\b|\byear to date\b"
            rf"|{_THE.format('year')}",
            _I,
        ),
        "this_year",
    ),
    (re.compile(r"\b(?:this|the|next) weekend\b", _I), "weekend"),
    (re.compile(rf"\b(?:in|for|during|over|of)\s+({MONTHS})\b(?:\s+(\d{{4}}))?", _I), "month"),
    # "my fuel spends from October", "the receipts from March 2026": the things that came from
    # that month, the month alone (not "from March on", "from March to May", "from March 3")
    (
        re.compile(
            rf"\bfrom\s+({MONTHS})\b(?:\s+(\d{{4}}))?"
            r"(?!\s*(?:on\b|onwards?\b|to\b|till\b|until\b|through\b|thru\b|-|–|\d|the\b"
            r"|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b))",
            _I,
        ),
        "month",
    ),
    # "in 2025", "for 2024": the whole year (a year said alone, after a word of time)
    (
        re.compile(
            r"\b(?:in|for|during|over|of|through|throughout)\s+(?:the year\s+)?(20[0-4]\d)\b"
            r"(?![\d.,/:-]|\s*(?:km|kms|k\b|dollars|bucks|litres|l\b|%|hrs|hours))",
            _I,
        ),
        "year",
    ),
]
PERIODS = ("this_week", "last_week", "this_month", "last_month", "last_30_days", "this_year")


def _month_said(name: str, year: str | None, today: date) -> date | None:
    """The first day of a month named ("Feb", "last month") in the year it last was or is."""
    low = name.lower()
    if low in ("last month", "this month"):
        return add_months(today.replace(day=1), -1 if low == "last month" else 0)
    number = month_number(name)
    if number is None:
        return None
    return date(int(year) if year else today.year - (number > today.month), number, 1)


def _parts(
    kind: str, m: re.Match[str], today: date, future: bool = False
) -> tuple[date, date] | None:
    """Spans inside a month, a financial year, and counts said with a half."""
    if kind == "week_of_month":
        first = _month_said(m[2], m[3], today)
        if first is None:
            return None
        if m[1].lower() in ("last", "final"):
            return month_end(first) - timedelta(days=6), month_end(first)
        start = first + timedelta(days=7 * _NTH_WEEK[m[1].lower()])
        return start, min(start + timedelta(days=6), month_end(first))
    if kind == "half_of_month":
        first = _month_said(m[2], None, today)
        if first is None:
            return None
        if m[1].lower() in ("first", "1st"):
            return first, first.replace(day=15)
        return first.replace(day=16), month_end(first)
    if kind == "part_of_month":
        first = _month_said(m[2], m[3], today)
        if first is None:
            return None
        part = m[1].lower()
        if part == "early":
            return first, first.replace(day=10)
        if part == "late":
            return first.replace(day=21), month_end(first)
        return first.replace(day=11), first.replace(day=20)
    if kind == "financial_year":
        said = (m[1] or m[2]).lower()
        opening = date(today.year - (today.month < 7), 7, 1)
        if said in ("last", "previous", "the last", "the previous"):
            opening = opening.replace(year=opening.year - 1)
        return opening, date(opening.year + 1, 6, 30)
    if kind == "week_before_last":
        return _week(today, -2)
    if kind == "and_a_half":
        unit = (m[2] or m[4]).lower()
        count = Decimal(m[1] or m[3] or 1) + Decimal("0.5")
        days = int(count * (7 if unit == "week" else 30))
        return today - timedelta(days=days - 1), today
    if kind == "last_hours":
        return today - timedelta(days=max(int(m[1]) // 24, 1)), today
    if kind == "two_days":
        return today - timedelta(days=1), today
    return _calendar(kind, m, today, future)


def _calendar(kind: str, m: re.Match[str], today: date, future: bool) -> tuple[date, date] | None:
    """Spans the calendar names: Easter, quarters, a year, days at a month's ends."""
    if kind == "easter":
        friday = easter_day("good friday", today, future)  # (asked of money, the last)
        return friday, friday + timedelta(days=3)
    if kind == "quarter":
        said = (m[1] or "this").lower()
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        step = -3 if said in ("last", "previous", "the last", "the previous") else 0
        step = 3 if said == "next" else step
        first = add_months(first, step)
        return first, month_end(add_months(first, 2))
    if kind == "numbered_quarter":
        return _numbered_quarter(m, today)
    if kind == "half_of_year":
        year = today.year - bool(m[2])
        first = date(year, 1 if m[1].lower() in ("first", "1st") else 7, 1)
        if not m[2] and first > today:
            first = first.replace(year=year - 1)
        return first, month_end(add_months(first, 5))
    if kind == "before_last":
        if m[1].lower() == "month":
            first = add_months(today.replace(day=1), -2)
            return first, month_end(first)
        return date(today.year - 2, 1, 1), date(today.year - 2, 12, 31)
    if kind == "same_time_last":
        unit = m[1].lower()
        if unit == "week":
            return _week(today, -1)[0], today - timedelta(days=7)
        if unit == "month":
            return add_months(today.replace(day=1), -1), add_months(today, -1)
        return date(today.year - 1, 1, 1), add_months(today, -12)
    if kind == "days_of_month":
        said = m[0].lower()
        named = _month_said(m[3], m[4], today) if m[3] else None
        first = named or add_months(today.replace(day=1), -1 if "last month" in said else 0)
        count = int(m[2])
        if not 1 <= count <= 31:
            return None
        if m[1].lower() == "first":
            return first, min(first + timedelta(days=count - 1), month_end(first))
        return max(month_end(first) - timedelta(days=count - 1), first), month_end(first)
    if kind == "christmas_new_year":
        new_year = date(today.year + (future and today > date(today.year, 1, 1)), 1, 1)
        return new_year - timedelta(days=7), new_year
    if kind == "last_fortnights":
        return today - timedelta(days=14 * int(m[1]) - 1), today
    if kind == "year":
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31)
    return None


_NTH_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                "4th": 4, "last": 4, "final": 4}  # fmt: skip


def _numbered_quarter(m: re.Match[str], today: date) -> tuple[date, date]:
    """The nth quarter of a calendar year (January to March first) or of a financial year
    (July to September first): the one said, else the latest that has begun."""
    number = _NTH_QUARTER[m[1].lower()] if m[1] else int(m[2])
    financial = bool(m[4] or m[5])
    said = (m[3] or "").lower()
    if financial:
        year = today.year - (today.month < 7) - (said in ("last", "previous"))
        first = add_months(date(year, 7, 1), 3 * (number - 1))
    else:
        year = int(m[6]) if m[6] else today.year - (said in ("last", "previous"))
        first = date(year, 3 * (number - 1) + 1, 1)
    if not said and not m[6] and first > today:
        first = add_months(first, -12)  # not begun this year: the last one there was
    return first, month_end(add_months(first, 2))


_PARTS = ("week_of_month", "half_of_month", "part_of_month", "financial_year",
          "week_before_last", "and_a_half", "last_hours", "two_days", "easter", "quarter",
          "days_of_month", "last_fortnights", "year", "christmas_new_year", "numbered_quarter",
          "before_last", "same_time_last", "half_of_year")  # fmt: skip


def _named(
    kind: str, m: re.Match[str], today: date, *, future: bool = True
) -> tuple[date, date] | None:
    if kind in _PARTS:
        return _parts(kind, m, today, future)
    if kind == "last_n_days":
        return today - timedelta(days=int(m[1]) - 1), today
    if kind == "last_n_weeks":
        unit = (m[2] or m[3]).lower()
        if unit == "months":
            return add_months(today, -int(m[1])) + timedelta(days=1), today
        days = 7 * int(m[1]) if m[1] else 14 if unit == "fortnight" else 7
        return today - timedelta(days=days - 1), today
    if kind == "next_n_weeks":
        days = 7 * int(m[1]) if m[1] else 14
        return today, today + timedelta(days=days - 1)
    if kind == "next_n_days":
        return today, today + timedelta(days=int(m[1]) - 1)
    if kind == "last_30_days":
        return today - timedelta(days=29), today
    if kind == "this_week" and future and today.weekday() >= 5 and "so far" not in m[0].lower():
        # asked ahead on a weekend, "this week" is the days to come: the coming week too
        return today, _week(today, 1)[1]
    if kind in ("this_week", "last_week", "next_week", "week_after_next"):
        weeks = {"this_week": 0, "last_week": -1, "next_week": 1, "week_after_next": 2}
        return _week(today, weeks[kind])
    if kind in ("this_month", "last_month", "next_month"):
        first = add_months(today.replace(day=1), {"this_month": 0, "last_month": -1}.get(kind, 1))
        return first, month_end(first)
    if kind in ("this_year", "last_year"):
        year = today.year - (kind == "last_year")
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "weekend" and not future and today.weekday() < 5 and m[0].lower() == "the weekend":
        kind = "last_weekend"  # "what did we spend over the weekend", asked in the week
    if kind in ("last_weekend", "weekend_before_last"):
        back = 2 if kind == "last_weekend" else 9
        saturday = today - timedelta(days=today.weekday() + back)
        return saturday, saturday + timedelta(days=1)
    if kind == "rest_of":
        unit = m[1].lower()
        if unit == "week":
            return today, _week(today, 0)[1]
        if unit == "month":
            return today, month_end(today)
        return today, date(today.year, 12, 31)
    if kind == "weekend":
        coming = find_day(m[0], today, future=True)
        return (coming.day, coming.day + timedelta(days=1)) if coming else None
    number = month_number(m[1])
    if number is None:
        return None
    if m[2]:
        year = int(m[2])
    elif future:  # the calendar's "what's on in January", asked in December: the coming one
        year = today.year + (1 if number < today.month else 0)
    else:
        year = today.year - (1 if number > today.month else 0)
    first = date(year, number, 1)
    return first, month_end(first)


def _since(text: str, today: date) -> Range | None:
    """ "since the 3rd of Jan", "since last month": open-ended, from that day (or the start
    of that span) to today."""
    m = re.search(r"\bsince\b(.+)", text, _I)
    if not m:
        return None
    if start := re.match(
        r"\s*(?:the )?(?:start|beginning) of (?:the |this )?(week|month|year)\b", m[1], _I
    ):
        # "since the start of the year": from the first day of the one we are in
        span = _named(f"this_{start[1].lower()}", start, today, future=False)
        return Range(span[0], today, None) if span else None
    days = all_days(m[1], today, future=False)
    if not days and (
        month := re.match(rf"\s*(?:the (?:start|beginning) of )?({MONTHS})\b", m[1], _I)
    ):
        number = month_number(month[1])
        if number is not None:
            return Range(date(today.year - (number > today.month), number, 1), today, None)
    for pattern, kind in _NAMED:
        if (hit := pattern.search(m[1])) and not (kind == "month" and days):
            span = _named(kind, hit, today)  # "since last month": from its first day
            return Range(span[0], today, None) if span and span[0] <= today else None
    if days and days[0].day <= today:
        return Range(days[0].day, today, None)
    return None


def _day_to_day(text: str, today: date, future: bool) -> Range | None:
    """ "1 march to 15 march", "the 3rd - the 9th": two dates with only "to" between."""
    days = all_days(text, today, future=future)
    for a, b in pairwise(days):
        between = text[a.end : b.start]
        if re.fullmatch(
            r"\s*(?:(?:through|thru|up|right) to|to|till|til|until|through|thru|-)\s*", between, _I
        ):
            return Range(min(a.day, b.day), max(a.day, b.day), None)
    return None


# "the last couple of weeks", "the next few days": a count said in words the rules read as
# a figure (a couple is 2, a few 3)
_LOOSE_COUNT = re.compile(
    r"\b(last|past|previous|next|coming)\s+(?:a\s+)?(couple(?:\s+of)?|few)\s+"
    r"(days|weeks|months)\b",
    _I,
)
# "from March to May", "between Jan and March": the first month's first day to the last's end
_MONTH_TO_MONTH = re.compile(
    rf"\b(?:from|between)\s+({MONTHS})\b(?:\s+(\d{{4}}))?\s*(?:to|till|until|through|and|-)\s+"
    rf"({MONTHS})\b(?:\s+(\d{{4}}))?",
    _I,
)
# "between 2 and 6 March", "2-6 March", "from the 2nd to the 6th of March", "March 2 to 6":
# two days of one month, the month said once (after the second or before the first)
_ORDINAL = r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?"
_ONE_MONTH = re.compile(
    rf"(?:\b(?:from|between)\s+)?(?<![\d/.:$]){_ORDINAL}\s*(?:to|till|til|until|through|thru|and|-)"
    rf"\s*{_ORDINAL}(?:\s+of)?\s+({MONTHS})\b"
    rf"|\b({MONTHS})\s+{_ORDINAL}\s*(?:to|till|til|until|through|thru|and|-)\s*{_ORDINAL}\b"
    r"(?![:.]\d|\s*(?:am|pm|a\.m|p\.m|o'clock|hours|hrs|days|nights|weeks|km|kms|k\b|l\b|litres))",
    _I,
)


# "between the 13th and 17th", "13th-17th", "from the 28th to the 3rd": two days by their
# numbers alone, the first said as a day (an ordinal); the second is in the first's month,
# or the month after when its number is smaller.
_ORDINALS_APART = re.compile(
    r"(?:\b(?P<lead>from|between)\s+)?(?<![\d/.:$])(?:the\s+)?(?P<a>\d{1,2})(?P<s>st|nd|rd|th)"
    r"\s*(?P<to>to|till|til|until|through|thru|and|&|-)\s*(?:the\s+)?(?P<b>\d{1,2})(?:st|nd|rd|th)?"
    r"\b(?!\s*(?:of\b|[a-z]{3,}|[:.]\d))",
    _I,
)


def _ordinals_apart(text: str, today: date, future: bool) -> Range | None:
    m = _ORDINALS_APART.search(text)
    if m is None or (m["to"].lower() in ("and", "&") and not m["lead"]):
        return None  # ("the 3rd and 9th": two days, not the days between)
    first, last = int(m["a"]), int(m["b"])
    said = all_days(f"the {m['a']}{m['s']}", today, future=future)
    if not said or not 1 <= last <= 31:
        return None
    start = said[0].day
    month = start if last > first else add_months(start.replace(day=1), 1)
    with suppress(ValueError):
        return Range(start, month.replace(day=last), None)
    return None


# "between the 1st and the 15th of last month": the month named by where it is from today
_ONE_NEAR_MONTH = re.compile(
    rf"(?:\b(?P<lead>from|between)\s+)?(?<![\d/.:$]){_ORDINAL}\s*"
    rf"(?P<to>to|till|til|until|through|thru|and|-)\s*{_ORDINAL}\s+of\s+(?P<rel>last|this|next)"
    r"\s+month\b",
    _I,
)


def _in_near_month(text: str, today: date) -> Range | None:
    m = _ONE_NEAR_MONTH.search(text)
    if m is None or (m["to"].lower() == "and" and not m["lead"]):
        return None  # ("the 3rd and 9th of last month": two days, not the days between)
    first, last = int(m[2]), int(m[4])
    if not 1 <= first < last <= 31:
        return None
    month = add_months(today.replace(day=1), {"last": -1, "this": 0, "next": 1}[m["rel"].lower()])
    with suppress(ValueError):
        return Range(month.replace(day=first), month.replace(day=last), None)
    return None


def _in_one_month(text: str, today: date, future: bool) -> Range | None:
    if near := _in_near_month(text, today):
        return near
    m = _ONE_MONTH.search(text)
    if m is None:
        return None
    if m[3]:
        if "and" in m[0].lower() and not re.match(r"between\b", m[0], _I):
            return None  # ("spent 20 and 30 march …": two figures, not a span)
        first, last, month = int(m[1]), int(m[2]), m[3]
    else:
        first, last, month = int(m[5]), int(m[6]), m[4]
    if not 1 <= first < last <= 31:
        return None
    end = written(f"{last} {month}", today, future)
    if end is None:
        return None
    with suppress(ValueError):
        return Range(end.replace(day=first), end, None)
    return None


# "between now and Friday", "from today until the 20th": today is the first day
_FROM_NOW = re.compile(r"\b(?:from|between)\s+(?:now|today|right now)\b", _I)


# "from Monday to Wednesday", "between tues and thurs", "mon-wed": the days of one run of the
# week, the last after the first (the run gone by, asked of money; the coming one ahead)
_WEEKDAY_NAMES = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|weds|thu|thur"
    r"|thurs|fri|sat|sun"
)
_WEEKDAY_RUN = re.compile(
    rf"(?:\b(?:from|between)\s+)?\b(?:last\s+|this\s+|next\s+)?({_WEEKDAY_NAMES})\.?\s*"
    rf"(?:to|till|til|until|through|thru|and|-)\s*({_WEEKDAY_NAMES})\b",
    _I,
)


def _weekday_run(text: str, today: date, future: bool) -> Range | None:
    m = _WEEKDAY_RUN.search(text)
    if m is None or (" and " in m[0].lower() and not m[0].lower().startswith("between")):
        return None  # ("monday and wednesday": two days, not the days between)
    first = WEEKDAYS.index(m[1].lower()[:3])
    length = (WEEKDAYS.index(m[2].lower()[:3]) - first) % 7
    if length == 0:
        return None
    said = re.search(r"\b(last|this|next)\s", m[0], _I)
    begin = weekday(today, m[1], said[1].lower() if said else "bare", future)
    if not future and not said and begin + timedelta(days=length) > today:
        begin -= timedelta(days=7)  # asked of money: the run that has gone by
    return Range(begin, begin + timedelta(days=length), None)


_UNTIL_NOW = re.compile(
    # (not "month to date", "year to date": the span so far, read by its name)
    r"(?<!\bmonth)(?<!\byear)(?<!\bweek)"
    r"\s+(?:until|till|til|to|up to|up until|through)\s+(?:now|right now|date|the present)\b",
    _I,
)


def _months_apart(m: re.Match[str], today: date) -> Range | None:
    first, last = month_number(m[1]), month_number(m[3])
    if first is None or last is None:
        return None
    year = int(m[2]) if m[2] else today.year - (1 if first > today.month else 0)
    end_year = int(m[4]) if m[4] else year + (1 if last < first else 0)
    return Range(date(year, first, 1), month_end(date(end_year, last, 1)), None)


def find_range(text: str, today: date, *, future: bool = False) -> Range | None:
    """The span a question asks about, or None when it names none."""
    text = _LOOSE_COUNT.sub(
        lambda m: f"{m[1]} {'3' if m[2].lower() == 'few' else '2'} {m[3]}", text
    )
    if (months := _MONTH_TO_MONTH.search(text)) and (apart := _months_apart(months, today)):
        return apart
    text = _FROM_NOW.sub(lambda m: m[0].rsplit(" ", 1)[0] + " today", text)
    text = _UNTIL_NOW.sub(" to today", text)  # "from the 1st of Feb until now"
    if run := _weekday_run(text, today, future):
        return run
    if one_month := _in_one_month(text, today, future):
        return one_month
    if apart := _ordinals_apart(text, today, future):
        return apart
    pair = re.search(r"\bfrom\b(.+?)\b(?:to|till|until|through)\b(.+)", text, _I) or re.search(
        r"\bbetween\b(.+?)\b(?:and|&)\b(.+)", text, _I
    )
    if pair:
        first = all_days(pair[1], today, future=future)
        last = all_days(pair[2], today, future=future)
        if first and last:  # "from the 1st to the 5th of March": the month is the last day's
            end = last[0].day
            start = first[0].day
            named = rf"\b(?:{MONTHS})\b"
            if not re.search(named, pair[1], _I) and re.search(named, pair[2], _I):
                with suppress(ValueError):  # the 31st of a month that has none stays put
                    start = start.replace(year=end.year, month=end.month)
            elif re.search(named, pair[1], _I) and re.match(
                r"\s*(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:of\b|/|\.\d|[a-z]))", pair[2], _I
            ):
                with suppress(ValueError):  # "between the 1st of March and the 15th"
                    end = end.replace(year=start.year, month=start.month)
            return Range(min(start, end), max(start, end), None)
    if adjacent := _day_to_day(text, today, future):
        return adjacent
    if since := _since(text, today):
        return since
    for pattern, kind in _NAMED:
        if m := pattern.search(text):
            span = _named(kind, m, today, future=future)
            if span:
                return Range(span[0], span[1], kind if kind in PERIODS else None)
    if m := re.search(r"\b(?:since|from)\b(.+)", text, _I):
        days = all_days(m[1], today, future=False)
        if days:
            end = days[1].day if len(days) > 1 else today
            return Range(min(days[0].day, end), max(days[0].day, end), None)
    if m := re.search(r"\bbetween\b(.+)", text, _I):
        days = all_days(m[1], today, future=future)
        if len(days) > 1:
            return Range(min(days[0].day, days[1].day), max(days[0].day, days[1].day), None)
    day = find_day(text, today, future=future)
    if day:
        return Range(day.day, day.day, None)
    return None


_NEXT_TO = re.compile(
    r"\bthe (day|week|fortnight|month|year) (before|after)(?: (?:that|then)\b|(?=\W*$))", _I
)  # ("how does that compare with the week before?": "that" unsaid at the end)
_STEP = {"day": 1, "week": 7, "fortnight": 14}


# "and the rest of the month" after the 1st to the 15th: from the day after the span asked
# about to the end of its month (week, year)
_REST_OF = re.compile(
    r"\b(?:the\s+)?(?:rest|remainder|remaining part|balance)\s+of\s+(?:the|that|this)\s+"
    r"(month|week|year)\b",
    re.IGNORECASE,
)


def _rest_after(unit: str, previous: Range) -> Range | None:
    first = previous.end + timedelta(days=1)
    if unit == "month":
        last = month_end(previous.end)
    elif unit == "week":
        last = previous.end + timedelta(days=6 - previous.end.weekday())
    else:
        last = date(previous.end.year, 12, 31)
    return Range(first, last, None) if first <= last else None


def next_to(text: str, previous: Range) -> tuple[Range, int, int] | None:
    """ "the month before that": the span beside the one asked about before, and where the
    words are."""
    if (rest := _REST_OF.search(text)) and (after := _rest_after(rest[1].lower(), previous)):
        return after, rest.start(), rest.end()
    m = _NEXT_TO.search(text)
    if not m:
        return None
    unit, sign = m[1].lower(), -1 if m[2].lower() == "before" else 1
    if unit == "month":
        first = add_months(previous.start.replace(day=1), sign)
        return Range(first, month_end(first), None), m.start(), m.end()
    if unit == "year":
        year = previous.start.year + sign
        return Range(date(year, 1, 1), date(year, 12, 31), None), m.start(), m.end()
    step = timedelta(days=_STEP[unit] * sign)
    return Range(previous.start + step, previous.end + step, None), m.start(), m.end()


_DAYS = re.compile(
    r"\b(?:for|next|over|coming)\s+(?:the\s+)?(?:next\s+)?(\d+)\s*days?\b|\b(\d+)[\s-]*day\b"
    r"|(?<!\bin )(?<!\bin the )\b(\d+)\s+days\b(?!\s+(?:ago|from|after|before|time))",
    _I,
)


def forecast_days(text: str, today: date) -> int | None:
    """How many days of forecast a question needs, counting today; None for the default."""
    if m := _DAYS.search(text):
        return max(1, min(16, int(m[1] or m[2] or m[3])))
    if m := re.search(r"\b(?:next|coming|following)\s+(few|couple of|couple)\s+days\b", text, _I):
        return 3 if m[1].lower() == "few" else 2
    if re.search(r"\b(?:week|7[\s-]day)\b", text, _I) and not re.search(r"\bweekend\b", text, _I):
        return 7
    span = find_range(text, today, future=True)
    if span is None or span.end < today:
        return None
    return max(1, min(16, (span.end - today).days + 1))
