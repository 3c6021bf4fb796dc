"""Everyday phrasings the eval datasets surfaced, one class of wording per case: requests
without a trigger word, corrections, moved events, details in clauses of their own,
pointers ("post that"), follow-ups and places only the map knows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from langchain_core.messages import AIMessage

from agent.brain.money import bare_numbers
from agent.brain.places import known_town, named_town, town_of
from agent.brain.ranges import Range, find_range, next_to
from agent.brain.segment import split
from agent.brain.textutil import normalise
from agent.brain.times import time_range
from tests.unit.brain.support import called, only_call, result, route, step, subset

TODAY = date(2026, 3, 10)  # the support clock's Tuesday

CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    # wins: summaries, lists, budgets and income without the usual words
    ("wins", "give us a rundown of this month's spending", "spending_summary",
     {"period": "this_month"}),
    ("wins", "what did last month cost us all up?", "spending_summary", {"period": "last_month"}),
    ("wins", "what's our spending looking like this week?", "spending_summary",
     {"period": "this_week"}),
    ("wins", "show me what I've spent this week", "list_expenses", {"start_date": "2026-03-09"}),
    ("wins", "what were the last 3 things I paid for?", "list_expenses", {"limit": 3}),
    ("wins", "how much did we blow on eating out last week?", "list_expenses",
     {"category": "food", "start_date": "2026-03-02", "end_date": "2026-03-08"}),
    ("wins", "spending breakdown from the 1st to the 5th of March", "spending_summary",
     {"start_date": "2026-03-01", "end_date": "2026-03-05"}),
    ("wins", "cap groceries at 600 a month and warn me when I hit 90%", "set_budget",
     {"category": "groceries", "monthly_limit": 600, "alert_threshold": 0.9}),
    ("wins", "set aside $300 a month for camping", "set_budget",
     {"category": "camping", "monthly_limit": 300}),
    ("wins", "the house-sitting gig paid 600 bucks yesterday", "add_income",
     {"amount": 600, "date": "2026-03-09"}),
    ("wins", "$54.20 at Foodland in Port Augusta", "add_expense",
     {"amount": 54.2, "category": "groceries"}),
    ("wins", "forty bucks at the laundromat", "add_expense", {"amount": 40}),
    ("wins", "2 days ago I spent $18 on a camp permit at Mungo", "add_expense",
     {"amount": 18, "category": "camping", "date": "2026-03-08"}),
    ("wins", "paid the Optus bill, $65 for the month", "add_expense",
     {"amount": 65, "category": "phone_internet"}),
    # wheels: vehicles named by nickname, tanks, trips, saved places, toilets
    ("wheels", "put 45 litres in the Pajero for $88.20", "log_fuel",
     {"litres": 45, "total_cost": 88.2, "vehicle": "Pajero"}),
    ("wheels", "topped up with 40 litres at $1.99/L at the BP in Gundagai", "log_fuel",
     {"litres": 40, "price_per_litre": 1.99, "location": "Gundagai"}),
    ("wheels", "odo's at 98,400 and I just put in 48.2L for $99.30", "log_fuel",
     {"litres": 48.2, "total_cost": 99.3, "odometer_km": 98400}),
    ("wheels", "what's the Troopy costing me per km in fuel?", "fuel_stats",
     {"vehicle": "Troopy"}),
    ("wheels", "how many litres have we gone through this month?", "fuel_stats",
     {"start_date": "2026-03-01"}),
    ("wheels", "we've got a new tow vehicle, a 2021 Isuzu D-Max we call Dusty", "add_vehicle",
     {"name": "Dusty", "make": "Isuzu", "year": 2021}),
    ("wheels", "register a second vehicle, the Pajero, 2009 Mitsubishi, petrol", "add_vehicle",
     {"name": "Pajero", "fuel_type": "petrol"}),
    ("wheels", "add our car: 2019 LandCruiser 200, diesel, 140 L across both tanks, we call it "
     "Big Red", "add_vehicle", {"name": "Big Red", "tank_litres": 140, "fuel_type": "diesel"}),
    ("wheels", "just had an oil and filter change at 185,000 km, cost $289, next one due at "
     "195,000", "log_maintenance",
     {"odometer_km": 185000, "cost": 289, "next_due_km": 195000}),
    ("wheels", "rotated the tyres on the Hilux myself this arvo", "log_maintenance",
     {"vehicle": "Hilux"}),
    ("wheels", "map out Darwin to Broome via Katherine and Kununurra", "plan_trip",
     {"origin": "Darwin", "destination": "Broome", "stops": ["Katherine", "Kununurra"]}),
    ("wheels", "what trips have I got planned?", "list_trips", {}),
    ("wheels", "show me every trip I've saved", "list_trips", {}),
    ("wheels", "what have I saved around Barcaldine?", "find_places", {"near": "Barcaldine"}),
    ("wheels", "where can we empty the toilet cassette near Hay?", "find_places",
     {"near": "Hay", "kind": "dump_point"}),
    ("wheels", "is the Birdsville track going to be wet this weekend?", "weather_forecast",
     {"location": "Birdsville"}),
    ("wheels", "save this spot as a campsite: Lake Ballard near Menzies, free camping, 5 stars",
     "save_place", {"name": "Lake Ballard", "location": "Menzies", "kind": "campsite",
                    "rating": 5}),
    ("wheels", "save the dump point at the Roma showgrounds", "save_place",
     {"name": "Roma Showgrounds", "location": "Roma", "kind": "dump_point"}),
    ("wheels", "bookmark the Nyngan Riverside caravan park as a campsite", "save_place",
     {"location": "Nyngan", "kind": "campsite"}),
    ("wheels", "mark the drinking water tap at the Tennant Creek visitor centre and share it "
     "with everyone", "save_place", {"location": "Tennant Creek", "kind": "water",
                                     "shared": True}),
    # you: tasks, pantry questions, shopping, notes, events with a range
    ("you", "add a task: buy a spare fuse for the water pump", "add_task", {}),
    ("you", "high priority: get the brakes checked before the Gibb", "add_task",
     {"priority": "high"}),
    ("you", "show me everything on my to-do list, including the done stuff", "list_tasks",
     {"status": "all"}),
    ("you", "what in the pantry goes off in the next 5 days?", "list_pantry",
     {"expiring_within_days": 5}),
    ("you", "what food have we got in the pantry?", "list_pantry", {}),
    ("you", "I'm at Coles now, what do I need to grab?", "get_shopping_list", {}),
    ("you", "keep in mind we never book unpowered sites, the fridge needs 240V", "remember",
     {"note": "We never book unpowered sites, the fridge needs 240V"}),
    ("you", "I'm vegetarian, remember that", "remember", {"note": "I'm vegetarian"}),
    ("you", "have I got anything on Friday?", "list_events",
     {"start_date": "2026-03-13", "end_date": "2026-03-13"}),
    ("you", "dinner with the Hendersons Saturday from 6 till 9pm", "create_event",
     {"start": "2026-03-14T18:00:00+11:00", "end": "2026-03-14T21:00:00+11:00"}),
    ("you", "we're leaving for the Gibb on Thursday at 7am, put it in the calendar",
     "create_event", {"title": "Leaving for the Gibb", "start": "2026-03-12T07:00:00+11:00"}),
    ("you", "put Mum's birthday lunch in Airlie Beach on the 5th of September in the calendar",
     "create_event", {"location": "Airlie Beach", "start": "2026-09-05"}),
    # social: groups named with "and" and digits, pointers, "add me to"
    ("social", "post in Solar and 12V: just fitted a DC-DC charger", "create_post",
     {"group": "Solar and 12V", "content": "just fitted a DC-DC charger"}),
    ("social", "post in Grey Nomads that we made it to Karumba", "create_post",
     {"group": "Grey Nomads", "content": "we made it to Karumba"}),
    ("social", "we saw whales at the Head of Bight, post that for everyone", "create_post",
     {"content": "we saw whales at the Head of Bight"}),
    ("social", "put this on the public feed: looking for a travel buddy", "create_post",
     {"content": "looking for a travel buddy"}),
    ("social", "tell everyone the roadhouse at Caiguna has diesel again", "create_post",
     {"content": "the roadhouse at Caiguna has diesel again"}),
    ("social", "add me to Grey Nomads", "join_group", {"group": "Grey Nomads"}),
    ("social", "just show me the 2 most recent posts", "get_feed", {"limit": 2}),
    ("social", "what's new in Solar and 12V?", "get_feed", {"group": "Solar and 12V"}),
    ("social", "what's Marg been posting?", "get_feed", {}),
    # round four: typos, dates, kilometres, budgets left, fees, renames
    ("wins", "spnt $45 on desiel", "add_expense", {"amount": 45, "category": "fuel"}),
    ("wins", "how much have we got left for fuel this month?", "budget_status",
     {"month": "2026-03"}),
    ("wheels", "anything due in the next 5000 km?", "maintenance_due", {"within_km": 5000}),
    ("you", "lunch with Aunty Pat on Wednesday the 18th at noon", "create_event",
     {"start": "2026-03-18T12:00:00+11:00"}),
    # round five: chatty, lower-case, abbreviated
    ("wins", "whats the damage so far this month", "spending_summary", {"period": "this_month"}),
    ("wins", "show fuel costs for the last 30 days", "list_expenses",
     {"category": "fuel", "start_date": "2026-02-09"}),
    ("wheels", "weather tmrw in port lincoln?", "weather_forecast", {"location": "Port Lincoln"}),
    ("you", "shopping list pls", "get_shopping_list", {}),
    ("social", "ask the Solar and 12V group if a 200W panel is enough for an Engel",
     "create_post", {"group": "Solar and 12V",
                     "content": "A 200W panel is enough for an Engel?"}),
]  # fmt: skip


@pytest.mark.parametrize(("domain", "text", "tool", "args"), CASES)
def test_phrasing_makes_the_call(domain: str, text: str, tool: str, args: dict[str, Any]) -> None:
    got = only_call(step(domain, text), tool)
    assert subset(got, args), got


@pytest.mark.parametrize(
    ("text", "domains"),
    [
        ("morning PAM! beautiful sunrise over the Pinnacles today", ["general"]),
        ("who won the footy last night?", ["general"]),
        ("spent a fair bit at the markets today", ["wins"]),
        ("book dinner at the pub with Shaz and Kev", ["you"]),
        ("take the dentist off my calendar", ["you"]),
        ("change the $65 dinner to $56", ["wins"]),
        ("change the barbecue with the Smiths to Sunday", ["you"]),
        ("post in Grey Nomads that we made it, and log $22 for fish and chips", ["social", "wins"]),
        ("remember that Bluey gets carsick, and add dog food to the shopping list", ["you"]),
        ("delete the parking fee from yesterday", ["wins"]),
        ("rename the Landcare meetup to Landcare working bee", ["you"]),
        ("spent the day at the markets in Eumundi", ["general"]),
    ],
)
def test_routes(text: str, domains: list[str]) -> None:
    assert route(text) == domains


def test_questions_for_vague_requests() -> None:
    assert step("you", "put something in the calendar for Friday at 7pm").text == (
        "What should I call the event?"
    )
    assert step("wheels", "log some maintenance on the Troopy").text == "What work was done?"
    assert step("wheels", "save a campsite near Mildura").text == "What's the place called?"
    assert step("social", "I want to join a group").text == "Which group would you like to join?"


def test_an_answer_that_sounds_like_a_purchase_still_answers() -> None:
    asked = AIMessage("What work was done?")
    got = only_call(
        step("wheels", "log some maintenance on the Troopy", asked, "new brake pads, $380"),
        "log_maintenance",
    )
    assert subset(got, {"item": "New brake pads", "cost": 380, "vehicle": "Troopy"}), got
    income = step("wins", "got paid today", AIMessage("How much did you receive?"), "$320 from "
                  "the harvest job")  # fmt: skip
    assert only_call(income, "add_income")["amount"] == 320


def test_a_name_answer_drops_call_it() -> None:
    got = only_call(
        step("wheels", "save a campsite near Mildura", AIMessage("What's the place called?"),
             "call it Lake Cullulleraine"),
        "save_place",
    )  # fmt: skip
    assert subset(got, {"name": "Lake Cullulleraine", "location": "Mildura"}), got


def test_corrections_find_the_row_first() -> None:
    lookup = step("wins", "the $18 lunch today was actually $21.50, can you fix it")
    (call,) = lookup.tool_calls
    assert call["name"] == "list_expenses"
    lunch = {"id": "e1", "amount": "18.00", "category": "food", "description": "Lunch",
             "date": "2026-03-10"}  # fmt: skip
    rows = result(str(call["id"]), "list_expenses", expenses=[lunch])
    got = only_call(step("wins", "the $18 lunch today was actually $21.50, can you fix it",
                         lookup, rows), "update_expense")  # fmt: skip
    assert got == {"amount": 21.5, "expense_id": "e1"}


def test_a_description_that_fits_no_listed_row_finds_nothing() -> None:
    lookup = step("you", "mark 'service the generator' as done")
    (call,) = lookup.tool_calls
    rows = result(str(call["id"]), "list_tasks", tasks=[{"id": "t1", "title": "Wash the van"}])
    reply = step("you", "mark 'service the generator' as done", lookup, rows)
    assert not reply.tool_calls


def test_an_event_moves_by_an_hour_and_to_a_new_venue() -> None:
    event = {"id": "v1", "title": "Vet appointment", "start": "2026-03-12T15:30:00+11:00"}
    shown = [called("create_event", "a1", title="Vet appointment"),
             result("a1", "create_event", event=event)]  # fmt: skip
    moved = only_call(step("you", "add the vet", *shown, "push it back an hour"), "update_event")
    assert moved == {"event_id": "v1", "start": "2026-03-12T16:30:00+11:00"}
    venue = only_call(step("you", "add the vet", *shown, "the vet appointment has moved to the "
                           "Mareeba clinic"), "update_event")  # fmt: skip
    assert venue == {"event_id": "v1", "location": "Mareeba clinic"}


def test_post_there_uses_the_group_joined_first() -> None:
    text = "join Grey Nomads and show me what's been posted there"
    first = step("social", text)
    assert [c["name"] for c in first.tool_calls] == ["join_group"]
    joined = result(str(first.tool_calls[0]["id"]), "join_group",
                    group={"id": "g1", "name": "Grey Nomads"})  # fmt: skip
    feed = only_call(step("social", text, first, joined), "get_feed")
    assert feed == {"group": "Grey Nomads"}


def test_follow_up_asks_the_last_question_again() -> None:
    first = [called("spending_summary", "s1", period="last_month"),
             result("s1", "spending_summary", summary="February: $300.")]  # fmt: skip
    again = step("wins", "how much did I spend last month?", *first, AIMessage("February: $300."),
                 "and the month before that?")  # fmt: skip
    assert only_call(again, "spending_summary") == {
        "start_date": "2026-01-01",
        "end_date": "2026-01-31",
    }
    assert route("what's the weather in Longreach?", AIMessage("Sunny."), "what about Broome?") == [
        "wheels"
    ]


def test_segments_keep_details_and_split_stock() -> None:
    def tools(text: str) -> list[str]:
        return [p.intent.tool for p in split(normalise(text), TODAY) if p.intent]

    assert tools("add our car: 2019 LandCruiser, diesel, 140 L across both tanks") == [
        "add_vehicle"
    ]
    assert tools("oil change at 185,000 km, cost $289, next one due at 195,000") == [
        "log_maintenance"
    ]
    assert tools("we've got 3 tins of tuna and a bag of pasta in the cupboard") == [
        "add_pantry_item",
        "add_pantry_item",
    ]
    assert tools("save Gowrie Park near Sheffield as a campsite, and share it") == ["save_place"]


def test_small_helpers() -> None:
    assert [a.value for a in bare_numbers("the fridge needs 240V and a 200Ah battery")] == []
    assert find_range("from the 1st to the 5th of March", TODAY) == Range(
        date(2026, 3, 1), date(2026, 3, 5), None
    )
    february = Range(date(2026, 2, 1), date(2026, 2, 28), None)
    beside = next_to("and the month before that?", february)
    assert beside and beside[0] == Range(date(2026, 1, 1), date(2026, 1, 31), None)
    hours = time_range("from 6 till 9pm")
    assert hours and (hours[0].hour, hours[1].hour) == (18, 21)
    assert town_of("Tennant Creek Visitor Centre") == "Tennant Creek"
    assert known_town("Nyngan Riverside Caravan Park") == "Nyngan"
    assert named_town("is the Birdsville track open?") == "Birdsville"


def test_it_means_the_list_or_the_row_just_talked_about() -> None:
    added = [called("add_to_shopping_list", "s1", items=["bait"]),
             result("s1", "add_to_shopping_list", summary="Added bait.")]  # fmt: skip
    again = step("you", "add bait to the shopping list", *added, AIMessage("Added bait."),
                 "what's on it now?")  # fmt: skip
    assert [c["name"] for c in again.tool_calls] == ["get_shopping_list"]
    posts = [
        {"id": "p1", "content": "Is 200Ah enough?", "author_name": "Trev"},
        {"id": "p2", "content": "Lake Bennett is stunning", "author_name": "Marg"},
    ]
    feed = [called("get_feed", "f1"), result("f1", "get_feed", posts=posts)]
    liked = step("social", "what's Marg been posting?", *feed, AIMessage("2 posts."), "like it")
    assert only_call(liked, "like_post") == {"post_id": "p2"}


def test_budget_status_says_what_is_left() -> None:
    first = step("wins", "how much is left in the budget?")
    (call,) = first.tool_calls
    line = {"category": "fuel", "limit": "800.00", "spent": "410.00", "remaining": "390.00"}
    over = {"category": "food", "limit": "100.00", "spent": "130.00", "remaining": "-30.00"}
    done = result(str(call["id"]), "budget_status", summary="March 2026: fuel $410.00 of $800.00.",
                  currency="AUD", budgets=[line, over])  # fmt: skip
    reply = step("wins", "how much is left in the budget?", first, done).text
    assert reply.endswith("That's fuel $390.00 left, food $30.00 over.")
