"""`row_acts`: the act a request asks of a kept row, read from the clause's grammar
(branch i15-route11). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from agent.brain.general import general_reply
from agent.brain.row_acts import act_on_row, family_of, points_back, unkept
from agent.brain.segment import split

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("row", "family"),
    [
        ("the 22.40 for the car wash", "expense"),
        ("that $80 from the bakery", "expense"),
        ("the osteo on wednesday", "event"),
        ("brunch with Sue", "event"),
        ("the bins", None),
        ("the caravan", None),
    ],
)
def test_a_kept_row_is_named_by_its_figure_or_its_day(row: str, family: str | None) -> None:
    assert family_of(row) == family


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("slide the osteo on wednesday to 10am", None),  # no verb of moving known
        ("shift the osteo on wednesday to 10am", "update_event"),
        ("the osteo on wednesday got pushed to 10am", "update_event"),
        ("wipe out the 22.40 for the car wash", "delete_expense"),
        ("take the $80 from the bakery off", "delete_expense"),
        ("the 22.40 for the car wash should have been 24", "update_expense"),
        ("brunch with Sue is off", "delete_event"),
        ("drop the dog at the groomer on friday", None),  # a loose verb, no appointment
        ("take the rubbish out tonight", None),
        ("add the osteo on wednesday at 10am", None),  # a new row
        ("move the caravan to the powered site", None),  # a row of no family
    ],
)
def test_the_act_comes_from_the_clause(text: str, tool: str | None) -> None:
    assert act_on_row(text) == tool


@pytest.mark.parametrize(
    ("text", "back"),
    [("it should be 24", True), ("fix that", True), ("remove it please", True),
     ("and add milk to the list", False), ("it rained all day at the coast", False)],
)  # fmt: skip
def test_a_clause_that_only_points_back(text: str, back: bool) -> None:
    assert points_back(text) is back


def test_a_pointing_clause_joins_the_act_before_it() -> None:
    pieces = split("the 22.40 for the car wash is wrong, it should be 24", TODAY)
    assert [p.intent.tool if p.intent else None for p in pieces] == ["update_expense"]
    assert "24" in pieces[0].text


def test_another_request_beside_the_act_stays_its_own() -> None:
    pieces = split("scrap the osteo on wednesday and add a task to ring the clinic", TODAY)
    assert [p.intent.tool if p.intent else None for p in pieces] == ["delete_event", "add_task"]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("take the chutney off the shopping list", "shopping"),
        ("remove the custard from the fridge", "pantry"),
        ("get rid of my old route", "trip"),
        ("delete the camry from my vehicles", "vehicle"),
        ("put chutney on the shopping list", None),
        ("cancel the fishing trip on sunday", None),  # a booking: an event
    ],
)
def test_a_row_with_no_tool_to_take_it_away(text: str, family: str | None) -> None:
    assert unkept(text) == family


def test_no_tool_means_no_write_and_a_plain_answer() -> None:
    text = "take the chutney off the shopping list"
    assert [p.intent for p in split(text, TODAY)] == [None]
    assert "can't take things off the shopping list" in general_reply(text)


def test_a_row_told_changed_but_asked_back_is_no_act() -> None:
    assert act_on_row("the osteo on wednesday is cancelled?") is None
    assert act_on_row("could you cancel the osteo on wednesday?") == "delete_event"


def test_a_meal_changed_by_a_figure_is_money_not_a_time() -> None:
    assert act_on_row("the brunch at the cafe was actually 38", "update_expense") is None
    assert act_on_row("brunch with Sue on sunday is at 11 now", "update_expense") == "update_event"
