"""Issue 15, argument kinds of round 6 (branch i15-args6): terse lists of items with a hard
break between them, numbers as they are read out, hesitations, letters, day-first and
written dates with their weekday, time ranges closed by a part of the day, currencies named
apart from the figure, names given in quotes or after "we call it", vehicles named by their
kind, and short follow-ups. Every phrasing is this file's own."""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

import pytest
from langchain_core.messages import ToolMessage

from agent.brain.dates import find_day
from agent.brain.money import currency_named
from agent.brain.segment import split
from agent.brain.slots_vehicle import vehicle_kind
from agent.brain.textutil import normalise
from agent.brain.times import time_range
from tests.unit.brain.support import called, only_call, step

TUESDAY = date(2026, 3, 10)


def _args(domain: str, text: str, tool: str, **extra: str) -> dict[str, Any]:
    return only_call(step(domain, text, **extra), tool)


def _tools(text: str) -> list[tuple[str, str]]:
    return [(p.intent.tool if p.intent else "", p.text) for p in split(normalise(text), TUESDAY)]


@pytest.mark.parametrize(
    ("text", "tool", "count"),
    [
        ("fuel 80; laundry 12 on sunday", "add_expense", 2),
        ("cafe 14.50\npies 9\nice 6", "add_expense", 3),
        ("pension 1200; 60 from the garage sale", "add_income", 2),
        ("budget: fuel 500 + eating out 200", "set_budget", 2),
    ],
)
def test_a_terse_list_is_one_request_per_item(text: str, tool: str, count: int) -> None:
    found = _tools(text)
    assert [t for t, _ in found] == [tool] * count


def test_a_list_keeps_a_request_of_its_own_with_a_clock_time() -> None:
    found = _tools("fuel 80; physio thursday at 3pm")
    assert [t for t, _ in found] == ["add_expense", "create_event"]


def test_a_day_said_for_all_items_dates_each_of_them() -> None:
    found = _tools("bread 5\nmilk 3\nboth yesterday")
    assert len(found) == 2
    assert all(find_day(text, TUESDAY, future=False) for _, text in found)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("40 at the swap meet sat", date(2026, 3, 7)),
        ("tip jar 25 sun.", date(2026, 3, 8)),
        ("Thurs the 19th of March", date(2026, 3, 19)),
        ("Friday 3 April", date(2026, 4, 3)),
    ],
)
def test_days_said_tersely_or_with_their_weekday(text: str, day: date) -> None:
    hit = find_day(text, TUESDAY, future=day > TUESDAY)
    assert hit is not None and hit.day == day


@pytest.mark.parametrize("text", ["we sat by the fire", "too much sun today?", "out in the sun"])
def test_sat_and_sun_as_words_are_no_days(text: str) -> None:
    hit = find_day(text, TUESDAY, future=False)
    assert hit is None or hit.day == TUESDAY


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("it was one oh nine a litre", "it was 1.09 a litre"),
        ("wake me at five oh five am", "wake me at 5:05 am"),
        ("the clock reads two forty thousand", "the clock reads 240000"),
        ("about eighty k's out of town", "about 80 km out of town"),
        ("book um the dentist", "book the dentist"),
        ("add er, milk", "add milk"),
    ],
)
def test_numbers_read_out_and_hesitations(said: str, written: str) -> None:
    assert normalise(said) == written


def test_a_letter_is_read_without_its_greeting_and_signature() -> None:
    letter = "Hello PAM,\n\nplease note the rego is due.\n\nKind regards,\nDoris Lane"
    assert normalise(letter) == "please note the rego is due."


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("bowls from 2 to 4 30 in the afternoon", time(14), time(16, 30)),
        ("choir between 7 and 9 at night", time(19), time(21)),
        ("walk from 6 45 to 8 in the morning", time(6, 45), time(8)),
    ],
)
def test_a_time_range_closed_by_a_part_of_the_day(text: str, start: time, end: time) -> None:
    found = time_range(normalise(text))
    assert found is not None and found[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the receipt is in US dollars", "USD"),
        ("that one was in euros", "EUR"),
        ("my account is in euros but this was NZ dollars", "NZD"),
        ("a 2 pounds bag of flour", None),
    ],
)
def test_a_currency_named_apart_from_its_figure(text: str, code: str | None) -> None:
    assert currency_named(text) == code


