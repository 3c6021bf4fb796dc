"""`row_acts`: the act a request asks of a kept row, read from the clause's grammar
(branch i15-route11). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from agent.brain.row_acts import act_on_row, family_of, points_back
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
