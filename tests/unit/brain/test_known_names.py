"""Spans settled against the names the user can see in their own data (agent/brain/known.py):
the groups they are in or their message names, and their vehicles by make and model
(agent/context_block.py tells the brain; read into `Env.groups` and `Env.vehicles`)."""

from __future__ import annotations

import json

import pytest

from tests.unit.brain.support import only_call, step

GROUPS = json.dumps(
    [
        "Grey Nomads WA",
        "Solar Nerds",
        "Dogs on the Road",
        "Harvest Trail Workers",
        "Backpackers WA",
        "Frenchies in Oz",
    ]
)
VEHICLES = json.dumps(
    [
        {"name": "Dolly", "year": 2016, "make": "Toyota", "model": "Hilux"},
        {"name": "Kev", "make": "Isuzu", "model": "D-Max"},
    ]
)


def social(text: str, groups: str = GROUPS) -> dict[str, object]:
    answer = step("social", text, your_groups=groups)
    assert len(answer.tool_calls) == 1, answer.tool_calls or answer.text
    return {"tool": answer.tool_calls[0]["name"], **answer.tool_calls[0]["args"]}


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("join grey nomads wa pls 🙏", "Grey Nomads WA"),
        ("can you add me to the backpackers wa group thanks", "Backpackers WA"),
        ("join harvest trail", "Harvest Trail Workers"),  # a shortening of one known group
        ("sign us up for frenchies in oz", "Frenchies in Oz"),
    ],
)
def test_a_group_joined_is_passed_as_it_is_called(text: str, group: str) -> None:
    assert social(text) == {"tool": "join_group", "group": group}


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("whats new in the solar nerds feed", "Solar Nerds"),
        ("latest 5 posts in dogs on the road", "Dogs on the Road"),
        ("posts in frenchies in oz", "Frenchies in Oz"),
    ],
)
def test_a_groups_feed_is_read_by_its_name(text: str, group: str) -> None:
    assert social(text)["group"] == group


def test_a_post_run_on_after_its_group_is_split_at_the_known_name() -> None:
    assert social("post in dogs on the road saw two eagles near the creek") == {
        "tool": "create_post",
        "group": "Dogs on the Road",
        "content": "Saw two eagles near the creek",
        "visibility": "group",
    }


def test_filler_after_a_known_group_is_no_post_and_the_rules_cut_stands() -> None:
    got = social("post in dogs on the road instead: boat ramp closed")
    assert (got["group"], got["content"]) == ("Dogs on the Road", "boat ramp closed")
    answer = step("social", "put it in the Dogs on the Road group instead", your_groups=GROUPS)
    assert not answer.tool_calls  # the post was said before: its words are not "instead"


def test_a_question_tag_and_the_verb_of_saying_are_no_part_of_the_post() -> None:
    got = social("Can post in solar nerds group or not? Say we got 3 spare jerry cans to give away")
    assert got["group"] == "Solar Nerds"
    assert got["content"] == "We got 3 spare jerry cans to give away"


def test_a_group_named_inside_a_public_posts_words_stays_in_the_words() -> None:
    got = social("post to everyone that the Grey Nomads WA meetup was great")
    assert got["visibility"] == "public"
    assert "group" not in got
    assert "Grey Nomads WA" in str(got["content"])


def test_with_no_known_groups_the_rules_read_as_before() -> None:
    assert social("join harvest trail", groups="[]") == {
        "tool": "join_group",
        "group": "harvest trail",
    }


def test_a_group_that_is_not_named_is_not_added() -> None:
    assert "group" not in social("what's new on the feed")


def test_a_malformed_groups_line_is_no_group() -> None:
    assert social("join harvest trail", groups='["Harvest') == {
        "tool": "join_group",
        "group": "harvest trail",
    }


@pytest.mark.parametrize(
    ("text", "tool", "vehicle"),
    [
        ("fuel numbers for the hilux", "fuel_stats", "Dolly"),
        ("filled the dmax 60 litres 120 bucks at Dubbo", "log_fuel", "Kev"),
        ("tyre pressures on the isuzu d-max 35 35 38 38 psi", "log_tyre_pressures", "Kev"),
        ("oil change on kev 180", "log_maintenance", "Kev"),
    ],
)
def test_a_vehicle_named_by_its_make_or_model_is_passed_by_its_name(
    text: str, tool: str, vehicle: str
) -> None:
    answer = step("wheels", text, vehicles=VEHICLES, vehicle="Dolly (diesel)")
    assert only_call(answer, tool)["vehicle"] == vehicle


def test_a_model_two_vehicles_share_names_neither() -> None:
    two = json.dumps(
        [
            {"name": "Dolly", "make": "Toyota", "model": "Hilux"},
            {"name": "Work Ute", "make": "Toyota", "model": "Hilux"},
        ]
    )
    answer = step("wheels", "fuel numbers for the hilux", vehicles=two, vehicle="Dolly")
    assert only_call(answer, "fuel_stats").get("vehicle") not in ("Dolly", "Work Ute")
