"""Issue 15, round 5's argument kinds: words spelt as they sound or as texted (day and month
names, "yesterday", fuel types, "private"), number words heard as other words ("to weeks",
"for hundred", "for tea dollars"), a count glued to a unit ("3d", "2wks", "36psi"), a
length written after the clock time and a lead time straight after "remind". Every
phrasing is this file's own."""

from __future__ import annotations

import json
from typing import Any

import pytest

from agent.brain.textutil import normalise, respell
from tests.unit.brain.support import only_call, step


def _args(domain: str, text: str, tool: str) -> dict[str, Any]:
    return only_call(step(domain, text), tool)


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        ("see you thursdy", "see you thursday"),
        ("the vet comes tusday", "the vet comes tuesday"),
        ("fixed it on wensday", "fixed it on wednesday"),
        ("footy on satdy arvo", "footy on saturday arvo"),
        ("rang her yesterdy", "rang her yesterday"),
        ("paid it yday", "paid it yesterday"),
        ("back tmrw", "back tomorrow"),
        ("over the last munth", "over the last month"),
        ("filled with desel", "filled with diesel"),
        ("in the calender", "in the calendar"),
        ("due in febuary", "due in february"),
    ],
)
def test_words_spelt_by_ear_become_the_words_the_rules_read(heard: str, meant: str) -> None:
    assert respell(heard) == meant


@pytest.mark.parametrize(
    "text",
    [
        "today is fine",
        "a weekday trip",
        "school holiday plans",
        "her birthday",
        "a moody dog",
        "shut your mouth",
        "monthly fee",
        "Wensday Creek station",  # a capital marks a name: left as written
    ],
)
def test_real_words_and_names_are_left_alone(text: str) -> None:
    assert respell(text) == text


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        ("due in the next to weeks", "due in the next 2 weeks"),
        ("away for too nights", "away for 2 nights"),
        ("a budget of for hundred", "a budget of 400"),
        ("paid for tea dollars for wood", "paid 40 dollars for wood"),
        ("in 3d", "in 3 days"),
        ("within 2wks", "within 2 weeks"),
        ("took 1h", "took 1 hour"),
        ("over 6 mths", "over 6 months"),
    ],
)
def test_numbers_heard_or_glued_read_as_numbers(heard: str, meant: str) -> None:
    assert normalise(heard) == meant


def test_to_before_money_stays_a_word() -> None:
    assert normalise("change it back to dollars") == "change it back to dollars"


def test_a_misspelt_weekday_dates_a_spend() -> None:
    # support.NOW is Tuesday 10 March 2026; a spend on a weekday is the one just gone
    args = _args("wins", "32 on the farrier, paid him satdy", "add_expense")
    assert args["date"] == "2026-03-07"


@pytest.mark.parametrize(
    ("text", "period"),
    [("what did we spend this munth", "this_month"), ("spending last wk", "last_week")],
)
def test_a_period_said_by_ear_or_texted(text: str, period: str) -> None:
    assert _args("wins", text, "spending_summary")["period"] == period


def test_a_budget_said_with_for_hundred() -> None:
    args = _args("wins", "make the fuel budget for hundred a month", "set_budget")
    assert args["monthly_limit"] == 400


def test_a_glued_span_sets_the_window() -> None:
    assert (
        _args("wheels", "any services due in the next 3wks", "maintenance_due")["within_days"] == 21
    )
    assert _args("you", "anything going off in 2d", "list_pantry")["expiring_within_days"] == 2


@pytest.mark.parametrize(
    ("text", "unit"),
    [("28psi all round for the sand", "psi"), ("210kpa each, cold", "kpa")],
)
def test_a_pressure_unit_glued_to_the_number(text: str, unit: str) -> None:
    assert _args("wheels", text, "log_tyre_pressures")["unit"] == unit


def test_a_private_group_spelt_by_ear() -> None:
    args = _args("social", "start a privet group called Dam Builders", "create_group")
    assert args["private"] is True


@pytest.mark.parametrize(
    ("text", "end", "lead"),
    [
        ("vet fri 9am 45m, remind 2h", "2026-03-13T09:45:00+11:00", 120),
        ("haircut wed 3:30pm 1h reminder 15 mins", "2026-03-11T16:30:00+11:00", 15),
    ],
)
def test_a_diary_line_with_its_length_and_lead_time(text: str, end: str, lead: int) -> None:
    args = _args("you", text, "create_event")
    assert args["end"] == end
    assert args["reminder_minutes"] == lead


def test_remind_in_a_span_is_still_a_moment() -> None:
    args = _args("you", "remind me in 3 hours to water the pots", "create_event")
    assert args["start"] == "2026-03-10T12:00:00+11:00"
    assert args["reminder_minutes"] == 0


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("brakes done today @ 96,200km, $310, next in 20k", 116200),
        ("diff oil changed at 150,000 km, next one in 40,000 km", 190000),
        ("oil changed at 150,000 km, next due at 160,000", 160000),
    ],
)
def test_a_next_service_below_the_odometer_is_an_interval(text: str, due: int) -> None:
    args = _args("wheels", text, "log_maintenance")
    assert args["next_due_km"] == due


