"""Values no row can hold, said back instead of written (a new user's try, round 15).

A calendar date that does not exist ("31 February", "the 30th of Feb") would otherwise be
dropped by the date reader and the row made on another day; an amount in exponent form
("$1e308") would be read as its first digit with the rest as a description. Neither is
ever written: the turn says what is wrong and asks."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from agent.brain.clock import month_number
from agent.brain.dates import MONTHS

# The most days each month can have in any year (29 February exists in leap years).
_LONGEST = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
_NOT_A_DAY_AFTER = r"(?!\s*(?:am|pm|:|km|kms|l|litres?|liters?|%|kg|g)\b)"
_DAY_MONTH = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?P<o>st|nd|rd|th|\s+of)?(?:\s+of)?\s+(?P<m>{MONTHS})\b", re.IGNORECASE
)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{MONTHS})\s+(?:the\s+)?(?P<d>\d{{1,2}})(?P<o>st|nd|rd|th)?\b{_NOT_A_DAY_AFTER}",
    re.IGNORECASE,
)
_MONTH_NAME = [
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip

# A number in exponent form ("1e308", "2.5E4"): no one says money that way, and the digits
# before the "e" are not the amount. A word of its own: the tail of a code or reference
# ("ref chaos-8390935614e0") is no number.
_EXPONENT = re.compile(
    r"(?<![\w.\-/#])(?P<cur>[$€£])?\d+(?:\.\d+)?e[+-]?\d+(?![\w\-/])"
    r"(?P<unit>\s*(?:dollars|bucks|aud)\b)?",
    re.IGNORECASE,
)
# A figure marked as money beyond what any row takes (the actions' own cap is a million).
_MONEY = re.compile(
    r"(?:[$€£]\s?(?P<a>\d[\d,]*(?:\.\d+)?)|(?P<b>\d[\d,]*(?:\.\d+)?)\s*(?:dollars|bucks|aud)\b)",
    re.IGNORECASE,
)
MOST_MONEY = Decimal(1_000_000)


def impossible_date(text: str) -> str | None:
    """ "31 February", "feb 30th": the day as written, when its month never has it."""
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            month = month_number(m["m"])
            if month is None:
                continue
            day = int(m["d"])
            if day > 31 and not m["o"]:
                continue  # "spent 40 may be more": a count before a modal, no day said
            if day > _LONGEST[month] or day == 0:
                return f"{day} {_MONTH_NAME[month]}"
    return None


def _too_big(text: str) -> str | None:
    for m in _MONEY.finditer(text):
        try:
            value = Decimal((m["a"] or m["b"]).replace(",", ""))
        except InvalidOperation:
            continue
        if value > MOST_MONEY:
            return m[0].strip()
    return None


def _meant_as_amount(m: re.Match[str], text: str) -> bool:
    """An exponent form marked as money is the amount; an unmarked one is only when no
    other figure is marked as money ("45 dollars … described as 1e3": the 45)."""
    if m["cur"] or m["unit"]:
        return True
    return _MONEY.search(text[: m.start()] + " " + text[m.end() :]) is None


def absurd_value(text: str, *, writes: bool) -> str | None:
    """What to say instead of acting, when the message holds a value no row can take: a
    date that does not exist (for any request), an amount no one writes (for a write)."""
    if day := impossible_date(text):
        month = day.split()[1]
        return f"{day} isn't a date — {month} never has that many days. Which day did you mean?" + (
            " I haven't changed anything." if writes else ""
        )
    if not writes:
        return None
    if (m := _EXPONENT.search(text)) and _meant_as_amount(m, text):
        return (
            f"'{m[0]}' isn't an amount I can log. "
            "What was the figure, written out (like 45.50)? I haven't logged anything."
        )
    if figure := _too_big(text):
        return (
            f"{figure} is more than I can log (the most is a million). "
            "Could you check the figure? I haven't logged anything."
        )
    return None
