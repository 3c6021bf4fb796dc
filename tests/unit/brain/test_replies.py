"""Replies from tool results, errors and rejections; general replies without tools."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from tests.unit.brain.support import BRAIN, called, result, step, system


def _after(domain: str, text: str, *results: ToolMessage) -> str:
    first = step(domain, text)
    assert first.tool_calls
    ids = [str(c["id"]) for c in first.tool_calls]
    renamed = [
        ToolMessage(r.content, tool_call_id=i, name=r.name)
        for r, i in zip(results, ids, strict=True)
    ]
    reply = step(domain, text, first, *renamed)
    assert not reply.tool_calls
    return reply.text


def test_a_write_is_confirmed_from_its_summary() -> None:
    done = result("x", "add_expense", summary="Logged $85.40 for fuel on 9 Mar.")
    text = _after("wins", "spent 85.40 on diesel yesterday", done)
    assert text == "Done — logged $85.40 for fuel on 9 Mar."


def test_a_write_that_found_it_already_so_is_not_done() -> None:
    same = result(
        "x", "join_group", summary="You're already a member of Snowy Hikers.", changed=False
    )
    text = _after("social", "join the snowy hikers group", same)
    assert text == "You're already a member of Snowy Hikers."


def test_listed_expenses_and_budgets_name_categories_as_people_read_them() -> None:
    rows = [
        {"id": "a", "amount": 60, "currency": "AUD", "category": "gas_lpg",
         "description": None, "date": "2026-03-07"},
    ]  # fmt: skip
    listed = result("x", "list_expenses", summary="1 expense totalling $60.00.", expenses=rows)
    assert _after("wins", "show my expenses", listed).endswith("- $60.00 gas/LPG: gas/LPG (7 Mar)")
    budgets = [{"category": "phone_internet", "remaining": 12.5}]
    status = result("x", "budget_status", summary="1 budget.", budgets=budgets, currency="AUD")
    assert _after("wins", "how's my budget?", status).endswith("phone & internet $12.50 left.")


def test_a_read_is_its_summary_and_expenses_are_listed() -> None:
    rows = [
        {"id": "a", "amount": 85.4, "currency": "AUD", "category": "fuel",
         "description": "Diesel in Dubbo", "date": "2026-03-09"},
        {"id": "b", "amount": 12, "currency": "NZD", "category": "food", "description": None,
         "date": "2026-03-08"},
    ]  # fmt: skip
    done = result("x", "list_expenses", summary="2 expenses totalling $97.40.", expenses=rows)
    text = _after("wins", "show my expenses", done)
    assert text == (
        "2 expenses totalling $97.40.\n"
        "- $85.40 fuel: Diesel in Dubbo (9 Mar)\n"
        "- NZ$12.00 food: food (8 Mar)"
    )


def test_an_error_is_relayed() -> None:
    failed = ToolMessage(
        '{"ok": false, "error": "invalid", "summary": "Invalid arguments — amount: must be more '
        'than zero.", "field": "amount"}',
        tool_call_id="x",
        name="add_expense",
    )
    text = _after("wins", "spent -$20 on coffee", failed)
    # said without the action's argument names (i15-tryfix15)
    assert text == "Sorry, I couldn't do that: The amount must be more than zero."


_COFFEE = {"id": "e1", "amount": 20, "category": "food", "description": "Coffee"}
_EARLIER = [
    HumanMessage("spent $20 on coffee"),
    called("add_expense", "a1"),
    result("a1", "add_expense", expense=_COFFEE),
    AIMessage("Done."),
]


@pytest.mark.parametrize(
    ("domain", "history", "text", "tool", "expected"),
    [
        ("wins", _EARLIER, "delete it", "delete_expense", "OK, I won't delete that expense."),
        ("social", [], "share on my feed: hi all", "create_post", "OK, I won't post that."),
    ],
)
def test_a_rejected_approval_is_acknowledged(
    domain: str, history: list[BaseMessage], text: str, tool: str, expected: str
) -> None:
    first = step(domain, *history, text)
    (call,) = first.tool_calls
    assert call["name"] == tool
    rejection = ToolMessage(
        f"User rejected the tool call for `{tool}` with reason: not now",
        tool_call_id=str(call["id"]),
        name=tool,
        status="error",
    )
    reply = step(domain, *history, text, first, rejection)
    assert not reply.tool_calls
    assert reply.text == expected


def test_two_results_make_two_lines() -> None:
    a = result("x", "add_expense", summary="Logged $50.00 for fuel on 10 Mar.")
    b = result("y", "add_expense", summary="Logged $30.00 for groceries on 10 Mar.")
    text = _after("wins", "Spent $50 on fuel and $30 on groceries", a, b)
    assert text.splitlines() == [
        "Done — logged $50.00 for fuel on 10 Mar.",
        "Done — logged $30.00 for groceries on 10 Mar.",
    ]


def test_other_domains_results_are_not_repeated() -> None:
    text = "log $30 for groceries and remind me to call Mum tomorrow at 10"
    wins = step("wins", text)
    (call,) = wins.tool_calls
    done = result(str(call["id"]), "add_expense", summary="Logged $30.00 for groceries.")
    you = step("you", text, wins, done, AIMessage("Done — logged $30.00 for groceries."))
    assert [c["name"] for c in you.tool_calls] == ["create_event"]


def _general(text: str, **extra: str) -> str:
    answer = BRAIN.invoke([system("general", **extra), SystemMessage("rules"), ("user", text)])
    assert isinstance(answer, AIMessage) and not answer.tool_calls
    return answer.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi", "G'day"),
        ("good morning!", "G'day"),
        ("thanks heaps", "You're welcome"),
        ("what can you do?", "four things"),
        ("help", "four things"),
        ("how are you going?", "Going well"),
        ("bye for now", "safe travels"),
        ("asdfghjkl", "didn't catch that"),
        ("xzqv brrrrt", "didn't catch that"),
        ("what's the capital of France?", "can't help with that"),
        ("book me a flight to Bali", "can't help with that"),
        ("ok", "Righto"),
    ],
)
def test_general_replies(text: str, expected: str) -> None:
    assert expected in _general(text)


def test_the_user_s_name_is_used() -> None:
    assert _general("hello", name="Bev").startswith("G'day Bev,")


def test_capabilities_name_the_four_areas() -> None:
    text = _general("what can you do?")
    for area in ("Money", "Vehicles", "Your day", "Community"):
        assert area in text


def test_a_domain_with_nothing_to_do_says_so() -> None:
    reply = step("wheels", "hmm")
    assert not reply.tool_calls
    assert reply.text.startswith("Sorry, I'm not sure")


def test_an_edited_call_s_result_is_read_after_the_reviewer_notice() -> None:
    first = step("social", "share on my feed: great sunset at Broome")
    (call,) = first.tool_calls
    edited = ToolMessage(
        "Note: a human reviewer replaced this tool call before it ran. Executed instead: "
        'create_post with arguments {"content": "Sunset at Cable Beach"}.\n\nTool response:\n'
        '{"ok": true, "summary": "Posted to the public feed: \\"Sunset at Cable Beach\\""}',
        tool_call_id=str(call["id"]),
        name="create_post",
    )
    reply = step("social", "share on my feed: great sunset at Broome", first, edited)
    assert reply.text == 'Done — posted to the public feed: "Sunset at Cable Beach"'


@pytest.mark.parametrize(
    ("domain", "text", "tool", "payload", "starts_done"),
    [
        ("wheels", "which vehicles have I got", "list_vehicles", {}, False),
        ("wheels", "how far is it from Moree to Lightning Ridge", "plan_trip",
         {"saved": False}, False),
        ("wheels", "plan a trip from Moree to Lightning Ridge on friday", "plan_trip",
         {"saved": True}, True),
        ("social", "any join requests waiting?", "review_join_requests", {"ids": []}, False),
    ],
)  # fmt: skip
def test_a_reply_to_a_question_does_not_open_with_done(
    domain: str, text: str, tool: str, payload: dict[str, object], starts_done: bool
) -> None:
    first = step(domain, text)
    assert [c["name"] for c in first.tool_calls] == [tool]
    answer = result(
        str(first.tool_calls[0]["id"]), tool, summary="Moree → Lightning Ridge.", **payload
    )
    reply = step(domain, text, first, answer)
    assert reply.text.startswith("Done —") is starts_done
    assert "oree → Lightning Ridge." in reply.text
