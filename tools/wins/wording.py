"""How money facts read in replies: category names, short dates, percentages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

_LABELS = {"phone_internet": "phone & internet", "gas_lpg": "gas/LPG"}


def category_label(category: str) -> str:
    return _LABELS.get(category, category)


def day_label(day: date, today: date) -> str:
    """`9 Mar` within the current year, `9 Mar 2025` otherwise."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def percent_label(percent: Decimal) -> str:
    """`85%` for whole numbers, `85.5%` otherwise."""
    return f"{percent.normalize():f}%" if percent == percent.to_integral() else f"{percent}%"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
