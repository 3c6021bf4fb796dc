"""Issue 15, fifth round: arguments as people of other habits write them — numbers with a
decimal comma or "point", dates written with digits (in the user's own order), a part of
the day said apart from the hour, spans counted back or ahead in weeks, list items after a
colon, a town typed last in a shorthand log, more than one leg of a trip, the everyday
words of North American, tradie and family spending, and corrections said against the
row just written. Every phrasing is this file's own (none an eval set's sentence)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from langchain_core.messages import AIMessage

from agent.brain.calendar_words import month_first
from agent.brain.categories import category_of
from agent.brain.convo import Env
from agent.brain.dates import find_day
from agent.brain.places import trip_places
from agent.brain.ranges import find_range, forecast_days
from agent.brain.slots import DOMAIN, EXTRACT, OWN_WORDS
from agent.brain.textutil import normalise
from tests.unit.brain.support import only_call, step

US = {"tz": "America/Denver", "currency": "USD", "units": "imperial"}
TODAY = date(2026, 3, 10)  # support.NOW, a Tuesday


def _args(domain: str, text: str, tool: str, **extra: str) -> dict[str, Any]:
    return only_call(step(domain, text, **extra), tool)


def _extract(tool: str, text: str) -> dict[str, Any]:
    """The tool's extractor alone, on the message as the planner hands it over."""
    tz = ZoneInfo("Australia/Sydney")
    env = Env(domain=DOMAIN[tool], now=datetime(2026, 3, 10, 9, tzinfo=tz), tz=tz)
    return EXTRACT[tool](text if tool in OWN_WORDS else normalise(text), env).args


# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("paid 8,40 for a coffee and cake", "8.40"),
        ("parking was 3,5 euro", "3.5 euro"),
        ("tyres at 2,4 bar", "2.4 bar"),
        ("forty two point seven litres", "42.7 litres"),
        ("nine point five kilos of flour", "9.5 kilos"),
    ],
)
def test_a_decimal_comma_or_point_is_one_number(text: str, said: str) -> None:
    assert said in normalise(text)


@pytest.mark.parametrize(
    "text", ["sold it for 2,300", "readings 36,36,40,40", "odo 187,402", "tyres 35, 35, 38, 38"]
)
def test_thousands_and_rows_of_numbers_keep_their_commas(text: str) -> None:
    assert normalise(text) == text


def test_a_decimal_comma_is_the_amount() -> None:
    assert _args("wins", "spent 17,80 on sandwiches", "add_expense")["amount"] == 17.8


# --- dates written with digits ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "american", "day"),
    [
        ("ferry booked for 9/4", False, date(2026, 4, 9)),
        ("ferry booked for 4/9", True, date(2026, 4, 9)),
        ("the market on 3/25", False, date(2026, 3, 25)),  # only one order is a date
        ("the market on 25/3", True, date(2026, 3, 25)),
        ("vet check 2/11/26", False, date(2026, 11, 2)),
        ("the fair on 21.03", False, date(2026, 3, 21)),
        ("visa runs out 18.04.2026", False, date(2026, 4, 18)),
        ("visa runs out 18.04.", False, date(2026, 4, 18)),
        ("interview 22.04 at 10:00", False, date(2026, 4, 22)),
    ],
)
def test_dates_in_digits_in_the_users_order(text: str, american: bool, day: date) -> None:
    with month_first(american):
        hit = find_day(text, TODAY, future=True)
    assert hit is not None and hit.day == day


@pytest.mark.parametrize("text", ["fuel at 1.89 a litre", "paid 21.03 at the servo", "lunch 12.50"])
def test_a_dotted_price_is_no_date(text: str) -> None:
    assert find_day(text, TODAY, future=True) is None


def test_a_north_american_users_date_through_the_brain() -> None:
    args = _args("you", "campground check-in 7/2 at 3pm", "create_event", **US)
    assert args["start"].startswith("2026-07-02T15:00")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("lunch with Jo on Friday the twentieth", date(2026, 3, 20)),
        ("the quiz is Thursday the nineteenth", date(2026, 3, 19)),
    ],
)
def test_a_weekday_with_an_ordinal_in_words_is_that_date(text: str, day: date) -> None:
    hit = find_day(normalise(text), TODAY, future=True)
    assert hit is not None and hit.day == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("next Wednesday", date(2026, 3, 18)),  # tomorrow is not "next Wednesday"
        ("next Thursday", date(2026, 3, 19)),
        ("next Saturday", date(2026, 3, 14)),  # further on in the week: the coming one
        ("next Monday", date(2026, 3, 16)),
    ],
)
def test_next_weekday_a_day_or_two_away_is_next_weeks(text: str, day: date) -> None:
    hit = find_day(text, TODAY, future=True)
    assert hit is not None and hit.day == day


