"""Kinds of tool choice of issue 15's round 9 work (branch i15-route9): a write needs an
explicit request. Phrasings written for these tests, none from any eval set."""

from __future__ import annotations

import pytest

from agent.brain.asking import asks_bare
from tests.unit.brain.support import wanted, writes

# --- a question mark alone asks: no request, no act told, nothing kept -----------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("physio thursday at 3?", "list_events"),
        ("bread on the shopping list?", "get_shopping_list"),
        ("the cheese still in the fridge?", "list_pantry"),
    ],
)
def test_a_bare_question_reads_what_it_names(text: str, read: str) -> None:
    assert asks_bare(text)
    assert wanted(text) == [read]


@pytest.mark.parametrize(
    "text",
    [
        "so that's roughly 250 on groceries so far?",
        "the rego's 840 this year?",
        "so we're at about 90 for the tolls?",
        "the tent's 3 kilos?",
    ],
)
def test_a_statement_asked_back_writes_nothing(text: str) -> None:
    assert asks_bare(text)
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("physio thursday at 3, can you pop it in?", "create_event"),
        ("paid 35 for the laundromat?", "add_expense"),  # an act told as done reports it
        ("add bread to the shopping list?", "add_to_shopping_list"),
        ("pls log 60 for diesel?", "add_expense"),
        ("we should set groceries at 600 a month?", "set_budget"),
    ],
)
def test_a_request_or_an_act_with_a_question_mark_still_writes(text: str, write: str) -> None:
    assert not asks_bare(text)
    assert write in writes(text)
