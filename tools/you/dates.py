"""Dates and times as the you domain reads and writes them: the user's zone, plain English.

Names of days and months are spelled out here rather than with `strftime`, so replies
don't change with the server's locale.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BeforeValidator

from tools.values import EARLIEST, LATEST

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_or_datetime(value: Any) -> date | datetime:
    """Parse here rather than let pydantic try each type of the union: `2026-03-10` stays
    a date (pydantic would make it midnight), numbers are refused (pydantic would read
    Unix timestamps), and a bad value gets one clear message."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return (
                date.fromisoformat(text) if _DATE_ONLY.match(text) else datetime.fromisoformat(text)
            )
        except ValueError:
            pass
    raise ValueError(
        f"{value!r} is not an ISO date or datetime, e.g. 2026-03-10 or 2026-03-10T10:00+11:00"
    )


def _sane_moment(value: datetime | date) -> datetime | date:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"must be between {EARLIEST} and {LATEST}")
    return value


# A datetime (with offset, or naive meaning the user's zone) or a date only (all day).
Moment = Annotated[
    datetime | date, BeforeValidator(_date_or_datetime), AfterValidator(_sane_moment)
]


def in_zone(value: datetime, tz: ZoneInfo) -> datetime:
    """An aware datetime: a naive one is wall-clock time in the user's zone."""
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


def stored_day(at: datetime, tz: ZoneInfo) -> date:
    """The calendar day of an all-day event stored at local midnight.

    The nearest local midnight is taken, so the day survives the user moving to a zone
    up to 12 hours away (Sydney midnight is 9 pm the day before in Perth).
    """
    return (at.astimezone(tz) + timedelta(hours=12)).date()


def day_text(day: date, today: date) -> str:
    """`Tue 10 Mar`; the year is added when it isn't the current one."""
    text = f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def clock_text(at: datetime) -> str:
    """`10:00 am`, `12:30 pm`, `12:00 am` (midnight)."""
    hour = at.hour % 12 or 12
    return f"{hour}:{at.minute:02d} {'am' if at.hour < 12 else 'pm'}"


def when_text(at: datetime, tz: ZoneInfo, today: date) -> str:
    """`Tue 10 Mar at 10:00 am` in the user's zone."""
    local = at.astimezone(tz)
    return f"{day_text(local.date(), today)} at {clock_text(local)}"
