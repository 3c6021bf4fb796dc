"""The edge after a domain: the first domain this turn asked for that has not answered
this turn, or finish."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from graph import next_domain


def _state(messages: list[Any], pending: list[str]) -> Any:
    return {"messages": messages, "pending": pending}


def test_no_domain_left_finishes() -> None:
    assert next_domain(_state([HumanMessage("hi"), AIMessage("ok", name="wins")], [])) == "finish"


def test_the_next_domain_asked_for_runs() -> None:
    messages = [HumanMessage("log $5 and remind me"), AIMessage("Logged.", name="wins")]
    assert next_domain(_state(messages, ["you"])) == "you"


def test_a_domain_that_answered_this_turn_is_not_run_again() -> None:
    # wins handed the message on to wheels (pending: wheels first), and wheels answered.
    messages = [
        HumanMessage("60L for $120 and remind me to rotate the tyres"),
        AIMessage("", name="wins"),
        AIMessage("", name="wheels", tool_calls=[{"name": "add_fuel", "args": {}, "id": "f1"}]),
        ToolMessage("{}", tool_call_id="f1", name="add_fuel"),
        AIMessage("Logged 60 L.", name="wheels"),
    ]
    assert next_domain(_state(messages, ["wheels", "you"])) == "you"
    assert next_domain(_state([*messages, AIMessage("Done.", name="you")], ["wheels", "you"])) == (
        "finish"
    )


def test_an_earlier_turns_answer_does_not_count() -> None:
    messages = [
        HumanMessage("remind me"),
        AIMessage("Added.", name="you"),
        HumanMessage("log $5 and remind me again"),
        AIMessage("Logged.", name="wins"),
    ]
    assert next_domain(_state(messages, ["you"])) == "you"