def test_an_expense_takes_the_currency_said_in_a_sentence_after_it() -> None:
    args = _args(
        "wins", "Paid 45 dollars for the ferry, can you log it? It was kiwi dollars.", "add_expense"
    )
    assert args["amount"] == 45 and args["currency"] == "NZD"


@pytest.mark.parametrize(
    ("text", "name"),
    [("fuel for the quad", "Quad"), ("our tractor's service", "Tractor"), ("my car", None)],
)
def test_a_vehicle_named_by_its_kind(text: str, name: str | None) -> None:
    found = vehicle_kind(text)
    assert (found[0] if found else None) == name


def _not_found(cid: str, choices: list[str]) -> ToolMessage:
    """The tool's answer when no vehicle has the name given (tools/wheels/vehicles.py)."""
    body = {
        "ok": False, "error": "not_found", "summary": "No vehicle called 'Tractor'.",
        "field": "vehicle", "subject": "vehicle", "choices": choices,
    }  # fmt: skip
    return ToolMessage(json.dumps(body), tool_call_id=cid, name="log_maintenance")


SERVICED = "serviced the tractor today, $95"


def _first_call() -> dict[str, Any]:
    (call,) = step("wheels", SERVICED).tool_calls
    assert call["name"] == "log_maintenance" and call["args"]["vehicle"] == "Tractor"
    return dict(call)


def test_a_vehicle_named_by_kind_goes_to_the_one_vehicle_the_user_has() -> None:
    call = _first_call()
    cid = str(call["id"])
    again = step(
        "wheels", SERVICED, called(call["name"], cid, **call["args"]), _not_found(cid, ["Bessie"])
    )
    (retry,) = again.tool_calls
    assert retry["name"] == "log_maintenance" and retry["args"]["vehicle"] == "Bessie"
    assert retry["args"]["cost"] == 95 and retry["id"] != cid


def test_with_several_vehicles_it_asks_which_and_writes_nothing() -> None:
    call = _first_call()
    cid = str(call["id"])
    found = _not_found(cid, ["Bessie", "Hilux"])
    asked = step("wheels", SERVICED, called(call["name"], cid, **call["args"]), found)
    assert asked.tool_calls == []
    assert "Which vehicle was the work done on?" in asked.text
    assert "Bessie or Hilux" in asked.text
    # the answer completes the first request, for the vehicle named
    answered = step(
        "wheels", SERVICED, called(call["name"], cid, **call["args"]), found, asked, "the hilux"
    )
    (done,) = answered.tool_calls
    assert done["name"] == "log_maintenance" and done["args"]["vehicle"] == "hilux"
    assert done["args"]["cost"] == 95


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("please join me to the group Vanlife NZ", "Vanlife NZ"),
        ("I'd like to join in the group Kiwis on Tour", "Kiwis on Tour"),
    ],
)
def test_a_group_named_after_the_word_group(text: str, group: str) -> None:
    assert _args("social", text, "join_group")["group"] == group


def test_a_post_said_in_one_breath_after_its_group() -> None:
    args = _args("social", "post in solar nerds um has anyone tried a 200ah lithium", "create_post")
    assert args["group"] == "Solar Nerds"
    assert args["content"].startswith("has anyone tried")


def test_a_group_named_in_quotes() -> None:
    args = _args("social", 'make a group named "Birders on the Move" for bird nuts', "create_group")
    assert args["name"] == "Birders on the Move"


def test_a_vehicle_name_after_an_adverb_and_with_its_own_the() -> None:
    args = _args(
        "wheels",
        "Please add our 2011 Isuzu D-Max, which we lovingly call The Beast. It takes diesel.",
        "add_vehicle",
    )
    assert args["name"] == "The Beast" and args["year"] == 2011


