"""Kinds of tool choice of issue 15's sixth round (branch i15-route4): the form of a
message decides, not a phrase list. Each kind is tested on phrasings written for these
tests, none from any eval set."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from langchain_core.messages import AIMessage

from agent.brain.segment import split
from tests.unit.brain.support import called, only_call, result, route, step

TODAY = date(2026, 3, 10)


def tools(domain: str, *turns: Any, **extra: str) -> list[str]:
    return [c["name"] for c in step(domain, *turns, **extra).tool_calls]


def wanted(text: str, kind: str | None = None) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(text, TODAY, kind)]


# --- arriving somewhere is no job to do -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we got to the showgrounds just on dark",
        "I got to a servo with about 20 k of fuel left",
        "we finally got to our site after the ferry",
    ],
)
def test_got_to_a_place_is_arriving_not_a_task(text: str) -> None:
    assert "add_task" not in wanted(text)


@pytest.mark.parametrize(
    "text",
    ["we got to renew the van insurance", "I've got to ring the council about the permit"],
)
def test_got_to_before_a_verb_is_still_a_job(text: str) -> None:
    assert wanted(text) == ["add_task"]


# --- a dictated request mid-message -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool", "not_in_title"),
    [
        (
            "the kids were up half the night and we barely slept anyway can you remind me to "
            "call the vet on friday at 10",
            "create_event",
            "slept",
        ),
        (
            "we met a lovely couple from tassie at the camp kitchen and they said the ferry "
            "books out so could you add a task to book the ferry before march",
            "add_task",
            "couple",
        ),
    ],
)
def test_a_request_in_question_form_after_a_story_is_its_own_sentence(
    text: str, tool: str, not_in_title: str
) -> None:
    pieces = [p for p in split(text, TODAY) if p.intent]
    assert [p.intent.tool for p in pieces if p.intent] == [tool]
    assert not_in_title not in pieces[0].text


def test_a_question_word_before_could_you_is_not_split() -> None:
    assert wanted("how much could you save on diesel by going inland") != [None, None]
    assert len(split("how much could you save on diesel by going inland", TODAY)) == 1


# --- a fill told by its price alone -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "topped up the tank with diesel 84.20",
        "filled the ute with fuel 71.35 this morning",
    ],
)
def test_a_fill_with_only_a_price_is_a_fuel_expense(text: str) -> None:
    assert route(text) == ["wins"]
    assert only_call(step("wins", text), "add_expense")["category"] == "fuel"


@pytest.mark.parametrize("text", ["filled up 52 litres of diesel for 101.40", "just filled up"])
def test_a_fill_with_litres_or_nothing_stays_a_fill(text: str) -> None:
    assert route(text) == ["wheels"]


# --- done, of the task just talked about --------------------------------------------------


def _task_added(title: str) -> list[Any]:
    return [
        f"add a task to {title}",
        called("add_task", "a1", title=title),
        result("a1", "add_task", task={"id": "t1", "title": title, "status": "open"}),
        AIMessage(f"Done — added task '{title}'."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "oh that's done already, I picked it up on the way past",
        "already sorted, I bought it at lunch",
        "is finished, my husband did it yesterday",
    ],
)
def test_done_after_a_task_was_added_completes_it(text: str) -> None:
    turns = [*_task_added("get a new hose fitting"), text]
    assert route(*turns) == ["you"]
    assert only_call(step("you", *turns), "complete_task") == {"task_id": "t1"}


@pytest.mark.parametrize("text", ["bought it this arvo", "I paid for them yesterday"])
def test_a_purchase_of_it_with_no_price_logs_nothing_by_rule(text: str) -> None:
    assert wanted(text) == [None]


def test_a_purchase_of_it_with_a_price_is_still_an_expense() -> None:
    assert wanted("bought it at the hardware shop for 34") == ["add_expense"]


# --- a scene-setting clause asks for nothing ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("now that we're members, could you post in there that we arrive Sunday?", "create_post"),
        ("once we're set up, what's the forecast for Mildura tomorrow?", "weather_forecast"),
        ("since we're in, can you show me the group's posts?", "get_feed"),
    ],
)
def test_a_clause_that_sets_the_scene_is_no_request(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


@pytest.mark.parametrize(
    "text",
    [
        "before I log the takeaway, what have we spent this week?",
        "after I put the groceries in, how much is out so far this month?",
    ],
)
def test_a_category_named_only_in_the_scene_does_not_narrow_a_summary(text: str) -> None:
    assert route(text) == ["wins"]
    assert tools("wins", text) == ["spending_summary"]


# --- the same again --------------------------------------------------------------------


def _previous(action: str, domain: str, filters: dict[str, Any]) -> dict[str, str]:
    return {
        "previous_action": f"{action} ({domain}, the previous turn, wrote)",
        "previous_filters": json.dumps(filters),
        "previous_rows": "[]",
    }


FILLED = _previous(
    "log_fuel",
    "wheels",
    {"litres": 62, "total_cost": 130.2, "location": "Hay", "date": "2026-03-10"},
)


@pytest.mark.parametrize(
    ("text", "place"),
    [("same again at balranald", "Balranald"), ("and the same again in Euston", "Euston")],
)
def test_the_same_again_repeats_the_fill_at_the_place_named(text: str, place: str) -> None:
    args = only_call(step("wheels", text, **FILLED), "log_fuel")
    assert args["litres"] == 62 and args["total_cost"] == 130.2
    assert args["location"] == place


def test_the_same_again_takes_the_day_named() -> None:
    spent = _previous("add_expense", "wins", {"amount": 18, "category": "food"})
    args = only_call(step("wins", "same again yesterday", **spent), "add_expense")
    assert args["amount"] == 18 and args["date"] == "2026-03-09"


def test_the_same_again_after_a_question_repeats_nothing() -> None:
    asked = {**FILLED, "previous_action": "fuel_stats (wheels, the previous turn)"}
    assert "log_fuel" not in tools("wheels", "same again at hay", **asked)


# --- round 4 kinds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "$18 at bakers delight + a task to book the tyre fitting friday",
            ["add_expense", "add_task"],
        ),
        (
            "weather in bathurst tmrw + remind me to ring the park at 9am",
            ["weather_forecast", "create_event"],
        ),
    ],
)
def test_a_plus_between_requests_joins_two(text: str, expected: list[str]) -> None:
    assert wanted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "would you be a love and add eggs and butter to the shopping list",
        "be a dear and put tea bags on the shopping list",
    ],
)
def test_a_dear_and_request_is_a_request(text: str) -> None:
    assert wanted(text) == ["add_to_shopping_list"]


def test_a_statement_then_would_you_write_that_down_logs_it() -> None:
    text = "The butcher in Gundagai was twenty four dollars for snags, would you jot that down."
    assert wanted(text) == ["add_expense"]


@pytest.mark.parametrize(
    ("text", "count", "tool"),
    [
        (
            "jobs for tomorrow:\n- wash the awning\n- check the battery water\n- ring Telstra",
            3,
            "add_task",
        ),
        ("today's spending:\n* diesel 120\n* pies 14.50\nlog these pls", 2, "add_expense"),
        ("bought this arvo:\n• ice 6\n• bait 22", 2, "add_expense"),
    ],
)
def test_a_pasted_list_is_one_request_per_line(text: str, count: int, tool: str) -> None:
    assert wanted(text) == [tool] * count


def test_key_value_lines_are_no_list() -> None:
    text = "make: Toyota\nmodel: Coaster\nyear: 2001\nfuel: diesel\nadd this to my vehicles"
    assert len(split(text, TODAY)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "cross out the $14 for the ice, I counted it twice",
        "scratch off that £9 for the ferry coffee",
        "take out the $30 for the markets, it was refunded",
    ],
)
def test_removing_a_named_amount_deletes_an_expense(text: str) -> None:
    assert wanted(text) == ["delete_expense"]


@pytest.mark.parametrize(
    "text",
    [
        "like Marg's post and tell her the photos are lovely",
        "like Tim's post and write him congrats",
    ],
)
def test_words_for_the_author_after_a_like_are_a_comment(text: str) -> None:
    assert wanted(text) == ["like_post", "comment_on_post"]


@pytest.mark.parametrize(
    "text",
    [
        "could you reply to her and say we'll see her there",
        "tell Rob his post about the Oodnadatta track was spot on",
    ],
)
def test_answering_a_poster_is_a_comment(text: str) -> None:
    assert wanted(text) == ["comment_on_post"]


@pytest.mark.parametrize(
    ("kind", "tool"),
    [("task", "add_task"), ("shopping", "add_to_shopping_list"), ("event", "create_event")],
)
def test_add_another_after_a_list_adds_to_it(kind: str, tool: str) -> None:
    assert wanted("yep, add another: get the gas checked by Friday", kind) == [tool]


@pytest.mark.parametrize(
    "text",
    [
        "delete the $12 for the car wash, we got our money back",
        "remove that $8 for parking, the ranger let us off",
    ],
)
def test_a_reason_after_a_delete_is_no_request(text: str) -> None:
    assert wanted(text) == ["delete_expense"]


@pytest.mark.parametrize(
    "text",
    [
        "the kids and I were laughing about the budget hotel in Perth in 2009, no need to write "
        "anything down, just having a yarn",
        "I'm just rambling about the old days of 35 cent petrol, mate",
    ],
)
def test_saying_nothing_is_to_be_kept_asks_for_no_tool(text: str) -> None:
    assert wanted(text) == [None]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("pop it on my list of jobs to renew the gas certificate", "add_task"),
        ("can you put in a request to join Fishing Nomads for us", "join_group"),
        (
            "Hannah wants a group of her own for the quilters on the road, call it Road Quilters",
            "create_group",
        ),
        (
            "set up a group for bird lovers, open to anyone who wants in, call it Twitchers",
            "create_group",
        ),
    ],
)
def test_nouns_are_not_read_as_verbs(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("how much has the troopy been drinking this month", "fuel_stats"),
        ("what were the tyres reading on the Jayco before we left", "tyre_pressure_history"),
        ("saving this one: dump point behind the rodeo grounds in Mt Isa", "save_place"),
        ("summary for last fortnight pls", "spending_summary"),
        ("got paid 600 for the picking, also how's the month looking", "add_income"),
    ],
)
def test_requests_said_in_other_words(text: str, tool: str) -> None:
    assert wanted(text)[0] == tool


def test_how_the_month_is_tracking_after_an_income_is_a_summary() -> None:
    assert wanted("got paid 600 for the picking, also how's the month looking") == [
        "add_income",
        "spending_summary",
    ]


def test_a_tyre_reading_after_a_fill_is_its_own_request() -> None:
    text = "diesel 61L $130 at Hay, tyres 38 psi all round cold"
    assert wanted(text) == ["log_fuel", "log_tyre_pressures"]


def test_a_new_pet_told_of_goes_to_the_profile() -> None:
    text = "we've a new travelling companion, a border collie named Skip"
    assert wanted(text) == ["update_profile"]


def test_a_command_before_a_pointing_request_of_another_domain_stays() -> None:
    text = "Save the rest area at Nundroo for us, four stars. And tell the community about it"
    assert wanted(text) == ["save_place", "create_post"]


def test_a_story_before_a_pointing_request_is_only_context() -> None:
    text = "We sold the caravan in Dubbo. Could you change my travel style to tent on my profile?"
    assert wanted(text) == ["update_profile"]


def test_a_correction_with_an_excuse_after_it_still_corrects() -> None:
    spent = {
        "previous_action": "add_expense (wins, the previous turn, wrote)",
        "previous_filters": json.dumps({"amount": 70, "category": "repairs"}),
        "previous_rows": json.dumps(
            [
                {
                    "kind": "expense",
                    "id": "e1",
                    "amount": 70,
                    "category": "repairs",
                    "date": "2026-03-10",
                }
            ]
        ),
    }
    text = "sorry it was 75 not 70, I misread the docket in the dark"
    assert only_call(step("wins", text, **spent), "update_expense") == {
        "expense_id": "e1",
        "amount": 75,
    }


@pytest.mark.parametrize(
    "text",
    [
        "would you mind crossing out the $7.20 for the milk, it's in there twice",
        "could you be taking out the $55 for the tow, the insurer covered it",
    ],
)
def test_a_delete_said_as_an_ing_form_deletes(text: str) -> None:
    assert wanted(text)[0] == "delete_expense"


def test_where_goods_were_bought_is_no_second_request() -> None:
    assert wanted("put 2 tins of tomatoes in the pantry, we got them from the co-op") == [
        "add_pantry_item"
    ]


def test_fees_for_a_place_are_an_expense_not_a_saved_place() -> None:
    assert wanted("the caravan park fees were $68.00 for two nights, add it") == ["add_expense"]
    assert wanted("spotted a shady free camp by the river at Hay, save it") == ["save_place"]


@pytest.mark.parametrize(
    "text",
    [
        "pop eggs and bacon on the shopping list, we're heading into Mudgee after lunch",
        "log $25 for the laundromat, I'm off to Goondiwindi tomorrow",
    ],
)
def test_where_the_user_is_going_after_another_request_is_news(text: str) -> None:
    assert "plan_trip" not in wanted(text)


def test_a_trip_asked_after_another_request_is_still_planned() -> None:
    assert wanted("log $25 for the laundromat, then plan a trip from Moree to Goondiwindi") == [
        "add_expense",
        "plan_trip",
    ]
