"""A clock time dictated as two numbers, the hour then the minutes ("arvo two fifty",
"till four twenty"), after a word that leads to a time; two numbers before a unit or money
stay numbers. Our own phrasings."""

from __future__ import annotations

import pytest

from agent.brain.textutil import normalise


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("ok make it nine twenty", "ok make it 9 20"),  # money or a time: times.py decides
        ("pick up Bev around eleven fifty", "pick up Bev around 11:50"),
        ("till four twenty five", "till 4:25"),
        ("bought 2 25 litre drums", "bought 2 25 litre drums"),
        ("at 4 20 bucks each", "at 4 20 bucks each"),
    ],
)
def test_an_hour_and_its_minutes_said_apart_are_a_time(text: str, read: str) -> None:
    assert normalise(text) == read
