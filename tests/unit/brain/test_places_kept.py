"""Places kept by name (branch i15-acts14): a spot to keep said with "remember" or "add a
place", the name typed in capitals after words that tell how it was found, the town in
brackets or after the name's comma, and "on the map" as where a spot is put. Sentences
here are not in the acts14 battery."""

from __future__ import annotations

from datetime import date

import pytest

from agent.brain.intents import classify, keeps_a_place
from agent.brain.row_acts import unkept
from tests.unit.brain.support import only_call, step

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    "text",
    [
        "remember Policeman's Point near Coorong, free camp",
        "add a place: Tilba Bakery, Narooma, bakery",
        "keep Wycliffe Well at Tennant Creek, fuel stop, 3 stars",
        "new spot - Pink Lake, Esperance, campsite",
    ],
)
def test_a_spot_to_keep_by_name_is_a_saved_place(text: str) -> None:
    assert keeps_a_place(text)
    picked = classify(text, TODAY)
    assert picked is not None and picked.tool == "save_place"


@pytest.mark.parametrize(
    "text",
    [
        "remember Mum's birthday is in June",
        "remember that the caravan park at Swan Hill gives seniors 10% off",
        "remember Gary at Broome owes us a beer",
    ],
)
def test_a_fact_to_keep_stays_a_fact(text: str) -> None:
    assert not keeps_a_place(text)


@pytest.mark.parametrize(
    ("text", "name", "location"),
    [
        ("we adored Pebbly Beach at Batemans Bay, save it as a campsite",
         "Pebbly Beach", "Batemans Bay"),
        ("absolutely loved Fitzroy Crossing Lodge in Fitzroy Crossing, save it as a caravan park",
         "Fitzroy Crossing Lodge", "Fitzroy Crossing"),
        ("bookmark Ross River tap (Townsville) as a water tap", "Ross River tap", "Townsville"),
        ("Lake Bonney, Barmera - campsite, save it", "Lake Bonney", "Barmera"),
        ("mark Wilpena Creek in Hawker as a free camp on the map", "Wilpena Creek", "Hawker"),
    ],
)  # fmt: skip
def test_the_name_and_the_town_of_a_kept_spot(text: str, name: str, location: str) -> None:
    args = only_call(step("wheels", text), "save_place")
    assert (args["name"], args["location"]) == (name, location)


def test_a_message_in_lower_case_keeps_its_words() -> None:
    args = only_call(
        step("wheels", "save lovely pebbly beach in batemans bay as a campsite"), "save_place"
    )
    assert args["location"] == "Batemans Bay"


def test_on_the_map_puts_a_spot_there_and_off_it_takes_one_away() -> None:
    assert unkept("mark the Hawker free camp on the map") is None
    assert unkept("take the Hawker free camp off the map") == "place"
