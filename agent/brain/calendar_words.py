"""Date arithmetic behind the date words: counts, shifts, weekdays, "the 3rd", and written
dates through dateparser (with the run's clock as its base)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta

import dateparser

from agent.brain.clock import add_months

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def count_of(text: str) -> int:
    text = " ".join(text.lower().removeprefix("a ").split()).removesuffix(" of")
    return {"a": 1, "an": 1, "couple": 2, "few": 3}.get(text) or int(text)


def shift(today: date, n: int, unit: str) -> date:
    unit = unit.lower()
    if unit.startswith("fortnight"):
        return today + timedelta(days=14 * n)
    if unit.startswith("week"):
        return today + timedelta(days=7 * n)
    if unit.startswith("month"):
        return add_months(today, n)
    if unit.startswith("year"):
        return add_months(today, 12 * n)
    return today + timedelta(days=n)


def weekday(today: date, name: str, mode: str, future: bool) -> date:
    """The weekday `name` relative to today; mode is last/next/this/bare."""
    target = WEEKDAYS.index(name.lower()[:3])
    ahead = (target - today.weekday()) % 7
    if mode == "next" and 0 < ahead <= 2 and target > today.weekday():
        # "next Thursday" said on a Wednesday is not tomorrow: the one in next week
        return today + timedelta(days=ahead + 7)
    if mode in ("next", "this", "coming", "this coming"):
        return today + timedelta(days=ahead or 7) if mode != "this" else today + timedelta(ahead)
    if mode == "last" or not future:
        return today - timedelta(days=(today.weekday() - target) % 7 or 7)
    return today + timedelta(days=ahead or 7)


def written(text: str, today: date, future: bool) -> date | None:
    settings = {
        "RELATIVE_BASE": midnight(today),
        "PREFER_DATES_FROM": "future" if future else "past",
        "DATE_ORDER": "DMY",
    }
    found = dateparser.parse(text, languages=["en"], settings=settings)
    return found.date() if found else None


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def nth_day(today: date, day: int, future: bool) -> date | None:
    """ "the 3rd": this month's, else the month before (past) or after (future)."""
    for months in (0, 1 if future else -1):
        first = add_months(today.replace(day=1), months)
        try:
            candidate = first.replace(day=day)
        except ValueError:
            continue
        if months or (candidate >= today if future else candidate <= today):
            return candidate
    return None


# Whether "6/10" is June 10 (month first, as North Americans write it) or 6 October: the
# turn's user decides (the brain sets it from the run's currency and zone).
_MONTH_FIRST: ContextVar[bool] = ContextVar("month_first", default=False)


@contextmanager
def month_first(value: bool) -> Iterator[None]:
    token = _MONTH_FIRST.set(value)
    try:
        yield
    finally:
        _MONTH_FIRST.reset(token)


def is_month_first() -> bool:
    """Whether this turn reads "6/10" as June 10 (set by `month_first`)."""
    return _MONTH_FIRST.get()


def numeric(first: int, second: int, year: int | None, today: date, future: bool) -> date | None:
    """ "14/8", "6/20", "15.06.2026": day and month in the user's order, the other order
    when only it is a date; without a year the nearest such day in the preferred direction."""
    orders = [(first, second), (second, first)]  # (day, month)
    if _MONTH_FIRST.get():
        orders.reverse()
    for day, month in orders:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if year is not None:
            full = year + 2000 if year < 100 else year
            try:
                return date(full, month, day)
            except ValueError:
                continue
        for shift_years in (0, 1 if future else -1):
            try:
                candidate = date(today.year + shift_years, month, day)
            except ValueError:
                break
            if shift_years or (candidate >= today if future else candidate <= today):
                return candidate
    return None
