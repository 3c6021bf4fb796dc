"""Wins tool calls from many phrasings (EVALS.md comparison: a subset of the arguments)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import only_call, step, subset

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("spent 85.40 on diesel in Dubbo yesterday", "add_expense",
     {"amount": 85.4, "category": "fuel", "date": "2026-03-09"}),
    ("Spent $42.50 at Woolies", "add_expense", {"amount": 42.5, "category": "groceries"}),
    ("85 bucks on groceries", "add_expense", {"amount": 85, "category": "groceries"}),
    ("eighty five dollars for diesel", "add_expense", {"amount": 85, "category": "fuel"}),
    ("paid $1,200 for rego", "add_expense", {"amount": 1200, "category": "registration"}),
    ("just paid 38 for lunch at the pub", "add_expense", {"amount": 38, "category": "food"}),
    ("$65 caravan park last night", "add_expense",
     {"amount": 65, "category": "camping", "date": "2026-03-09"}),
    ("Coffee $5.50", "add_expense", {"amount": 5.5, "category": "food"}),
    ("coffee 4.50", "add_expense", {"amount": 4.5, "category": "food"}),
    ("log an expense of $120 for new tyres", "add_expense",
     {"amount": 120, "category": "maintenance"}),
    ("got a gas bottle refilled, $32", "add_expense", {"amount": 32, "category": "gas_lpg"}),
    ("chemist $23.80", "add_expense", {"amount": 23.8, "category": "health"}),
    ("Telstra recharge $50", "add_expense", {"amount": 50, "category": "phone_internet"}),
    ("$30 at Bunnings for a new hose", "add_expense", {"amount": 30, "category": "shopping"}),
    ("spent 85.4 AUD on fuel", "add_expense", {"amount": 85.4, "category": "fuel"}),
    ("the mechanic charged me $450 to fix the radiator", "add_expense",
     {"amount": 450, "category": "repairs"}),
    ("movie tickets were $36 on Saturday", "add_expense",
     {"amount": 36, "category": "entertainment", "date": "2026-03-07"}),
    ("paid the insurance, $890", "add_expense", {"amount": 890, "category": "insurance"}),
    ("national park fees $18", "add_expense", {"amount": 18, "category": "camping"}),
    ("I spent 15 on the laundromat", "add_expense", {"amount": 15, "category": "other"}),
    ("Add $200 for groceries on the 3rd", "add_expense",
     {"amount": 200, "category": "groceries", "date": "2026-03-03"}),
    ("dinner last Friday was $64", "add_expense",
     {"amount": 64, "category": "food", "date": "2026-03-06"}),
    ("2 nights at the Big4 cost us $110", "add_expense", {"amount": 110, "category": "camping"}),
    ("Aldi shop 74.35", "add_expense", {"amount": 74.35, "category": "groceries"}),
    ("NZ$40 for the ferry", "add_expense", {"amount": 40, "currency": "NZD"}),
    ("got paid $1200 from fruit picking", "add_income",
     {"amount": 1200, "source": "fruit picking"}),
    ("I earned $300 house sitting", "add_income", {"amount": 300, "source": "house sitting"}),
    ("received my pension of $1,050 today", "add_income",
     {"amount": 1050, "date": "2026-03-10"}),
    ("sold the old generator for $450", "add_income", {"amount": 450}),
    ("set a $400 monthly grocery budget", "set_budget",
     {"category": "groceries", "monthly_limit": 400}),
    ("my fuel budget is $800 a month", "set_budget", {"category": "fuel", "monthly_limit": 800}),
    ("budget 300 for eating out each month", "set_budget",
     {"category": "food", "monthly_limit": 300}),
    ("change the camping budget to $500 and warn me at 90%", "set_budget",
     {"category": "camping", "monthly_limit": 500, "alert_threshold": 0.9}),
    ("how am I tracking on my budget", "budget_status", {}),
    ("am I over budget?", "budget_status", {}),
    ("how are my budgets looking for February", "budget_status", {"month": "2026-02"}),
    ("what did I spend last month", "spending_summary", {"period": "last_month"}),
    ("how much have I spent this week?", "spending_summary", {"period": "this_week"}),
    ("give me a spending summary", "spending_summary", {}),
    ("where's all my money going this month", "spending_summary", {"period": "this_month"}),
    ("how much did we spend in February", "spending_summary",
     {"start_date": "2026-02-01", "end_date": "2026-02-28"}),
    ("show my expenses this week", "list_expenses",
     {"start_date": "2026-03-09", "end_date": "2026-03-10"}),
    ("list my fuel expenses", "list_expenses", {"category": "fuel"}),
    ("how much did I spend on fuel this month?", "list_expenses",
     {"category": "fuel", "start_date": "2026-03-01"}),
    ("show me my last 5 expenses", "list_expenses", {"limit": 5}),
    # typos, missing apostrophes, a rate and a total
    ("grocries $95", "add_expense", {"amount": 95, "category": "groceries"}),
    ("paid fourty dollars for the showers", "add_expense", {"amount": 40, "category": "camping"}),
    ("whats my spending this week", "spending_summary", {"period": "this_week"}),
    ("We paid the caravan park $38 per night for 3 nights, $114 all up", "add_expense",
     {"amount": 114, "category": "camping"}),
    ("list everything I spent on camping in February", "list_expenses",
     {"category": "camping", "start_date": "2026-02-01", "end_date": "2026-02-28"}),
    ("Put my weekly budget for food at $150", "set_budget",
     {"category": "food", "monthly_limit": 650}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "tool", "args"), CASES)
def test_wins_calls(text: str, tool: str, args: dict[str, Any]) -> None:
    answer = step("wins", text)
    got = only_call(answer, tool)
    assert subset(got, args), got


@pytest.mark.parametrize(
    ("domain", "text", "tool"),
    [
        ("wins", "spent $20 on coffee", "add_expense"),
        ("wins", "got 150 for minding the neighbour's dog", "add_income"),
        ("wheels", "filled up, 48 litres for 96 dollars", "log_fuel"),
    ],
)
def test_no_day_said_is_today_said_outright(domain: str, text: str, tool: str) -> None:
    # the tool would take today too; the call says so, as a person reading it expects
    assert only_call(step(domain, text), tool)["date"] == "2026-03-10"


@pytest.mark.parametrize("reference", ["chaos-92458635366c", "inv-cad25be88f26", "po-40c"])
def test_a_reference_in_the_description_is_no_amount(reference: str) -> None:
    text = f"add an expense of 31 dollars for groceries described as {reference}"
    args = only_call(step("wins", text), "add_expense")
    assert args["amount"] == 31
    assert reference in args["description"]


def test_negative_amounts_pass_through_for_the_tool_to_reject() -> None:
    args = only_call(step("wins", "spent -$20 on coffee"), "add_expense")
    assert args["amount"] == -20


def test_two_expenses_in_one_message() -> None:
    answer = step("wins", "Spent $50 on fuel and $30 on groceries")
    assert [(c["args"]["amount"], c["args"]["category"]) for c in answer.tool_calls] == [
        (50, "fuel"),
        (30, "groceries"),
    ]


def test_other_domains_parts_are_left_alone() -> None:
    answer = step("wins", "log $30 for groceries and remind me to call Mum tomorrow at 10")
    assert [c["name"] for c in answer.tool_calls] == ["add_expense"]
