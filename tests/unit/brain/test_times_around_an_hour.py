"""Times said around an hour: "quarter to 5", "10 past 6pm", "half 7", "4ish", "seven thirty"."""

from __future__ import annotations

from datetime import time

import pytest

from agent.brain.textutil import normalise
from agent.brain.times import find_time


@pytest.mark.parametrize(
    ("said", "expected", "span"),
    [
        ("pick me up at quarter past nine am", time(9, 15), "at quarter past 9 am"),
        ("the vet is at half past 8 pm", time(20, 30), "at half past 8 pm"),
        ("half past four in the afternoon works", time(16, 30), "half past 4 in the afternoon"),
        ("book it for quarter to five", time(16, 45), "quarter to 5"),
        ("ring them at ten past 6", time(18, 10), "at 10 past 6"),
        ("twenty five past eleven in the morning", time(11, 25), "25 past 11 in the morning"),
        ("dinner about 20 after 7 tonight", time(19, 20), "about 20 after 7 tonight"),
        ("leave at five to 3", time(14, 55), "at 5 to 3"),
    ],
)
def test_minutes_before_or_after_an_hour(said: str, expected: time, span: str) -> None:
    text = normalise(said)
    hit = find_time(text)
    assert hit is not None
    assert (hit.at, text[hit.start : hit.end]) == (expected, span)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("see you at half 3", time(15, 30)),
        ("we leave half 7 in the morning", time(7, 30)),
        ("drinks half 8 tonight", time(20, 30)),
        ("meet at seven thirty", time(7, 30)),
        ("around 4-ish tomorrow", time(16, 0)),
        ("lunch at 12ish", time(12, 0)),
        ("the ferry goes at two fifteen", time(14, 15)),
    ],
)
def test_loose_hours(said: str, expected: time) -> None:
    hit = find_time(normalise(said))
    assert hit is not None
    assert hit.at == expected


@pytest.mark.parametrize(
    "said",
    [
        "we went from 20 to 8 people",
        "cut it by half 2 days early",
        "the budget went up 20 to 80",
        "knocked half 2 dollars off",
    ],
)
def test_counts_that_are_not_times(said: str) -> None:
    assert find_time(normalise(said)) is None


@pytest.mark.parametrize(
    ("said", "expected", "span"),
    [
        ("muster at 1700 at the gate", time(17, 0), "at 1700"),
        ("briefing 0930 hrs sharp", time(9, 30), "0930 hrs"),
        ("ferry leaves at 0645", time(6, 45), "at 0645"),
        ("lunch at 12 noon", time(12, 0), "at 12 noon"),
        ("fireworks at 12 midnight", time(0, 0), "at 12 midnight"),
    ],
)
def test_twenty_four_hour_clock_and_the_named_twelves(said: str, expected: time, span: str) -> None:
    hit = find_time(said)
    assert hit is not None
    assert (hit.at, said[hit.start : hit.end]) == (expected, span)


def test_four_digit_figures_that_are_not_times() -> None:
    assert find_time("paid 1700 at the dealer") is None
    assert find_time("odo at 1500 km") is None
    assert find_time("at 2400 it rolls over") is None
