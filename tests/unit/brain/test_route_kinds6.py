"""Kinds of tool choice of issue 15's round 6 work (branch i15-route6): what a sentence is
(a supposition, a word mentioned, a terse list), not which words it holds. Each kind is
tested on phrasings written for these tests, none from any eval set."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from agent.brain.asking import WRITES
from agent.brain.segment import split
from agent.brain.spelling import correct
from tests.unit.brain.support import called, only_call, result, route, step

TODAY = date(2026, 3, 10)


def wanted(text: str, kind: str | None = None) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(text, TODAY, kind)]


def tools(domain: str, *turns: Any) -> list[str]:
    return [c["name"] for c in step(domain, *turns).tool_calls]


# --- a supposition, or "not yet", writes nothing ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "if we put 400 a month on groceries would we go over already?",
        "what if I set the eating out budget to 250, would that still leave room?",
        "if I logged the rego as an expense would it blow the budget?",
    ],
)
def test_a_supposition_asks_it_does_not_write(text: str) -> None:
    assert not any(tool in WRITES for tool in wanted(text) if tool)


@pytest.mark.parametrize(
    "text",
    [
        "thinking of a 300 limit on takeaway, don't set that yet",
        "log 45 for the pub dinner? no hang on, don't log it just yet",
        "remind me to ring the bank tomorrow at 9 - hypothetically",
    ],
)
def test_holding_back_writes_nothing(text: str) -> None:
    assert not any(tool in WRITES for tool in wanted(text) if tool)


def test_a_condition_before_a_request_still_asks_for_it() -> None:
    assert wanted("if it's raining on friday remind me at 8 to pack the awning") == ["create_event"]


# --- a post to a page, or told to a group by its name --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "could you stick on the community board that we've got spare firewood, $10 a bag",
        "pop onto the public wall that the road to the falls is open again",
    ],
)
def test_writing_on_a_page_or_board_is_a_post_not_an_expense(text: str) -> None:
    assert wanted(text) == ["create_post"]


@pytest.mark.parametrize(
    "text",
    [
        "mum wants to tell the Sunset Painters group she'll host on friday",
        "let the birdos group know the brolgas are back at the lagoon",
    ],
)
def test_telling_a_named_group_is_a_post(text: str) -> None:
    assert wanted(text) == ["create_post"]


def test_putting_it_in_a_group_is_a_post_and_putting_me_in_is_joining() -> None:
    assert wanted("fine, put it in the Coastal Crawlers group instead") == ["create_post"]
    assert wanted("put me in the Coastal Crawlers group") == ["join_group"]


# --- someone else's calendar ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "scrap the podiatrist from his cal, it got moved",
        "take choir off mum's calendar",
        "delete the lunch thing out of their diary",
    ],
)
def test_dropping_from_anyones_calendar_deletes_an_event(text: str) -> None:
    assert "delete_event" in wanted(text)


def test_a_request_in_question_form_after_news_is_not_a_detail_of_it() -> None:
    text = "dad's not going to golf on sunday after all, could you take it out of his calendar"
    assert wanted(text) == ["delete_event"]


@pytest.mark.parametrize(
    "text", ["we aren't heading to Longreach now, too much rain", "I'm no longer driving to Hay"]
)
def test_not_going_somewhere_plans_no_trip(text: str) -> None:
    assert "plan_trip" not in wanted(text)


# --- terse lists: the request before, again, with only its values ---------------------------


def test_a_priced_clause_after_an_expense_is_another_expense() -> None:
    pieces = split("fish n chips $22.40; laundromat 12 tues", TODAY)
    assert [p.intent.tool for p in pieces if p.intent] == ["add_expense", "add_expense"]


def test_a_priced_clause_after_an_income_is_another_income() -> None:
    assert wanted("income 400 fruit picking; 90 car boot sale") == ["add_income", "add_income"]


def test_a_category_with_a_price_after_a_budget_is_another_budget() -> None:
    assert wanted("budget: eating out 200/mth + groceries 700") == ["set_budget", "set_budget"]


@pytest.mark.parametrize(
    "text",
    [
        "got paid 600 for the shearing, 3 weeks work",
        "set a budget of 500 a month for fuel and tell me when it hits 80 percent",
        "bought bread, 6 eggs and milk for 14",
    ],
)
def test_counts_and_details_stay_with_their_request(text: str) -> None:
    assert len([t for t in wanted(text) if t]) == 1


def test_plus_ends_a_request_even_after_a_colon() -> None:
    text = "post to Desert Drifters: the Oodnadatta is dry + add 'buy a spare tyre' to my tasks"
    assert wanted(text)[:1] == ["create_post"]
    assert len(wanted(text)) == 2
    assert wanted("plan Broome -> Derby fri + task: ring the caravan park") == [
        "plan_trip",
        "add_task",
    ]


def test_the_shopping_named_without_its_list_after_news() -> None:
    assert wanted("finished the last of the coffee, add to shopping") == ["add_to_shopping_list"]


# --- request words cut short ---------------------------------------------------------------


def test_shorthand_request_words_are_written_out() -> None:
    assert correct("wx longreach 4d") == "weather longreach 4d"
    assert correct("any new join reqs?") == "any new join requests?"
    assert correct("wxyz") == "wxyz"


def test_the_weather_in_shorthand_finds_its_town() -> None:
    (call,) = step("wheels", "wx carnarvon 2d").tool_calls
    assert call["name"] == "weather_forecast"
    assert call["args"]["location"] == "Carnarvon"


# --- feature words in another sense, or only mentioned ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "which budget motel in Tennant Creek is any good",
        "hay for the horses is so dear, the stock feed bill is killing us",
        "the feed for the sheep has doubled since the drought",
        "my grandson asked what a 'budget' even is",
        "why does everyone keep saying 'like and subscribe'",
        "is $80 a day a realistic amount for fuel on the Nullarbor?",
    ],
)
def test_feature_words_in_another_sense_ask_for_no_tool(text: str) -> None:
    assert route(text) == ["general"]


@pytest.mark.parametrize("text", ["set a budget of 300 for eating out", "how's the budget going"])
def test_the_budget_itself_is_still_read(text: str) -> None:
    assert route(text) == ["wins"]


# --- a list named by what it holds -----------------------------------------------------------


def test_putting_a_thing_in_the_freezer_list_adds_it() -> None:
    assert wanted("chuck 2 snags in the freezer list, good till the 20th") == ["add_pantry_item"]


def test_read_it_back_after_a_shopping_add_shows_the_list() -> None:
    turns: list[str | BaseMessage] = [
        "add tomatoes and bread to the shopping list",
        called("add_to_shopping_list", "s1", items=["tomatoes", "bread"]),
        result("s1", "add_to_shopping_list", summary="Added 2 items."),
        AIMessage("Added tomatoes and bread."),
        "can you read them back to me",
    ]
    assert route(*turns) == ["you"]
    only_call(step("you", *turns), "get_shopping_list")


# --- letters: the salutation and closing ask nothing; formal requests ----------------------


def test_a_letters_greeting_and_closing_are_set_aside() -> None:
    text = (
        "Dear PAM,\n\nWe paid $64 for two nights at the Hay caravan park on Tuesday.\n\n"
        "Warm regards,\nMargaret"
    )
    pieces = [p for p in split(text, TODAY) if p.intent]
    assert [p.intent.tool for p in pieces if p.intent] == ["add_expense"]
    assert "Margaret" not in pieces[0].text and "Dear" not in pieces[0].text


def test_a_letter_that_only_greets_is_still_a_greeting() -> None:
    assert route("Good afternoon PAM! I hope you are keeping well.") == ["general"]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        (
            "I should be most grateful if you would change my currency to New Zealand dollars.",
            "update_profile",
        ),
        (
            "We are leaving Mildura shortly. I would be obliged if you would let me know what "
            "we have spent on diesel this month.",
            "list_expenses",
        ),
    ],
)
def test_formal_requests_are_addressed_to_pam(text: str, tool: str) -> None:
    assert tool in wanted(text)
    assert not any(t in WRITES for t in wanted(text) if t != tool)


def test_a_question_for_talk_keeps_the_story_as_context() -> None:
    text = (
        "We have a fortnight of driving up the Stuart Highway ahead of us. Could you suggest "
        "some good podcasts for the long stretches?"
    )
    assert route(text) == ["general"]


def test_going_through_papers_is_no_journey() -> None:
    assert "plan_trip" not in wanted("I was going through the receipts from Broome last night")


# --- a note of something PAM keeps as a row ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("please make a note that we spent $42 on the ferry to Kangaroo Island", "add_expense"),
        ("note: dentist for Kev on friday at 14h", "create_event"),
        (
            "note for future reference that there is a free camp at the Wirrabara forest",
            "save_place",
        ),
    ],
)
def test_a_note_of_a_row_pam_keeps_is_that_row(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


@pytest.mark.parametrize(
    "text",
    [
        "note that we never drive after dark",
        "fyi we spent a month in Tassie last year",
        "please bear in mind that my wife cannot climb stairs",
    ],
)
def test_a_note_of_anything_else_is_a_memory(text: str) -> None:
    assert wanted(text) == ["remember"]


def test_money_filed_under_a_category_is_an_expense() -> None:
    assert wanted("the $95 for the new tyre valve, file it under repairs") == ["add_expense"]


def test_litres_per_hundred_is_no_fill() -> None:
    assert "log_fuel" not in wanted(
        "our new Jayco van tows fine, the Ranger uses 14 litres per 100 km"
    )


# --- social words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("what is new in the group Kombi Lovers?", "get_feed"),
        ("has anybody wrote about the ferry to Bruny?", "get_feed"),
        ("answer to the post of Lena about the markets: we'll be there at 9", "comment_on_post"),
        ("reply to Tom's post about Coffin Bay: the oysters were great", "comment_on_post"),
    ],
)
def test_social_requests_in_learners_words(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


def test_write_there_after_joining_posts_the_words_after_the_colon() -> None:
    assert wanted("ok write there: anyone want to share a site at Esperance on friday?") == [
        "create_post"
    ]


# --- an event no longer at its time, and more for the list shown --------------------------------


def test_an_event_no_longer_at_its_time_is_changed() -> None:
    text = "the pottery class is not at 9h anymore, they moved it to 11h"
    assert wanted(text) == ["update_event"]


def test_also_add_after_the_shopping_list_adds_to_it() -> None:
    turns: list[str | BaseMessage] = [
        "what's on the shopping list?",
        called("get_shopping_list", "g1"),
        result("g1", "get_shopping_list", summary="2 items.", items=[{"name": "bread"}]),
        AIMessage("You have bread and milk on the list."),
        "thanks, could you also add a bag of oranges for the kids, who love them",
    ]
    assert route(*turns) == ["you"]
    items = only_call(step("you", *turns), "add_to_shopping_list")["items"]
    assert not any("love" in item for item in items)


def test_an_entry_put_in_twice_shows_the_entries() -> None:
    assert wanted("I reckon I logged the diesel at Ceduna twice, can you have a look") == [
        "list_expenses"
    ]


@pytest.mark.parametrize(
    "text",
    ["add 'check the water pump' to tasks", "pop see what the mechanic says on my to-do list"],
)
def test_a_look_word_inside_a_job_added_to_the_tasks_is_no_look(text: str) -> None:
    assert wanted(text) == ["add_task"]


def test_looking_at_the_tasks_is_still_a_look() -> None:
    assert wanted("check what's left on my tasks") == ["list_tasks"]


def test_a_list_named_without_its_article_after_the_pantry_is_that_list() -> None:
    turns: list[str | BaseMessage] = [
        "what's in the fridge?",
        called("list_pantry", "p1"),
        result("p1", "list_pantry", summary="1 item.", items=[{"name": "butter"}]),
        AIMessage("You have butter."),
        "ok put more butter on shopping list",
    ]
    only_call(step("you", *turns), "add_to_shopping_list")