# --- times: a part of the day said apart from the hour -----------------------------------


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("remind me to put the bins out tonight at 9", "2026-03-10T21:00:00+11:00"),
        ("call Dad at 7 tomorrow night", "2026-03-11T19:00:00+11:00"),
        ("book trivia for friday evening at 8", "2026-03-13T20:00:00+11:00"),
        ("remind me to water the plants tomorrow morning at 8", "2026-03-11T08:00:00+11:00"),
    ],
)
def test_a_part_of_the_day_gives_a_bare_hour_its_half(text: str, start: str) -> None:
    assert _args("you", text, "create_event")["start"] == start


# --- spans counted in weeks, forecast lengths -------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("spending over the past fortnight", date(2026, 2, 25), TODAY),
        ("what went out in the last 3 weeks", date(2026, 2, 18), TODAY),
        ("the past week", date(2026, 3, 4), TODAY),
        ("the last 2 months", date(2026, 1, 11), TODAY),
        ("what's on in the next 2 weeks", TODAY, date(2026, 3, 23)),
        ("anything over the coming fortnight", TODAY, date(2026, 3, 23)),
    ],
)
def test_spans_counted_in_weeks(text: str, start: date, end: date) -> None:
    span = find_range(text, TODAY, future=True)
    assert span is not None and (span.start, span.end) == (start, end)


def test_last_week_stays_the_calendar_week() -> None:
    span = find_range("what did we spend last week", TODAY)
    assert span is not None and span.period == "last_week"


@pytest.mark.parametrize(
    ("text", "days"),
    [("forecast for Cooktown, 4 days", 4), ("rain at Cobar in 2 days", 3), ("weather 6 days", 6)],
)
def test_a_count_of_days_is_the_forecast_length(text: str, days: int) -> None:
    assert forecast_days(text, TODAY) == days


# --- list items after a colon or dash ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "pop some brekkie things on the list: oats, yoghurt, bananas",
            ["oats", "yoghurt", "bananas"],
        ),
        (
            "add to my shopping list - foil, matches, firelighters",
            ["foil", "matches", "firelighters"],
        ),
        ("put on grocery list: 2 tins of beans, rice", ["2 tins of beans", "rice"]),
    ],
)
def test_items_after_the_list_and_a_colon(text: str, items: list[str]) -> None:
    assert _args("you", text, "add_to_shopping_list")["items"] == items


# --- a town typed last in a shorthand log; the legs of a trip ---------------------------


def test_a_town_typed_last_in_a_fuel_log() -> None:
    args = _args("wheels", "diesel 71.4 L 139.90 gundagai", "log_fuel")
    assert args["location"] == "Gundagai" and args["litres"] == 71.4


@pytest.mark.parametrize(
    ("text", "trip"),
    [
        (
            "heading from Cairns to Mareeba then on to Chillagoe",
            ("Cairns", "Chillagoe", ["Mareeba"]),
        ),
        (
            "Perth to Kalbarri, then Denham and then Exmouth",
            ("Perth", "Exmouth", ["Kalbarri", "Denham"]),
        ),
        ("from Hobart to Strahan then back to Hobart", ("Hobart", "Hobart", ["Strahan"])),
    ],
)
def test_towns_after_then_are_further_legs(text: str, trip: tuple[str, str, list[str]]) -> None:
    assert trip_places(text) == trip


# --- everyday spending words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "american", "category"),
    [
        ("smoko at the bakery 11.20", False, "food"),
        ("a site at the state park, 32 bucks", True, "camping"),
        ("two nights at the KOA", True, "camping"),
        ("gas at the Exxon 61", True, "fuel"),
        ("kids school uniforms 120", False, "shopping"),
        ("nurofen and bandaids 19", False, "health"),
        ("Netflix 16.99", False, "entertainment"),
        ("tags renewal at the DMV 98", True, "registration"),
        ("propane tank refill 24", True, "gas_lpg"),
        ("food at Aldi 80", False, "groceries"),  # where staples are bought: groceries
    ],
)
def test_everyday_spending_words(text: str, american: bool, category: str) -> None:
    assert category_of(text, american=american) == category


