"""Kinds of tool choice of issue 15's sixth round (branch i15-route4): the form of a
message decides, not a phrase list. Each kind is tested on phrasings written for these
tests, none from any eval set."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from langchain_core.messages import AIMessage

from agent.brain.segment import split
from tests.unit.brain.support import called, only_call, result, route, step

TODAY = date(2026, 3, 10)


def tools(domain: str, *turns: Any, **extra: str) -> list[str]:
    return [c["name"] for c in step(domain, *turns, **extra).tool_calls]


def wanted(text: str, kind: str | None = None) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(text, TODAY, kind)]


# --- arriving somewhere is no job to do -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we got to the showgrounds just on dark",
        "I got to a servo with about 20 k of fuel left",
        "we finally got to our site after the ferry",
    ],
)
def test_got_to_a_place_is_arriving_not_a_task(text: str) -> None:
    assert "add_task" not in wanted(text)


@pytest.mark.parametrize(
    "text",
    ["we got to renew the van insurance", "I've got to ring the council about the permit"],
)
def test_got_to_before_a_verb_is_still_a_job(text: str) -> None:
    assert wanted(text) == ["add_task"]


# --- a dictated request mid-message -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool", "not_in_title"),
    [
        (
            "the kids were up half the night and we barely slept anyway can you remind me to "
            "call the vet on friday at 10",
            "create_event",
            "slept",
        ),
        (
            "we met a lovely couple from tassie at the camp kitchen and they said the ferry "
            "books out so could you add a task to book the ferry before march",
            "add_task",
            "couple",
        ),
    ],
)
def test_a_request_in_question_form_after_a_story_is_its_own_sentence(
    text: str, tool: str, not_in_title: str
) -> None:
    pieces = [p for p in split(text, TODAY) if p.intent]
    assert [p.intent.tool for p in pieces if p.intent] == [tool]
    assert not_in_title not in pieces[0].text


def test_a_question_word_before_could_you_is_not_split() -> None:
    assert wanted("how much could you save on diesel by going inland") != [None, None]
    assert len(split("how much could you save on diesel by going inland", TODAY)) == 1


# --- a fill told by its price alone -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "topped up the tank with diesel 84.20",
        "filled the ute with fuel 71.35 this morning",
    ],
)
def test_a_fill_with_only_a_price_is_a_fuel_expense(text: str) -> None:
    assert route(text) == ["wins"]
    assert only_call(step("wins", text), "add_expense")["category"] == "fuel"


@pytest.mark.parametrize("text", ["filled up 52 litres of diesel for 101.40", "just filled up"])
def test_a_fill_with_litres_or_nothing_stays_a_fill(text: str) -> None:
    assert route(text) == ["wheels"]


# --- done, of the task just talked about --------------------------------------------------


def _task_added(title: str) -> list[Any]:
    return [
        f"add a task to {title}",
        called("add_task", "a1", title=title),
        result("a1", "add_task", task={"id": "t1", "title": title, "status": "open"}),
        AIMessage(f"Done — added task '{title}'."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "oh that's done already, I picked it up on the way past",
        "already sorted, I bought it at lunch",
        "is finished, my husband did it yesterday",
    ],
)
def test_done_after_a_task_was_added_completes_it(text: str) -> None:
    turns = [*_task_added("get a new hose fitting"), text]
    assert route(*turns) == ["you"]
    assert only_call(step("you", *turns), "complete_task") == {"task_id": "t1"}


@pytest.mark.parametrize("text", ["bought it this arvo", "I paid for them yesterday"])
def test_a_purchase_of_it_with_no_price_logs_nothing_by_rule(text: str) -> None:
    assert wanted(text) == [None]


def test_a_purchase_of_it_with_a_price_is_still_an_expense() -> None:
    assert wanted("bought it at the hardware shop for 34") == ["add_expense"]


# --- a scene-setting clause asks for nothing ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("now that we're members, could you post in there that we arrive Sunday?", "create_post"),
        ("once we're set up, what's the forecast for Mildura tomorrow?", "weather_forecast"),
        ("since we're in, can you show me the group's posts?", "get_feed"),
    ],
)
def test_a_clause_that_sets_the_scene_is_no_request(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


@pytest.mark.parametrize(
    "text",
    [
        "before I log the takeaway, what have we spent this week?",
        "after I put the groceries in, how much is out so far this month?",
    ],
)
def test_a_category_named_only_in_the_scene_does_not_narrow_a_summary(text: str) -> None:
    assert route(text) == ["wins"]
    assert tools("wins", text) == ["spending_summary"]


# --- the same again --------------------------------------------------------------------


def _previous(action: str, domain: str, filters: dict[str, Any]) -> dict[str, str]:
    return {
        "previous_action": f"{action} ({domain}, the previous turn, wrote)",
        "previous_filters": json.dumps(filters),
        "previous_rows": "[]",
    }


FILLED = _previous(
    "log_fuel", "wheels", {"litres": 62, "total_cost": 130.2, "location": "Hay", "date": "2026-03-10"}
)


@pytest.mark.parametrize(
    ("text", "place"),
    [("same again at balranald", "Balranald"), ("and the same again in Euston", "Euston")],
)
def test_the_same_again_repeats_the_fill_at_the_place_named(text: str, place: str) -> None:
    args = only_call(step("wheels", text, **FILLED), "log_fuel")
    assert args["litres"] == 62 and args["total_cost"] == 130.2
    assert args["location"] == place


def test_the_same_again_takes_the_day_named() -> None:
    spent = _previous("add_expense", "wins", {"amount": 18, "category": "food"})
    args = only_call(step("wins", "same again yesterday", **spent), "add_expense")
    assert args["amount"] == 18 and args["date"] == "2026-03-09"


def test_the_same_again_after_a_question_repeats_nothing() -> None:
    asked = {**FILLED, "previous_action": "fuel_stats (wheels, the previous turn)"}
    assert "log_fuel" not in tools("wheels", "same again at hay", **asked)
