"""The offline brain's plan_trip `save`: a request to plan, save or add the trip keeps it;
a distance, time or fuel-cost question only asks (TOOLS.md: saved unless save=false)."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage

from tests.unit.brain.support import called, only_call, result, step, subset

BROOME_DARWIN = {"origin": "Broome", "destination": "Darwin"}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("plan a trip from Broome to Darwin", BROOME_DARWIN),
        ("can you plan a trip from Broome to Darwin?", BROOME_DARWIN),
        ("save a trip from Broome to Darwin", BROOME_DARWIN),
        ("add a trip from Broome to Darwin to my trips", BROOME_DARWIN),
        ("map out Darwin to Broome via Katherine", {"origin": "Darwin", "stops": ["Katherine"]}),
        ("we're driving from Cairns to Cooktown next Monday", {"destination": "Cooktown"}),
    ],
)
def test_asking_to_plan_or_keep_a_trip_saves_it(text: str, places: dict[str, object]) -> None:
    args = only_call(step("wheels", text), "plan_trip")
    assert subset(args, places)
    assert args["save"] is True


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("how far is it from Broome to Darwin?", BROOME_DARWIN),
        ("how long to drive to Kununurra from Broome?", {"destination": "Kununurra"}),
        ("what would fuel cost to Alice Springs from Darwin?", {"destination": "Alice Springs"}),
        ("how far from ceduna to eucla", {"origin": "Ceduna", "destination": "Eucla"}),
        ("what's the distance from Longreach to Winton", {"origin": "Longreach"}),
        ("how many km from Broome to Derby", {"destination": "Derby"}),
        ("Broome to Darwin, how far?", BROOME_DARWIN),
    ],
)
def test_a_distance_time_or_cost_question_does_not_save(
    text: str, places: dict[str, object]
) -> None:
    args = only_call(step("wheels", text), "plan_trip")
    assert subset(args, places)
    assert args["save"] is False


QUESTION = "how far is it from Broome to Darwin?"
ASKED = called("plan_trip", "c1", origin="Broome", destination="Darwin", save=False)
ANSWER = result("c1", "plan_trip", summary="By road, Broome → Darwin: 1,870 km. Not saved.")


@pytest.mark.parametrize(
    "follow", ["save that trip", "add it to my trips", "ok, plan it", "great, save it"]
)
def test_keeping_the_trip_just_asked_about_saves_it(follow: str) -> None:
    reply = step("wheels", QUESTION, ASKED, ANSWER, AIMessage("1,870 km."), follow)
    args = only_call(reply, "plan_trip")
    assert subset(args, BROOME_DARWIN) and args["save"] is True


def test_keeping_it_for_a_day_carries_the_day() -> None:
    reply = step("wheels", QUESTION, ASKED, ANSWER, AIMessage("1,870 km."), "plan that for friday")
    assert subset(only_call(reply, "plan_trip"), {**BROOME_DARWIN, "start_date": "2026-03-13"})


def test_a_trip_already_saved_is_not_saved_again() -> None:
    planned = called("plan_trip", "c1", origin="Broome", destination="Darwin", save=True)
    done = result("c1", "plan_trip", summary="Planned Broome → Darwin: 1,870 km.")
    reply = step("wheels", "plan a trip from Broome to Darwin", planned, done,
                 AIMessage("Planned."), "save that trip")  # fmt: skip
    assert not [c for c in reply.tool_calls if c["name"] == "plan_trip" and c["args"].get("save")]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("gonna need to know the kms between Dubbo and Bourke",
         {"origin": "Dubbo", "destination": "Bourke"}),
        ("what's the distance between broken hill and mildura",
         {"origin": "Broken Hill", "destination": "Mildura"}),
    ],
)  # fmt: skip
def test_between_two_towns_is_from_the_first_to_the_second(
    text: str, places: dict[str, object]
) -> None:
    args = only_call(step("wheels", text), "plan_trip")
    assert subset(args, places) and args["save"] is False