# --- what a post and an event say outright ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "visibility"),
    [
        ("share on the feed: frost on the windscreen this morning", "public"),
        ("post in Dog Friendly Travels: found a great off-leash beach", "group"),
    ],
)
def test_a_post_says_who_sees_it(text: str, visibility: str) -> None:
    assert _args("social", text, "create_post")["visibility"] == visibility


def test_a_day_without_a_time_is_an_all_day_event() -> None:
    args = _args("you", "put the rodeo in the calendar for the 28th", "create_event")
    assert args["start"] == "2026-03-28" and args["all_day"] is True


def test_an_event_with_a_time_is_not_all_day() -> None:
    assert "all_day" not in _args("you", "yoga on thursday at 6pm", "create_event")


# --- corrections against the row just written -------------------------------------------

EVENT = "0fd1c2a3-0000-4000-8000-000000000002"
EXPENSE = "0fd1c2a3-0000-4000-8000-000000000001"


def _after(action: str, row: dict[str, Any]) -> dict[str, str]:
    return {
        "previous_action": f"{action} ({'you' if 'event' in action else 'wins'}, "
        "the previous turn, wrote)",
        "previous_filters": "{}",
        "previous_rows": json.dumps([row]),
    }


EVENING = _after(
    "create_event",
    {"kind": "event", "id": EVENT, "title": "Dinner", "start": "2026-03-13T18:00:00+11:00"},
)
MORNING = _after(
    "create_event",
    {"kind": "event", "id": EVENT, "title": "Walk", "start": "2026-03-13T08:00:00+11:00"},
)


@pytest.mark.parametrize(
    ("state", "text", "start"),
    [
        (EVENING, "move it to 7", "2026-03-13T19:00:00+11:00"),
        (EVENING, "actually make it half past 5", "2026-03-13T17:30:00+11:00"),
        (MORNING, "sorry, make it 10", "2026-03-13T10:00:00+11:00"),
        (MORNING, "no, 7 in the evening", "2026-03-13T19:00:00+11:00"),
        (EVENING, "oops, the day before", "2026-03-12T18:00:00+11:00"),
    ],
)
def test_a_corrected_time_stays_near_the_old_one(
    state: dict[str, str], text: str, start: str
) -> None:
    message: AIMessage = step("you", text, **state)
    assert only_call(message, "update_event") == {"event_id": EVENT, "start": start}


def test_an_expense_corrected_to_the_day_before_its_own() -> None:
    state = _after(
        "add_expense",
        {"kind": "expense", "id": EXPENSE, "amount": 30, "category": "fuel", "date": "2026-03-08"},
    )
    args = only_call(step("wins", "hang on, it was the day before", **state), "update_expense")
    assert args == {"expense_id": EXPENSE, "date": "2026-03-07"}


# --- numbers spoken aloud (voice dictation) ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("odometer sixty two thousand four fifty", "odometer 62450"),
        ("a twenty eighteen ford ranger", "a 2018 ford ranger"),
        ("our nineteen ninety nine troopy", "our 1999 troopy"),
        ("a twenty twenty three jayco", "a 2023 jayco"),
        ("make it three no four", "make it 4"),
        ("alert me at 80 prozent", "alert me at 80 percent"),
    ],
)
def test_numbers_as_they_are_spoken(text: str, said: str) -> None:
    assert normalise(text) == said


@pytest.mark.parametrize("text", ["dinner at twenty thirty", "paid twenty fifteen for lunch"])
def test_a_clock_or_a_price_is_no_year(text: str) -> None:
    assert "20" in normalise(text) and "2030" not in normalise(text)
    assert "2015" not in normalise(text)


@pytest.mark.parametrize(
    ("text", "cost"),
    [("seventy litres one thirty two", 132), ("fifty five litres one oh five all up", None)],
)
def test_a_spoken_fill_total_is_hundreds(text: str, cost: float | None) -> None:
    args = _args("wheels", text, "log_fuel")
    assert args.get("total_cost") == cost


def test_a_price_per_litre_spoken_apart() -> None:
    args = _args("wheels", "forty litres at one ninety five a litre", "log_fuel")
    assert args["price_per_litre"] == pytest.approx(1.95) and args["litres"] == 40


def test_spoken_work_costs_are_hundreds() -> None:
    args = _args("wheels", "new brake pads three forty today", "log_maintenance")
    assert args["cost"] == 340


