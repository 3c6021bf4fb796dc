"""Argument value types shared by every domain's argument models."""

from __future__ import annotations

import re
import unicodedata
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


# ISO 4217's codes for currencies in use (2025). Any three letters were taken before: a
# typo ("ADU") logged money no total or budget counted, under a currency nobody has.
ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD
    BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK
    JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA
    MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK
    PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN
    SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST
    XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
    """.split()  # noqa: SIM905 -- the codes as ISO lists them, a line of them at a time
)


def _currency(value: str) -> str:
    code = value.upper()
    if code not in ISO_4217:
        raise ValueError(f"{value} is not a currency code (ISO 4217), e.g. AUD, NZD or USD")
    return code


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


# Embeddings, overrides and isolates of the text's direction, and the byte-order mark.
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\ufeff]")


# Letters that draw nothing: the Hangul fillers and the blank braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _drawn(char: str) -> bool:
    """A character a reader sees: a letter, digit, punctuation or symbol (not a space, a
    format character such as a zero-width space or joiner, a control or a lone mark)."""
    return char not in _BLANK_LETTERS and unicodedata.category(char)[0] in "LNPS"


def shown_text(value: Any) -> Any:
    """Text as written, without characters that only change how the rest is drawn: a
    right-to-left override in a post showed it reversed in everyone's feed, and a title
    can be made to read as something else. Letters of right-to-left scripts, joiners and
    emoji sequences stay. Text of invisible characters alone (zero-width spaces, a word
    joiner) is blank: it posted an empty-looking post to the public feed and added a
    task no one could read (try18). Spaces alone are left to the length bound's words."""
    if not isinstance(value, str):
        return value
    text = _DIRECTION_CONTROLS.sub("", value)
    if text.strip() and not any(_drawn(char) for char in text):
        raise ValueError("must not be blank: it has no visible character")
    return text


Shown = BeforeValidator(shown_text)
# The bounds before `Shown`, so they are the string's own (it still runs first): after
# it, pydantic checked them as a list's, "at most 500 items after validation" (try17).
Title = Annotated[str, _text(200), Shown]
Name = Annotated[str, _text(100), Shown]
ShortText = Annotated[str, _text(500), Shown]
LongText = Annotated[str, _text(2000), Shown]
