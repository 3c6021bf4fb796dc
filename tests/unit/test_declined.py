"""A rejected approval as the person sees it: the chat event and the transcript say
"Not done: you said no (reason)." where LangChain's middleware tells the model
"User rejected the tool call for `delete_expense` …" (agent/declined.py)."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import ToolMessage
from langchain_core.messages.tool import ToolCall

from agent.approval_edits import SameActionApprovals
from agent.declined import declined_summary
from agent.transcript import _data
from server.chat.translate import tool_result

CALL = ToolCall(name="delete_expense", args={"expense_id": "e1"}, id="c1", type="tool_call")


def _rejected(decision: dict[str, Any]) -> ToolMessage:
    """The answer the model gets, made by the middleware itself."""
    config = {"allowed_decisions": ["approve", "edit", "reject"]}
    _, answer = SameActionApprovals._process_decision(decision, CALL, config)
    assert isinstance(answer, ToolMessage)
    return answer


@pytest.mark.parametrize(
    ("decision", "summary"),
    [
        ({"type": "reject", "message": "keep it"}, "Not done: you said no (keep it)."),
        ({"type": "reject"}, "Not done: you said no."),
    ],
)
def test_a_rejection_reads_as_not_done_in_the_event_and_the_transcript(
    decision: dict[str, Any], summary: str
) -> None:
    answer = _rejected(decision)
    assert answer.text.startswith("User rejected the tool call")  # the model's words stay
    assert tool_result(answer) == {
        "name": "delete_expense", "id": "c1", "summary": summary, "ok": False,
    }  # fmt: skip
    assert _data(answer) == {
        "tool_call_id": "c1", "name": "delete_expense", "status": "error", "summary": summary,
    }  # fmt: skip


def test_an_edit_naming_another_action_is_declined_with_why() -> None:
    edit = {"type": "edit", "edited_action": {"name": "add_income", "args": {"amount": 9}}}
    assert (declined_summary(_rejected(edit)) or "").startswith(
        "Not done: you said no (the edit named another action (add_income)"
    )


def test_other_tool_answers_are_left_alone() -> None:
    failed = ToolMessage("Error: boom", name="delete_expense", tool_call_id="c1", status="error")
    ok = ToolMessage("User rejected the tool call for `delete_expense`", name="delete_expense",
                     tool_call_id="c1")  # fmt: skip
    assert declined_summary(failed) is None and declined_summary(ok) is None
    assert tool_result(failed)["summary"] == "Error: boom"
    assert _data(failed) == {"tool_call_id": "c1", "name": "delete_expense", "status": "error"}
    assert _data(ok) == {"tool_call_id": "c1", "name": "delete_expense"}
