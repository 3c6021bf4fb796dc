"""Branch b19-args: argument values and spans from round 19's failures, by mechanism: a period
joined to a distance in a due-check, a hyphenated tank size, a writer's thousands dot read
throughout the message, "from <month>" alone names that month, an exact day outranks a rough
"next month", a stop list ends at a clause of setting off, a next-due interval counts from
the work's day, an event's length set off as its own clause, who may join a group, a spaced
dash ends a group's name, a sentence saying how many rows, days joined by "and", a budget
changed after its status with its warning, and a change naming only its field. Phrasings of
our own; none is a blind set's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.brain import values
from agent.brain.convo import Env
from agent.brain.places import trip_places
from agent.brain.ranges import find_range
from agent.brain.segment import split
from agent.brain.slots import EXTRACT
from agent.brain.textutil import normalise
from tests.unit.brain.support import called, only_call, result, step

ZONE = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 3, 10, 9, tzinfo=ZONE)  # a Tuesday
TODAY = NOW.date()


def _extract(tool: str, text: str) -> dict[str, Any]:
    env = Env(domain=None, now=NOW, tz=ZONE)
    return dict(EXTRACT[tool](normalise(text), env).args)


# --- a period joined to a distance shares its "next" -----------------------------------------


@pytest.mark.parametrize(
    ("text", "days", "km"),
    [
        ("what needs doing in the next 3,000 km or 60 days", 60, 3000),
        ("anything due within 1500 km and 3 weeks?", 21, 1500),
        ("any jobs coming up over the next 800 km / a month", 30, 800),
    ],
)
def test_a_period_joined_to_a_distance(text: str, days: int, km: int) -> None:
    assert _extract("maintenance_due", text) == {"within_days": days, "within_km": km}


def test_a_period_later_is_no_limit() -> None:
    assert "within_days" not in _extract(
        "maintenance_due", "did 900 km and 2 weeks later what's due"
    )


# --- a tank size joined by hyphens ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "litres"),
    [
        ("add our Pajero, 2012, petrol, 88-litre tank", 88),
        ("new car: 2021 Everest, diesel, an 80-liter fuel tank", 80),
        ("add the Navara, it has a 140 L long range tank", 140),
    ],
)
def test_a_hyphenated_tank_size(text: str, litres: int) -> None:
    assert _extract("add_vehicle", text)["tank_litres"] == litres


# --- a writer's thousands dot ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "odometer"),
    [
        ("filled 52,4 litres, 101,50 dollars, kilometer stand 77.310", 77310),
        ("tanked 60 L, km reading 203.118", 203118),
    ],
)
def test_a_reading_after_km_stand(text: str, odometer: int) -> None:
    assert _extract("log_fuel", text)["odometer_km"] == odometer


def test_the_next_reading_is_dotted_as_the_first() -> None:
    args = _extract(
        "log_maintenance",
        "we changed the clutch on the Sprinter at 95.000 km, 2.100 dollars, next at 250.000",
    )
    assert (args["odometer_km"], args["cost"], args["next_due_km"]) == (95000, 2100, 250000)


@pytest.mark.parametrize(
    "text",
    [
        "tanked 50 L at 1.899 a litre, odo 98.450",  # a price a litre keeps its decimals
        "paid 2.459 per litre, 40 litres",  # no thousands dot elsewhere
    ],
)
def test_a_price_a_litre_keeps_three_decimals(text: str) -> None:
    assert "1899" not in normalise(text) and "2459" not in normalise(text)


# --- "from <month>" alone ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("show my camping costs from August", date(2025, 8, 1), date(2025, 8, 31)),
        ("the grocery spending from February 2026", date(2026, 2, 1), date(2026, 2, 28)),
    ],
)
def test_from_a_month_alone_is_that_month(text: str, start: date, end: date) -> None:
    found = find_range(text, TODAY)
    assert found is not None and (found.start, found.end) == (start, end)


@pytest.mark.parametrize(
    "text", ["spending from February onwards", "fuel from February to now", "from February 3"]
)
def test_from_a_month_with_more_is_not_the_month_alone(text: str) -> None:
    found = find_range(text, TODAY)
    assert found is None or found.end != date(2026, 2, 28)


# --- an exact day outranks a rough "next month" ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("next month's run - Darwin to Katherine, leaving 6 April", date(2026, 4, 6)),
        ("the trip next week, heading off on the 19th, Cairns to Cooktown", date(2026, 3, 19)),
    ],
)
def test_an_exact_day_beside_a_rough_one(text: str, day: date) -> None:
    found = values.day(text, TODAY, future=True)
    assert found is not None and found.day == day


def test_a_rough_day_alone_stays() -> None:
    found = values.day("drive to Broome next month", TODAY, future=True)
    assert found is not None and found.day.month == 4


# --- a list of stops ends at a clause of setting off -----------------------------------------


@pytest.mark.parametrize(
    ("text", "stops"),
    [
        ("Darwin to Broome via Katherine, leaving on the 4th", ["Katherine"]),
        (
            "Perth to Albany via Bunbury, Margaret River, setting off Monday",
            ["Bunbury", "Margaret River"],
        ),
        ("Hobart to Strahan via Queenstown, Tullah", ["Queenstown", "Tullah"]),  # look-alike
    ],
)
def test_stops_end_at_setting_off(text: str, stops: list[str]) -> None:
    assert trip_places(text)[2] == stops


# --- a next-due interval counts from the work's day ------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("greased the hitch on the 1st, $40, next due in 6 months", "2026-09-01"),
        ("new battery on the 5th for 260 bucks, next one in a year", "2027-03-05"),
        ("diff oil changed on the 2nd, due again in 8 weeks", "2026-04-27"),
    ],
)
def test_an_interval_counts_from_the_work_day(text: str, due: str) -> None:
    assert _extract("log_maintenance", text)["next_due_date"] == due


def test_an_interval_with_no_work_day_counts_from_today() -> None:
    assert (
        _extract("log_maintenance", "greased the hitch, next due in 6 months")["next_due_date"]
        == "2026-09-10"
    )


# --- an event's length set off as its own clause ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("physio Friday 11am, roughly 2 hours", "2026-03-13T13:00:00+11:00"),
        ("haircut Thursday at 3pm (30 mins)", "2026-03-12T15:30:00+11:00"),
        ("GP in Dubbo - Wednesday 9:15am, about 20 minutes.", "2026-03-11T09:35:00+11:00"),
    ],
)
def test_a_length_set_off_as_a_clause(text: str, end: str) -> None:
    args = _extract("create_event", text)
    assert args["end"] == end and "(" not in args["title"] and "minutes" not in args["title"]


@pytest.mark.parametrize(
    "text",
    [
        "vet Friday 9am, remind me 30 minutes before.",
        "vet Friday 9am, it's 20 minutes away",
    ],
)
def test_a_lead_or_a_distance_is_no_length(text: str) -> None:
    assert "end" not in _extract("create_event", text)


# --- who may join a new group ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "start a group called Outback Quilters, just for members",
        "create a group 'Gulf Anglers', not public",
        "new group Desert Painters, only members, not open to everyone",
    ],
)
def test_members_only_is_private(text: str) -> None:
    assert _extract("create_group", text)["private"] is True


def test_a_group_for_members_of_something_is_not_said_private() -> None:
    args = _extract("create_group", "create a group Gulf Anglers for members of the club")
    assert "private" not in args


# --- a spaced dash ends a group's name --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "set up a group named Kimberley Crawlers — for folks driving the Gibb",
            "Kimberley Crawlers",
        ),
        (
            "make a group called Nullarbor Crossers 2027 - anyone heading west",
            "Nullarbor Crossers 2027",
        ),
    ],
)
def test_a_spaced_dash_ends_a_groups_name(text: str, name: str) -> None:
    assert only_call(step("social", text), "create_group")["name"] == name


def test_a_hyphen_inside_a_name_stays() -> None:
    found = only_call(step("social", "make a group called Jay-Co Owners"), "create_group")
    assert found["name"] == "Jay-Co Owners"


# --- a sentence saying how many rows ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("Anything new in the Gulf Anglers group? Only the 3 most recent.", 3),
        ("what's happening in Desert Painters? just the latest 4 posts", 4),
    ],
)
def test_how_many_rows_in_a_sentence_of_its_own(text: str, limit: int) -> None:
    pieces = split(text, TODAY)
    assert len(pieces) == 1 and pieces[0].intent and pieces[0].intent.tool == "get_feed"
    assert only_call(step("social", text), "get_feed")["limit"] == limit


# --- days joined by "and" ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "put the field days in the calendar for Saturday 14 and Sunday 15 March, all day",
        "book the markets for the 21st and 22nd",
    ],
)
def test_days_joined_by_and_are_one_request(text: str) -> None:
    assert [p.intent.tool if p.intent else None for p in split(text, TODAY)] == ["create_event"]


def test_a_day_and_another_request_stay_apart() -> None:
    tools = [
        p.intent.tool if p.intent else None
        for p in split("dentist on the 12th and add bread to the shopping list", TODAY)
    ]
    assert tools == ["create_event", "add_to_shopping_list"]


# --- a budget changed after its status keeps its warning --------------------------------------


def test_a_budget_changed_after_its_status_keeps_the_warning_said() -> None:
    found = step(
        "wins",
        "how are the budgets going?",
        called("budget_status", "c1"),
        result("c1", "budget_status", summary="Groceries: $310 of $500 (62%)."),
        "Ok, lift groceries to $650 a month and warn me at 90%",
    )
    args = only_call(found, "set_budget")
    assert args["monthly_limit"] == 650 and args["alert_threshold"] == 0.9


# --- a change naming only its field ------------------------------------------------------------


def test_a_change_naming_its_field_reads_the_value_before() -> None:
    pieces = split("The chemist one ($32) was really on Monday, not today. Fix the date.", TODAY)
    assert len(pieces) == 1 and pieces[0].intent and pieces[0].intent.tool == "update_expense"
    args = _extract(
        "update_expense", "The chemist one ($32) was really on Monday, not today. Fix the date."
    )
    assert args == {"date": "2026-03-09"}


def test_a_change_with_its_value_after_is_as_before() -> None:
    assert _extract("update_expense", "change the date of the 45 fuel to friday") == {
        "date": "2026-03-06"
    }


# --- a reminder of nothing named is of the thing told before it -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vet for the dog, Thursday 4pm. Send me a reminder an hour before.",
        "Bus to Mildura from Swan Hill, 7:30 am Friday. Remind us the evening before.",
    ],
)
def test_a_reminder_after_a_told_event_is_its_reminder(text: str) -> None:
    pieces = split(text, TODAY)
    assert len(pieces) == 1 and pieces[0].intent and pieces[0].intent.tool == "create_event"
    assert pieces[0].text == text


def test_a_reminder_that_names_its_own_thing_stays_its_own() -> None:
    pieces = split("We are in Broome. Remind me to call Mum tomorrow.", TODAY)
    assert [p.text for p in pieces] == ["Remind me to call Mum tomorrow."]


# --- an expiry clause goes to the item it names -----------------------------------------------


def test_an_expiry_clause_goes_to_the_item_it_names() -> None:
    found = step(
        "you", "We picked up 12 yoghurts and 2 kg flour, the yoghurts are good until the 20th"
    )
    calls = {c["args"]["name"]: c["args"] for c in found.tool_calls}
    assert calls["yoghurts"]["expiry_date"] == "2026-03-20"
    assert "expiry_date" not in calls["flour"]


def test_an_expiry_of_the_last_item_stays_with_it() -> None:
    found = step("you", "We picked up 12 yoghurts and 2 kg flour, the flour is good until the 20th")
    calls = {c["args"]["name"]: c["args"] for c in found.tool_calls}
    assert calls["flour"]["expiry_date"] == "2026-03-20"
    assert "expiry_date" not in calls["yoghurts"]
