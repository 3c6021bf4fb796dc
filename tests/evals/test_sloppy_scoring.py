"""How the sloppy-model run counts wrong writes across a failed turn."""

from __future__ import annotations

from evals.dataset import Expect, ToolExpect
from evals.results import Observed, ToolCall, TurnResult, TurnScore
from evals.sloppy import writes_not_made, wrong_writes

FAILED = "Sorry — I couldn't get an answer from my language model just now."
BOOK = ToolCall("create_event", {"title": "Lunch", "start": "2026-03-13T12:30:00+11:00"})


def turn(number: int, expected: list[ToolExpect], reply: str, writes: list[ToolCall]) -> TurnResult:
    observed = Observed(reply=reply, writes=writes, tools=writes)
    return TurnResult(number, "", Expect(tools=expected), observed, TurnScore())


def test_a_failed_turns_write_asked_again_is_no_wrong_write() -> None:
    booked = ToolExpect(name="create_event", args={"start": "2026-03-12T12:30:00+11:00"})
    moved = ToolExpect(name="update_event", args={"start": "2026-03-13T12:30:00+11:00"})
    failed = turn(1, [booked], FAILED, [])
    assert writes_not_made(failed) == [booked]
    again = turn(2, [moved], "Added 'Lunch'.", [BOOK])
    assert wrong_writes(again, writes_not_made(failed)) == []
    assert wrong_writes(again) == [BOOK]  # without the failure before it, it is wrong


def test_only_an_apology_opens_a_redo_and_only_of_that_tool() -> None:
    booked = ToolExpect(name="create_event")
    answered = turn(1, [booked], "Added 'Lunch'.", [])
    assert writes_not_made(answered) == []  # no apology: the turn did not fail
    failed = turn(1, [booked], FAILED, [])
    spent = ToolCall("add_expense", {"amount": 30})
    later = turn(2, [ToolExpect(name="update_event")], "Logged $30.", [spent, BOOK, BOOK])
    assert wrong_writes(later, writes_not_made(failed)) == [spent, BOOK]  # one redo each
