"""Kinds of tool choice (issue 15, branch i15-route): the form of a request decides, not a
phrase list. Each kind is tested on phrasings written for these tests, none from any set."""

from __future__ import annotations

from datetime import date

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from agent.brain.asking import is_question
from agent.brain.general import small_talk
from agent.brain.segment import split
from tests.unit.brain.support import route, step


def tools(domain: str, text: str) -> list[str]:
    return [c["name"] for c in step(domain, text).tool_calls]


def first_tools(text: str) -> list[str]:
    """The tools of the first domain the router picks ([] for general)."""
    domains = route(text)
    return [] if domains == ["general"] else tools(domains[0], text)


@pytest.mark.parametrize(
    "text",
    [
        "my sister transferred us 150 for the fuel",
        "the farmer gave me $380 for the week's picking",
        "grandad sent me 50 for my birthday",
        "the neighbours handed us 40 for minding their dog",
    ],
)
def test_money_someone_gives_the_user_is_income(text: str) -> None:
    assert route(text) == ["wins"]
    assert tools("wins", text) == ["add_income"]


@pytest.mark.parametrize(
    "text",
    [
        "set a groceries budget of 500 a month and give me a heads up at 80%",
        "the shire sent us a bill for 260",
    ],
)
def test_giving_words_without_money_received_are_no_income(text: str) -> None:
    assert "add_income" not in first_tools(text)


@pytest.mark.parametrize(
    "text",
    ["the electrician charged us 310", "the tow truck charged me 450 to get us out"],
)
def test_a_charge_by_a_tradesperson_is_an_expense_not_a_fill(text: str) -> None:
    assert route(text) == ["wins"]
    assert tools("wins", text) == ["add_expense"]


@pytest.mark.parametrize(
    "text",
    [
        "put 3 litres of orange juice in the fridge, use by Sunday",
        "add 2 litres of long life milk to the pantry",
    ],
)
def test_litres_of_food_are_no_fuel_fill(text: str) -> None:
    assert route(text) == ["you"]
    assert tools("you", text) == ["add_pantry_item"]


def test_litres_of_fuel_are_still_a_fill() -> None:
    text = "put 48 litres of unleaded in, $96"
    assert route(text) == ["wheels"]
    assert tools("wheels", text) == ["log_fuel"]


@pytest.mark.parametrize(
    "text",
    [
        "need to renew the van insurance",
        "gotta book the kids' flu shots",
        "still have to return the library books",
    ],
)
def test_a_job_said_without_its_subject_is_a_task(text: str) -> None:
    assert route(text) == ["you"]
    assert tools("you", text) == ["add_task"]


@pytest.mark.parametrize(
    "text",
    [
        "we had such a good feed at the RSL tonight",
        "what a beaut feed that was",
        "remember to feed the cat before we go",
    ],
)
def test_a_feed_that_is_a_meal_or_a_verb_shows_no_feed(text: str) -> None:
    assert "get_feed" not in first_tools(text)


@pytest.mark.parametrize(
    "text",
    [
        "hi pam, how are things today?",
        "morning! how's everything going",
        "what's the time in Darwin right now",
        "thanks heaps mate",
    ],
)
def test_small_talk_asks_for_no_tool(text: str) -> None:
    assert route(text) == ["general"]


@pytest.mark.parametrize(
    ("text", "chat"),
    [
        ("how are you going today?", True),
        ("what day is it today", True),
        ("how is the weather in Dubbo", False),
        ("how are we going this month", False),
        ("hi, spent 40 on fuel", False),
    ],
)
def test_small_talk_is_only_small_talk(text: str, chat: bool) -> None:
    assert small_talk(text) is chat


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("has the new tyre gauge arrived?", True),
        ("did our booking at the caravan park go through?", True),
        ("there are free camps near Hay?", True),
        ("did the oil change at 98,000", False),
        ("there's a leak in the annexe", False),
    ],
)
def test_a_question_about_a_thing_asks(text: str, asks: bool) -> None:
    assert is_question(text) is asks


@pytest.mark.parametrize(
    "text",
    [
        "did my photo post of the Bungle Bungles get any likes?",
        "has my post about the Nullarbor crossing got any comments?",
    ],
)
def test_a_question_about_my_post_reads_the_feed(text: str) -> None:
    assert route(text) == ["social"]
    assert tools("social", text) == ["get_feed"]


@pytest.mark.parametrize(
    "text",
    ["is there a group for solo women travellers?", "there is group for people from Italy?"],
)
def test_a_group_for_some_people_is_a_group_search(text: str) -> None:
    assert route(text) == ["social"]
    assert tools("social", text) == ["list_groups"]


def test_them_said_em_points_back_to_the_clause_before() -> None:
    text = "don't let me forget to grab sponges, bung em on the list"
    assert route(text) == ["you"]
    assert tools("you", text) == ["add_to_shopping_list"]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("I would like to become part of the group Solar Setup", "Solar Setup"),
        ("can we get into the tassie campers group please", "tassie campers"),
        ("I wish to be a member of the group Kiwis Abroad", "Kiwis Abroad"),
    ],
)
def test_joining_said_with_other_verbs(text: str, group: str) -> None:
    assert route(text) == ["social"]
    answer = step("social", text)
    (call,) = answer.tool_calls
    assert call["name"] == "join_group"
    assert call["args"]["group"].lower() == group.lower()


@pytest.mark.parametrize(
    "text",
    [
        "write in the Solar Setup group: anyone selling a 200Ah lithium?",
        "say in the grey nomads group: the Hay bridge is closed",
        "share with the northern territory birdwatchers group only that the brolgas are back",
    ],
)
def test_writing_to_a_group_is_a_post(text: str) -> None:
    assert route(text) == ["social"]
    assert tools("social", text) == ["create_post"]


