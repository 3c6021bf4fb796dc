""" "There" is the town the conversation last named; "is there ..." is no place."""

from __future__ import annotations

from tests.unit.brain.support import only_call, step, subset


def test_a_trip_there_goes_to_the_town_asked_about_before() -> None:
    answer = step("wheels", "what's the weather in Broome?", "ok, plan a trip there from Derby")
    assert subset(only_call(answer, "plan_trip"), {"origin": "Derby", "destination": "Broome"})


def test_the_weather_there_is_the_earlier_towns() -> None:
    answer = step("wheels", "how far is Cairns from Mareeba?", "what's the weather like there")
    assert subset(only_call(answer, "weather_forecast"), {"location": "Cairns"})


def test_is_there_keeps_its_own_place() -> None:
    answer = step("wheels", "weather in Broome", "is there a dump point near Roma?")
    assert subset(only_call(answer, "find_places"), {"near": "Roma"})
