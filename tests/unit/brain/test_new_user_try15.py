"""Kinds found trying PAM as a new user of a fresh clone in round 15 (branch i15-tryfix15).
Sentences written for these tests, none from any eval set or from the try itself."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from langchain_core.messages import AIMessage, ToolMessage

from agent.approvals import read_decision
from agent.brain.general import general_reply
from tests.unit.brain.support import called, only_call, result, route, step, wanted

# --- a value no row can hold is said back, never written as something else ---------------


@pytest.mark.parametrize(
    ("domain", "text", "said"),
    [
        ("you", "book the farrier for the 30th of february at 10am", "30 February"),
        ("you", "remind me to renew the rego on june 31", "31 June"),
        ("you", "put bingo night in the calendar for the 32nd of march", "32 March"),
        ("you", "what have we got on 30 feb", "30 February"),
    ],
)
def test_a_day_the_month_never_has_is_not_a_date(domain: str, text: str, said: str) -> None:
    answer = step(domain, text)
    assert answer.tool_calls == []
    assert f"{said} isn't a date" in answer.text


def test_a_day_the_month_has_is_still_read() -> None:
    answer = step("you", "book the farrier for the 29th of april at 10am")
    assert [c["name"] for c in answer.tool_calls] == ["create_event"]


def test_a_count_before_may_the_verb_is_no_day() -> None:
    answer = step("wins", "spent 40 on diesel, 45 may be closer")
    assert [c["name"] for c in answer.tool_calls] == ["add_expense"]


@pytest.mark.parametrize(
    "text",
    [
        "paid $3e9 for groceries",
        "dropped 2.5E6 on the caravan park",
        "spent $45000000 on tucker",
    ],
)
def test_an_amount_no_one_writes_is_asked_about(text: str) -> None:
    answer = step("wins", text)
    assert answer.tool_calls == []
    assert "haven't logged anything" in answer.text


@pytest.mark.parametrize(
    "text",
    [
        "add an expense of 45 dollars for groceries described as batch-8390935614e0",
        "spent $30 at the servo, receipt no. 77e12",
        "paid 60 bucks for the site, booking ref 12e4-ab",
    ],
)
def test_a_code_with_an_e_beside_a_clear_amount_is_logged(text: str) -> None:
    answer = step("wins", text)
    assert [c["name"] for c in answer.tool_calls] == ["add_expense"]


def test_an_ordinary_amount_is_still_logged() -> None:
    answer = step("wins", "paid $45.50 for groceries")
    assert [c["name"] for c in answer.tool_calls] == ["add_expense"]


# --- "same time" keeps the event's time; a day number is no hour ----------------------------


def _events_shown() -> list[Any]:
    return [
        "what's coming up",
        called("list_events", "e1"),
        result("e1", "list_events", summary="1 event: Vet Fri 13 Mar 9:30 am.",
               events=[{"id": "v1", "title": "Vet", "start": "2026-03-13T09:30:00+11:00"}]),
        AIMessage("1 event: Vet Fri 13 Mar 9:30 am."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("shift the vet to 18 april, same time", "2026-04-18T09:30:00+10:00"),
        ("push the vet back to 21 march at the same time", "2026-03-21T09:30:00+11:00"),
        ("move the vet to 19 march", "2026-03-19T09:30:00+11:00"),
        ("move the vet to 19 march at 2pm", "2026-03-19T14:00:00+11:00"),
    ],
)
def test_a_moved_event_keeps_its_time_unless_told(text: str, start: str) -> None:
    answer = step("you", *_events_shown(), text)
    (call,) = answer.tool_calls
    assert call["name"] == "update_event"
    assert call["args"]["start"] == start


# --- litres of a food or drink are no fuel -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "there's 3 tins of tomatoes, 4 litres of juice and some rice in the cupboard",
        "we've got 2 jars of jam, 3 litres of long life milk and a bag of flour in the pantry",
    ],
)
def test_a_pantry_statement_with_litres_is_pantry_items(text: str) -> None:
    assert set(wanted(text)) == {"add_pantry_item"}


def test_litres_of_diesel_are_still_a_fill() -> None:
    assert wanted("put 60 litres of diesel in the troopy") == ["log_fuel"]


# --- a number naming a row by its place: that row of the list shown, never a new row ---------


def _jobs_shown() -> list[Any]:
    return [
        "what jobs have I got",
        called("list_tasks", "t1"),
        result("t1", "list_tasks", summary="3 tasks: 1. Wash awning 2. Fix step 3. Buy gas.",
               tasks=[{"id": "j1", "title": "Wash awning"}, {"id": "j2", "title": "Fix step"},
                      {"id": "j3", "title": "Buy gas"}]),
        AIMessage("3 tasks: 1. Wash awning 2. Fix step 3. Buy gas."),
    ]  # fmt: skip


def _costs_shown() -> list[Any]:
    return [
        "list my spending",
        called("list_expenses", "x1"),
        result("x1", "list_expenses", summary="2 expenses: $12 Ice, $60 Park fees.",
               expenses=[{"id": "c1", "amount": 12, "description": "Ice", "category": "food"},
                         {"id": "c2", "amount": 60, "description": "Park fees",
                          "category": "camping"}]),
        AIMessage("2 expenses: $12 Ice, $60 Park fees."),
    ]  # fmt: skip


@pytest.mark.parametrize(("text", "row"), [("finish task 3", "j3"), ("do task 2", "j2")])
def test_a_task_named_by_number_is_that_row_of_the_list(text: str, row: str) -> None:
    (call,) = step("you", *_jobs_shown(), text).tool_calls
    assert (call["name"], call["args"]) == ("complete_task", {"task_id": row})


def test_an_expense_named_by_number_is_that_row_of_the_list() -> None:
    (call,) = step("wins", *_costs_shown(), "remove expense 2").tool_calls
    assert (call["name"], call["args"]) == ("delete_expense", {"expense_id": "c2"})


@pytest.mark.parametrize(
    ("domain", "text", "shown"),
    [
        ("you", "finish task 9", True),
        ("you", "complete task 4", False),
        ("wins", "remove expense 77", True),
        ("wins", "get rid of expense 3", False),
    ],
)
def test_a_number_past_what_was_shown_is_not_found(domain: str, text: str, shown: bool) -> None:
    before = (_jobs_shown() if domain == "you" else _costs_shown()) if shown else []
    answer = step(domain, *before, text)
    assert answer.tool_calls == []
    assert "can't find" in answer.text


# --- a post taken away: no tool deletes one, and no like is proposed ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "remove the post I put up about the flooded crossing",
        "delete my sunset at Cable Beach post",
        "please get rid of my comment on Jo's photo post",
    ],
)
def test_deleting_a_post_is_said_to_be_unavailable(text: str) -> None:
    assert wanted(text) == [None]
    assert route(text) == ["general"]
    assert "can't delete posts" in general_reply(text)


def test_liking_a_post_is_still_a_like() -> None:
    assert wanted("like the post about the flooded crossing") == ["like_post"]


# --- keeping the row, said while a change waits for an OK, turns it down ---------------------


@pytest.mark.parametrize(
    "said", ["nah, I'll keep it", "no ta, keep it", "leave it as it is", "cheers, keep that"]
)
def test_keeping_it_turns_the_proposal_down(said: str) -> None:
    assert read_decision(said) == "reject"


def test_yes_then_keep_it_is_no_decision() -> None:
    assert read_decision("yes, keep it") is None


def test_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    # ~0.8 s of CPU at 4,000 characters when each space began a new try; now ~1 ms
    started = time.process_time()
    assert read_decision("no" + " " * 8000 + "x") is None
    assert time.process_time() - started < 0.5


# --- a vehicle opening the statement is the vehicle the work was done on ---------------------


@pytest.mark.parametrize(
    ("text", "vehicle", "item"),
    [
        ("hilux got new brake pads yesterday, 420 dollars", "Hilux", "new brake pads"),
        ("troopy had a wheel alignment today, $95", "Troopy", "wheel alignment"),
        ("prado needed a new battery, $260 at 150,200 km", "Prado", "new battery"),
    ],
)
def test_a_vehicle_as_subject_is_the_one_serviced(text: str, vehicle: str, item: str) -> None:
    args = only_call(step("wheels", text), "log_maintenance")
    assert args["vehicle"] == vehicle
    assert args["item"].lower() == item


# --- a vehicle's figure told as a fact: no fill, no economy report --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the troopy's tank takes 180 l",
        "the fuel tank in our motorhome holds about 90 litres",
        "the hilux does about 11 l/100km",
        "our camper gets 15 litres per 100 kms",
    ],
)
def test_a_vehicle_figure_told_is_no_fill_and_said_unavailable(text: str) -> None:
    assert wanted(text) == [None]
    assert "change its details" in general_reply(text)


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("put 75 litres in the tank at Hay, $150", "log_fuel"),
        ("how many litres per 100 is the van doing?", "fuel_stats"),
    ],
)
def test_fills_and_economy_questions_stay(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


# --- a failure said in plain words, without the action's argument names ---------------------


def test_a_refused_value_is_said_without_argument_names() -> None:
    asked = "log 2500 litres of diesel at Roma for $4000"
    first = step("wheels", asked)
    (call,) = first.tool_calls
    refused = {
        "ok": False,
        "error": "invalid_arguments",
        "summary": "Invalid arguments — litres: Input should be less than or equal to 2000; "
        "price_per_litre: Input should be greater than 0.",
    }
    said = step("wheels", asked, first, ToolMessage(json.dumps(refused), tool_call_id=call["id"]))
    assert "litres can be at most 2,000" in said.text
    assert "price per litre must be more than 0" in said.text
    assert "_" not in said.text and "Input should" not in said.text
