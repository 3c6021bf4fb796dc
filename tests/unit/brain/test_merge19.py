"""Round 19's merge: a question about the row just written never writes it again (the
previous request reframed with this turn's words). Phrasings written for these tests, none
from an eval set."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from langchain_core.messages import AIMessage

from agent.brain.convo import Env
from agent.brain.segment import split
from agent.brain.slots import EXTRACT
from agent.brain.textutil import normalise
from tests.unit.brain.support import called, result, step

ZONE = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 3, 10, 9, tzinfo=ZONE)  # a Tuesday
TODAY = NOW.date()

_WRITTEN = {
    "wheels": ("today we did the brake pads on the Hilux at 95.000 km, cost 640 dollars",
               "log_maintenance"),
    "wins": ("spent 45 dollars on the camp laundry today", "add_expense"),
}  # fmt: skip


def _after_a_write(domain: str, question: str) -> AIMessage:
    said, tool = _WRITTEN[domain]
    first = step(domain, said)
    [call] = [c for c in first.tool_calls if c["name"] == tool]
    call_id = str(call["id"])
    return step(
        domain,
        said,
        called(tool, call_id, **call["args"]),
        result(call_id, tool, summary="Logged it."),
        AIMessage("Logged it."),
        question,
    )


@pytest.mark.parametrize(
    ("domain", "question"),
    [
        ("wheels", "and the brakes goes also in the expenses?"),
        ("wheels", "the pads counts as maintenance spending too?"),
        ("wins", "the laundry goes under other?"),
        ("wins", "that laundry money shows up in the month too?"),
    ],
)
def test_a_question_of_the_row_just_written_writes_nothing(domain: str, question: str) -> None:
    answer = _after_a_write(domain, question)
    assert [c["name"] for c in answer.tool_calls if c["name"] == _WRITTEN[domain][1]] == []


@pytest.mark.parametrize(
    ("domain", "asked", "tool"),
    [
        ("wheels", "same for the Prado", "log_maintenance"),
        ("wins", "and 45 again for today's laundry", "add_expense"),
    ],
)
def test_a_request_after_a_write_still_writes(domain: str, asked: str, tool: str) -> None:
    answer = _after_a_write(domain, asked)
    assert tool in [c["name"] for c in answer.tool_calls]


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("the $60 lunch I logged for Tuesday was really on Monday, can you fix the date?", 0),
        (
            "that 35 dollar taxi we put in on Wednesday was actually Thursday, please fix the date",
            3,
        ),
    ],
)
def test_a_day_said_with_its_correction_stands_before_fix_the_date(text: str, weekday: int) -> None:
    # a kept row told to be on another day is changed, not added again; "fix the date" at
    # the close takes a day told before it only when the change has none
    assert [p.intent.tool if p.intent else None for p in split(text, TODAY)] == ["update_expense"]
    args = EXTRACT["update_expense"](normalise(text), Env(domain=None, now=NOW, tz=ZONE)).args
    assert date.fromisoformat(args["date"]).weekday() == weekday


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("paid 85 for the gas bottle refill, log it as other", "other"),
        ("spent 32 at the bakery, record that under food", "food"),
        ("new fan belt was $64, file it as maintenance", "maintenance"),
    ],
)
def test_money_filed_by_a_record_keeping_verb_is_one_expense(text: str, category: str) -> None:
    # "…, log it as X" files the money just told; it is no second request
    assert [p.intent.tool if p.intent else None for p in split(text, TODAY)] == ["add_expense"]
    args = EXTRACT["add_expense"](normalise(text), Env(domain=None, now=NOW, tz=ZONE)).args
    assert args["category"] == category


@pytest.mark.parametrize(
    "text",
    [
        "paid $120 for the wheel alignment, log it as maintenance for the van",
        "had the brakes bled today, $140, log it as maintenance on the Navara",
    ],
)
def test_money_filed_as_maintenance_on_a_vehicle_is_its_work(text: str) -> None:
    assert [p.intent.tool if p.intent else None for p in split(text, TODAY)] == ["log_maintenance"]


def test_money_filed_under_a_category_alone_stays_an_expense() -> None:
    text = "put the $75 for the new hose under repairs"
    assert [p.intent.tool if p.intent else None for p in split(text, TODAY)] == ["add_expense"]
