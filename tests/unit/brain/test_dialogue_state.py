"""The offline brain reads the previous turn from the prompt's `Previous …` lines
(agent/dialogue.py): corrections update the row just written, follow-ups keep the
previous question's filters; anything else is read as before."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, SystemMessage

from agent.brain import OfflineBrain
from tests.unit.brain.support import ROUTE_TOOL, only_call, step

EXPENSE = "0fd1c2a3-0000-4000-8000-000000000001"
EVENT = "0fd1c2a3-0000-4000-8000-000000000002"


def previous(
    action: str,
    domain: str,
    filters: dict[str, Any],
    rows: list[dict[str, Any]],
    *,
    wrote: bool,
    ago: int = 1,
) -> dict[str, str]:
    when = "the previous turn" if ago == 1 else f"{ago} turns ago"
    return {
        "previous_action": f"{action} ({domain}, {when}{', wrote' if wrote else ''})",
        "previous_filters": json.dumps(filters),
        "previous_rows": json.dumps(rows),
    }


SPENT = previous(
    "add_expense", "wins", {"amount": 50, "category": "groceries"},
    [{"kind": "expense", "id": EXPENSE, "amount": 50, "category": "groceries",
      "date": "2026-03-10"}],
    wrote=True,
)  # fmt: skip
BOOKED = previous(
    "create_event", "you", {"title": "Dentist", "start": "2026-03-11T10:00"},
    [{"kind": "event", "id": EVENT, "title": "Dentist", "start": "2026-03-11T10:00:00+11:00",
      "all_day": False}],
    wrote=True,
)  # fmt: skip
ASKED = previous(
    "list_expenses", "wins",
    {"category": "food", "start_date": "2026-02-01", "end_date": "2026-02-28"}, [], wrote=False,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("actually 55", {"amount": 55}),
        ("no wait, 45 not 50", {"amount": 45}),
        ("sorry it was $45.50", {"amount": 45.5}),
        ("no, it was Sunday", {"date": "2026-03-08"}),
        ("oops, that was yesterday", {"date": "2026-03-09"}),
        ("that should be fuel", {"category": "fuel"}),
    ],
)
def test_a_correction_updates_the_expense_just_written(text: str, changes: dict[str, Any]) -> None:
    args = only_call(step("wins", text, **SPENT), "update_expense")
    assert args == {"expense_id": EXPENSE, **changes}


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("sorry, make it 10.15", "2026-03-11T10:15:00+11:00"),
        ("sorry, 10.15 not 10", "2026-03-11T10:15:00+11:00"),
        ("oops, I meant Friday", "2026-03-13T10:00:00+11:00"),
        ("no wait, it's at 2pm", "2026-03-11T14:00:00+11:00"),
        ("actually make it Thursday at 9", "2026-03-12T09:00:00+11:00"),
    ],
)
def test_a_correction_moves_the_event_just_made(text: str, start: str) -> None:
    args = only_call(step("you", text, **BOOKED), "update_event")
    assert args == {"event_id": EVENT, "start": start}


@pytest.mark.parametrize(
    "text",
    ["sorry, I also spent 20 on bread", "thanks", "no worries", "what's the weather in Dubbo?"],
)
def test_a_new_request_or_no_value_is_no_correction(text: str) -> None:
    answer = step("wins", text, **SPENT)
    assert not [c for c in answer.tool_calls if c["name"] == "update_expense"]


def test_a_correction_needs_the_write_to_be_the_previous_turn() -> None:
    older = {**SPENT, "previous_action": "add_expense (wins, 2 turns ago, wrote)"}
    answer = step("wins", "actually 55", **older)
    assert not [c for c in answer.tool_calls if c["name"] == "update_expense"]


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("and the month before?", "list_expenses",
         {"category": "food", "start_date": "2026-01-01", "end_date": "2026-01-31"}),
        ("what about January?", "list_expenses",
         {"category": "food", "start_date": "2026-01-01", "end_date": "2026-01-31"}),
        ("and this month?", "list_expenses",
         {"category": "food", "start_date": "2026-03-01", "end_date": "2026-03-10"}),
        ("what about fuel?", "list_expenses",
         {"category": "fuel", "start_date": "2026-02-01", "end_date": "2026-02-28"}),
    ],
)  # fmt: skip
def test_a_follow_up_keeps_the_previous_filters(text: str, tool: str, args: dict[str, Any]) -> None:
    assert only_call(step("wins", text, **ASKED), tool) == args


def test_the_router_sends_a_correction_where_the_row_was_written() -> None:
    lines = "\n".join(f"{k.replace('_', ' ').capitalize()}: {v}" for k, v in BOOKED.items())
    bound = OfflineBrain().bind_tools([ROUTE_TOOL], tool_choice="route_request")
    answer = bound.invoke([SystemMessage(f"Route.\n{lines}"), ("user", "oops, I meant Friday")])
    assert answer.tool_calls[0]["args"]["domains"] == ["you"]


def test_there_is_the_place_the_previous_turn_was_about() -> None:
    trip = previous(
        "plan_trip", "wheels", {"origin": "Dubbo", "destination": "Bourke", "save": False}, [],
        wrote=True,
    )  # fmt: skip
    asked = "how far is it from Dubbo to Bourke?"
    said = AIMessage("Dubbo to Bourke is about 370 km.")
    answer = step("wheels", asked, said, "what's the weather there tomorrow?", **trip)
    assert only_call(answer, "weather_forecast")["location"] == "Bourke"


def test_a_correction_of_a_write_no_tool_can_change_changes_nothing() -> None:
    filled = previous(
        "log_fuel", "wheels", {"litres": 50, "total_cost": 100},
        [{"kind": "fuel_log", "id": EXPENSE}], wrote=True,
    )  # fmt: skip
    answer = step("wheels", "actually it was 55 litres", **filled)
    assert answer.tool_calls == []
    assert answer.text == "Sorry, I can't change a fill-up once it's saved, so nothing was changed."
    wins = step("wins", "actually it was 55 litres", **filled)  # not an expense to change
    assert not [c for c in wins.tool_calls if c["name"].startswith("update_")]


def test_a_follow_up_of_a_summary_keeps_to_named_periods() -> None:
    summary = previous("spending_summary", "wins", {"period": "this_month"}, [], wrote=False)
    args = only_call(step("wins", "and the month before?", **summary), "spending_summary")
    assert args == {"period": "last_month"}


def test_and_more_adds_to_the_list_again() -> None:
    added = previous(
        "add_to_shopping_list", "you", {"items": ["eggs"]}, [], wrote=True,
    )  # fmt: skip
    args = only_call(step("you", "and a loaf of bread", **added), "add_to_shopping_list")
    assert [i.lower() for i in args["items"]] == ["loaf of bread"]
    # After the list was shown, "and …" adds to that list (never to the pantry).
    shown = previous("get_shopping_list", "you", {}, [], wrote=False)
    args = only_call(step("you", "and a loaf of bread", **shown), "add_to_shopping_list")
    assert [i.lower() for i in args["items"]] == ["loaf of bread"]
    after_pantry = previous("list_pantry", "you", {}, [], wrote=False)
    calls = step("you", "and a loaf of bread", **after_pantry).tool_calls
    assert not [c for c in calls if c["name"] == "add_to_shopping_list"]


def test_those_are_the_rows_just_listed() -> None:
    listed = previous(
        "list_pantry", "you", {"expiring_within_days": 7},
        [{"kind": "item", "id": EXPENSE, "name": "Milk"},
         {"kind": "item", "id": EVENT, "name": "Eggs"}],
        wrote=False,
    )  # fmt: skip
    args = only_call(
        step("you", "chuck those on the shopping list", **listed), "add_to_shopping_list"
    )
    assert args == {"items": ["Milk", "Eggs"]}


def test_a_budget_just_shown_is_changed_by_its_category() -> None:
    shown = previous("budget_status", "wins", {}, [], wrote=False)
    args = only_call(step("wins", "raise the fuel one to 450", **shown), "set_budget")
    assert args == {"category": "fuel", "monthly_limit": 450}


def test_how_does_that_compare_reads_the_history_of_what_was_just_logged() -> None:
    logged = previous(
        "log_tyre_pressures", "wheels", {"unit": "psi", "vehicle": "Troopy"}, [], wrote=True,
    )  # fmt: skip
    args = only_call(step("wheels", "how does that compare with last time?", **logged),
                     "tyre_pressure_history")  # fmt: skip
    assert args == {"vehicle": "Troopy"}


def test_save_it_keeps_the_trip_the_previous_question_worked_out() -> None:
    asked = previous(
        "plan_trip", "wheels", {"origin": "Roma", "destination": "Charleville", "save": False},
        [], wrote=True,
    )  # fmt: skip
    args = only_call(step("wheels", "ok save that one, leaving friday", **asked), "plan_trip")
    assert args["origin"] == "Roma" and args["destination"] == "Charleville"
    assert args.get("save") is not False and args["start_date"] == "2026-03-13"


def test_that_day_is_the_day_the_conversation_is_about() -> None:
    trip = previous(
        "weather_forecast", "wheels", {"location": "Port Augusta"}, [], wrote=False,
    )  # fmt: skip
    lines = {**trip, "previous_day": "2026-03-19"}
    args = only_call(step("you", "put it in the calendar, we leave 7am that day", **lines),
                     "create_event")  # fmt: skip
    assert args["start"] == "2026-03-19T07:00:00+11:00"


@pytest.mark.parametrize(
    "text",
    [
        "and what else is on that Saturday?",
        "Great. Anything else on for that Saturday?",
        "ok and what have we got that saturday",
    ],
)
def test_that_weekday_in_a_follow_up_is_the_day_just_listed(text: str) -> None:
    # the previous turn listed Saturday week (the 21st), not the coming Saturday (the 14th)
    listed = previous(
        "list_events", "you", {"start_date": "2026-03-21", "end_date": "2026-03-21"}, [],
        wrote=False,
    )  # fmt: skip
    args = only_call(step("you", text, **listed, previous_day="2026-03-21"), "list_events")
    assert args["start_date"] == "2026-03-21"


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("and remind me to call Mum tomorrow at 10", "create_event"),
        ("and log 20 for bread", "add_expense"),
    ],
)
def test_a_new_request_after_a_question_is_no_follow_up(text: str, tool: str) -> None:
    domain = "you" if tool == "create_event" else "wins"
    answer = step(domain, text, **ASKED)
    assert [c["name"] for c in answer.tool_calls] == [tool]


def test_small_talk_after_a_write_is_no_correction() -> None:
    answer = step("wins", "it's 5 o'clock somewhere", **SPENT)
    assert not [c for c in answer.tool_calls if c["name"] == "update_expense"]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # an event with no day of its own is on the day an earlier request named
        (
            "post in Caravan Cooks that we're doing a roast on Friday, and put the roast in my "
            "calendar for 5pm",
            "2026-03-13T17:00:00+11:00",
        ),
        (
            "post in the Solar Setups group that I'm at the Mildura meet on Saturday, and put the "
            "meet in my calendar for 10am",
            "2026-03-14T10:00:00+11:00",
        ),
        (
            "share on the feed that we're leaving Kalbarri on the 20th, and add the drive to my "
            "calendar at 6am",
            "2026-03-20T06:00:00+11:00",
        ),
    ],
)
def test_an_event_takes_the_day_said_earlier_in_the_message(text: str, start: str) -> None:
    assert only_call(step("you", text), "create_event")["start"] == start


def test_a_past_day_said_earlier_is_not_the_events() -> None:
    args = only_call(step("you", "log 40 for fuel yesterday and remind me to call Mum at 5pm"),
                     "create_event")  # fmt: skip
    assert args["start"] == "2026-03-10T17:00:00+11:00"
