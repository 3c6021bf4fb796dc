"""Argument value types shared by every domain's argument models."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema

EARLIEST = date(1970, 1, 1)
MAX_MONEY = Decimal("1000000")
LATEST = date(2100, 12, 31)


def _cents(value: Decimal) -> Decimal:
    try:
        cents = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # too many digits to hold in cents: far past the maximum
        raise ValueError(f"must be more than zero and at most {MAX_MONEY:,}") from None
    if cents <= 0:
        raise ValueError("must be more than zero")
    if cents > MAX_MONEY:
        raise ValueError(f"must be at most {MAX_MONEY:,}")
    return cents


# What may stand around an amount a person or a model writes: "$1,240", "AUD 85.40",
# "85.40 aud", "NZ$12", "€3.50". The currency itself is a separate argument.
_CURRENCY_MARKS = re.compile(r"(?i)\b(?:aud|usd|nzd|cad|eur|gbp)\b|[a-z]{0,2}\$|[€£]")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d{1,2}")


def lenient_number(value: Any) -> Any:
    """A number written as text, made plain: "$1,240" -> "1240", "12,50" -> "12.50".

    Anything still not a number is left for the type's own (clear) error."""
    if not isinstance(value, str):
        return value
    text = _CURRENCY_MARKS.sub("", value).replace(" ", "").replace("\u00a0", "")
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    return text or value


def _sane_date(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"date must be between {EARLIEST} and {LATEST}")
    return value


def _currency(value: str) -> str:
    return value.upper()


# Symbols a model writes for a currency code. A bare "$" names no currency (Australian,
# US, NZ...): it means "the user's own", as if no currency were given.
CURRENCY_SYMBOLS = {"$": None, "A$": "AUD", "AU$": "AUD", "US$": "USD", "NZ$": "NZD"}
CURRENCY_SYMBOLS |= {"C$": "CAD", "CA$": "CAD", "€": "EUR", "£": "GBP"}


def currency_symbol(value: Any) -> Any:
    if isinstance(value, str) and value.strip().upper() in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[value.strip().upper()]
    return value


# Money: read leniently ("$1,240" is 1240), rounded to cents (85.405 is 85.41, not an
# error), then positive and at most a million, so 0.001 is refused as zero rather than
# stored as 0.00. A number in the schema, whatever text it accepts.
Money = Annotated[
    Decimal,
    BeforeValidator(lenient_number),
    Field(allow_inf_nan=False),
    AfterValidator(_cents),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 1_000_000}),
]
SaneDate = Annotated[date, AfterValidator(_sane_date)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$"), AfterValidator(_currency)]
# An optional currency argument: a code, or a symbol ("$" is the user's own currency).
OptionalCurrency = Annotated[
    Currency | None,
    BeforeValidator(currency_symbol),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$"}),
]


def _text(max_length: int) -> StringConstraints:
    """A required, non-blank string of at most `max_length` characters."""
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


Title = Annotated[str, _text(200)]
Name = Annotated[str, _text(100)]
ShortText = Annotated[str, _text(500)]
LongText = Annotated[str, _text(2000)]
