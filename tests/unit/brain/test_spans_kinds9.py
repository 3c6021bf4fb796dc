"""Span and dialogue kinds of branch i15-spans9, each on phrasings of our own: a question
naming a trip of its own after a trip was planned; a vehicle's name of several words said
before its details, or a model labelled first; a fact told about oneself is the note."""

from __future__ import annotations

import pytest

from tests.unit.brain.support import only_call, step
from tests.unit.brain.test_dialogue_state import previous

TRIP = previous(
    "plan_trip", "wheels", {"origin": "Roma", "destination": "Longreach", "save": True},
    [{"kind": "trip", "id": "0fd1c2a3-0000-4000-8000-000000000003"}], wrote=True,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("how far to Winton from Longreach", ("Longreach", "Winton")),
        ("how long is the drive from Barcaldine to Winton?", ("Barcaldine", "Winton")),
        ("how many km from Longreach to Hughenden", ("Longreach", "Hughenden")),
    ],
)
def test_a_question_naming_its_own_trip_is_not_the_trip_just_planned(
    text: str, ends: tuple[str, str]
) -> None:
    args = only_call(step("wheels", text, **TRIP), "plan_trip")
    assert (args["origin"], args["destination"]) == ends
    assert args["save"] is False


@pytest.mark.parametrize(
    "text", ["how long will that take?", "how many hours from Roma to Longreach"]
)
def test_a_question_about_the_trip_just_planned_keeps_it(text: str) -> None:
    args = only_call(step("wheels", text, **TRIP), "plan_trip")
    assert (args["origin"], args["destination"]) == ("Roma", "Longreach")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("add the Land Cruiser, 2016 Toyota LC200, rego 123ABC", "Land Cruiser"),
        ("add our Big Red, a 2019 Isuzu D-Max", "Big Red"),
        ("add the Old Girl (1998 Nissan Patrol)", "Old Girl"),
        ("add a vehicle pls: Ranger, ford, 2021, diesel, 80L tank", "Ranger"),
        ("add my Troopy, 2012 Land Cruiser diesel 13.5L/100km", "Troopy"),
        ("add a new vehicle: 2019 Ford Ranger, diesel, 80 litre tank", "Ford Ranger"),
    ],
)
def test_a_vehicles_name_said_before_its_details_is_whole(text: str, name: str) -> None:
    assert only_call(step("wheels", text), "add_vehicle")["name"] == name


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("I'm vegetarian by the way", "I'm vegetarian"),
        ("just so you know, we don't eat pork", "We don't eat pork"),
        ("my husband is diabetic fyi", "My husband is diabetic"),
    ],
)
def test_a_fact_told_about_oneself_is_the_note(text: str, note: str) -> None:
    assert only_call(step("you", text), "remember") == {"note": note}
