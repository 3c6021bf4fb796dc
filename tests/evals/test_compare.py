"""The comparison rules of EVALS.md: numbers within 0.01, strings ignoring case, dates exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from evals.compare import MISSING, matches, mismatches, pair_up


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        (85.4, 85.4),
        (85.4, 85.405),
        (85.4, 85.41),
        (85, 85.0),
        (85.4, "85.40"),
        (20, Decimal("20.00")),
        ("Fuel", "fuel"),
        ("Grey Nomads", "GREY NOMADS"),
        ("2026-03-09", "2026-03-09"),
        ("2026-03-09", date(2026, 3, 9)),
        ("2026-03-10T14:00:00+11:00", "2026-03-10T14:00:00+11:00"),
        ("2026-03-10T14:00:00+11:00", "2026-03-10T03:00:00+00:00"),
        (None, None),
        (None, MISSING),
        (True, True),
        (["milk", "Eggs"], ["eggs", "milk"]),
        ({"a": 1}, {"a": 1.001, "b": "extra"}),
    ],
)
def test_matching_values(expected: Any, got: Any) -> None:
    assert matches(expected, got)


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        (85.4, 85.0),
        (85.4, 85.42),
        (85.4, "eighty"),
        (1, True),
        ("fuel", "fuels"),
        ("fuel", 3),
        ("2026-03-09", "2026-03-10"),
        ("2026-03-09", "2026-03-09T00:00:00+11:00"),
        ("2026-03-10T14:00:00+11:00", "2026-03-10T14:00:00"),
        ("2026-03-10T14:00:00+11:00", "2026-03-10T14:00:00+10:00"),
        (True, "true"),
        (False, MISSING),
        (["milk"], ["milk", "eggs"]),
        (["milk", "milk"], ["milk", "eggs"]),
        ({"a": 1}, {"b": 1}),
        ({"a": 1}, "a"),
    ],
)
def test_mismatching_values(expected: Any, got: Any) -> None:
    assert not matches(expected, got)


def test_mismatches_name_each_key_with_what_came_instead() -> None:
    found = mismatches(
        {"amount": 85.4, "category": "fuel", "date": "2026-03-09"},
        {"amount": 85.0, "category": "FUEL"},
    )
    assert found == ["amount expected 85.4, got 85.0", "date expected 2026-03-09, got nothing"]


def test_pairing_finds_a_full_matching_where_greedy_would_not() -> None:
    # The first expectation fits both; taking "a" for it would starve the second.
    expected = ["a-or-b", "a"]
    got = ["a", "b"]

    def fits(e: str, g: str) -> bool:
        return g in e.split("-or-")

    assert pair_up(expected, got, fits) == {0: 1, 1: 0}
    assert pair_up(["a", "a"], ["a", "b"], fits) is None
