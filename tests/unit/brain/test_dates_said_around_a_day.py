"""Days said around another day or a month ("a week from Friday", "the Friday after next",
"first of next month", "mid January", "Christmas Eve"), read against a fixed today."""

from __future__ import annotations

from datetime import date

import pytest

from agent.brain.dates import find_day
from agent.brain.textutil import normalise

# A Wednesday, so "the coming Friday" is 2027-03-12.
TODAY = date(2027, 3, 10)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("remind me a week from friday", date(2027, 3, 19)),
        ("three days after tomorrow", date(2027, 3, 14)),
        ("due a fortnight from today", date(2027, 3, 24)),
        ("book it 2 weeks from next monday", date(2027, 3, 29)),
        ("lunch the friday after next", date(2027, 3, 19)),
        ("the rego is due thursday fortnight", date(2027, 3, 25)),
        ("pay it the week after next", date(2027, 3, 24)),
        ("get it done by end of the week", date(2027, 3, 12)),
        ("in a couple of days", date(2027, 3, 12)),
        ("in a few days", date(2027, 3, 13)),
    ],
)
def test_days_counted_from_another_day(said: str, expected: date) -> None:
    hit = find_day(normalise(said), TODAY, future=True)
    assert hit is not None
    assert hit.day == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("on the first of next month", date(2027, 4, 1)),
        ("start of next month", date(2027, 4, 1)),
        ("by the end of next month", date(2027, 4, 30)),
        ("the last day of the month", date(2027, 3, 31)),
        ("mid-june", date(2027, 6, 15)),
        ("mid august", date(2027, 8, 15)),
    ],
)
def test_days_at_the_edges_and_middle_of_a_month(said: str, expected: date) -> None:
    hit = find_day(normalise(said), TODAY, future=True)
    assert hit is not None
    assert hit.day == expected


@pytest.mark.parametrize(
    ("said", "expected", "span"),
    [
        ("dinner on christmas eve", date(2027, 12, 24), "on christmas eve"),
        ("home by christmas", date(2027, 12, 25), "by christmas"),
        ("boxing day sales", date(2027, 12, 26), "boxing day"),
        ("party on new year's eve", date(2027, 12, 31), "on new year's eve"),
        ("the march on anzac day", date(2027, 4, 25), "on anzac day"),
    ],
)
def test_days_known_by_name(said: str, expected: date, span: str) -> None:
    text = normalise(said)
    hit = find_day(text, TODAY, future=True)
    assert hit is not None
    assert (hit.day, text[hit.start : hit.end]) == (expected, span)


def test_christmas_as_a_thing_is_no_day() -> None:
    assert find_day("buy christmas lights and a tree", TODAY, future=True) is None