def test_a_deposit_is_hundreds() -> None:
    assert _args("wins", "paid the one twenty booking deposit", "add_expense")["amount"] == 120


@pytest.mark.parametrize(
    ("text", "odo"),
    [
        ("filled 60 litres, km 98765", 98765),
        ("oil change at 52000 k", 52000),
        ("oil change at 160k", 160000),
    ],
)
def test_kilometres_said_around_a_reading(text: str, odo: int) -> None:
    tool = "log_fuel" if "litres" in text else "log_maintenance"
    assert _args("wheels", text, tool)["odometer_km"] == odo


def test_a_year_in_words_for_a_vehicle() -> None:
    args = _args("wheels", "add our twenty fifteen isuzu dmax, call it Bluey", "add_vehicle")
    assert args["year"] == 2015 and args["name"] == "Bluey"


# --- more days and times ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("yoghurt use by the ninth", date(2026, 3, 9)),
        ("away until the twelfth", date(2026, 3, 12)),
        ("renew it before the end of february", date(2027, 2, 28)),
        ("at the start of may", date(2026, 5, 1)),
    ],
)
def test_days_said_in_words(text: str, day: date) -> None:
    hit = find_day(normalise(text), TODAY, future=True)
    if day < TODAY:  # "use by the ninth": said in the past direction it is this month's
        hit = find_day(normalise(text), TODAY, future=False)
    assert hit is not None and hit.day == day


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("physio wed 11", "2026-03-11T11:00:00+11:00"),
        ("footy training saturday 2", "2026-03-14T14:00:00+11:00"),
        ("dentist friday 9h15", "2026-03-13T09:15:00+11:00"),
    ],
)
def test_a_bare_hour_after_a_day_word(text: str, start: str) -> None:
    assert _extract("create_event", text)["start"] == start


def test_a_bare_number_after_a_day_in_a_purchase_is_the_price() -> None:
    assert _args("wins", "pies friday 9", "add_expense")["amount"] == 9


def test_how_long_it_takes_gives_the_end() -> None:
    args = _args("you", "vet on thursday at 10am, takes about 2 hours", "create_event")
    assert args["end"] == "2026-03-12T12:00:00+11:00"


def test_a_north_american_home_base() -> None:
    home = {"home_base": "Boise, Idaho"}
    assert _args("wins", "gas was 52 today", "add_expense", **home)["category"] == "fuel"


# --- group names typed in lower case -----------------------------------------------------


def test_a_lower_case_group_name_ends_where_the_sentence_goes_on() -> None:
    args = _args("social", "start a group called river rats so we can plan trips", "create_group")
    assert args["name"] == "River Rats"


@pytest.mark.parametrize(
    ("text", "tool", "group"),
    [
        ("show me the river rats posts", "get_feed", "river rats"),
        ("anything in the grey nomads feed", "get_feed", "grey nomads"),
        ("any requests waiting on river rats", "review_join_requests", "river rats"),
    ],
)
def test_a_lower_case_group_named_around_its_posts(text: str, tool: str, group: str) -> None:
    assert _extract(tool, text)["group"] == group


def test_a_post_for_the_members_of_a_group() -> None:
    text = "post just for the members of Riverland Pickers: anyone need a lift Monday?"
    args = _args("social", text, "create_post")
    assert args["group"] == "Riverland Pickers" and args["visibility"] == "group"


# --- tyres, places, rates ---------------------------------------------------------------


def test_the_rest_of_the_tyres() -> None:
    args = _args("wheels", "front right 31, the rest 35 psi", "log_tyre_pressures")
    assert args["pressures"] == {
        "front_left": 35, "front_right": 31, "rear_left": 35, "rear_right": 35, "all_round": 35,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "name", "town"),
    [
        ("save the water tap at the oval in Quilpie", None, "Quilpie"),
        ("save the tyre shop in Mount Isa, Isa Tyres, share it", "Isa Tyres", "Mount Isa"),
    ],
)
def test_a_saved_spots_town_and_name(text: str, name: str | None, town: str) -> None:
    args = _args("wheels", text, "save_place")
    assert args["location"] == town and (name is None or args["name"] == name)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("powered site 42 a night for 4 nights", 168),
        ("3 nights at 35 a night at the showgrounds", 105),
        ("site 40 a night, 120 all up", 120),
    ],
)
def test_a_rate_times_the_nights(text: str, amount: float) -> None:
    assert _args("wins", text, "add_expense")["amount"] == amount


