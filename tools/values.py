"""Argument value types shared by every domain's argument models."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

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


def _sane_date(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"date must be between {EARLIEST} and {LATEST}")
    return value


def _currency(value: str) -> str:
    return value.upper()


# Money: rounded to cents first (85.405 is 85.41, not an error), then positive and at
# most a million, so 0.001 is refused as zero rather than stored as 0.00.
Money = Annotated[Decimal, Field(allow_inf_nan=False), AfterValidator(_cents)]
SaneDate = Annotated[date, AfterValidator(_sane_date)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$"), AfterValidator(_currency)]


def _text(max_length: int) -> StringConstraints:
    """A required, non-blank string of at most `max_length` characters."""
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


Title = Annotated[str, _text(200)]
Name = Annotated[str, _text(100)]
ShortText = Annotated[str, _text(500)]
LongText = Annotated[str, _text(2000)]
