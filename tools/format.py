"""How values read in replies: amounts, distances and volumes in the user's currency and
units; counts, lists, short dates and percentages in plain English."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

KM_PER_MILE = Decimal("1.609344")
LITRES_PER_GALLON = Decimal("3.785411784")  # US gallon
SHOWN_IN_SUMMARY = 10
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SYMBOLS = {"AUD": "$", "USD": "US$", "NZD": "NZ$", "CAD": "C$", "EUR": "€", "GBP": "£"}


def _q(value: Decimal | float | int, places: str = "0.01") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def money(amount: Decimal | float | int, currency: str = "AUD") -> str:
    """`$85.40` for AUD, `NZ$12.00`, `€3.50`; other codes as `12.00 JPY`."""
    value = _q(amount)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.2f}"
    symbol = _SYMBOLS.get(currency)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"


def distance(km: Decimal | float | int, units: str = "metric") -> str:
    if units == "imperial":  # in words: "mi" reads as a typo to many
        miles = _q(Decimal(str(km)) / KM_PER_MILE, "1")
        return f"{miles:,} mile{'' if miles == 1 else 's'}"
    return f"{_q(km, '1'):,} km"


def speed(kmh: Decimal | float | int, units: str = "metric") -> str:
    if units == "imperial":
        return f"{_q(Decimal(str(kmh)) / KM_PER_MILE, '1')} mph"
    return f"{_q(kmh, '1')} km/h"


def volume(litres: Decimal | float | int, units: str = "metric") -> str:
    if units == "imperial":
        return f"{_q(Decimal(str(litres)) / LITRES_PER_GALLON, '0.1')} gal"
    return f"{_q(litres, '0.1')} L"


def counted(n: int, noun: str) -> str:
    """`1 event`, `3 events`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def and_list(texts: list[str]) -> str:
    """`milk`, `milk and eggs`, `milk, eggs and bread`."""
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"


def first_few(texts: list[str], separator: str = ", ") -> str:
    """The first few texts joined, then how many more there are, so a summary stays short."""
    shown = separator.join(texts[:SHOWN_IN_SUMMARY])
    more = len(texts) - SHOWN_IN_SUMMARY
    return f"{shown}{separator}and {more} more" if more > 0 else shown


def day_label(day: date, today: date) -> str:
    """`9 Mar` within the current year, `9 Mar 2025` otherwise."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"  # not %b: replies don't follow the locale
    return text if day.year == today.year else f"{text} {day.year}"


def percent_label(percent: Decimal) -> str:
    """`85%` for whole numbers, `85.5%` otherwise."""
    return f"{percent.normalize():f}%" if percent == percent.to_integral() else f"{percent}%"
