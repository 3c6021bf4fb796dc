"""How amounts, distances and volumes read in replies: the user's currency and units."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

KM_PER_MILE = Decimal("1.609344")
LITRES_PER_GALLON = Decimal("3.785411784")  # US gallon
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
