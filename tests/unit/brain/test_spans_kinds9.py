"""Span and dialogue kinds of branch i15-spans9, each on phrasings of our own: a question
naming a trip of its own after a trip was planned; a vehicle's name of several words said
before its details, or a model labelled first; a fact told about oneself is the note."""

from __future__ import annotations

import json

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from tests.unit.brain.support import called, only_call, result, step
from tests.unit.brain.test_dialogue_state import previous

TRIP = previous(
    "plan_trip", "wheels", {"origin": "Roma", "destination": "Longreach", "save": True},
    [{"kind": "trip", "id": "0fd1c2a3-0000-4000-8000-000000000003"}], wrote=True,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("how far to Winton from Longreach", ("Longreach", "Winton")),
        ("how long is the drive from Barcaldine to Winton?", ("Barcaldine", "Winton")),
        ("how many km from Longreach to Hughenden", ("Longreach", "Hughenden")),
    ],
)
def test_a_question_naming_its_own_trip_is_not_the_trip_just_planned(
    text: str, ends: tuple[str, str]
) -> None:
    args = only_call(step("wheels", text, **TRIP), "plan_trip")
    assert (args["origin"], args["destination"]) == ends
    assert args["save"] is False


@pytest.mark.parametrize(
    "text", ["how long will that take?", "how many hours from Roma to Longreach"]
)
def test_a_question_about_the_trip_just_planned_keeps_it(text: str) -> None:
    args = only_call(step("wheels", text, **TRIP), "plan_trip")
    assert (args["origin"], args["destination"]) == ("Roma", "Longreach")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("add the Land Cruiser, 2016 Toyota LC200, rego 123ABC", "Land Cruiser"),
        ("add our Big Red, a 2019 Isuzu D-Max", "Big Red"),
        ("add the Old Girl (1998 Nissan Patrol)", "Old Girl"),
        ("add a vehicle pls: Ranger, ford, 2021, diesel, 80L tank", "Ranger"),
        ("add my Troopy, 2012 Land Cruiser diesel 13.5L/100km", "Troopy"),
        ("add a new vehicle: 2019 Ford Ranger, diesel, 80 litre tank", "Ford Ranger"),
    ],
)
def test_a_vehicles_name_said_before_its_details_is_whole(text: str, name: str) -> None:
    assert only_call(step("wheels", text), "add_vehicle")["name"] == name


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("I'm vegetarian by the way", "I'm vegetarian"),
        ("just so you know, we don't eat pork", "We don't eat pork"),
        ("my husband is diabetic fyi", "My husband is diabetic"),
    ],
)
def test_a_fact_told_about_oneself_is_the_note(text: str, note: str) -> None:
    assert only_call(step("you", text), "remember") == {"note": note}


# --- dialogue: what the turn before showed or wrote -------------------------------------

EVENT = "0fd1c2a3-0000-4000-8000-000000000002"
EXPENSE = "0fd1c2a3-0000-4000-8000-000000000001"
DINNER = previous(
    "list_events", "you", {"start_date": "2026-03-13", "end_date": "2026-03-13"},
    [{"kind": "event", "id": EVENT, "title": "Dinner with the Hendos",
      "start": "2026-03-13T18:30:00+11:00", "location": "Royal Hotel"}],
    wrote=False,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("it's at the RSL now, not the pub", {"location": "RSL"}),
        ("oh it's moved to the Bowlo", {"location": "Bowlo"}),
        ("it's at 7 now", {"start": "2026-03-13T19:00:00+11:00"}),
    ],
)
def test_a_change_said_of_the_one_event_just_shown_updates_it(
    text: str, changes: dict[str, str]
) -> None:
    assert only_call(step("you", text, **DINNER), "update_event") == {"event_id": EVENT, **changes}


def test_an_event_with_no_day_after_one_days_calendar_is_on_that_day() -> None:
    tomorrow = previous(
        "list_events", "you", {"start_date": "2026-03-11", "end_date": "2026-03-11"}, [],
        wrote=False,
    )  # fmt: skip
    args = only_call(
        step(
            "you",
            "good, pop in lunch with Deb at 12:30 then",
            **tomorrow,
            previous_day="2026-03-11",
        ),
        "create_event",
    )
    assert args["start"] == "2026-03-11T12:30:00+11:00"
    assert args["title"].startswith("Lunch with Deb")
    week = previous(
        "list_events", "you", {"start_date": "2026-03-11", "end_date": "2026-03-17"}, [],
        wrote=False,
    )  # fmt: skip
    args = only_call(
        step("you", "good, pop in lunch with Deb at 12:30 then", **week, previous_day="2026-03-11"),
        "create_event",
    )
    assert args["start"] == "2026-03-10T12:30:00+11:00"  # a week read: no one day meant


@pytest.mark.parametrize(
    "text", ["nah make it 650, diesel's gone up again", "make it 650 cos fuel went up"]
)
def test_a_budget_changed_with_its_own_kind_as_the_reason_is_set_again(text: str) -> None:
    budget = previous(
        "set_budget", "wins", {"category": "fuel", "monthly_limit": 600, "alert_threshold": 0.9},
        [{"kind": "budget", "category": "fuel", "monthly_limit": 600}], wrote=True,
    )  # fmt: skip
    args = only_call(step("wins", text, **budget), "set_budget")
    assert args == {"category": "fuel", "monthly_limit": 650}


def test_that_one_under_a_category_recategorises_the_expense_just_written() -> None:
    spent = previous(
        "add_expense", "wins", {"amount": 30},
        [{"kind": "expense", "id": EXPENSE, "amount": 30, "category": "other",
          "date": "2026-03-10"}], wrote=True,
    )  # fmt: skip
    args = only_call(step("wins", "put that one under camping would ya", **spent), "update_expense")
    assert args == {"expense_id": EXPENSE, "category": "camping"}


