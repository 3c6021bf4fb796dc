"""Turn and state scoring: what counts as held, and failure messages a person can read."""

from __future__ import annotations

from typing import Any

from evals.dataset import Expect, TableExpect
from evals.results import Observed, ToolCall
from evals.scoring import score_state, score_turn


def _expect(**kw: Any) -> Expect:
    return Expect.model_validate(kw)


def test_routes_compare_as_sets() -> None:
    held = score_turn(1, _expect(route=["wins", "you"]), Observed(route=["you", "wins"]))
    assert held.route is True and not held.failures
    missed = score_turn(2, _expect(route=["wins", "you"]), Observed(route=["wins"]))
    assert missed.route is False
    assert missed.failures == ["turn 2: route expected [wins, you], got [wins]"]


def test_a_missing_tool_says_what_came_instead() -> None:
    expect = _expect(tools=[{"name": "delete_expense"}])
    none = score_turn(2, expect, Observed())
    assert none.failures == ["turn 2: expected tool delete_expense, got none"]
    other = score_turn(2, expect, Observed(tools=[ToolCall("list_expenses", {})]))
    assert other.failures == ["turn 2: expected tool delete_expense, got list_expenses"]
    assert other.tools is False and other.args is None


def test_wrong_args_name_the_argument_and_both_values() -> None:
    expect = _expect(tools=[{"name": "add_expense", "args": {"amount": 85.4, "category": "fuel"}}])
    seen = Observed(tools=[ToolCall("add_expense", {"amount": 85.0, "category": "Fuel"})])
    score = score_turn(1, expect, seen)
    assert (score.tools, score.args) == (True, False)
    assert score.failures == ["turn 1: args of add_expense: amount expected 85.4, got 85.0"]


def test_other_calls_may_appear_and_empty_tools_means_none_at_all() -> None:
    expect = _expect(tools=[{"name": "add_expense", "args": {"amount": 5}}])
    calls = [ToolCall("list_expenses", {}), ToolCall("add_expense", {"amount": 5.001})]
    assert not score_turn(1, expect, Observed(tools=calls)).failures
    quiet = score_turn(3, _expect(tools=[]), Observed(tools=calls[:1]))
    assert quiet.tools is False and quiet.args is None
    assert quiet.failures == ["turn 3: expected no tool calls, got list_expenses"]
    assert score_turn(3, _expect(tools=[]), Observed()).tools is True


def test_two_expected_calls_need_two_calls() -> None:
    expect = _expect(tools=[{"name": "add_task"}, {"name": "add_task"}])
    score = score_turn(1, expect, Observed(tools=[ToolCall("add_task", {"title": "a"})]))
    assert score.failures == ["turn 1: expected 2 calls of add_task, got add_task"]


def test_reply_checks_ignore_case_and_quote_the_reply() -> None:
    expect = _expect(reply_contains=["85.40", "FUEL"], reply_not_contains=["error"])
    assert score_turn(1, expect, Observed(reply="Logged $85.40 for fuel.")).reply is True
    bad = score_turn(1, expect, Observed(reply="An error: no fuel"))
    assert bad.reply is False
    assert bad.failures == [
        'turn 1: reply lacks "85.40"; reply was "An error: no fuel"',
        'turn 1: reply contains "error" but should not; reply was "An error: no fuel"',
    ]


def test_interrupt_both_ways() -> None:
    assert score_turn(2, _expect(interrupt=True), Observed(interrupt=True)).interrupt is True
    assert score_turn(2, _expect(interrupt=True), Observed()).failures == [
        "turn 2: expected the turn to wait for approval, it did not"
    ]
    assert score_turn(2, _expect(interrupt=False), Observed(interrupt=True)).interrupt is False


def test_a_turn_that_never_ran_fails_every_stated_check_once() -> None:
    expect = _expect(route=["wins"], tools=[{"name": "x", "args": {"a": 1}}])
    score = score_turn(4, expect, Observed(ran=False), "setup failed")
    assert (score.route, score.tools, score.args, score.reply) == (False, False, False, None)
    assert score.failures == ["turn 4: not run: setup failed"]


def test_final_state_counts_and_contains() -> None:
    rows = {"expenses": [{"amount": 20.0, "category": "food"}, {"amount": 5, "category": "fuel"}]}
    ok = {"expenses": TableExpect(count=2, contains=[{"amount": 20, "category": "FOOD"}])}
    assert score_state(ok, rows) == []
    wrong = {
        "expenses": TableExpect(count=1, contains=[{"amount": 85.4, "category": "fuel"}]),
        "tasks": TableExpect(count=0, contains=[{"title": "x"}]),
    }
    assert score_state(wrong, rows) == [
        "final state: expenses: expected 1 rows, got 2",
        'final state: expenses: no row matches {"amount": 85.4, "category": "fuel"}'
        " (closest: amount expected 85.4, got 5)",
        'final state: tasks: no row matches {"title": "x"} (the table is empty)',
    ]


def test_final_state_needs_distinct_rows_for_repeated_expectations() -> None:
    rows = {"tasks": [{"title": "Call Mum"}]}
    twice = {"tasks": TableExpect(contains=[{"title": "call mum"}, {"title": "Call Mum"}])}
    assert score_state(twice, rows) == [
        "final state: tasks: the expected rows need more distinct rows"
    ]
