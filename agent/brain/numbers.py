"""The one number reader every value kind uses: how a figure is written in digits
("1,234.50", "1.2k", "2 grand") and the spoken forms of a figure that number words alone
do not give ("a buck fifty", "half a dozen").

Number words become digits in `textutil.normalise` before any value is read; the forms
here run there too, so an amount, a quantity or a count said this way reads the same for
every tool that takes one."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_I = re.IGNORECASE

# A figure in digits: "1,234,567.5" (thousands by commas) or "1234.5". Patterns that wrap it
# add their own look-behinds (a figure starts where a digit run starts: otherwise a pattern
# that fails after n digits is retried from each of them, O(n^2)).
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Thousands said after the figure: "1.2k", "12.5K", "2 grand". Not "k's"/"ks" (kilometres,
# read as "km" by then), not "km", "kg", "kw", "kph".
THOUSANDS = r"(?:k(?![a-z'])|\s?grand\b)"
_FIGURE = re.compile(rf"^\s*(?P<num>{DIGITS}|\.\d+)\s*(?P<k>k|grand)?\s*$", _I)


def read_number(raw: str) -> Decimal | None:
    """A figure as written: "1,234.50" -> 1234.50, "1.2k" -> 1200, "2 grand" -> 2000."""
    m = _FIGURE.match(raw)
    if m is None:
        return None
    try:
        value = Decimal(m["num"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    return value * 1000 if m["k"] else value


def thousands_after(text: str, end: int) -> int | None:
    """Where a "k"/"grand" written right after a figure ending at `end` stops, else None."""
    m = re.compile(THOUSANDS, _I).match(text, end)
    return m.end() if m else None


# "a buck fifty", "a dollar twenty", "two bucks fifty", "a quid fifty" (number words already
# digits: "a buck 50", "2 bucks 50"): dollars, then cents said without their name.
# The dollars-and-cents form with a figure first ("38 dollars 50") is textutil's.
_ONE_AND_CENTS = re.compile(
    r"\b(?:a|one|1)\s+(buck|dollar|quid|pound|euro)\s+(?:and\s+)?([1-9]\d)\b"
    r"(?!\s*(?:%|percent|litres?|liters?|l\b|km|kms|kg|am\b|pm\b|:|\.\d|c\b|cents?))",
    _I,
)
# "a grand on tyres", "make it a grand": one thousand (not "a grand old time", "a grand total")
_A_GRAND = re.compile(
    r"\b(?:a|one) grand\b(?=\s*(?:$|[,.;:!?)]|(?:on|for|in|to|a|an|per|each|all"
    r"|(?:this|last|next) (?:week|month|year)|cash|worth|of|back|up|down|off|from|and|but|so"
    r"|then)\b))",
    _I,
)
# "half a dozen eggs", "a dozen and a half": counts said by the dozen.
_DOZENS = re.compile(r"\bhalf (?:a )?dozen\b|\b(?:a|1) dozen and a half\b", _I)


def _one_and_cents(m: re.Match[str]) -> str:
    unit = m[1].lower()
    unit = "dollars" if unit in ("buck", "dollar") else unit if unit == "quid" else unit + "s"
    return f"1.{m[2]} {unit}"


def dozens(text: str) -> str:
    """ "half a dozen" -> "6" (before number words become digits: "a dozen" is 12 then)."""
    return _DOZENS.sub(lambda m: "6" if m[0].lower().startswith("half") else "18", text)


def one_and_cents(text: str) -> str:
    """ "a buck 50" -> "1.50 dollars", "a grand" -> "1 grand" (after number words became
    digits)."""
    return _A_GRAND.sub("1 grand", _ONE_AND_CENTS.sub(_one_and_cents, text))
