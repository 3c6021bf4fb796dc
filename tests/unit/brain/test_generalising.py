"""Issue 15: understanding by design, not by phrase. Each case stands for a kind of wording
(a question about rows, a weekday abbreviation, an open-ended range, a list typed without
commas, a distance question, a bare price or odometer, a group named without a
preposition), in words the eval sets do not use."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from agent.brain.asking import is_question
from agent.brain.dates import find_day
from agent.brain.groceries import split_run
from agent.brain.learned import NONE, classifier
from agent.brain.places import trip_places
from agent.brain.ranges import find_range
from agent.brain.slots import EXTRACT
from tests.unit.brain.support import only_call, route, step, subset

TODAY = date(2026, 3, 10)  # the support clock's Tuesday


@pytest.mark.parametrize(
    ("domain", "text", "tool", "args"),
    [
        # a question about rows reads them, it never adds one
        ("you", "did I put the podiatrist in for thursday?", "list_events",
         {"start_date": "2026-03-12", "end_date": "2026-03-12"}),
        ("you", "is cheese on the shopping list?", "get_shopping_list", {}),
        ("you", "did I add sanding the table to my jobs?", "list_tasks", {}),
        # weekday abbreviations and a time without am/pm
        ("you", "optometrist weds 2pm", "create_event", {"start": "2026-03-11T14:00:00+11:00"}),
        ("you", "haircut thurs at 10am", "create_event", {"start": "2026-03-12T10:00:00+11:00"}),
        # lists without commas, a verb no list knows
        ("you", "add flour sugar and butter to the shopping list", "add_to_shopping_list",
         {"items": ["flour", "sugar", "butter"]}),
        ("you", "bung soy sauce and rice on the shopping", "add_to_shopping_list",
         {"items": ["soy sauce", "rice"]}),
        ("you", "grocery list: apples, mince and tortillas", "add_to_shopping_list",
         {"items": ["apples", "mince", "tortillas"]}),
        # distance questions and places after other words
        ("wheels", "is Katherine far from Mataranka?", "plan_trip",
         {"origin": "Mataranka", "destination": "Katherine", "save": False}),
        ("wheels", "how much diesel will the run to Tennant Creek need from Katherine", "plan_trip",
         {"origin": "Katherine", "destination": "Tennant Creek", "save": False}),
        ("wheels", "what temps are we looking at in Longreach tomorrow", "weather_forecast",
         {"location": "Longreach"}),
        ("wheels", "will it be windy at Esperance on fri?", "weather_forecast",
         {"location": "Esperance"}),
        # maintenance with a bare price or odometer
        ("wheels", "shockies replaced on the ute, 640", "log_maintenance", {"cost": 640}),
        ("wheels", "did the diff oil at 143,200", "log_maintenance", {"odometer_km": 143200}),
        # a time after a day word, "at 6" as a time and not a price, a title without its lead
        ("you", "brunch with Kaz on saturday 10.30 in the calendar", "create_event",
         {"start": "2026-03-14T10:30:00+11:00", "title": "Brunch with Kaz"}),
        ("you", "drinks with Mick and Deb on Sat at 6", "create_event",
         {"start": "2026-03-14T18:00:00+11:00", "title": "Drinks with Mick and Deb"}),
        ("you", "set a reminder for the septic pump-out on friday at 10", "create_event",
         {"start": "2026-03-13T10:00:00+11:00", "title": "Septic pump-out"}),
        ("you", "booked in for a wheel alignment thurs arvo at 2", "create_event",
         {"start": "2026-03-12T14:00:00+11:00", "title": "Wheel alignment"}),
        ("wins", "lunch friday 12.50", "add_expense", {"amount": 12.5}),
        # amounts with dollars and cents in words, a total in a clause of its own
        ("wins", "paid sixty two dollars and forty cents for the ferry", "add_expense",
         {"amount": 62.4}),
        ("wins", "gas refill was twenty one dollars fifty", "add_expense", {"amount": 21.5}),
        ("wins", "campground in Ceduna was $30 a night, stayed 3 nights so 90 all up",
         "add_expense", {"amount": 90}),
        ("wins", "budget for camping 400/month", "set_budget",
         {"category": "camping", "monthly_limit": 400}),
        # ranges written day to day, "what've"
        ("wins", "spending summary 2 march to 9 march", "spending_summary",
         {"start_date": "2026-03-02", "end_date": "2026-03-09"}),
        ("you", "what've we got on between the 2nd and the 6th of april", "list_events",
         {"start_date": "2026-04-02", "end_date": "2026-04-06"}),
        # profile, groups, maintenance and events read to the end of their own words
        ("you", "we're based out of Ballarat when we're home", "update_profile",
         {"home_base": "Ballarat"}),
        ("social", "create a group called Solar Nerds, keep it private", "create_group",
         {"name": "Solar Nerds", "private": True}),
        ("social", "can you get me into Lap of Oz", "join_group", {"group": "Lap of Oz"}),
        ("wheels", "anything due in the next 60 days or 3000 km", "maintenance_due",
         {"within_days": 60, "within_km": 3000}),
        ("wheels", "new batteries for the ute, $420", "log_maintenance", {"cost": 420}),
        ("you", "book the optometrist in bendigo fri 9am", "create_event",
         {"location": "Bendigo", "start": "2026-03-13T09:00:00+11:00"}),
        ("you", "put Dad's 70th on the 2nd of May in the calendar, all day", "create_event",
         {"start": "2026-05-02", "all_day": True}),
        ("you", "whack 'clean the solar panels' on my to do list", "add_task",
         {"title": "Clean the solar panels"}),
        ("you", "show me what I've knocked off", "list_tasks", {"status": "done"}),
        # details in a clause of their own
        ("you", "new task: grease the jockey wheel, top priority", "add_task",
         {"title": "Grease the jockey wheel", "priority": "high"}),
        ("wheels", "save Cosy Corner as a campsite near Albany, rating 4", "save_place",
         {"rating": 4}),
        ("wheels", "forecast for the next few days in Roma", "weather_forecast",
         {"location": "Roma", "days": 3}),
    ],
)  # fmt: skip
def test_wording_makes_the_call(domain: str, text: str, tool: str, args: dict[str, Any]) -> None:
    got = only_call(step(domain, text), tool)
    assert subset(got, args), got


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("did I log the laundry?", True),
        ("is the tent on the list", True),
        ("have we got any rice left?", True),
        ("when's the vet", True),
        ("can you add rice to the list?", False),
        ("could you log 30 for parking", False),
        ("have to ring the bank", False),
        ("had the tyres rotated today", False),
        ("when we get to Broome remind me to call Jo", False),
        ("was 30 at the servo", False),
    ],
)
def test_what_is_a_question(text: str, asks: bool) -> None:
    assert is_question(text) is asks


def test_a_question_about_the_profile_writes_nothing() -> None:
    assert route("is my staffy allowed in Litchfield?") == ["general"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("tues morning", date(2026, 3, 17)),  # today's weekday: a week away
        ("weds", date(2026, 3, 11)),
        ("thur arvo", date(2026, 3, 12)),
        ("fri.", date(2026, 3, 13)),
        ("sat at 6", date(2026, 3, 14)),
        ("sun morning", date(2026, 3, 15)),
    ],
)
def test_weekday_abbreviations(text: str, day: date) -> None:
    hit = find_day(text, TODAY, future=True)
    assert hit is not None and hit.day == day


@pytest.mark.parametrize("text", ["sat by the fire", "the sun was out", "mon, c'mon"])
def test_abbreviations_that_are_words_stay_words(text: str) -> None:
    assert find_day(text, TODAY, future=True) is None


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("since the 3rd of Jan", date(2026, 1, 3)),
        ("since February", date(2026, 2, 1)),
        ("since last month", date(2026, 2, 1)),
        ("since monday", date(2026, 3, 9)),
    ],
)
def test_since_is_open_ended_to_today(text: str, start: date) -> None:
    span = find_range(text, TODAY)
    assert span is not None and (span.start, span.end) == (start, TODAY)


def test_a_run_of_item_words_is_split_but_pairs_stay() -> None:
    assert split_run("milk bread") == ["milk", "bread"]
    assert split_run("peanut butter jam") == ["peanut butter", "jam"]
    assert split_run("camp chairs") == ["camp chairs"]  # "camp" is no item: one thing


def test_a_stock_list_after_a_label_is_one_call_per_item() -> None:
    calls = step("you", "pantry: 2 tins of peaches and a 1kg bag of oats").tool_calls
    assert [c["name"] for c in calls] == ["add_pantry_item", "add_pantry_item"]
    assert {c["args"]["name"] for c in calls} == {"peaches", "oats"}


def test_far_from_reads_both_places() -> None:
    assert trip_places("is Cobar far from Bourke") == ("Bourke", "Cobar", [])


def test_every_label_of_the_classifier_is_a_tool_the_brain_fills() -> None:
    """A label without an extractor crashed the router when the classifier picked it."""
    labels = set(classifier().labels) - {NONE}
    assert labels <= set(EXTRACT), labels - set(EXTRACT)


def test_the_vehicles_saved() -> None:
    assert only_call(step("wheels", "which rigs have I got saved on here?"), "list_vehicles") == {}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("whats been posted in solar nerds", {"group": "solar nerds"}),
        ("show me what's new in the feed", {}),
    ],
)
def test_a_feed_group_typed_in_lower_case(text: str, args: dict[str, Any]) -> None:
    assert only_call(step("social", text), "get_feed") == args


def test_a_public_post_said_in_words() -> None:
    got = only_call(
        step("social", "do a public post: free firewood at the Hay camp"), "create_post"
    )
    assert got["visibility"] == "public"


@pytest.mark.parametrize(
    ("domain", "text", "tool", "args"),
    [
        ("you", "switch us to us dollars and imperial", "update_profile",
         {"currency": "USD", "units": "imperial"}),
        ("you", "update our profile - pets: a blue heeler", "update_profile", {}),
        ("wins", "where does that leave us on fuel this month", "budget_status", {}),
        ("wins", "income vs spending last month?", "spending_summary", {"period": "last_month"}),
        ("wheels", "what have others saved around hay", "find_places", {"near": "Hay"}),
    ],
)  # fmt: skip
def test_more_everyday_forms(domain: str, text: str, tool: str, args: dict[str, Any]) -> None:
    got = only_call(step(domain, text), tool)
    assert subset(got, args), got


@pytest.mark.parametrize(
    "text",
    ["need a coffee", "long night, need a cuppa", "gosh I need a nap", "dying for a beer tbh"],
)
def test_one_thing_wanted_now_is_no_shopping(text: str) -> None:
    """Issue 15: "need a coffee" is a want for now, not a purchase to put on the list."""
    calls = [c["name"] for d in route(text) for c in step(d, text).tool_calls]
    assert "add_to_shopping_list" not in calls


@pytest.mark.parametrize(
    ("text", "items"),
    [("need a dozen eggs", ["12 eggs"]), ("need teabags", ["teabags"]),
     ("need an onion on the shopping list", ["onion"])],
)  # fmt: skip
def test_a_measure_or_the_list_keeps_need_a_purchase(text: str, items: list[str]) -> None:
    args = only_call(step("you", text), "add_to_shopping_list")
    assert args["items"] == items


@pytest.mark.parametrize(
    "text",
    [
        "night all, long drive from Alice to Tennant Creek tomorrow",
        "cheers mate, heading to bed - early start, driving Broome to Derby in the morning",
        "ok that's it for tonight, we're heading off to Kununurra from Broome tomorrow",
    ],
)
def test_a_goodbye_that_mentions_a_drive_plans_no_trip(text: str) -> None:
    """Issue 15: tomorrow's drive told in a goodbye is news, not a trip to plan."""
    assert route(text) == ["general"]


