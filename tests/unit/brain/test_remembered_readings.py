"""The brain's readings remembered per text (issue 19: a turn reads its message in the
router and in each model call of its domain): what a remembered reading depends on
beyond the text is part of its key, and no caller shares a mutable result."""

from __future__ import annotations

from datetime import date

from agent.brain.calendar_words import month_first
from agent.brain.categories import find_category
from agent.brain.dates import find_day
from agent.brain.dictation import undictate
from agent.brain.money import find_amounts
from agent.brain.textutil import normalise

TODAY = date(2026, 3, 10)


def test_a_remembered_day_follows_the_turns_order_of_day_and_month() -> None:
    text = "campground check-in 6/10"
    with month_first(False):
        first = find_day(text, TODAY, future=True)
    with month_first(True):
        second = find_day(text, TODAY, future=True)
    with month_first(False):
        again = find_day(text, TODAY, future=True)
    assert first is not None and first.day == date(2026, 10, 6)
    assert second is not None and second.day == date(2026, 6, 10)
    assert again == first


def test_each_caller_gets_a_list_of_amounts_of_its_own() -> None:
    text = "spent $12.50 on coffee and 4.20 on milk"
    mine = find_amounts(text)
    mine.clear()
    assert [a.value for a in find_amounts(text)] == [a.value for a in find_amounts(text)]
    assert find_amounts(text), "the remembered amounts are untouched by a caller's change"


def test_remembered_readings_are_the_readings() -> None:
    texts = ["spent twelve fifty on coffee", "two oh five a litre", "rego was four twenty"]
    for text in texts:
        assert normalise(text) == normalise.__wrapped__(text)
        assert find_category(text) == find_category.__wrapped__(text)
        assert undictate(text) == undictate.__wrapped__(text)


def test_a_prompt_with_its_clock_is_read_once_and_one_without_reads_the_fallback() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from langchain_core.messages import HumanMessage, SystemMessage

    from agent.brain.convo import read_env

    clocked = [
        SystemMessage("Domain: wins\nCurrent time: 2026-03-10T09:00:00+11:00"),
        HumanMessage("hi"),
    ]
    assert read_env(clocked) is read_env(list(clocked))
    assert read_env(clocked).now == datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("Australia/Sydney"))
    bare = [SystemMessage("Domain: wins"), HumanMessage("hi")]
    early, late = (datetime(2026, 3, d, 9, tzinfo=ZoneInfo("UTC")) for d in (1, 2))
    assert (read_env(bare, early).now.day, read_env(bare, late).now.day) == (1, 2)


def test_an_extraction_is_remembered_per_env_and_order_and_each_caller_gets_a_copy() -> None:
    from langchain_core.messages import SystemMessage

    from agent.brain.convo import read_env
    from agent.brain.planner import _extracted

    env = read_env([SystemMessage("Domain: wins\nCurrent time: 2026-03-10T09:00:00+11:00")])
    first = _extracted("add_expense", "spent $12.50 on coffee on 6/10", env)
    first.args["amount"] = 0
    again = _extracted("add_expense", "spent $12.50 on coffee on 6/10", env)
    assert again.args["amount"] == 12.5 and again.args["date"] == "2025-10-06"
    with month_first(True):
        american = _extracted("add_expense", "spent $12.50 on coffee on 6/10", env)
    assert american.args["date"] == "2025-06-10"
