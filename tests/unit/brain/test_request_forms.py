"""Requests in indirect forms stay requests, questions stay questions (issue 15): the
form of the words, not a phrase list. Written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from agent.brain.asking import is_question
from tests.unit.brain.support import route, step


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("any chance you could pop firelighters on the shopping list", False),
        ("is there any way you could record 35 for the ferry", False),
        ("any chance of a storm at Carnarvon tonight", True),
        ("any firelighters left in the cupboard", True),
    ],
)
def test_an_indirect_request_is_no_question(text: str, asks: bool) -> None:
    assert is_question(text) is asks


def test_an_indirect_request_to_add_writes() -> None:
    text = "any chance you could pop firelighters on the shopping list"
    assert route(text) == ["you"]
    assert [c["name"] for c in step("you", text).tool_calls] == ["add_to_shopping_list"]


@pytest.mark.parametrize(
    ("text", "domain", "tool"),
    [
        ("for future reference the awning leaks in heavy rain", "you", "remember"),
        # a request inside the marked fact is still the request
        ("just so you know, I paid the boat licence, 120", "wins", "add_expense"),
    ],
)
def test_a_marked_fact_is_a_memory_unless_it_asks_for_more(
    text: str, domain: str, tool: str
) -> None:
    assert route(text) == [domain]
    assert [c["name"] for c in step(domain, text).tool_calls] == [tool]


def test_a_fact_marked_for_the_record_goes_to_memory() -> None:
    # The note itself is read by slots_home's extractor (which knows "fyi", "note that").
    assert route("for the record, the awning sticks if you wind it fast") == ["you"]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("the annexe flaps about in the wind all night", None),
        ("we got soaked in the rain at the gorge", None),
        ("frost in Toowoomba", "weather_forecast"),
        ("is the wind dropping at Lancelin tomorrow", "weather_forecast"),
        ("storms around Emerald this arvo?", "weather_forecast"),
    ],
)
def test_weather_words_ask_for_a_forecast_only_when_asked_or_ahead(
    text: str, tool: str | None
) -> None:
    domains = route(text)
    tools = [c["name"] for d in domains if d != "general" for c in step(d, text).tool_calls]
    assert tools == ([tool] if tool else [])


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        # a polite request to be told is a question: it reads, it never writes
        ("could you tell me what we've got in the freezer", True),
        ("can you let me know if the ute's rego is on the calendar", True),
        # a question after a lead-in saying the user is unsure
        ("I can't remember - did I put in the 25 for the car wash?", True),
        ("not sure, is bread on the list?", True),
        # a statement with a check after it is still the statement
        ("spent 25 on the car wash, did I log it right?", False),
    ],
)
def test_questions_in_other_forms(text: str, asks: bool) -> None:
    assert is_question(text) is asks


@pytest.mark.parametrize(
    ("text", "domain", "tool"),
    [
        ("could you tell me what we've got in the freezer", "you", "list_pantry"),
        ("which ute is the default one again?", "wheels", "list_vehicles"),
        (
            "add the water tap at Gundagai showgrounds and share it with everyone",
            "wheels",
            "save_place",
        ),
        (
            "something I'd like you to remember for the future: my knee plays up in the cold",
            "you",
            "remember",
        ),
    ],
)
def test_kinds_of_request_read_by_their_tool(text: str, domain: str, tool: str) -> None:
    assert route(text) == [domain]
    assert [c["name"] for c in step(domain, text).tool_calls] == [tool]


def test_a_letter_posted_is_no_social_post() -> None:
    assert "social" not in route("could you post a birthday card to my niece")


def test_a_clause_no_rule_reads_is_a_request_when_the_classifier_is_sure() -> None:
    text = "we're Kiwis so dollars in NZD please, and remember we hate crowds"
    assert [c["name"] for c in step("you", text).tool_calls] == ["update_profile", "remember"]


def test_a_request_in_question_form_is_not_overruled_into_a_read() -> None:
    text = "Could you block off next Tuesday as an all-day thing in the diary?"
    assert [c["name"] for c in step("you", text).tool_calls] == ["create_event"]


@pytest.mark.parametrize(
    ("text", "domain", "tool"),
    [
        # "list" the noun is no "list the tyres"
        ("could you put on my to-do list to get the tyres balanced", "you", "add_task"),
        # an amount logged, corrected in the same message: the expense is looked up, then
        # changed
        ("the 38 for the car wash at Yeppoon was actually 28, fat fingers", "wins",
         "list_expenses"),
    ],
)  # fmt: skip
def test_words_in_another_role(text: str, domain: str, tool: str) -> None:
    assert route(text) == [domain]
    assert [c["name"] for c in step(domain, text).tool_calls] == [tool]


def test_a_clause_acting_on_the_one_before_takes_it_as_its_object() -> None:
    text = "i logged the 9 dollar pie twice, delete one of them"
    assert route(text) == ["wins"]
    assert [c["name"] for c in step("wins", text).tool_calls] == ["list_expenses"]


def test_is_there_a_group_for_lists_groups() -> None:
    text = "is there a group for folks who restore old caravans"
    assert route(text) == ["social"]
    assert [c["name"] for c in step("social", text).tool_calls] == ["list_groups"]
