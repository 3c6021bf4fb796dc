"""Clarifying questions: one short question for a missing detail, and the next message
completes the call with the first message's details."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage

from tests.unit.brain.support import only_call, step, subset

CASES: list[tuple[str, str, str, str, str, dict[str, Any]]] = [
    ("wins", "I bought groceries at Coles", "How much was it?", "45 dollars", "add_expense",
     {"amount": 45, "category": "groceries"}),
    ("wins", "spent $45", "What was it for?", "diesel", "add_expense",
     {"amount": 45, "category": "fuel"}),
    ("wins", "spent $45 yesterday", "What was it for?", "groceries at Aldi", "add_expense",
     {"amount": 45, "category": "groceries", "date": "2026-03-09"}),
    ("wins", "got paid for fruit picking", "How much did you receive?", "$900", "add_income",
     {"amount": 900}),
    ("wins", "set a budget of $400", "Which spending category is the budget for?", "groceries",
     "set_budget", {"category": "groceries", "monthly_limit": 400}),
    ("wheels", "what's the weather like this weekend?",
     "Which town should I check the weather for?", "Birdsville", "weather_forecast",
     {"location": "Birdsville", "days": 6}),
    ("wheels", "I filled up at Dubbo", "How many litres did you put in?", "62", "log_fuel",
     {"litres": 62, "location": "Dubbo"}),
    ("wheels", "plan a trip to Uluru", "Where are you starting from?", "Alice Springs",
     "plan_trip", {"origin": "Alice Springs", "destination": "Uluru"}),
    ("wheels", "find dump points", "Near which town should I look?", "Tamworth", "find_places",
     {"near": "Tamworth", "kind": "dump_point"}),
    ("you", "add a dentist appointment", "What day and time is it?", "next Tuesday at 2pm",
     "create_event", {"title": "Dentist appointment", "start": "2026-03-17T14:00:00+11:00"}),
    ("you", "add something to the shopping list", "What should I add to the shopping list?",
     "milk and bread", "add_to_shopping_list", {"items": ["milk", "bread"]}),
    ("social", "post to the feed", "What would you like the post to say?",
     "Anyone been to Karijini lately?", "create_post",
     {"content": "Anyone been to Karijini lately?"}),
    ("social", "create a group", "What should the group be called?", "Solar Nerds",
     "create_group", {"name": "Solar Nerds"}),
]  # fmt: skip


@pytest.mark.parametrize(("domain", "first", "question", "answer", "tool", "args"), CASES)
def test_question_then_answer_completes_the_call(
    domain: str, first: str, question: str, answer: str, tool: str, args: dict[str, Any]
) -> None:
    asked = step(domain, first)
    assert not asked.tool_calls
    assert asked.text == question
    got = only_call(step(domain, first, AIMessage(question), answer), tool)
    assert subset(got, args), got


def test_a_chain_of_two_questions_keeps_every_detail() -> None:
    first = step("wins", "log an expense yesterday")
    assert first.text == "How much was it?"
    second = step("wins", "log an expense yesterday", first, "$20")
    assert second.text == "What was it for?"
    done = step("wins", "log an expense yesterday", first, "$20", second, "coffee")
    assert subset(
        only_call(done, "add_expense"), {"amount": 20, "category": "food", "date": "2026-03-09"}
    )


@pytest.mark.parametrize("answer", ["no", "never mind", "cancel", "forget it"])
def test_no_drops_the_request(answer: str) -> None:
    reply = step("wins", "spent money on groceries", AIMessage("How much was it?"), answer)
    assert not reply.tool_calls
    assert "left it" in reply.text


def test_a_new_request_instead_of_an_answer_is_handled_as_new() -> None:
    reply = step(
        "wins",
        "spent money on groceries",
        AIMessage("How much was it?"),
        "what did I spend last month?",
    )
    assert only_call(reply, "spending_summary") == {"period": "last_month"}


def test_ready_requests_run_and_the_question_follows_their_results() -> None:
    from tests.unit.brain.support import result

    text = "spent $20 on coffee and log an expense for the rego"
    first = step("wins", text)
    (call,) = first.tool_calls
    done = result(str(call["id"]), "add_expense", summary="Logged $20.00 for food on 10 Mar.")
    reply = step("wins", text, first, done)
    assert reply.text == "Done — logged $20.00 for food on 10 Mar.\nHow much was it?"


def test_an_answer_repeating_the_question_s_word_is_not_doubled() -> None:
    reply = step("wheels", "plan a trip to Uluru", AIMessage("Where are you starting from?"),
                 "from Coober Pedy")  # fmt: skip
    assert subset(only_call(reply, "plan_trip"), {"origin": "Coober Pedy", "destination": "Uluru"})


@pytest.mark.parametrize(
    ("domain", "first", "question", "waiting", "other"),
    [
        ("wheels", "the prado's odometer reads 152,300 km", "What work was done?",
         "log_maintenance", "what do you know about me"),
        ("wheels", "plan a trip to Uluru", "Where are you starting from?", "plan_trip",
         "how much have we spent on fuel this month?"),
        ("wins", "got paid for fruit picking", "How much did you receive?", "add_income",
         "when did we last fill up?"),
    ],
)  # fmt: skip
def test_a_question_of_its_own_is_no_answer_to_ours(
    domain: str, first: str, question: str, waiting: str, other: str
) -> None:
    assert not step(domain, first).tool_calls  # the question is asked first
    reply = step(domain, first, AIMessage(question), other)
    assert waiting not in [c["name"] for c in reply.tool_calls]


def test_an_amount_after_a_money_request_is_that_request_again() -> None:
    """ "… and 31.80 for the pub feed": the verb is left out, the feed is a meal (a fresh
    clone's try sent it to the social feed, asking which group 'pub' was)."""
    text = "we paid 42 for the showground last night and 31.80 for the pub feed"
    calls = step("wins", text).tool_calls
    assert [c["name"] for c in calls] == ["add_expense", "add_expense"]
    assert sorted(c["args"]["amount"] for c in calls) == [31.8, 42]
