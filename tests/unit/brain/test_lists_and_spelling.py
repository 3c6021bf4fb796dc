"""A list of no kind named asked what is left on it is the shopping list; four-letter
category words typed with two letters swapped keep their category (categories._swapped_short,
rapidfuzz's Damerau-Levenshtein); "biggest expense category" reads the spending summary and
answers with the top of its totals by category."""

from __future__ import annotations

import pytest

from agent.brain.categories import category_of
from tests.unit.brain.support import only_call, result, route, step


@pytest.mark.parametrize(
    "text",
    ["whats left on the list", "anything left on my list?", "what's remaining on our list"],
)
def test_whats_left_on_a_list_of_no_kind_reads_the_shopping_list(text: str) -> None:
    assert route(text) == ["you"]
    only_call(step("you", text), "get_shopping_list")


def test_a_list_of_jobs_named_stays_the_tasks() -> None:
    only_call(step("you", "what's left on my jobs list"), "list_tasks")
    only_call(step("you", "what's still on my list"), "list_tasks")  # (the to-dos still open)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("how much on feul last week", "fuel"),
        ("what did the rgeo cost", "registration"),
        ("spent 12 on mlik and bread", "groceries"),
        ("new tyer for the trailer 180", "repairs"),
    ],
)
def test_four_letter_words_with_two_letters_swapped_keep_their_category(
    text: str, category: str
) -> None:
    assert category_of(text) == category


@pytest.mark.parametrize("text", ["the flue on the heater", "fell off the step", "a role play"])
def test_other_short_words_are_no_category_typo(text: str) -> None:
    assert category_of(text) is None


def test_how_much_on_a_misspelt_category_keeps_the_category() -> None:
    got = only_call(step("wins", "how much on fule this month"), "list_expenses")
    assert got["category"] == "fuel" and got["start_date"] == "2026-03-01"


SUMMARY = {
    "summary": "This month (1 Mar – 10 Mar): spent $610.00 (Groceries $180.00, Fuel $390.00, "
    "Food $40.00); income $0.00, net -$610.00.",
    "currency": "AUD",
    "by_category": [
        {"category": "groceries", "total": "180.00"},
        {"category": "fuel", "total": "390.00"},
        {"category": "food", "total": "40.00"},
    ],
    "total_spent": "610.00",
}


@pytest.mark.parametrize(
    "text",
    ["biggest expense category this month", "what's our largest spending category", "what did we "
     "spend the most on this month"],
)  # fmt: skip
def test_the_biggest_category_is_answered_from_the_summary(text: str) -> None:
    assert route(text) == ["wins"]
    first = step("wins", text)
    (call,) = first.tool_calls
    assert call["name"] == "spending_summary"
    reply = step("wins", text, first, result(str(call["id"]), "spending_summary", **SUMMARY)).text
    assert reply.startswith("Fuel is your biggest category: $390.00 of $610.00 spent."), reply


def test_a_plain_summary_has_no_top_line() -> None:
    first = step("wins", "spending summary this month")
    (call,) = first.tool_calls
    reply = step("wins", "spending summary this month", first,
                 result(str(call["id"]), "spending_summary", **SUMMARY)).text  # fmt: skip
    assert "biggest" not in reply