@pytest.mark.parametrize(
    "text",
    [
        "what does the word 'rego' mean?",
        "what means 'arvo' in english?",
        "the kids are bored, tell them a joke about caravans",
        "how would you explain a budget to my daughter",
        "been driving 10 hours and my back hurts, is that normal?",
    ],
)
def test_asking_for_what_only_talk_gives_calls_no_tool(text: str) -> None:
    assert route(text) == ["general"]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("we've got 10 potatoes, they go off next week", "add_pantry_item"),
        ("pantry: add rice, best before March", "add_pantry_item"),
        ("which food goes bad this week?", "list_pantry"),
        ("anything going off in the next 5 days?", "list_pantry"),
    ],
)
def test_a_statement_stocks_the_pantry_a_question_reads_it(text: str, tool: str) -> None:
    assert route(text) == ["you"]
    assert tools("you", text) == [tool]


@pytest.mark.parametrize("text", ["add bananas yoghurt bread", "grab some rice and onions"])
def test_things_to_get_with_no_list_named_go_on_the_shopping_list(text: str) -> None:
    assert route(text) == ["you"]
    assert tools("you", text) == ["add_to_shopping_list"]


@pytest.mark.parametrize(
    "text",
    ["please tell me what I have on friday", "what we have got tomorrow?"],
)
def test_what_i_have_on_a_day_lists_events(text: str) -> None:
    assert route(text) == ["you"]
    assert tools("you", text) == ["list_events"]


def test_a_profile_field_set_to_a_value_is_a_profile_change() -> None:
    text = "note that we love fishing and change my travel style to slow"
    assert route(text) == ["you"]
    assert tools("you", text) == ["remember", "update_profile"]
    assert pieces("note that we like quiet parks and set my pets to a cat") == [
        "remember",
        "update_profile",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "call off the bbq on sunday, the weather's too wild",
        "delete the picnic tomorrow because of the weather",
    ],
)
def test_weather_given_as_a_reason_asks_no_forecast(text: str) -> None:
    assert route(text) == ["you"]


def test_a_pointer_after_a_request_of_another_tool_is_a_second_request() -> None:
    text = "plan a trip from Cairns to Cooktown on Friday and pop it in the calendar"
    assert route(text) == ["wheels", "you"]
    assert tools("wheels", text) == ["plan_trip"]
    assert tools("you", text) == ["create_event"]


def test_a_bare_pointing_request_leaves_the_next_clause_its_own() -> None:
    text = (
        "Topped up at Mundrabilla, 70 litres for 150 dollars. Would you record that, and "
        "let me know the forecast for Ceduna over the weekend?"
    )
    assert route(text) == ["wheels"]
    assert tools("wheels", text) == ["log_fuel", "weather_forecast"]


def test_a_value_said_before_the_request_for_the_same_thing_goes_with_it() -> None:
    text = "We're Canadians and like things in miles. Would you switch my units over?"
    assert route(text) == ["you"]
    (call,) = step("you", text).tool_calls
    assert call["name"] == "update_profile"
    assert call["args"].get("units") == "imperial"


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("what are we averaging per day on spending this month", "spending_summary"),
        ("pull up all the firewood we've bought this year", "list_expenses"),
    ],
)
def test_spending_read_back_by_what_was_bought_or_per_day(text: str, tool: str) -> None:
    assert route(text) == ["wins"]
    assert tools("wins", text) == [tool]


@pytest.mark.parametrize(
    "text",
    [
        "could you check if anybody has posted about the ferry delays",
        "wondering whether somebody in the tassie campers group has posted about the ferry",
    ],
)
def test_has_anyone_posted_about_reads_the_feed(text: str) -> None:
    assert route(text) == ["social"]
    assert tools("social", text) == ["get_feed"]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("front 34 back 36 psi this morning", "can you show me the history"),
        ("tyres 40 psi all round", "what were they the last couple of times"),
    ],
)
def test_the_history_after_a_reading_reads_that_history(first: str, then: str) -> None:
    turns: list[str | BaseMessage] = [first, AIMessage("Done."), then]
    assert route(*turns) == ["wheels"]
    assert [c["name"] for c in step("wheels", *turns).tool_calls] == ["tyre_pressure_history"]


def pieces(text: str, kind: str | None = None) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(text, date(2026, 3, 10), kind)]


def test_a_reply_quoted_straight_after_is_a_comment() -> None:
    assert pieces("like the first one and reply 'we loved it too!'", "post") == [
        "like_post",
        "comment_on_post",
    ]


def test_a_question_of_its_own_then_a_command_keeps_the_command() -> None:
    assert pieces("did it go through? like it one more time", "post") == [None, "like_post"]


def test_a_command_beside_a_question_is_addressed_too() -> None:
    text = "Not sure the list saved earlier. Add it again: sunscreen and hats. Is it there now?"
    assert "add_to_shopping_list" in pieces(text)


def test_a_use_by_date_makes_goods_got_stock_not_money() -> None:
    assert pieces("got 3 trays of mangoes off the grower, best before Thursday") == [
        "add_pantry_item"
    ]
    assert pieces("bought yoghurt for 6.20, use by Friday") == ["add_expense", "add_pantry_item"]


@pytest.mark.parametrize(
    "text",
    ["could you post this parcel to my brother for me", "can you post the rego papers for me"],
)
def test_a_feature_word_in_its_everyday_sense_rescues_no_tool(text: str) -> None:
    assert route(text) == ["general"]
