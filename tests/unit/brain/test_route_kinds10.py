"""Kinds of tool choice of issue 15's round 10 work (branch i15-route10). Phrasings written
for these tests, none from any eval set."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from agent.brain.asking import asks_to_do, spends_time, told_not_asked
from tests.unit.brain.support import called, result, step, wanted, writes

# --- told, not asked: someone else's doing, a habit, a plan, a supposition -------------------


@pytest.mark.parametrize(
    "text",
    [
        "my cousin reckons we ought to join the Kimberley Crawlers",
        "the people two vans down bought a new annexe for 900",
        "we generally grab the bread at the bakery on a saturday",
        "probably chuck in for a new battery down the track",
        "if we paid the rego now we'd be short for the month",
    ],
)
def test_what_is_told_keeps_nothing(text: str) -> None:
    assert told_not_asked(text)
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("my brother thinks we're mad, but log 60 on repairs for the tow bar", "log_maintenance"),
        ("we usually do it in town but log the oil change for 160", "log_maintenance"),
        ("if it rains move the bbq to sunday at 12", "update_event"),
        ("they charged us 85 for the site last night", "add_expense"),
    ],
)
def test_a_request_beside_what_is_told_still_writes(text: str, write: str) -> None:
    assert asks_to_do(text) or not told_not_asked(text)
    assert write in writes(text)


# --- the last one of a kind lists that kind ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["when did we last fill the tank?", "last time I bought diesel?", "when was our last shop?"],
)
def test_the_last_one_of_a_money_kind_lists_it(text: str) -> None:
    assert wanted(text) in (["list_expenses"], [None])
    assert writes(text) == []


def test_when_did_i_last_fill_up_lists_fuel() -> None:
    answer = step("wins", "when did we last top up the tank?")
    assert [c["name"] for c in answer.tool_calls] == ["list_expenses"]


# --- time spent is no money -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["we could spend a couple of weeks in Esperance", "spent the whole weekend in Mudgee"]
)
def test_time_spent_is_no_money(text: str) -> None:
    assert spends_time(text)
    assert wanted(text) == [None]


@pytest.mark.parametrize(
    "text", ["spent 3 nights at Cobar, 75 all up", "how much did we spend last week"]
)
def test_money_beside_time_is_money(text: str) -> None:
    assert not spends_time(text)


# --- budgets as a label of several --------------------------------------------------------------


def test_a_label_of_budgets_sets_each() -> None:
    answer = step("wins", "budgets - camping 300 + eating out 250")
    assert [c["name"] for c in answer.tool_calls] == ["set_budget", "set_budget"]


# --- a told imperative beats a reading of the same rows ---------------------------------------


def test_add_to_my_spending_adds() -> None:
    assert wanted("add the new jumper for 60 to my spending") == ["add_expense"]


# --- a follow-up pointing back asks the question before again -----------------------------------


def test_a_comparison_pointing_back_asks_the_summary_again() -> None:
    turns: list[str | BaseMessage] = [
        "how much did we spend this month?",
        called("spending_summary", "c1", start_date="2026-03-01", end_date="2026-03-31"),
        result("c1", "spending_summary", summary="You spent $900 this month."),
        AIMessage("You spent $900 this month."),
        "how does that compare with the month before?",
    ]
    (call,) = step("wins", *turns).tool_calls
    assert call["name"] == "spending_summary"
    assert call["args"]["start_date"] == "2026-02-01"


# --- round 10's kinds, in words of these tests ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my cousin in Vancouver pays like 200 CAD a month for his phone, wild",
        "unleaded was 1.89 at the Caltex in Dubbo, not bad eh",
        "petrol 1,95 here today, is that a lot?",
        "the new tyres cost her 1200 in Cairns",
        "we tend to blow about thirty a day on snacks when we're on the road",
        "I should write something about the Bungle Bungles sometime",
    ],
)
def test_round_10_kinds_of_statement_keep_nothing(text: str) -> None:
    assert writes(text) == []
    assert "plan_trip" not in wanted(text)


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("filled 55 litres, unleaded was 1.89", "log_fuel"),
        ("limit what we spend on takeaway to 150 a month", "set_budget"),
        ("keep in mind the caravan is 7 metres long", "remember"),
        ("what did it cost the last time we fuelled up?", "list_expenses"),
        ("how much on petrol this month and how many litres?", "fuel_stats"),
        ("are we ahead or behind on the fuel budget this month", "budget_status"),
        ("if we drove Broome to Derby how long would it take", "plan_trip"),
        ("respond to the question from Gail: yes dogs are allowed", "comment_on_post"),
        (
            "the markets on sunday are now at the showgrounds, not the park, please update it",
            "update_event",
        ),
    ],
)
def test_round_10_kinds_pick_their_tool(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


def test_two_names_joined_by_and_are_one_clause() -> None:
    assert wanted("move drinks with Pat and Sue on Thursday to 6pm") == ["update_event"]


def test_a_supposition_asks_about_what_it_would_change() -> None:
    assert wanted("if we put a 300 a month cap on camping would we be over already") == [
        "budget_status"
    ]


def test_the_list_talked_about_after_a_write_is_shown() -> None:
    turns: list[str | BaseMessage] = [
        "put ring the accountant on the to do list for monday",
        called("add_task", "c1", title="Ring the accountant"),
        result("c1", "add_task", summary="Added."),
        AIMessage("Added the task."),
        "and whats else is on there",
    ]
    (call,) = step("you", *turns).tool_calls
    assert call["name"] == "list_tasks"


def test_the_date_is_answered_from_the_turns_clock() -> None:
    from datetime import datetime

    from agent.brain.general import general_reply

    assert general_reply("whats the date today", None, datetime(2026, 5, 4, 9, 0)) == (
        "Today is Monday 4 May 2026."
    )
