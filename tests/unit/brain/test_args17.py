"""Branch b17-args: argument values and spans by kind, from round 17's failures — a group
said open, names that hold a word, a field's value that ends where another field starts, a
name put right, the asking to fix that names no repair, a write's verb said after its
values, the same warning for another budget, a country's word for its dollars, dishes of
the world's kitchens, a trip said with "did"/"do", a reading's thousands set off by a dot, a
day and month set off by a dot, "the day before yesterday" after a write, the rest of a
span, an answer that is a whole request, a facility in a town abroad, a task's priority put
right, a log that is no place. Phrasings of our own; none is a blind set's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from agent.brain.convo import Env
from agent.brain.ranges import Range, next_to
from agent.brain.slots import EXTRACT
from agent.brain.textutil import normalise
from tests.unit.brain.support import only_call, step
from tests.unit.brain.test_dialogue_state import previous

ZONE = ZoneInfo("Australia/Sydney")


def _env(now: datetime | None = None) -> Env:
    return Env(domain=None, now=now or datetime(2026, 3, 10, 9, tzinfo=ZONE), tz=ZONE)


def _extract(tool: str, text: str, now: datetime | None = None) -> dict[str, Any]:
    return dict(EXTRACT[tool](normalise(text), _env(now)).args)


# --- a group said open or public in a clause of its own ------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("set up a group called Reef Divers, public, for snorkel spots", "Reef Divers"),
        ("make a group named Cape Crawlers - open", "Cape Crawlers"),
        ("create a group called dingo spotters (public)", "Dingo Spotters"),
        ("new group called Outback Poets; open", "Outback Poets"),
        ("make a group called Kimberley Crew and keep it open", "Kimberley Crew"),
    ],
)
def test_a_group_said_open_is_not_private(text: str, name: str) -> None:
    args = only_call(step("social", text), "create_group")
    assert args["name"] == name and args["private"] is False


# --- groups whose names hold a word ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("groups with tassie in the name", "tassie"),
        ("any groups that have van in their name?", "van"),
        ("show groups whose name contains nomad", "nomad"),
        ("list the groups with the word dog in the name", "dog"),
        ("find groups named like outback", "outback"),
    ],
)
def test_the_word_a_groups_name_holds_is_the_search(text: str, query: str) -> None:
    assert only_call(step("social", text), "list_groups") == {"query": query}


# --- a profile field's value ends where another field is named; a name put right ----------


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("set my name to Kez and home base Dubbo",
         {"display_name": "Kez", "home_base": "Dubbo"}),
        ("change my name to Robbo, home base to Mildura",
         {"display_name": "Robbo", "home_base": "Mildura"}),
        ("update my name to Jules & my home base to Bendigo",
         {"display_name": "Jules", "home_base": "Bendigo"}),
        ("you've got my name wrong, it's Jo not Joe", {"display_name": "Jo"}),
        ("my name is spelled wrong, should be Kaye not Kay", {"display_name": "Kaye"}),
        ("the name on my profile is meant to be Bronwyn, not Bronwen",
         {"display_name": "Bronwyn"}),
    ],
)  # fmt: skip
def test_a_name_ends_at_the_next_field_and_a_name_put_right(
    text: str, args: dict[str, Any]
) -> None:
    found = only_call(step("you", text), "update_profile")
    assert {k: found.get(k) for k in args} == args


# --- asking to fix a row names no repair ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("the pizza last night was 42 not 24, could that be fixed", 42),
        ("the 30 petrol should have been 38, would you mind fixing it", 38),
        ("the chemist one should be 31, can you get it corrected", 31),
        ("the 40 groceries was 44, pls sort that out", 44),
        ("the pub one should be 95 - any chance of correcting that", 95),
        ("the 25 coffee should be 52, can it be fixed?", 52),
        ("the taxi was 60 not 16, mind correcting it", 60),
        ("the 12 parking should be 21, could you have it fixed", 21),
        ("the ice cream was 18 not 8, can that be fixed up", 18),
    ],
)
def test_asking_to_fix_a_row_names_no_category(text: str, amount: int) -> None:
    args = _extract("update_expense", text)
    assert args.get("amount") == amount and "category" not in args


# --- a write's verb said after its values, pointing back -------------------------------------


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("fronts 36 rears 40 psi, cold, pop that in the tyre log", "log_tyre_pressures",
         {"unit": "psi", "cold": True}),
        ("tyres 33 psi all round, still cold - stick that in please", "log_tyre_pressures",
         {"cold": True}),
        ("fronts 240 rears 260 kpa, hot after the drive, log that please", "log_tyre_pressures",
         {"cold": False}),
        ("filled 60L at 1.99, odo 55000 - put that in the fuel log", "log_fuel",
         {"litres": 60, "price_per_litre": 1.99, "odometer_km": 55000}),
        ("48 litres at 2.05, chuck it in the log", "log_fuel",
         {"litres": 48, "price_per_litre": 2.05}),
        ("tyres 30 psi cold, pop them in the tyre log", "log_tyre_pressures",
         {"unit": "psi", "cold": True}),
        ("filled 45L at 2.01 — stick that in the fuel log", "log_fuel",
         {"litres": 45, "price_per_litre": 2.01}),
    ],
)  # fmt: skip
def test_the_verb_said_after_the_values_is_the_same_write(
    text: str, tool: str, args: dict[str, Any]
) -> None:
    answer = step("wheels", text)
    assert [c["name"] for c in answer.tool_calls] == [tool]
    found = answer.tool_calls[0]["args"]
    assert {k: found.get(k) for k in args} == args and "location" not in found


# --- the same warning for another budget -----------------------------------------------------

BUDGET = previous(
    "set_budget", "wins", {"category": "food", "monthly_limit": 300, "alert_threshold": 0.85},
    [], wrote=True,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("and groceries 400 same alert",
         {"category": "groceries", "monthly_limit": 400, "alert_threshold": 0.85}),
        ("fuel 500, same warning as well",
         {"category": "fuel", "monthly_limit": 500, "alert_threshold": 0.85}),
        ("also camping 150, the same heads up",
         {"category": "camping", "monthly_limit": 150, "alert_threshold": 0.85}),
        ("do shopping as well, 200, warn me at 70%",
         {"category": "shopping", "monthly_limit": 200, "alert_threshold": 0.7}),
        ("and 250 for eating out", {"category": "food", "monthly_limit": 250}),
    ],
)  # fmt: skip
def test_another_budget_keeps_the_warning_when_told_to(text: str, args: dict[str, Any]) -> None:
    assert only_call(step("wins", text, **BUDGET), "set_budget") == args


# --- a country's word alone for its dollars --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("paid 45 canadian for the ferry", "CAD"),
        ("lunch was 25 american", "USD"),
        ("40 aussie on fuel", "AUD"),
        ("spent 18 canadian at the laundromat yesterday", "CAD"),
        ("the campsite was 30 american, cash", "USD"),
    ],
)
def test_a_countrys_word_after_a_figure_is_its_dollars(text: str, currency: str) -> None:
    args = only_call(step("wins", text, currency="NZD"), "add_expense")
    assert args["currency"] == currency


def test_kiwi_fruit_is_no_currency() -> None:
    assert _extract("add_expense", "bought 3 kiwi for 2 dollars").get("currency") is None


# --- dishes of the world's kitchens are food -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "paid 18 for momos and a lassi",
        "spent 22 on pho",
        "tacos 15",
        "biryani and two chai, 31 dollars",
        "12.50 for a banh mi",
    ],
)
def test_dishes_of_the_worlds_kitchens_are_food(text: str) -> None:
    assert only_call(step("wins", text), "add_expense")["category"] == "food"


# --- a trip said with "did", "do", "took" ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "origin", "destination"),
    [
        ("if we did broome to derby on monday how long is that", "Broome", "Derby"),
        ("say we do katherine to darwin, how far", "Katherine", "Darwin"),
        ("if i took longreach to winton tomorrow how many hours", "Longreach", "Winton"),
        ("what if we made dubbo to orange on sunday, how long", "Dubbo", "Orange"),
        ("doing mildura to hay, how far is it", "Mildura", "Hay"),
        ("if we did mount isa to cloncurry tomorrow how long", "Mount Isa", "Cloncurry"),
        ("what if i made broken hill to mildura on friday, how far", "Broken Hill", "Mildura"),
        ("if we did roma to charleville how many km", "Roma", "Charleville"),
    ],
)
def test_a_trips_verb_is_no_part_of_its_origin(text: str, origin: str, destination: str) -> None:
    args = only_call(step("wheels", text), "plan_trip")
    assert (args["origin"], args["destination"]) == (origin, destination)


# --- a reading's thousands set off by a dot; a capital L after a decimal comma ---------------


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("tanked 62 L at 1,89, km 98.450", {"litres": 62, "price_per_litre": 1.89,
                                            "odometer_km": 98450}),
        ("fuel 48,5 L at 2,09 odo 87.120", {"litres": 48.5, "price_per_litre": 2.09,
                                            "odometer_km": 87120}),
        ("40 litres at 2.10, odometer: 154.300", {"litres": 40, "odometer_km": 154300}),
        ("diesel 70 l at 1,99, kms 201.005", {"litres": 70, "odometer_km": 201005}),
        ("filled 55,5 L, 1,95 a litre, odo 66.010", {"litres": 55.5, "odometer_km": 66010}),
    ],
)  # fmt: skip
def test_a_readings_dotted_thousands(text: str, args: dict[str, Any]) -> None:
    found = only_call(step("wheels", text), "log_fuel")
    assert {k: found.get(k) for k in args} == args


# --- a day and month set off by a dot --------------------------------------------------------

DEC = datetime(2026, 12, 15, 9, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I must renew my licence until 20.01, very important", "2027-01-20"),
        ("pay the water bill by 5.1", "2027-01-05"),
        ("the visa paperwork is due 28.02", "2027-02-28"),
        ("send the tax forms before 31.01", "2027-01-31"),
        ("have to lodge the claim till 15.01", "2027-01-15"),
    ],
)
def test_a_deadline_day_and_month_set_off_by_a_dot(text: str, due: str) -> None:
    assert _extract("add_task", text, DEC).get("due_date") == due


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("I receive 420 from cleaning at 2.12, please save it", "2026-12-02"),
        ("got 90 from babysitting dated 1.12", "2026-12-01"),
        ("earned 300 from the markets at 7.12", "2026-12-07"),
        ("I get 500 salary at 30.11", "2026-11-30"),
        ("received 60 from tutoring at 10.12", "2026-12-10"),
    ],
)
def test_money_received_at_a_dotted_day(text: str, day: str) -> None:
    args = _extract("add_income", text, DEC)
    assert args["date"] == day


def test_a_dotted_time_for_an_event_stays_a_time() -> None:
    args = only_call(step("you", "dinner with Jo tomorrow at 7.10pm"), "create_event")
    assert args["start"].startswith("2026-03-11T19:10")


# --- the day before yesterday, after a write -------------------------------------------------

SPENT = previous(
    "add_expense", "wins", {"amount": 40, "category": "fuel"},
    [{"kind": "expense", "id": "7b0d6f3e-1111-4c3b-9a51-0c4a3b2b1e01", "amount": 40,
      "category": "fuel", "date": "2026-03-09"}],
    wrote=True,
)  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "oh sorry, it was the day before yesterday",
        "no wait, that was the day before yesterday",
        "actually it was the day before yesterday",
        "hang on, make it the day before yesterday",
        "sorry my mistake, the day before yesterday",
    ],
)
def test_the_day_before_yesterday_is_counted_from_today(text: str) -> None:
    args = only_call(step("wins", text, **SPENT), "update_expense")
    assert args["date"] == "2026-03-08"


# --- the rest of a span asked about ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("and the rest of the month", date(2026, 9, 16), date(2026, 9, 30)),
        ("what about the remainder of that month", date(2026, 9, 16), date(2026, 9, 30)),
        ("ok and the rest of the year", date(2026, 9, 16), date(2026, 12, 31)),
        ("and the balance of the month?", date(2026, 9, 16), date(2026, 9, 30)),
        ("hmm the rest of that week", date(2026, 9, 16), date(2026, 9, 20)),
    ],
)
def test_the_rest_of_a_span_follows_the_one_asked_about(text: str, start: date, end: date) -> None:
    found = next_to(text, Range(date(2026, 9, 1), date(2026, 9, 15), None))
    assert found is not None and (found[0].start, found[0].end) == (start, end)


# --- an answer that is a whole request -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "category"),
    [
        ("ok put 95 insurance on for today, just paid it", 95, "insurance"),
        ("right, log 120 for the caravan park this morning", 120, "camping"),
        ("fine - add 64 diesel for today", 64, "fuel"),
        ("ok then, 35 for groceries at woolies today", 35, "groceries"),
        ("just log 210 rego for today then", 210, "registration"),
    ],
)
def test_an_answer_that_is_a_whole_request_is_read_alone(
    text: str, amount: int, category: str
) -> None:
    turns: list[str | BaseMessage] = [
        "we paid 300 last year I think",
        AIMessage("What was it for?"),
        text,
    ]
    args = only_call(step("wins", *turns), "add_expense")
    assert (args["amount"], args["category"]) == (amount, category)


# --- a facility in a town the map does not know ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "location", "name"),
    [
        ("save the one at the visitor centre in moab as water", "Moab", "Moab Visitor Centre"),
        ("save the tap at the showgrounds in Taupo as water", "Taupo", "Taupo Showgrounds"),
        ("save the dump point at the rest area in Banff", "Banff", "Banff Rest Area"),
        ("save the water at the info centre in Rotorua, free tap", "Rotorua",
         "Rotorua Info Centre"),
        ("save the dump point at the showgrounds in Cloncurry", "Cloncurry",
         "Cloncurry Showgrounds"),
    ],
)  # fmt: skip
def test_a_facility_in_a_town_is_at_the_town(text: str, location: str, name: str) -> None:
    args = only_call(step("wheels", text), "save_place")
    assert (args["location"], args["name"]) == (location, name)


# --- a task's priority put right: no tool changes a task -------------------------------------

TASKED = previous(
    "add_task", "you", {"title": "Sticker"},
    [{"kind": "task", "id": "3f0c1d2e-2222-4c3b-9a51-0c4a3b2b1e02", "title": "Sticker"}],
    wrote=True,
)  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "make that task high priority",
        "make it urgent",
        "actually make that low priority",
        "no wait, that should be high priority",
        "change that to top priority",
    ],
)
def test_a_tasks_priority_put_right_adds_no_task(text: str) -> None:
    answer = step("you", text, **TASKED)
    assert not answer.tool_calls and "can't change a task" in answer.text


# --- try16's leftovers: a model year is no price; a vehicle's label; a place's notes ---------


@pytest.mark.parametrize(
    ("text", "name", "year"),
    [
        ("add a camper trailer: 2019 Ultimate Camper trailer", "Ultimate Camper trailer", 2019),
        ("add a caravan: 2014 Roadstar Voyager", "Roadstar Voyager", 2014),
        ("add a trailer: 2011 Cub Drifter", "Cub Drifter", 2011),
        ("add our camper: 2017 Track Trailer Topaz", "Track Trailer Topaz", 2017),
        ("register a camper trailer: 2020 Patriot X1", "Patriot X1", 2020),
    ],
)
def test_a_model_year_is_no_price(text: str, name: str, year: int) -> None:
    assert step("wins", text).tool_calls == [] or all(
        c["name"] != "add_expense" for c in step("wins", text).tool_calls
    )
    args = only_call(step("wheels", text), "add_vehicle")
    assert (args["name"], args["year"]) == (name, year)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("add a vehicle: our Troopy, 2010 Toyota Landcruiser, diesel, 180 litre tanks", "Troopy"),
        ("add a car: my Bluey, 2015 Ford Ranger, diesel", "Bluey"),
        ("add a van: the Tortoise, 2018 Fiat Ducato, 90 L tank", "Tortoise"),
        ("new vehicle: our Beast, 2009 Nissan Patrol, diesel", "Beast"),
        ("add a ute: my Gus, 2021 Isuzu D-Max", "Gus"),
    ],
)
def test_a_vehicles_label_after_whose_it_is(text: str, name: str) -> None:
    assert only_call(step("wheels", text), "add_vehicle")["name"] == name


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        ("save Quobba Station as a campsite near Carnarvon, 5 stars, great for whale watching",
         "Great for whale watching"),
        ("save Lake Ballard as a campsite near Menzies, quiet and flat, 4 stars",
         "Quiet and flat"),
        ("save the tap at the showgrounds in Cobar as water, free tap out the back",
         "Free tap out the back"),
        ("save Bitter Springs as a campsite, lovely swim in the morning",
         "Lovely swim in the morning"),
        ("save Wave Rock as a campsite near Hyden - shady sites by the caravan park",
         "Shady sites by the caravan park"),
    ],
)  # fmt: skip
def test_what_a_place_is_like_is_its_notes(text: str, notes: str) -> None:
    assert only_call(step("wheels", text), "save_place").get("notes") == notes


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("meeting until 4.10 on friday", "2026-03-13"),
        ("vet on thursday, be there by 9.05", "2026-03-12"),
    ],
)
def test_a_clock_after_a_deadline_word_is_no_date(text: str, start: str) -> None:
    args = only_call(step("you", text), "create_event")
    assert str(args["start"]).startswith(start)


# --- try17: the work a service was, said after it ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Serviced the troopy today at 145300 km, oil and filters $420",
         "Service: oil and filters"),
        ("had the hilux serviced yesterday, new brake pads and oil, 380 dollars",
         "Service: new brake pads and oil"),
        ("serviced the van at 98000, coolant flush and wipers, 260",
         "Service: coolant flush and wipers"),
        ("got her serviced today - tyres rotated and a new battery, $510",
         "Service: tyres rotated and a new battery"),
        ("service done at 120500 km: gearbox oil and diffs, 640 bucks",
         "Service: gearbox oil and diffs"),
    ],
)  # fmt: skip
def test_the_work_a_service_was_is_its_item(text: str, item: str) -> None:
    assert only_call(step("wheels", text), "log_maintenance")["item"] == item


def test_work_named_first_stays_the_item() -> None:
    assert (
        only_call(step("wheels", "oil change at 98000, 120 bucks"), "log_maintenance")["item"]
        == "Oil change"
    )
