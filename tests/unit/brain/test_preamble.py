"""Small talk before a request is set aside before reading: it asks for nothing, and its
words in another sense (the heat, the drive) must not pull the request elsewhere. A
sentence with a figure, a day, a name or a record in it stays, and so does everything when
the request points back at it. The sentences are this test's own."""

from __future__ import annotations

import pytest

from agent.brain.preamble import set_aside_preamble
from tests.unit.brain.support import only_call, route, step


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Absolute scorcher out there, phew. spent $18 on ice", "spent $18 on ice"),
        ("The budgie is squawking again! what's on the calendar", "what's on the calendar"),
        (
            "Sorry, my typing is hopeless. Not a great sleep either. log $22 for bait",
            "log $22 for bait",
        ),
        (
            "We survived the corrugations, just. I'm a vegan, remember that",
            "I'm a vegan, remember that",
        ),
    ],
)
def test_small_talk_first_is_set_aside(text: str, rest: str) -> None:
    assert set_aside_preamble(text) == rest


@pytest.mark.parametrize(
    "text",
    [
        "The awning ripped. add a task to get it patched",  # the request points back
        "Had the bearings done. log $310",  # work done: a record
        "Spent a fortune at Bunnings. log it",
        "Lovely stop at Hay. save it as a campsite",  # a name
        "Windy all week. what's the forecast for Ceduna?",  # a span of time
        "What a view. post in Grey Nomads: sunset at Mindil",  # an exclamation, kept
        "the jetty was lovely",  # one sentence: nothing to set aside
    ],
)
def test_a_sentence_that_says_something_stays(text: str) -> None:
    assert set_aside_preamble(text) == text


def test_the_weather_in_small_talk_asks_for_no_forecast() -> None:
    text = "Absolute scorcher out there, phew. spent $18 on ice at the servo"
    assert route(text) == ["wins"]
    assert only_call(step("wins", text), "add_expense")["amount"] == 18
