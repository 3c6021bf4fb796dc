"""Turns that lean on earlier turns, in money, wheels and multi (branch b19-ctx-mw, round
19). Each mechanism is tested on phrasings written for these tests, none from an eval set,
with look-alikes that must keep their old reading."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from agent.brain.do_it import choice_made, trip_kept
from agent.brain.general import talk_only
from agent.brain.intents import filed_under
from agent.brain.segment import split
from agent.brain.textutil import normalise
from tests.unit.brain.support import TODAY, route, step
from tests.unit.brain.test_dialogue_kinds7 import state


def _read(text: str) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(normalise(text), TODAY)]


def _calls(domain: str, *turns: str | BaseMessage, **extra: str) -> list[tuple[str, Any]]:
    answer = step(domain, *turns, **extra)
    return [(c["name"], dict(c["args"])) for c in answer.tool_calls]


FLEET = json.dumps([{"name": "Bessie"}, {"name": "Rocket"}])
THREE = json.dumps([{"name": "Bessie"}, {"name": "Goose"}, {"name": "Rocket"}])
LISTED = [
    {"kind": "vehicle", "id": "v1", "name": "Bessie"},
    {"kind": "vehicle", "id": "v2", "name": "Goose"},
    {"kind": "vehicle", "id": "v3", "name": "Rocket"},
]


# --- a vehicle named by its place among the user's -------------------------------------


@pytest.mark.parametrize(
    ("text", "vehicle"),
    [
        ("put 52 litres in the second one for $101", "Goose"),
        ("fuel: 30 L at 1.89 for the third one", "Rocket"),
        ("log 45 litres for $90 in the first one", "Bessie"),
    ],
)
def test_an_ordinal_after_the_vehicles_were_listed_names_that_row(text: str, vehicle: str) -> None:
    shown = state("list_vehicles", "wheels", {}, wrote=False, shown=LISTED)
    ((name, args),) = _calls("wheels", text, vehicles=THREE, vehicle="Bessie", **shown)
    assert name == "log_fuel"
    assert args.get("vehicle") == vehicle


@pytest.mark.parametrize(
    "text",
    ["log 38 litres for $80 in the other car", "put 20 L in the other ute for 44 dollars"],
)
def test_the_other_vehicle_of_two_is_the_one_not_default(text: str) -> None:
    ((name, args),) = _calls("wheels", text, vehicles=FLEET, vehicle="Bessie")
    assert name == "log_fuel"
    assert args.get("vehicle") == "Rocket"


def test_one_alone_names_no_vehicle_without_a_list_just_shown() -> None:
    # "the second one" with no vehicles shown is no vehicle (a row of something else)
    ((name, args),) = _calls("wheels", "log 40 L for $85 in the second one", vehicles=THREE)
    assert name == "log_fuel"
    assert "vehicle" not in args


def test_the_other_vehicle_of_three_is_not_guessed() -> None:
    ((name, args),) = _calls("wheels", "log 40 L for $85 in the other car", vehicles=THREE)
    assert name == "log_fuel"
    assert "vehicle" not in args


@pytest.mark.parametrize(
    ("text", "filed"),
    [
        ("log 40 L for $80 in the other car", False),
        ("record 35 litres in the other one", False),
        ("put the 45 for the ferry in the other category", True),
        ("log the $30 under other", True),
    ],
)
def test_the_other_vehicle_files_no_money_under_other(text: str, filed: bool) -> None:
    assert filed_under(text) is filed


# --- a read back right after a write, counted ------------------------------------------


@pytest.mark.parametrize(("text", "limit"), [
    ("ok show me the past 3 readings", 3),
    ("now list the latest ten of them", 10),
    ("and the last four entries for it?", 4),
])  # fmt: skip
def test_a_counted_read_back_after_a_write_limits_the_list(text: str, limit: int) -> None:
    wrote = state("log_tyre_pressures", "wheels", {}, wrote=True)
    ((name, args),) = _calls("wheels", "tyres cold 36 all round", text, **wrote)
    assert name == "tyre_pressure_history"
    assert args.get("limit") == limit


def test_an_uncounted_read_back_stays_unlimited() -> None:
    wrote = state("log_tyre_pressures", "wheels", {}, wrote=True)
    turns = ("tyres cold 36 all round", "show me the earlier ones")
    ((name, args),) = _calls("wheels", *turns, **wrote)
    assert name == "tyre_pressure_history"
    assert "limit" not in args


# --- "campings": a non-native plural of the campsite kind ------------------------------


@pytest.mark.parametrize(
    "text", ["any campings around Mudgee?", "find me a camping place near Bright"]
)
def test_campings_is_the_campsite_kind(text: str) -> None:
    ((name, args),) = _calls("wheels", text)
    assert name == "find_places"
    assert args.get("kind") == "campsite"


# --- the amount just written, multiplied -----------------------------------------------

ROW = {"kind": "expense", "id": "e1", "amount": 42.5, "category": "camping", "date": "2026-03-10"}


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("oh it was 3 nights in the end, so triple it", 127.5),
        ("sorry, halve that, we split it", 21.25),
        ("make it twice that", 85.0),
        ("double the amount please", 85.0),
    ],
)
def test_a_multiplied_amount_applies_to_the_row_written(text: str, amount: float) -> None:
    wrote = state("add_expense", "wins", {}, wrote=True, shown=[ROW], written=[ROW])
    ((name, args),) = _calls("wins", "42.50 for the caravan park", text, **wrote)
    assert name == "update_expense"
    assert args["expense_id"] == "e1"
    assert args["amount"] == pytest.approx(amount)


def test_a_new_amount_said_with_a_count_is_still_that_amount() -> None:
    wrote = state("add_expense", "wins", {}, wrote=True, shown=[ROW], written=[ROW])
    ((name, args),) = _calls("wins", "42.50 for the caravan park", "actually it was 85", **wrote)
    assert name == "update_expense"
    assert args["amount"] == pytest.approx(85.0)


# --- a return to an earlier topic opening the message ----------------------------------


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        ("going back to the budget - lift groceries to 750", ["set_budget"]),
        ("right, back to the shopping list: add teabags", ["add_to_shopping_list"]),
        ("re the calendar, book the dentist thursday 10am", ["create_event"]),
    ],
)
def test_a_topic_returned_to_frames_the_request(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


def test_back_to_a_place_is_no_topic() -> None:
    # "back to Dubbo" is a place to drive to, not a family returned to
    assert "Dubbo" in normalise("heading back to Dubbo, tomorrow")


# --- a maintenance check asked again with another window -------------------------------


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("and over the next 8000 km?", {"within_km": 8000}),
        ("what about the next 90 days", {"within_days": 90}),
    ],
)
def test_a_maintenance_follow_up_changes_its_window(text: str, args: dict[str, int]) -> None:
    asked = state("maintenance_due", "wheels", {"within_days": 30}, wrote=False)
    ((name, got),) = _calls("wheels", "whats coming up for servicing", text, **asked)
    assert name == "maintenance_due"
    assert got == args


# --- the default vehicle asked of the one just added -----------------------------------


@pytest.mark.parametrize("text", ["so is it my main one now?", "did that become the default?"])
def test_default_asked_after_a_vehicle_lists_the_vehicles(text: str) -> None:
    added = [{"kind": "vehicle", "id": "v9", "name": "Goose"}]
    wrote = state("add_vehicle", "wheels", {}, wrote=True, shown=added, written=added)
    ((name, _),) = _calls("wheels", "add a 2015 Isuzu D-Max, diesel", text, **wrote)
    assert name == "list_vehicles"


def test_default_asked_after_an_expense_is_no_vehicle_question() -> None:
    wrote = state("add_expense", "wins", {}, wrote=True, shown=[ROW], written=[ROW])
    calls = _calls("wheels", "x", "is that the default?", **wrote)
    assert "list_vehicles" not in [name for name, _ in calls]


# --- economy asked by its unit ---------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["how many litres every hundred km is that", "so what is it per 100 kms"]
)
def test_economy_asked_by_its_unit_is_fuel_stats(text: str) -> None:
    assert _read(text) == ["fuel_stats"]


def test_a_price_per_100_km_spent_is_still_money() -> None:
    assert _read("paid 18 per 100 km in tolls yesterday") == ["add_expense"]


# --- a go-ahead to keep a drive just asked about ---------------------------------------


@pytest.mark.parametrize(
    ("said", "before", "command"),
    [
        (
            "ok plan it, leaving friday",
            "how far is Alice Springs to Darwin in the Troopy?",
            "plan a trip Alice Springs to Darwin in the Troopy, leaving friday",
        ),
        (
            "yep save that trip",
            "what would diesel cost from Perth to Broome",
            "plan a trip from Perth to Broome",
        ),
    ],
)
def test_a_go_ahead_keeps_the_drive_asked_about(said: str, before: str, command: str) -> None:
    assert trip_kept(said, before) == command


@pytest.mark.parametrize(
    ("said", "before"),
    [
        ("ok save it", "we drove Perth to Broome last week."),  # no question before
        ("ok save it", "what's the weather in Broome?"),  # no drive asked about
        ("what about Derby?", "how far is Perth to Broome?"),  # no go-ahead
    ],
)
def test_no_trip_is_kept_without_a_drive_asked_and_a_go_ahead(said: str, before: str) -> None:
    assert trip_kept(said, before) is None


def test_the_trip_kept_is_planned() -> None:
    turns: list[str | BaseMessage] = [
        "how long would it take from Cairns to Cooktown in the Hilux?",
        AIMessage("About 5 hours."),
        "alright save it then, heading off the 22nd",
    ]
    assert route(*turns) == ["wheels"]
    ((name, args),) = _calls("wheels", *turns)
    assert name == "plan_trip"
    assert (args["origin"], args["destination"]) == ("Cairns", "Cooktown")
    assert args["start_date"] == "2026-03-22"


# --- where to keep a thing, asked as a choice, then picked -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "do we add the vet visit to the calendar or as a to-do?",
        "should I log the rego renewal as a reminder or a task",
    ],
)
def test_where_to_keep_asked_as_a_choice_is_talk(text: str) -> None:
    assert talk_only(text)


@pytest.mark.parametrize(
    ("said", "before", "command"),
    [
        (
            "the calendar, monday 9am",
            "do we add the vet visit to the calendar or as a to-do?",
            "put vet visit in the calendar, monday 9am",
        ),
        (
            "task please",
            "should I put the gutter clean in the calendar or as a task?",
            "add a task: gutter clean",
        ),
    ],
)
def test_the_pick_keeps_the_thing_there(said: str, before: str, command: str) -> None:
    assert choice_made(said, before) == command


def test_a_pick_not_offered_keeps_nothing() -> None:
    before = "should I put the gutter clean in the calendar or as a task?"
    assert choice_made("reminder, sunday", before) is None
    assert choice_made("calendar, sunday", "what's on sunday?") is None


def test_the_picked_calendar_makes_an_all_day_event() -> None:
    turns: list[str | BaseMessage] = [
        "should we put the Hanmer weekend in as a task or in the calendar?",
        AIMessage("Either works — a calendar entry is good for a day out."),
        "calendar. friday, all day",
    ]
    ((name, args),) = _calls("you", *turns)
    assert name == "create_event"
    assert args.get("all_day") is True