@pytest.mark.parametrize(
    ("text", "priority"),
    [("task: book the shearers !high", "high"), ("task: sort the shed !low", "low")],
)
def test_a_priority_tagged_with_a_bang(text: str, priority: str) -> None:
    args = _args("you", text, "add_task")
    assert args["priority"] == priority
    assert "!" not in args["title"]


@pytest.mark.parametrize(("text", "due"), [("task: renew the ABN by 24th", "2026-03-24")])
def test_a_deadline_day_without_the(text: str, due: str) -> None:
    assert _args("you", text, "add_task")["due_date"] == due


def test_time_zone_texted_as_tz() -> None:
    args = _args("you", "change my tz to darwin", "update_profile")
    assert args["timezone"] == "Australia/Darwin"


def test_a_dropped_g_before_the_day() -> None:
    args = _args("wheels", "plan a trip from Roma to Mitchell headin off satdy", "plan_trip")
    assert args["destination"] == "Mitchell"
    assert args["start_date"] == "2026-03-14"


@pytest.mark.parametrize(
    "text",
    ["dog-friendly parks", "sundry costs", "mouldy bread", "a moldy lemon", "the patrol's tank"],
)
def test_words_near_a_day_or_a_fuel_stay(text: str) -> None:
    assert respell(text) == text


def test_a_vehicle_named_in_the_third_person() -> None:
    args = _args(
        "wheels", "dad's new ute, a 2022 Mazda BT-50, diesel, he calls it Rusty", "add_vehicle"
    )
    assert args["name"] == "Rusty"
    assert args["model"] == "BT-50"


def test_a_model_the_lexicon_lacks_follows_its_make() -> None:
    args = _args("wheels", "add a 2018 Kia Carnival, petrol, call it Bus", "add_vehicle")
    assert args["make"] == "Kia"
    assert args["model"] == "Carnival"


def test_a_vehicle_labelled_before_its_details() -> None:
    args = _args("wheels", "new ute: Bluey, 2012 Toyota Hilux, diesel", "add_vehicle")
    assert args["name"] == "Bluey"


def test_a_price_per_litre_with_its_currency_word() -> None:
    args = _args("wheels", "put in 55 litres 1 dollar 99 a litre", "log_fuel")
    assert args["price_per_litre"] == 1.99


@pytest.mark.parametrize(
    ("text", "group"),
    [("feed dam builders", "dam builders"), ("latest 3 in dam builders", "dam builders")],
)
def test_a_lower_case_group_after_feed_or_a_count(text: str, group: str) -> None:
    assert _args("social", text, "get_feed")["group"] == group


def test_let_me_in_to_a_group() -> None:
    args = _args("social", "let me in to the Fencing Crew group", "join_group")
    assert args["group"] == "Fencing Crew"


@pytest.mark.parametrize(
    "text", ["know a good diesel mechanic near Broome", "any desel mechanics around Katherine"]
)
def test_a_fuel_word_before_a_trade_is_the_trade(text: str) -> None:
    assert _args("wheels", text, "find_places")["kind"] == "mechanic"


@pytest.mark.parametrize(
    "text",
    ["tyres 220kpa fl fr, 250 rears", "220kpa fl & fr, 250 rl rr", "220 fl fr 250 rl rr kpa"],
)
def test_a_value_said_before_the_corners_it_is_for(text: str) -> None:
    pressures = _args("wheels", text, "log_tyre_pressures")["pressures"]
    assert pressures == {
        "front_left": 220.0,
        "front_right": 220.0,
        "rear_left": 250.0,
        "rear_right": 250.0,
    }


def _previous(action: str, domain: str, filters: dict[str, Any]) -> dict[str, str]:
    return {
        "previous_action": f"{action} ({domain}, the previous turn, wrote)",
        "previous_filters": json.dumps(filters),
        "previous_rows": "[]",
    }


def test_the_same_again_with_a_new_amount() -> None:
    spent = _previous("add_expense", "wins", {"amount": 24.5, "category": "gas_lpg"})
    args = only_call(step("wins", "same again but 27, yesterday", **spent), "add_expense")
    assert args["amount"] == 27 and args["category"] == "gas_lpg"
    assert args["date"] == "2026-03-09"


def test_again_with_new_litres_and_cost() -> None:
    filled = _previous("log_fuel", "wheels", {"litres": 62, "total_cost": 130.2})
    args = only_call(step("wheels", "again, 40L $84.40 yesterday", **filled), "log_fuel")
    assert args["litres"] == 40 and args["total_cost"] == 84.4


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("book the farrier friday at 8… actually no, make it 9", "2026-03-13T09:00:00+11:00"),
        ("book the farrier friday at 8am, no wait, 9am", "2026-03-13T09:00:00+11:00"),
    ],
)
def test_an_hour_taken_back_in_the_same_message(text: str, start: str) -> None:
    assert _args("you", text, "create_event")["start"] == start
