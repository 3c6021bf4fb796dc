"""Dates, times and ranges against a fixed clock: Tuesday 10 March 2026, 9 am in Sydney."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.brain.dates import find_day
from agent.brain.ranges import find_range, forecast_days
from agent.brain.times import find_moment

TZ = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
TODAY = NOW.date()


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("yesterday", "2026-03-09", "2026-03-09"),
        ("last night", "2026-03-09", "2026-03-09"),
        ("the day before yesterday", "2026-03-08", "2026-03-08"),
        ("today", "2026-03-10", "2026-03-10"),
        ("tomorrow", "2026-03-11", "2026-03-11"),
        ("last Friday", "2026-03-06", "2026-03-06"),
        ("on Friday", "2026-03-06", "2026-03-13"),
        ("next Friday", "2026-03-13", "2026-03-13"),
        ("next Tuesday", "2026-03-17", "2026-03-17"),
        ("on the 3rd", "2026-03-03", "2026-04-03"),
        ("the 23rd", "2026-02-23", "2026-03-23"),
        ("3 March", "2026-03-03", "2027-03-03"),
        ("March 23rd", "2025-03-23", "2026-03-23"),
        ("12/4", "2025-04-12", "2026-04-12"),
        ("2026-04-01", "2026-04-01", "2026-04-01"),
        ("in 3 days", "2026-03-13", "2026-03-13"),
        ("2 days ago", "2026-03-08", "2026-03-08"),
        ("a week ago", "2026-03-03", "2026-03-03"),
        ("in a fortnight", "2026-03-24", "2026-03-24"),
        ("next month", "2026-04-10", "2026-04-10"),
        ("this weekend", "2026-03-14", "2026-03-14"),
        ("end of the month", "2026-03-31", "2026-03-31"),
    ],
)
def test_days(text: str, past: str, future: str) -> None:
    assert find_day(text, TODAY, future=False).day.isoformat() == past  # type: ignore[union-attr]
    assert find_day(text, TODAY, future=True).day.isoformat() == future  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["may I help", "62L at 145,230 km", "$2.09/L", "sat nav"])
def test_no_day(text: str) -> None:
    assert find_day(text, TODAY, future=False) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("call Mum tomorrow at 10", "2026-03-11T10:00:00+11:00"),
        ("dentist next Tuesday at 2pm", "2026-03-17T14:00:00+11:00"),
        ("on Friday at 9:30am", "2026-03-13T09:30:00+11:00"),
        ("dinner at 6.30pm on Saturday", "2026-03-14T18:30:00+11:00"),
        ("tonight", "2026-03-10T20:00:00+11:00"),
        ("tomorrow arvo", "2026-03-11T15:00:00+11:00"),
        ("tomorrow at noon", "2026-03-11T12:00:00+11:00"),
        ("at 3", "2026-03-10T15:00:00+11:00"),
        ("at 8", "2026-03-11T08:00:00+11:00"),  # 8 am has passed: tomorrow
        ("at half past 2 tomorrow", "2026-03-11T14:30:00+11:00"),
        ("the 5th of April at 11am", "2026-04-05T11:00:00+10:00"),  # daylight saving ended
        ("in 3 days", "2026-03-13"),
        ("on Saturday", "2026-03-14"),
    ],
)
def test_moments(text: str, iso: str) -> None:
    moment = find_moment(text, NOW, future=True)
    assert moment is not None
    assert moment.iso(TZ) == iso


@pytest.mark.parametrize(
    ("text", "start", "end", "period"),
    [
        ("this week", "2026-03-09", "2026-03-15", "this_week"),
        ("last week", "2026-03-02", "2026-03-08", "last_week"),
        ("this month", "2026-03-01", "2026-03-31", "this_month"),
        ("last month", "2026-02-01", "2026-02-28", "last_month"),
        ("the last 30 days", "2026-02-09", "2026-03-10", "last_30_days"),
        ("this year", "2026-01-01", "2026-12-31", "this_year"),
        ("in February", "2026-02-01", "2026-02-28", None),
        ("since Monday", "2026-03-09", "2026-03-10", None),
        ("from the 1st to the 5th", "2026-03-01", "2026-03-05", None),
        ("yesterday", "2026-03-09", "2026-03-09", None),
        ("last 7 days", "2026-03-04", "2026-03-10", None),
    ],
)
def test_ranges(text: str, start: str, end: str, period: str | None) -> None:
    span = find_range(text, TODAY)
    assert span is not None
    assert (span.start.isoformat(), span.end.isoformat(), span.period) == (start, end, period)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("weather this weekend", 6),
        ("for 5 days", 5),
        ("a 10 day forecast", 10),
        ("tomorrow", 2),
        ("today", 1),
        ("next week", 7),
        ("what's the weather like", None),
    ],
)
def test_forecast_days(text: str, days: int | None) -> None:
    assert forecast_days(text, TODAY) == days


def test_a_sunday_weekend_is_today_and_yesterday() -> None:
    sunday = date(2026, 3, 15)
    assert find_day("this weekend", sunday, future=True).day == date(2026, 3, 14)  # type: ignore[union-attr]
