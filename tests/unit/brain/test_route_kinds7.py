"""Kinds of tool choice of issue 15's round 7 work (branch i15-route7): whether a message
asks for anything to be written at all. A write is kept for a request or for an act the
user reports as done; an act only planned, wished, supposed or denied, and a question
said as a statement, write nothing. Phrasings written for these tests, none from any
eval set."""

from __future__ import annotations

import pytest

from agent.brain.asking import is_question, is_request, unreal_act
from tests.unit.brain.support import wanted, writes

# --- an act not done: planned, wished, supposed or denied --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we may end up buying a second battery for around 650",
        "I'm considering getting the van detailed, they quoted 280",
        "haven't bought the new gas bottle yet, about 45 I think",
        "we never did pay the 90 for the mini golf, it was shut",
        "I'll probably spend 60 on firewood this weekend",
        "hoping to sell the old esky for 40 at the markets",
        "didn't fill up at Narrandera, too dear at 2.19 a litre",
    ],
)
def test_an_act_not_done_keeps_nothing(text: str) -> None:
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        # the same acts done, or asked to be kept, are written
        ("bought a second battery for 650", "add_expense"),
        ("haven't got the receipt but log 45 for the gas bottle", "add_expense"),
        ("sold the old esky for 40 at the markets", "add_income"),
        ("we didn't get a receipt, but please put down 60 for the firewood", "add_expense"),
    ],
)
def test_an_act_done_or_asked_for_is_kept(text: str, tool: str) -> None:
    assert tool in wanted(text)


def test_only_acts_kept_as_reports_are_gated() -> None:
    # a plan is what a reminder or a task is for: "might" does not stop them
    assert not unreal_act(
        "we might need to ring the insurer, remind me friday at 9", "create_event"
    )
    assert unreal_act("we might buy a kettle for 30", "add_expense")


# --- a question said as a statement, with its question mark ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the bin bags are on the shopping list already?",
        "my dentist appointment is in the calendar?",
        "our water bill was logged?",
        "would it be smart to budget 300 for tyres?",
    ],
)
def test_a_statement_with_a_question_mark_asks(text: str) -> None:
    assert is_question(text)
    assert writes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "the bin bags ran out, can you add bin bags to the shopping list?",
        "the ferry was 40 bucks on monday, could you add it?",
        "add bin bags to the shopping list?",
        "would it be too much trouble to put bin bags on the list",
        "would it be possible for you to log 20 for parking",
    ],
)
def test_a_request_with_a_question_mark_still_asks_for_it(text: str) -> None:
    assert not is_question(text)
    assert writes(text)


def test_a_hedged_request_is_a_request() -> None:
    assert is_request("would it be any trouble to add the vet on monday at 4")
    assert is_request("would it be a big hassle to change that fuel entry to 58")
    assert not is_request("would it be wiser to set the budget at 400?")


# --- a request at the end that points at what was said before it ------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("quarter past two on friday, haircut at the mall, stick it in", "create_event"),
        ("two pies and a coffee at the bakery, 14.80 - jot that down would ya", "add_expense"),
    ],
)
def test_a_pointing_request_keeps_the_words_before_it(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


def test_a_message_with_a_request_of_its_own_before_the_tail_is_read_clause_by_clause() -> None:
    # "show me the feed" asks by itself: the tail is not what the whole message means
    assert "get_feed" in wanted("show me the feed, then the bakery was 9.50, log that")


# --- what the user says not to do names a tool only to refuse it ---------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("a job for the gas bottle swap on my to-do list, don't log the cost yet", "add_task"),
        (
            "put batteries on the shopping list, no need to record what they cost",
            "add_to_shopping_list",
        ),
    ],
)
def test_the_tool_refused_is_not_the_one_asked_for(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


# --- a place found, then shared by pointing at it ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "there's a good water tap outside the rodeo grounds in Cloncurry, share it with everyone",
        "found a decent free camp near Gundagai - flat and quiet. share it",
    ],
)
def test_a_place_found_and_shared_is_a_saved_place(text: str) -> None:
    assert wanted(text) == ["save_place"]


def test_news_shared_with_everyone_is_still_a_post() -> None:
    assert wanted("the bridge at Hay is under water, share it with everyone") == ["create_post"]