def test_a_pantry_item_then_when_it_expires() -> None:
    found = _tools("add 2 tins of beans to the pantry, they expire 20/3")
    assert len(found) == 1 and found[0][0] == "add_pantry_item"


def test_a_list_name_then_plus_adds_to_it() -> None:
    assert normalise("shopping + eggs, 2L milk") == "add to the shopping list: eggs, 2L milk"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("the 2nd of next month", date(2026, 4, 2)),
        ("on the 28th of this month", date(2026, 3, 28)),
    ],
)
def test_a_day_of_next_or_this_month(text: str, day: date) -> None:
    hit = find_day(normalise(text), TUESDAY, future=True)
    assert hit is not None and hit.day == day


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("paid 2.450,00 euros", "paid 2450.00 euros"),
        ("call at 14h", "call at 14h"),
        ("back in 3h", "back in 3 hours"),
        ("tennis for an hour and a half", "tennis for 90 minutes"),
        ("nap 2 and a half hours", "nap 150 minutes"),
    ],
)
def test_written_and_spoken_figures(said: str, written: str) -> None:
    assert normalise(said) == written


def test_a_service_named_by_its_interval_is_no_odometer_reading() -> None:
    args = _args("wheels", "had the 15,000km service done at 87400, $380", "log_maintenance")
    assert args["odometer_km"] == 87400 and args["cost"] == 380
    assert args["item"] == "15,000km service"


def test_a_count_of_rows_is_no_span_of_time() -> None:
    args = _args("wins", "what did we spend on fuel over the last 3 weeks", "list_expenses")
    assert "limit" not in args and args["start_date"] == "2026-02-18"


def test_the_second_date_of_a_range_keeps_the_month_of_the_first() -> None:
    args = _args("you", "what's on between the 3rd of April and the 6th", "list_events")
    assert (args["start_date"], args["end_date"]) == ("2026-04-03", "2026-04-06")


def test_a_best_before_month_is_its_last_day() -> None:
    args = _args("you", "add 4 tins of soup to the pantry, best before oct 2027", "add_pantry_item")
    assert args["expiry_date"] == "2027-10-31"


def test_the_public_feed_is_no_group() -> None:
    args = _args(
        "social", "post on the public feed: roos everywhere near Hay tonight", "create_post"
    )
    assert "group" not in args and args["visibility"] == "public"


def test_front_and_behind_are_the_axles() -> None:
    args = _args("wheels", "tyres 34 in front and 40 behind", "log_tyre_pressures")
    assert args["pressures"]["front_left"] == 34 and args["pressures"]["rear_right"] == 40


def test_a_lead_time_after_remind_leaves_before_out_of_the_title() -> None:
    args = _args("you", "remind me 3 days before the eye test on friday at 10", "create_event")
    assert args["reminder_minutes"] == 3 * 1440 and args["title"] == "Eye test"


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("swim thursday, no wait, friday at 7", "swim friday at 7"),
        ("paid it today... I mean yesterday", "paid it yesterday"),
        ("the odo shows 154.320 km", "the odo shows 154320 km"),
        ("choir 6 o'clock till 8 o'clock", "choir 6:00 till 8:00"),
        ("rain this week end?", "rain this weekend?"),
    ],
)
def test_days_taken_back_and_figures_as_written_abroad(said: str, written: str) -> None:
    assert normalise(said) == written


@pytest.mark.parametrize(
    ("text", "tool", "count"),
    [
        ("paid 45 for the tip pass and 12 for showers", "add_expense", 2),
        ("got 90 from the markets and 40 from babysitting", "add_income", 2),
        ("paid 30 for lunch and 2 coffees", "add_expense", 1),
        ("bought 3 pies and a coke for 19", "add_expense", 1),
    ],
)
def test_money_items_joined_by_and_when_each_has_its_price(
    text: str, tool: str, count: int
) -> None:
    assert [t for t, _ in _tools(text)] == [tool] * count


