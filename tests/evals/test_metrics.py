"""pass^k, percentiles and accuracy denominators."""

from __future__ import annotations

from math import isclose

from evals.dataset import Conversation, Expect, ToolExpect
from evals.metrics import document, pass_hat_k, percentile
from evals.results import Observed, RunResult, SuiteResult, ToolCall, TurnResult
from evals.scoring import score_turn


def test_pass_hat_k_is_tau_benchs_unbiased_estimate() -> None:
    # Three conversations run 3 times, succeeding 3, 1 and 0 times.
    got = pass_hat_k([3, 1, 0], 3)
    assert isclose(got["1"], round((1 + 1 / 3 + 0) / 3, 4))
    assert isclose(got["2"], round((1 + 0 + 0) / 3, 4))
    assert isclose(got["3"], round(1 / 3, 4))
    assert pass_hat_k([2], 4) == {"1": 0.5, "2": round(1 / 6, 4), "3": 0.0, "4": 0.0}


def test_pass_hat_k_never_rises_with_k() -> None:
    got = pass_hat_k([5, 4, 2, 1], 5)
    values = [got[str(k)] for k in range(1, 6)]
    assert values == sorted(values, reverse=True)


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([], 0.5) == 0.0
    assert percentile([10.0], 0.95) == 10.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert isclose(percentile([float(v) for v in range(1, 101)], 0.95), 95.05)


def _turn(number: int, expect: Expect, observed: Observed) -> TurnResult:
    return TurnResult(number, "x", expect, observed, score_turn(number, expect, observed))


def test_accuracies_count_only_turns_that_state_that_expectation() -> None:
    conversation = Conversation.model_validate(
        {"id": "c", "now": "2026-03-10T09:00:00+11:00", "turns": [{"user": "a"}]}
    )
    tools = [ToolExpect(name="add_expense", args={"amount": 5})]
    run = RunResult(conversation, 1)
    run.turns = [
        _turn(1, Expect(route=["wins"]), Observed(route=["wins"])),
        _turn(2, Expect(route=["wins"], tools=tools), Observed(route=["you"])),
        _turn(3, Expect(tools=[ToolExpect(name="list_expenses")]), Observed()),
        _turn(4, Expect(), Observed(reply="anything")),
    ]
    summary = document(SuiteResult("m", ["f"], 1, [run]))["summary"]
    assert summary["turns"] == 4
    assert summary["route_accuracy"] == 0.5  # turns 1 and 2 state a route
    assert summary["tool_accuracy"] == 0.0  # turns 2 and 3
    assert summary["args_accuracy"] == 0.0  # only turn 2 states args
    assert summary["reply_accuracy"] is None  # no turn states one
    assert summary["state_accuracy"] is None
    assert summary["passed"] == 0
    assert summary["pass_hat_k"] == {"1": 0.0}


def test_a_conversation_passes_only_when_every_repeat_passed() -> None:
    conversation = Conversation.model_validate(
        {"id": "c", "now": "2026-03-10T09:00:00+11:00", "turns": [{"user": "a"}]}
    )
    good = RunResult(conversation, 1)
    bad = RunResult(conversation, 2, setup_failures=["setup: boom"])
    doc = document(SuiteResult("m", ["f"], 2, [good, bad]))
    assert doc["summary"]["passed"] == 0
    assert doc["summary"]["pass_hat_k"] == {"1": 0.5, "2": 0.0}
    assert doc["conversations"] == [
        {"id": "c", "passed": False, "failures": ["run 2: setup: boom"]}
    ]


def test_refusals_unrequested_writes_and_tag_rates_are_counted() -> None:
    conversation = Conversation.model_validate(
        {"id": "c", "tags": ["wins", "slang"], "now": "2026-03-10T09:00:00+11:00",
         "turns": [{"user": "a"}]}
    )  # fmt: skip
    expense = ToolCall("add_expense", {"amount": 5})
    refused = "Sorry, I can't help with that, but I can help with money."
    run = RunResult(conversation, 1)
    run.turns = [
        # an in-scope request refused
        _turn(1, Expect(tools=[ToolExpect(name="add_expense")]), Observed(reply=refused)),
        # a question that wrote
        _turn(2, Expect(tools=[ToolExpect(name="spending_summary")]),
              Observed(tools=[expense], writes=[expense])),
        # a write that was asked for, and a turn that states no tools (not judged)
        _turn(3, Expect(tools=[ToolExpect(name="add_expense")]),
              Observed(tools=[expense], writes=[expense])),
        _turn(4, Expect(), Observed(writes=[expense])),
    ]  # fmt: skip
    summary = document(SuiteResult("m", ["f"], 1, [run]))["summary"]
    assert summary["refusals"] == 1
    assert summary["refusal_rate"] == round(1 / 3, 4)
    assert summary["unrequested_writes"] == 1
    assert summary["unrequested_write_turns"] == ["c turn 2: add_expense"]
    assert summary["per_tag_pass_rate"] == {"slang": 0.0, "wins": 0.0}


def test_not_sure_what_you_would_like_is_a_refusal_too() -> None:
    conversation = Conversation.model_validate(
        {"id": "c", "now": "2026-03-10T09:00:00+11:00", "turns": [{"user": "a"}]}
    )
    not_sure = "Sorry, I'm not sure what you'd like me to do there."
    run = RunResult(conversation, 1)
    run.turns = [
        _turn(1, Expect(tools=[ToolExpect(name="spending_summary")]), Observed(reply=not_sure)),
        _turn(2, Expect(tools=[]), Observed(reply=not_sure)),  # no tool expected: not judged
    ]
    summary = document(SuiteResult("m", ["f"], 1, [run]))["summary"]
    assert summary["refusals"] == 1
    assert summary["refusals_cant_help"] == 0


def test_a_saved_trip_on_a_distance_question_is_an_unrequested_write() -> None:
    conversation = Conversation.model_validate(
        {"id": "c", "now": "2026-03-10T09:00:00+11:00", "turns": [{"user": "a"}]}
    )
    asked = ToolExpect(name="plan_trip", args={"origin": "Broome", "save": False})
    kept = ToolExpect(name="plan_trip", args={"origin": "Broome", "save": True})
    saved = ToolCall("plan_trip", {"origin": "Broome", "save": True})
    run = RunResult(conversation, 1)
    run.turns = [
        _turn(1, Expect(tools=[asked]), Observed(tools=[saved], writes=[saved])),
        _turn(2, Expect(tools=[kept]), Observed(tools=[saved], writes=[saved])),
        _turn(3, Expect(tools=[ToolExpect(name="plan_trip")]), Observed(writes=[saved])),
    ]
    summary = document(SuiteResult("m", ["f"], 1, [run]))["summary"]
    assert summary["unrequested_write_turns"] == ["c turn 1: plan_trip"]
