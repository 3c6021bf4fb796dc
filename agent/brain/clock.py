"""Calendar helpers with no language in them: month arithmetic and month names."""

from __future__ import annotations

import calendar
import re
from datetime import date

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
