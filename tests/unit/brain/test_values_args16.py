"""Branch b16-args: argument values and spans, by kind — radii in miles, a vehicle's
details in clauses of their own, a request put right inside its message, a town followed by
words that are no part of its name, days counted from a row's own day, either half of the
day for a moved time, two days by their numbers, changes said apart, a group pointed at, and
a second thing paid for with its price after it. Phrasings of our own; none is a blind set's."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage

from agent.brain.convo import Env
from agent.brain.figures import radius_km
from agent.brain.places import trip_places
from agent.brain.ranges import find_range
from agent.brain.slots_wins import update_expense
from agent.brain.textutil import normalise
from tests.unit.brain.support import TODAY, called, only_call, result, step
from tests.unit.brain.test_dialogue_state import previous


def _calls(domain: str, *turns: Any, **extra: str) -> list[tuple[str, dict[str, Any]]]:
    return [(c["name"], dict(c["args"])) for c in step(domain, *turns, **extra).tool_calls]


# --- a search radius in the unit said, or the user's own ---------------------------------


@pytest.mark.parametrize(
    ("text", "units", "km"),
    [
        ("free camps within 20 miles of Mildura", "metric", 32.19),
        ("water within 40 of Dubbo", "imperial", 64.37),  # a bare figure, in the user's unit
        ("water within 40 of Dubbo", "metric", 40),
        ("mechanics in a 15 mile radius of Tamworth", "metric", 24.14),
        ("find rest areas no more than 60 km from Ceduna", "metric", 60),
        ("any dump spots 10 miles out of Goondiwindi", "imperial", 16.09),
        ("campgrounds around Kununurra, within a 100-mile radius", "metric", 160.93),
    ],
)
def test_a_search_radius_is_read_in_km(text: str, units: str, km: float) -> None:
    args = only_call(step("wheels", text, units=units), "find_places")
    assert args["radius_km"] == pytest.approx(km, abs=0.01)


def test_a_length_of_time_is_no_radius() -> None:
    assert radius_km("anything free within 3 days of here", "imperial") is None
    assert radius_km("within 2 hours of Alice", "metric") is None


def test_the_place_after_a_radius_is_still_the_place() -> None:
    args = only_call(step("wheels", "find water less than 25 km from cobar"), "find_places")
    assert args["near"] == "Cobar" and args["radius_km"] == 25


def test_work_due_within_miles_is_asked_in_km() -> None:
    args = only_call(step("wheels", "what's due on the van in the next 2,000 miles"),
                     "maintenance_due")  # fmt: skip
    assert args["within_km"] == pytest.approx(3218.69, abs=0.01)


# --- a vehicle's details, each in a clause of its own --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "new vehicle: the tour bus, 2004 mitsubishi rosa, diesel, 100 L tank, 16 L/100km",
        "add our rosa - 2004 mitsubishi, diesel, 16L/100km, 100 litre tank",
        "stick the 2004 rosa on my vehicles, diesel, tank holds 100, uses 16 l per 100 km",
    ],
)
def test_a_vehicles_tank_and_consumption_in_clauses_of_their_own(text: str) -> None:
    args = only_call(step("wheels", text), "add_vehicle")
    assert args["year"] == 2004 and args["fuel_type"] == "diesel"
    assert args["tank_litres"] == 100 and args["consumption_l_per_100km"] == 16


def test_litres_said_alone_of_a_vehicle_are_its_tank_not_a_fill() -> None:
    calls = _calls("wheels", "add the wagon, 2011 patrol, diesel, 125L, 14L/100km")
    assert [name for name, _ in calls] == ["add_vehicle"]
    assert calls[0][1]["tank_litres"] == 125 and calls[0][1]["consumption_l_per_100km"] == 14


def test_a_fill_of_a_vehicle_named_by_its_year_is_still_a_fill() -> None:
    args = only_call(step("wheels", "put 70L of diesel in the 2016 prado, 140 bucks"), "log_fuel")
    assert args["litres"] == 70 and args["total_cost"] == 140


# --- a request put right inside its own message --------------------------------------------


@pytest.mark.parametrize(
    ("domain", "text", "tool", "expected"),
    [
        ("wheels", "add the trailer, 2017 Coromal? no wait, I mean the car, Subaru 2020 petrol",
         "add_vehicle", {"make": "Subaru", "year": 2020, "fuel_type": "petrol"}),
        ("wheels", "add a vehicle: 2010 navara petrol, scratch that, diesel",
         "add_vehicle", {"year": 2010, "fuel_type": "diesel"}),
        ("wheels", "plan a trip from Darwin to Katherine, sorry I mean Kununurra, on friday",
         "plan_trip", {"origin": "Darwin", "destination": "Kununurra"}),
        ("wheels", "forecast for Mackay, or rather Bowen", "weather_forecast",
         {"location": "Bowen"}),
        ("wins", "log 30 for parking yesterday, actually it was 36", "add_expense",
         {"amount": 36, "date": "2026-03-09"}),
        ("you", "physio on thursday at 2pm. Hang on, it's wednesday", "create_event",
         {"start": "2026-03-11T14:00:00+11:00", "title": "Physio"}),
        ("you", "lunch with Mo friday at 12, oops I mean 1", "create_event",
         {"start": "2026-03-13T13:00:00+11:00"}),
    ],
)  # fmt: skip
def test_what_follows_a_take_back_is_what_was_meant(
    domain: str, text: str, tool: str, expected: dict[str, Any]
) -> None:
    args = only_call(step(domain, text), tool)
    assert {k: args.get(k) for k in expected} == expected


def test_a_sorry_that_takes_nothing_back_changes_nothing() -> None:
    args = only_call(step("you", "add a task to ring the bank, sorry for the rush"), "add_task")
    assert "bank" in args["title"].lower()


# --- a town, then words that are no part of its name ----------------------------------------


@pytest.mark.parametrize(
    ("text", "origin", "destination"),
    [
        ("plan a run from Geraldton to Kalbarri starting monday", "Geraldton", "Kalbarri"),
        ("trip from bourke to cobar first thing saturday", "Bourke", "Cobar"),
        ("from Port Hedland to Broome once the rain clears", "Port Hedland", "Broome"),
        ("drive from the Gold Coast to Byron Bay", "Gold Coast", "Byron Bay"),
    ],
)
def test_a_trips_towns_end_where_lower_case_words_follow(
    text: str, origin: str, destination: str
) -> None:
    assert trip_places(text)[:2] == (origin, destination)


def test_a_search_and_a_forecast_near_a_town_said_again() -> None:
    found = only_call(step("wheels", "which dump points did we save near Launceston again"),
                      "find_places")  # fmt: skip
    assert found["near"] == "Launceston"
    told = only_call(step("wheels", "what's the weather doing in Devonport again"),
                     "weather_forecast")  # fmt: skip
    assert told["location"] == "Devonport"


# --- days counted from the row just written -------------------------------------------------

BOOKED = previous(
    "create_event", "you", {"title": "Hairdresser", "start": "2026-03-12T09:30"},
    [{"kind": "event", "id": "0fd1c2a3-0000-4000-8000-000000000009", "title": "Hairdresser",
      "start": "2026-03-12T09:30:00+11:00", "all_day": False}],
    wrote=True,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("same again the week after", "2026-03-19T09:30:00+11:00"),
        ("and the same a fortnight later", "2026-03-26T09:30:00+11:00"),
        ("same again the following week", "2026-03-19T09:30:00+11:00"),
        ("same again the day after", "2026-03-13T09:30:00+11:00"),
    ],
)
def test_the_same_event_again_counts_from_its_own_day(text: str, start: str) -> None:
    assert only_call(step("you", text, **BOOKED), "create_event")["start"] == start


# --- a moved time in the half of the day the event has ---------------------------------------


def _shown(title: str, start: str) -> list[Any]:
    return [
        "what's on",
        called("list_events", "e1"),
        result("e1", "list_events", summary=f"1 event: {title}.",
               events=[{"id": "x1", "title": title, "start": start}]),
        AIMessage(f"1 event: {title}."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "old", "text", "start"),
    [
        ("Tea at the club", "2026-03-12T17:30:00+11:00", "move tea at the club to 6.45",
         "2026-03-12T18:45:00+11:00"),
        ("Trivia night", "2026-03-12T19:00:00+11:00", "push trivia night to 8",
         "2026-03-12T20:00:00+11:00"),
        ("Bowls", "2026-03-12T10:00:00+11:00", "move bowls to 9.15",
         "2026-03-12T09:15:00+11:00"),
        ("Bowls", "2026-03-12T10:00:00+11:00", "move bowls to 7 in the evening",
         "2026-03-12T19:00:00+11:00"),
        ("Bowls", "2026-03-12T10:00:00+11:00", "move bowls to 13:30",
         "2026-03-12T13:30:00+11:00"),
        ("Tea at the club", "2026-03-12T17:30:00+11:00", "move tea at the club to quarter past 7",
         "2026-03-12T19:15:00+11:00"),
        ("Walk", "2026-03-12T07:00:00+11:00", "move the walk to half past 6",
         "2026-03-12T06:30:00+11:00"),
        ("Walk", "2026-03-12T19:00:00+11:00", "move the walk to 07:15",
         "2026-03-12T07:15:00+11:00"),
    ],
)  # fmt: skip
def test_a_moved_hour_takes_the_half_of_the_day_nearer_its_old_time(
    title: str, old: str, text: str, start: str
) -> None:
    answer = step("you", *_shown(title, old), text)
    assert only_call(answer, "update_event")["start"] == start


# --- two days by their numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("anything on between the 14th and 18th", "2026-03-14", "2026-03-18"),
        ("what's on 20th-22nd", "2026-03-20", "2026-03-22"),
        ("what's on from the 29th to the 2nd", "2026-03-29", "2026-04-02"),
    ],
)
def test_two_days_by_their_numbers_are_a_span(text: str, start: str, end: str) -> None:
    span = find_range(text, TODAY, future=True)
    assert span is not None and (span.start.isoformat(), span.end.isoformat()) == (start, end)
    args = only_call(step("you", text), "list_events")
    assert (args["start_date"], args["end_date"]) == (start, end)


def test_two_days_joined_by_and_without_between_are_two_days() -> None:
    span = find_range("whats on the 14th and 18th", TODAY, future=True)
    assert span is not None and span.start == span.end


# --- an expense's changes said apart ---------------------------------------------------------


def _env() -> Env:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Australia/Sydney")
    return Env(domain="wins", now=datetime(2026, 3, 10, 9, tzinfo=zone), tz=zone)


@pytest.mark.parametrize(
    ("text", "amount", "category"),
    [
        ("the 30 from monday should be 33 and put it under food", 33, "food"),
        ("that 12 ought to be... should have been 21, and file it under shopping", 21, "shopping"),
        ("change the 80 to 88 and make it camping", 88, "camping"),
    ],
)
def test_a_new_amount_said_before_a_new_category(text: str, amount: int, category: str) -> None:
    args = update_expense(normalise(text), _env()).args
    assert (args.get("amount"), args.get("category")) == (amount, category)


# --- a group pointed at, in the same message --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "join Solar Setups and show me the latest 3 posts in it",
        "join solar setups and show me the last 3 posts from that group",
    ],
)
def test_a_group_pointed_at_is_the_one_just_named(text: str) -> None:
    joined = step("social", text)  # the feed is read once the join has run
    (join,) = joined.tool_calls
    assert join["name"] == "join_group"
    done = result(str(join["id"]), "join_group", summary="Joined Solar Setups.")
    feed = only_call(step("social", text, joined, done), "get_feed")
    assert feed["group"].lower() == "solar setups" and feed["limit"] == 3


# --- another thing paid for, its price after it -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("paid the power 210 - oh and the phone bill went out too, 59",
         (210, "other"), (59, "phone_internet")),
        ("camp fees 45 this morning, then the gas refill at the servo, 32",
         (45, "camping"), (32, "gas_lpg")),
    ],
)  # fmt: skip
def test_a_second_thing_paid_for_takes_the_figure_after_it(
    text: str, first: tuple[int, str], second: tuple[int, str]
) -> None:
    calls = [args for name, args in _calls("wins", text) if name == "add_expense"]
    assert [(a["amount"], a["category"]) for a in calls] == [first, second]


def test_a_figure_alone_after_the_same_kind_of_thing_stays_one_expense() -> None:
    calls = _calls("wins", "groceries at aldi, 86.40")
    assert [(n, a["amount"]) for n, a in calls] == [("add_expense", 86.4)]


def test_later_words_that_name_no_category_keep_the_earlier_one() -> None:
    args = only_call(step("wins", "diesel bill of 80 pounds.. sorry, 80 dollars, today"),
                     "add_expense")  # fmt: skip
    assert (args["amount"], args["category"]) == (80, "fuel")


def test_a_side_of_the_vehicle_is_no_place_to_search_from() -> None:
    text = "clunking from the back right wheel, need a mechanic near Dubbo"
    assert only_call(step("wheels", text), "find_places")["near"] == "Dubbo"