def test_the_caravan_is_the_users_vehicle_a_caravan_maker_made() -> None:
    rigs = json.dumps(
        [
            {"name": "Cruiser", "make": "Toyota", "model": "LandCruiser"},
            {"name": "Jayco", "make": "Jayco"},
        ]
    )
    answer = step("wheels", "wheel bearings repacked on the caravan, next due at 60000 km",
                  vehicles=rigs, vehicle="Cruiser")  # fmt: skip
    assert only_call(answer, "log_maintenance")["vehicle"] == "Jayco"


def test_a_kind_word_named_with_the_keeps_it() -> None:
    text = "add our car, its a 2019 isuzu dmax diesel, call it the ute"
    assert only_call(step("wheels", text), "add_vehicle")["name"].lower() == "the ute"
    text = "add the caravan too, 2018 jayco starcraft, call it the Jayco"
    assert only_call(step("wheels", text), "add_vehicle")["name"] == "Jayco"


INCOME = "0fd1c2a3-0000-4000-8000-000000000005"
PAID = previous(
    "add_income", "wins", {"amount": 1200, "date": "2026-03-06"},
    [{"kind": "income", "id": INCOME, "amount": 1200, "date": "2026-03-06"}], wrote=True,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("same again for the friday before that too, I forgot to log it", "2026-02-27"),
        ("same again the week before", "2026-02-27"),
        ("and the same the day before", "2026-03-05"),
        ("and the same last thursday", "2026-03-05"),
    ],
)
def test_the_same_again_before_that_counts_back_from_the_rows_day(text: str, day: str) -> None:
    assert only_call(step("wins", text, **PAID), "add_income") == {"amount": 1200, "date": day}


@pytest.mark.parametrize(
    "text",
    ["break down the fuel bit for me, which fills were they?", "which ones were fuel?",
     "show me the fuel ones"],
)  # fmt: skip
def test_a_part_of_a_summary_asked_for_lists_its_expenses(text: str) -> None:
    summary = previous("spending_summary", "wins", {"period": "this_month"}, [], wrote=False)
    args = only_call(step("wins", text, **summary), "list_expenses")
    assert args == {"start_date": "2026-03-01", "end_date": "2026-03-31", "category": "fuel"}


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("used the last eggs, add to shopping", ["eggs"]),
        ("we're out of eggs, add to the list", ["eggs"]),
        ("add milk to shopping", ["milk"]),
        ("put on shopping list milk, tim tams and sunscreen", ["milk", "tim tams", "sunscreen"]),
    ],
)
def test_the_list_named_without_its_article_and_the_verb_left_after_are_no_items(
    text: str, items: list[str]
) -> None:
    assert only_call(step("you", text), "add_to_shopping_list") == {"items": items}


def test_one_of_two_same_rows_just_listed_is_the_later_one() -> None:
    first, second, other = (f"0fd1c2a3-0000-4000-8000-00000000000{c}" for c in "abc")
    rows = [
        {"id": first, "amount": 54.2, "category": "groceries", "date": "2026-03-10"},
        {"id": second, "amount": 54.2, "category": "groceries", "date": "2026-03-10"},
        {"id": other, "amount": 18, "category": "food", "date": "2026-03-09"},
    ]
    shown = [
        HumanMessage("I reckon I logged the coles shop twice today, can you check?"),
        called("list_expenses", "c1", limit=20),
        result("c1", "list_expenses", summary="3 expenses", expenses=rows),
        AIMessage("3 expenses: $54.20 groceries today (twice), $18 food yesterday."),
    ]
    listed = previous(
        "list_expenses", "wins", {"limit": 20}, [{"kind": "expense", **r} for r in rows],
        wrote=False,
    )  # fmt: skip
    for text in ("yep, ditch one of them", "delete one of them"):
        args = only_call(step("wins", *shown, text, **listed), "delete_expense")
        assert args == {"expense_id": second}
    args = only_call(step("wins", *shown, "delete the 18 one", **listed), "delete_expense")
    assert args == {"expense_id": other}  # a row named still wins


def test_a_spot_said_to_be_something_after_a_comma_is_named_so() -> None:
    text = "save this spot as a campsite, its the free camp at cape range, great sunsets 5 stars"
    args = only_call(step("wheels", text), "save_place")
    assert args["name"].lower() == "free camp at cape range"
    assert (args["kind"], args["rating"]) == ("campsite", 5)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("how does that compare with the week before?",
         {"start_date": "2026-02-23", "end_date": "2026-03-01"}),
        ("and compared to last month?", {"period": "last_month"}),
    ],
)  # fmt: skip
def test_a_summary_compared_with_another_span_is_asked_for_it(
    text: str, args: dict[str, str]
) -> None:
    week = previous(
        "spending_summary", "wins", {"start_date": "2026-03-02", "end_date": "2026-03-08"}, [],
        wrote=False,
    )  # fmt: skip
    assert only_call(step("wins", text, **week), "spending_summary") == args


def test_what_someone_wants_is_the_item_and_who_got_it_no_part_of_a_name() -> None:
    text = (
        "we're out of coffee and Jess wants oat milk, put both on the list and add the 1kg rice"
        " we just got to the pantry"
    )
    answer = step("you", text)
    assert only_call(answer, "add_to_shopping_list") == {"items": ["coffee", "oat milk"]}
    assert only_call(answer, "add_pantry_item")["name"] == "rice"
