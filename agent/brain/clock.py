"""Calendar helpers with no language in them: month arithmetic and month names."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, tzinfo
from typing import Any

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's length."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_number(text: str) -> int | None:
    """The month a phrase names ("3rd of March" -> 3), else None."""
    for word in re.findall(r"[a-z]+", text.lower()):
        if len(word) >= 3 and word[:3] in _MONTH_NAMES:
            full = calendar.month_name[_MONTH_NAMES.index(word[:3]) + 1].lower()
            if full.startswith(word) or word == "sept":
                return _MONTH_NAMES.index(word[:3]) + 1
    return None


def moved_end(old_start: str, old_end: str, new_start: str) -> str | None:
    """The end of an event moved to `new_start`: it keeps its length (an event moved later
    than its old end would otherwise end before it starts). ISO strings, timed or all-day;
    None when the old span cannot be read or the kinds differ."""
    try:
        timed = "T" in old_start and "T" in old_end and "T" in new_start
        if timed:
            length = datetime.fromisoformat(old_end) - datetime.fromisoformat(old_start)
            return (datetime.fromisoformat(new_start) + length).isoformat()
        if "T" in old_start or "T" in old_end or "T" in new_start:
            return None
        days = date.fromisoformat(old_end) - date.fromisoformat(old_start)
        return (date.fromisoformat(new_start) + days).isoformat()
    except ValueError:
        return None


def keep_the_time(changed: dict[str, Any], old: dict[str, Any], tz: tzinfo) -> None:
    """ "oops, I meant Friday" after "lunch on Thursday at 12:30": a day alone moves the
    event to that day at its time, not to an all-day event (`changed` is put right)."""
    start, was = changed.get("start"), old.get("start")
    if not (changed.get("all_day") and not old.get("all_day")):
        return
    if not (isinstance(start, str) and isinstance(was, str) and len(start) == 10 and "T" in was):
        return
    at = datetime.fromisoformat(was).astimezone(tz)
    moved = datetime.combine(date.fromisoformat(start), at.time(), tz)
    changed["start"] = moved.isoformat()
    del changed["all_day"]
    end = old.get("end")
    kept = moved_end(was, end, changed["start"]) if isinstance(end, str) else None
    if kept is not None and "end" not in changed:
        changed["end"] = kept
