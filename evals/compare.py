"""Comparing an expected value with what the model or the database produced.

Numbers match within 0.01; strings case-insensitively; ISO dates and datetimes exactly
(a datetime with an offset matches the same instant written with another offset); lists
match element for element in any order; dicts as a subset of keys. An expected `null`
matches a missing key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

TOLERANCE = 0.01
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
MISSING = object()
E = TypeVar("E")
G = TypeVar("G")


def plain(value: Any) -> Any:
    """Database and pydantic values as JSON would have them."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _same_datetime(expected: str, got: str) -> bool:
    try:
        a, b = datetime.fromisoformat(expected), datetime.fromisoformat(got)
    except ValueError:
        return False
    if (a.tzinfo is None) != (b.tzinfo is None):
        return False
    return a == b


def _match_string(expected: str, got: Any) -> bool:
    if _ISO_DATE.match(expected):
        return bool(got == expected)
    if _ISO_DATETIME.match(expected):
        return got == expected or (isinstance(got, str) and _same_datetime(expected, got))
    return isinstance(got, str) and got.casefold() == expected.casefold()


def matches(expected: Any, got: Any) -> bool:
    got = plain(got)
    if expected is None:
        return got is None or got is MISSING
    if isinstance(expected, bool) or got is MISSING:
        return expected is got
    if isinstance(expected, int | float):
        number = _number(got)
        return number is not None and abs(number - expected) <= TOLERANCE + 1e-9
    if isinstance(expected, str):
        return _match_string(expected, got)
    if isinstance(expected, Mapping):
        return isinstance(got, Mapping) and not mismatches(expected, got)
    if isinstance(expected, Sequence):
        if not isinstance(got, Sequence) or isinstance(got, str) or len(got) != len(expected):
            return False
        return pair_up(list(expected), list(got), matches) is not None
    return bool(expected == got)


def mismatches(expected: Mapping[str, Any], got: Mapping[str, Any]) -> list[str]:
    """One `key expected X, got Y` phrase per expected key whose value does not match."""
    out = []
    for key, want in expected.items():
        have = got.get(key, MISSING)
        if not matches(want, have):
            shown = "nothing" if have is MISSING else show(plain(have))
            out.append(f"{key} expected {show(want)}, got {shown}")
    return out


def show(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def pair_up(expected: list[E], got: list[G], fits: Callable[[E, G], bool]) -> dict[int, int] | None:
    """A matching of every expected item to a distinct got item that fits it, or None.

    Augmenting paths (Kuhn's algorithm): a greedy pick could take the only item that a
    later expectation needs.
    """
    owner: dict[int, int] = {}  # got index -> expected index

    def place(e: int, seen: set[int]) -> bool:
        for g in range(len(got)):
            if g in seen or not fits(expected[e], got[g]):
                continue
            seen.add(g)
            if g not in owner or place(owner[g], seen):
                owner[g] = e
                return True
        return False

    for e in range(len(expected)):
        if not place(e, set()):
            return None
    return {e: g for g, e in owner.items()}
