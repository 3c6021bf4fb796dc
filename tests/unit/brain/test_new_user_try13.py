"""Kinds found trying PAM as a new user of a fresh clone after round 12 (branch i15-try13).
Sentences written for these tests, none from any eval set or from the try itself."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from agent.brain.categories import category_of
from agent.brain.slots_tyres import pressures
from tests.unit.brain.support import called, only_call, result, step, wanted, writes

# --- a fact told about a known place is a note, not a place to save ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "note that we loved the free camp at Lake Cargelligo",
        "remember that the caravan park in Hay has a dog friendly section",
        "note that the showgrounds at Parkes charge extra for power",
    ],
)
def test_a_fact_about_a_known_place_is_remembered(text: str) -> None:
    assert wanted(text) == ["remember"]


def test_a_place_found_and_saved_is_still_a_place() -> None:
    assert wanted("note - free camp at Gilgandra by the river, save it") == ["save_place"]


# --- whether the money stretches is a question: nothing written ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "could we afford a 60 dollar tour on sunday?",
        "can I afford new tyres at 900 this month",
        "can we still afford two nights at 55 a night",
    ],
)
def test_whether_we_can_afford_it_writes_nothing(text: str) -> None:
    assert writes(text) == []


def test_asking_to_log_in_question_form_still_logs() -> None:
    assert wanted("can I log 45 for the laundromat") == ["add_expense"]


# --- a message that names its own list is read by its own words -----------------------------


def _pantry_shown() -> list[Any]:
    return [
        "what's in the cupboard",
        called("list_pantry", "p1"),
        result("p1", "list_pantry", summary="Your pantry has 1 item: 2 tins beans.",
               items=[{"id": "i1", "name": "beans", "quantity": 2}]),
        AIMessage("Your pantry has 1 item: 2 tins beans."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "bung eggs, butter and jam on the shopping list",
        "throw spuds, onions and a pumpkin onto the list",
    ],
)
def test_things_for_the_list_after_the_pantry_go_on_the_list(text: str) -> None:
    answer = step("you", *_pantry_shown(), text)
    assert [c["name"] for c in answer.tool_calls] == ["add_to_shopping_list"]
    assert len(answer.tool_calls[0]["args"]["items"]) == 3


# --- a row named that the row in view is not: looked up, not guessed -----------------------


def _made(title: str) -> list[Any]:
    return [
        f"{title} on tuesday at 10",
        called("create_event", "c1", title=title, start="2026-03-17T10:00:00+11:00"),
        result("c1", "create_event", summary=f"Added '{title}'.",
               event={"id": "e2", "title": title, "start": "2026-03-17T10:00+11:00"}),
        AIMessage(f"Done — added '{title}'."),
    ]  # fmt: skip


@pytest.mark.parametrize("text", ["cancel the physio", "scrap the podiatrist please"])
def test_a_named_row_not_in_view_is_looked_up(text: str) -> None:
    answer = step("you", *_made("Haircut"), text)
    assert [c["name"] for c in answer.tool_calls] == ["list_events"]


def test_the_row_just_made_is_still_that_one() -> None:
    answer = step("you", *_made("Haircut"), "oh wait, make it 11 instead")
    assert only_call(answer, "update_event")["event_id"] == "e2"


def test_a_named_row_that_fits_the_one_in_view_is_acted_on() -> None:
    answer = step("you", *_made("Haircut"), "cancel the haircut")
    assert only_call(answer, "delete_event") == {"event_id": "e2"}


# --- "the X's done": the row's word with "is" run on -------------------------------------


def test_a_task_named_with_is_run_on_is_completed() -> None:
    turns: list[str | BaseMessage] = [
        "what's on my jobs list",
        called("list_tasks", "l1"),
        result("l1", "list_tasks", summary="2 open tasks.", tasks=[
            {"id": "t1", "title": "Grease the jockey wheel", "status": "open"},
            {"id": "t2", "title": "Clean the gutters", "status": "open"},
        ]),
        AIMessage("2 open tasks."),
        "the gutters' done and the jockey wheel's sorted",
    ]  # fmt: skip
    answer = step("you", *turns)
    assert {c["args"]["task_id"] for c in answer.tool_calls if c["name"] == "complete_task"} >= {
        "t1"
    }


# --- a budget taken away: no tool does it, and no expense is meant --------------------------


@pytest.mark.parametrize("text", ["scrap the camping budget", "delete my phone budget"])
def test_removing_a_budget_says_it_cannot(text: str) -> None:
    assert wanted(text) == [None]
    answer = step("wins", text)
    assert answer.tool_calls == []


# --- values --------------------------------------------------------------------------------


def test_a_corner_told_of_before_its_reading() -> None:
    got = pressures("rear right on the troopy looks soft, 28 psi, the rest 36")
    assert got is not None
    assert (got["rear_right"], got["front_left"]) == (Decimal(28), Decimal(36))


def test_a_month_on_the_calendar_is_the_coming_one() -> None:
    answer = step("you", "what's on in february?", now="2026-12-07T10:00:00+11:00")
    args = only_call(answer, "list_events")
    assert (args["start_date"], args["end_date"]) == ("2027-02-01", "2027-02-28")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("how much have we blown on takeaway this month?", "food"),
        ("blew 60 on pizzas, we've blown heaps on food this week", "food"),
        ("blown radiator hose, 140 to fix", "repairs"),
    ],
)
def test_money_blown_is_spent_not_broken(text: str, category: str) -> None:
    assert category_of(text) == category


# --- spans ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("pop a task in to descale the kettle", "Descale the kettle"),
        ("could you put a to-do in to ring the insurer", "Ring the insurer"),
    ],
)
def test_a_task_put_in_is_titled_by_what_it_is_for(text: str, title: str) -> None:
    assert only_call(step("you", text), "add_task")["title"] == title


def test_a_pronoun_after_group_is_no_group_name() -> None:
    answer = step("social", "what's new in the group we joined last week")
    assert all(c["args"].get("group") not in ("We", "we") for c in answer.tool_calls)


# --- a question whether a row was kept reads those rows ---------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("have I logged the gas bottle swap yet?", "list_expenses"),
        ("did we already book the farrier for thursday?", "list_events"),
        ("what did the fuel come to in october?", "list_expenses"),
        ("how much did the new battery set us back?", "list_expenses"),
    ],
)
def test_whether_it_was_kept_reads_the_rows(text: str, read: str) -> None:
    assert wanted(text) == [read]


# --- "and another one to …" after a row: another of that row --------------------------------


def test_another_one_after_a_task_is_a_task() -> None:
    turns: list[str | BaseMessage] = [
        "add a task to grease the hitch",
        called("add_task", "a1", title="Grease the hitch"),
        result("a1", "add_task", task={"id": "t1", "title": "Grease the hitch", "status": "open"}),
        AIMessage("Done — added task 'Grease the hitch'."),
        "and another one to check the gas struts by friday",
    ]
    assert only_call(step("you", *turns), "add_task")["title"] == "Check the gas struts"


# --- what the fixes above must leave alone ---------------------------------------------------


def test_a_bare_list_after_a_task_is_still_the_task_list() -> None:
    turns: list[str | BaseMessage] = [
        "add a task to grease the hitch",
        called("add_task", "a1", title="Grease the hitch"),
        result("a1", "add_task", task={"id": "t1", "title": "Grease the hitch", "status": "open"}),
        AIMessage("Done — added task 'Grease the hitch'."),
        "anything else left on my list?",
    ]
    assert [c["name"] for c in step("you", *turns).tool_calls] == ["list_tasks"]


def test_a_reading_for_both_sides_of_an_axle_is_kept_whole() -> None:
    text = "checked them cold, 2,4 bar front left and right, 2,8 bar rear left and right"
    got = only_call(step("wheels", text), "log_tyre_pressures")["pressures"]
    assert (got["front_left"], got["front_right"], got["rear_left"]) == (2.4, 2.4, 2.8)


def test_whether_a_fill_was_logged_reads_the_fills() -> None:
    assert wanted("have we logged the diesel from Longreach yet?") == ["fuel_stats"]