@pytest.mark.parametrize(
    "text",
    ["goodnight! can you plan the drive from Broome to Derby for tomorrow?",
     "off to bed soon, plan a trip from Broome to Derby please"],
)  # fmt: skip
def test_a_goodbye_that_still_asks_plans_the_trip(text: str) -> None:
    only_call(step("wheels", text), "plan_trip")


@pytest.mark.parametrize(
    ("text", "title", "priority"),
    [
        ("Can you add a task to ring the insurer? Make it high priority please.",
         "Ring the insurer", "high"),
        ("Could you add a task to service the generator? Make it low priority.",
         "Service the generator", "low"),
        ("Would you add a task to clean the water tank? Mark it as urgent, it smells a bit.",
         "Clean the water tank", "high"),
    ],
)  # fmt: skip
def test_a_priority_in_its_own_sentence_belongs_to_the_request_before(
    text: str, title: str, priority: str
) -> None:
    """Issue 15: "…? Make it high priority." sets the task's priority, no second task."""
    args = only_call(step("you", text), "add_task")
    assert (args["title"], args["priority"]) == (title, priority)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("put the groceries budget at 800 a month and how's it going", "set_budget"),
        ("set the camping budget to 300, how is it looking", "set_budget"),
        ("spent 60 on diesel at Coober Pedy and how's it looking", "add_expense"),
    ],
)
def test_a_clause_asking_how_it_stands_after_a_write_asks_its_status(text: str, first: str) -> None:
    """Issue 15: "… and how's it looking" after a budget write asks the budget's status."""
    assert [c["name"] for c in step("wins", text).tool_calls] == [first, "budget_status"]