def test_money_of_the_other_kind_stays_its_own_request() -> None:
    found = _tools("sold the kayak for $300 and spent $45 on a new tarp")
    assert [t for t, _ in found] == ["add_income", "add_expense"]


def test_a_labelled_list_of_jobs_is_a_task_each() -> None:
    found = _tools("chores for sunday: sweep the annex, defrost the fridge, top prio")
    assert [t for t, _ in found] == ["add_task", "add_task"]
    assert found[1][1].endswith("top prio, sunday")


def test_items_said_after_the_list_was_named() -> None:
    args = _args(
        "you", "pop teabags on the shopping list, and also dish soap", "add_to_shopping_list"
    )
    assert args["items"] == ["teabags", "dish soap"]


def test_a_task_title_leaves_out_must_not_forget() -> None:
    args = _args("you", "we mustn't forget to renew the park pass", "add_task")
    assert args["title"] == "Renew the park pass"


def test_a_place_named_after_called() -> None:
    args = _args(
        "wheels", "save the bakery in Gundagai called Sweet Tooth Treats, 5 stars", "save_place"
    )
    assert args["name"] == "Sweet Tooth Treats" and args["rating"] == 5


def test_a_home_town_said_as_where_we_live() -> None:
    args = _args("you", "we live in Mildura now, update my profile please", "update_profile")
    assert args["home_base"] == "Mildura"


def test_a_route_set_off_by_dashes() -> None:
    args = _args("wheels", "plan the trip Darwin - Katherine - Tennant Creek", "plan_trip")
    assert (args["origin"], args["destination"], args["stops"]) == (
        "Darwin",
        "Tennant Creek",
        ["Katherine"],
    )


def test_an_odometer_said_without_the_word() -> None:
    args = _args("wheels", "fuel 48 litres for 101 dollars, mileage 120500", "log_fuel")
    assert args["odometer_km"] == 120500


def test_a_town_at_the_end_of_a_spot_typed_without_at() -> None:
    args = _args("wheels", "save cobbold gorge georgetown as a campsite 4/5", "save_place")
    assert (args["name"], args["location"]) == ("Cobbold Gorge", "Georgetown")


def _group_not_found(cid: str, tool: str) -> ToolMessage:
    body = {
        "ok": False, "error": "not_found", "summary": "I couldn't find a group called that.",
        "field": "group", "subject": "group",
    }  # fmt: skip
    return ToolMessage(json.dumps(body), tool_call_id=cid, name=tool)


def _groups_listed(cid: str, names: list[str]) -> ToolMessage:
    rows = [{"id": f"g{i}", "name": n} for i, n in enumerate(names)]
    body = {"ok": True, "summary": f"{len(rows)} groups.", "groups": rows}
    return ToolMessage(json.dumps(body), tool_call_id=cid, name="list_groups")


JOIN = "sign me up to the kimberley crew mob please"


def _join_and_list(names: list[str]) -> Any:
    (call,) = step("social", JOIN).tool_calls
    cid = str(call["id"])
    said = called(call["name"], cid, **call["args"])
    missing = _group_not_found(cid, call["name"])
    listing = step("social", JOIN, said, missing)
    (lookup,) = listing.tool_calls
    assert lookup["name"] == "list_groups" and str(lookup["id"]).endswith("_lk")
    listed = _groups_listed(str(lookup["id"]), names)
    return step("social", JOIN, said, missing, listing, listed)


def test_a_group_not_found_is_the_listed_group_whose_name_the_message_holds() -> None:
    answer = _join_and_list(["Kimberley Crew", "Kimberley Crew Fishing", "Pilbara Crew"])
    (again,) = answer.tool_calls
    assert again["name"] == "join_group" and again["args"]["group"] == "Kimberley Crew"


def test_a_group_not_found_and_no_listed_name_in_the_message_is_asked_about() -> None:
    answer = _join_and_list(["Broome Locals", "Pilbara Crew"])
    assert answer.tool_calls == []
    assert "Which group would you like to join?" in answer.text