# --- follow-ups and corrections ---------------------------------------------------------


def test_a_corrections_new_value_is_said_last() -> None:
    state = _after(
        "add_expense",
        {"kind": "expense", "id": EXPENSE, "amount": 5, "category": "food", "date": "2026-03-10"},
    )
    args = only_call(step("wins", "no, it was 3 coffees so 15", **state), "update_expense")
    assert args == {"expense_id": EXPENSE, "amount": 15}


@pytest.mark.parametrize(("text", "month"), [("and the month before?", "2026-01"),
                                             ("what about December?", "2025-12")])  # fmt: skip
def test_a_budget_checks_month_in_a_follow_up(text: str, month: str) -> None:
    state = {
        "previous_action": "budget_status (wins, the previous turn)",
        "previous_filters": json.dumps({"month": "2026-02"}),
        "previous_rows": "[]",
    }
    assert only_call(step("wins", text, **state), "budget_status") == {"month": month}


def test_the_week_after_next_is_a_whole_week() -> None:
    span = find_range("what's on the week after next", TODAY, future=True)
    assert span is not None and (span.start, span.end) == (date(2026, 3, 23), date(2026, 3, 29))


def test_the_week_after_the_one_just_listed() -> None:
    state = {
        "previous_action": "list_events (you, the previous turn)",
        "previous_filters": json.dumps({"start_date": "2026-03-16", "end_date": "2026-03-22"}),
        "previous_rows": "[]",
    }
    args = only_call(step("you", "and the week after?", **state), "list_events")
    assert args == {"start_date": "2026-03-23", "end_date": "2026-03-29"}


def test_a_reminder_added_to_the_event_just_written() -> None:
    message = step("you", "can you add a reminder 2 hours before", **EVENING)
    assert only_call(message, "update_event") == {"event_id": EVENT, "reminder_minutes": 120}


@pytest.mark.parametrize(
    ("text", "trip"),
    [
        ("how far is it from Walgett?", ("Walgett", "Moree")),
        ("how long is it to drive there from Narrabri", ("Narrabri", "Moree")),
        ("how far is it to Goondiwindi", ("Moree", "Goondiwindi")),
    ],
)
def test_how_far_from_the_place_just_talked_about(text: str, trip: tuple[str, str]) -> None:
    state = {
        "previous_action": "weather_forecast (wheels, the previous turn)",
        "previous_filters": json.dumps({"location": "Moree"}),
        "previous_rows": "[]",
    }
    args = only_call(step("wheels", text, **state), "plan_trip")
    assert (args["origin"], args["destination"], args["save"]) == (*trip, False)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("remind me in 2 hours to take the bread out", "2026-03-10T11:00:00+11:00"),
        ("remind me in half an hour to ring Bev", "2026-03-10T09:30:00+11:00"),
        ("haircut a week today at 10", "2026-03-17T10:00:00+11:00"),
        ("dentist a week on friday at 9", "2026-03-20T09:00:00+11:00"),
    ],
)
def test_moments_counted_from_now_or_a_week_on(text: str, start: str) -> None:
    assert _extract("create_event", text)["start"] == start


@pytest.mark.parametrize(
    ("text", "days"),
    [("anything going off in the next fortnight", 14), ("what expires over the coming month", 30)],
)
def test_pantry_windows_said_ahead(text: str, days: int) -> None:
    assert _extract("list_pantry", text)["expiring_within_days"] == days


def test_only_some_of_the_list_just_shown() -> None:
    state = {
        "previous_action": "list_expenses (wins, the previous turn)",
        "previous_filters": json.dumps({"start_date": "2026-03-02", "end_date": "2026-03-08"}),
        "previous_rows": "[]",
    }
    args = only_call(step("wins", "just the groceries ones", **state), "list_expenses")
    assert args == {"start_date": "2026-03-02", "end_date": "2026-03-08", "category": "groceries"}


def test_fuel_figures_of_another_vehicle_by_its_name() -> None:
    state = {
        "previous_action": "fuel_stats (wheels, the previous turn)",
        "previous_filters": json.dumps({"vehicle": "Hilux"}),
        "previous_rows": "[]",
    }
    args = only_call(step("wheels", "and the Snail?", **state), "fuel_stats")
    assert args == {"vehicle": "Snail"}
