"""Which tool, which row, and whether to write (branch b16-kinds): two readings asked in one
message, a write only when asked (a refusal said after the telling, someone else's money,
money still to come, someone else's figures), a new row beside the one before vs a change of
it, a kept row corrected with "shoulda been", a reading asked again with a new value, a job
told done after the shopping list, a how-to question with its values, and near neighbours
(an expense filed under repairs, a place shared, a fact about a place). Phrasings written for
these tests, none from an eval set."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage

from agent.brain.asking import WRITES, mood_told
from agent.brain.general import general_reply
from agent.brain.segment import split
from agent.brain.textutil import normalise
from tests.unit.brain.support import TODAY, called, result, route, step


def _calls(*turns: Any, **extra: str) -> list[tuple[str, dict[str, Any]]]:
    """Every call the message's domains make, routed as the graph routes it."""
    out = []
    for domain in route(*turns):
        answer = step(domain, *turns, **extra)
        out += [(c["name"], dict(c["args"])) for c in answer.tool_calls]
    return out


def _tools(*turns: Any, **extra: str) -> list[str]:
    return [name for name, _ in _calls(*turns, **extra)]


def _read(text: str) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(normalise(text), TODAY)]


# --- two readings asked in one message -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        ("give me the budget and the fuel figures", ["budget_status", "fuel_stats"]),
        ("what's on the shopping list and my jobs for today", ["get_shopping_list", "list_tasks"]),
        (
            "show me the expenses from this week and my upcoming events",
            ["list_expenses", "list_events"],
        ),
        ("show me the feed and all my groups", ["get_feed", "list_groups"]),
        (
            "list my vehicles and the latest tyre pressures",
            ["list_vehicles", "tyre_pressure_history"],
        ),
        ("show me the trips we've got and my to do list", ["list_trips", "list_tasks"]),
        (
            "how much petrol have we burnt this month and are we under budget",
            ["fuel_stats", "budget_status"],
        ),
    ],
)
def test_two_readings_in_one_message_are_both_read(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        # a span of days is one reading's, not a second one
        ("show my fuel expenses between christmas and new year", ["list_expenses"]),
        # the fuel's own figures, asked twice over
        ("how much on diesel this month and how many litres?", ["fuel_stats"]),
    ],
)
def test_one_reading_is_not_cut_in_two(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


# --- a write only when asked ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the ferry cost 234 dollars but don't worry about putting that in, I'm only telling you",
        "spent 45 at the chemist, no need to log it though",
        "paid 300 for the tyres yesterday, dont bother putting it in",
        "got paid 500, no need to record it",
        "dinner was 80 bucks, just venting",
    ],
)
def test_a_refusal_after_the_telling_writes_nothing(text: str) -> None:
    assert not [t for t in _tools(text) if t in WRITES]


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("the ferry cost 234 dollars, don't forget to log it", "add_expense"),
        ("spent 12 on a pie, log it but don't worry about the receipt", "add_expense"),
        ("lunch will be about 30, log it now", "add_expense"),
    ],
)
def test_the_same_words_with_a_request_still_write(text: str, write: str) -> None:
    assert write in _tools(text)


@pytest.mark.parametrize(
    "text",
    [
        "saw a show about a family who towed a van round the country, they spent 40 grand all up",
        "my sister came to visit, she spent 400 on souvenirs",
        "the couple next to us paid 95 a night for a powered site, crazy",
    ],
)
def test_someone_elses_money_in_a_story_writes_nothing(text: str) -> None:
    assert mood_told(normalise(text)) is not None
    assert not [t for t in _tools(text) if t in WRITES]


def test_money_done_to_us_or_beside_ours_is_still_ours() -> None:
    assert "add_expense" in _tools("they charged us 80 for the site")
    assert mood_told("we paid 60 for the dinner and they paid 40") is None
    # the household's money is the couple's
    assert mood_told("the missus and I hit the op shops, she spent 35 on books") is None


def test_a_refusal_of_something_else_leaves_the_purchase_kept() -> None:
    assert "add_expense" in _tools("bought a new esky for 120, don't show it to the missus")


@pytest.mark.parametrize(
    "text",
    [
        "tea tonight will be about 45 I reckon, I'll tell you the real figure later",
        "the rego is gonna be about 850 this year",
        "the new tyres will set us back 1200 i reckon",
        "the site will cost us around 45 a night",
    ],
)
def test_money_still_to_come_writes_nothing(text: str) -> None:
    assert not [t for t in _tools(text) if t in WRITES]


def test_money_done_beside_money_to_come_keeps_only_what_was_done() -> None:
    assert _read("spent 40 on fuel, the rest will be about 30") == ["add_expense", None]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("the 7.80 coffee should be 9.50", "update_expense"),
        ("fix the 12 dollar parking, it should be 42", "update_expense"),
    ],
)
def test_should_be_with_a_figure_still_corrects_a_row(text: str, tool: str) -> None:
    assert _read(text) == [tool]


@pytest.mark.parametrize(
    "text",
    [
        "our neighbours' caravan did 18 litres per 100 on the way up, we're hoping for better",
        "my mate's ute does 12 litres per 100 on the highway",
        "my brother's troopy averages 16 per 100, ours is better",
        "the bloke two vans down reckons diesel is cheaper in dubbo",
    ],
)
def test_someone_elses_figures_told_ask_for_nothing(text: str) -> None:
    assert _tools(text) == []
    assert "can't help" not in general_reply(normalise(text))


def test_someone_elses_figures_with_a_question_of_ours_still_read() -> None:
    assert _tools("my mate's prado does 12 per 100, what are we getting?") == ["fuel_stats"]


# --- a new row beside the one before, or a change of it ----------------------------------------

_AN_EXPENSE = json.dumps(
    [{"kind": "expense", "id": "e1", "amount": 46, "category": "food", "date": "2026-03-09"}]
)


@pytest.mark.parametrize(
    "text",
    [
        "actually we've just had brekkie at the bakery, 18.40, pop that in too",
        "actually add the ice creams as well, 9.80",
        "oh and coffee 5.50, log that too",
    ],
)
def test_another_purchase_after_an_expense_is_a_new_row(text: str) -> None:
    turns = ["pub tea last night was 46, put it in", AIMessage("Logged $46."), text]
    tools = _tools(*turns, previous_action="add_expense (wins, the previous turn, wrote)",
                   previous_rows=_AN_EXPENSE, recent_writes=_AN_EXPENSE)  # fmt: skip
    assert "add_expense" in tools
    assert "update_expense" not in tools


@pytest.mark.parametrize(
    "text",
    [
        "the 46 food one yesterday shoulda been 64",
        "the dinner yesterday should've been 64",
        "that 46 dollar tea was meant to be 64",
    ],
)
def test_a_kept_row_said_wrong_is_changed(text: str) -> None:
    assert _read(text) == ["update_expense"]


# --- a reading asked again with a new value -----------------------------------------------------


@pytest.mark.parametrize(
    ("before", "tool", "args", "again", "changed"),
    [
        ("weather in nelson for the next 3 days", "weather_forecast",
         {"location": "Nelson", "days": 3}, "actually make that 6 days", {"days": 6}),
        ("forecast for mildura tomorrow", "weather_forecast",
         {"location": "Mildura", "days": 1}, "actually make it the next 4 days", {"days": 4}),
        ("campsites near bourke", "find_places", {"near": "Bourke", "kind": "campsite"},
         "actually make that within 40 km", {"radius_km": 40}),
    ],
)  # fmt: skip
def test_a_reading_asked_again_with_a_new_value(
    before: str, tool: str, args: dict[str, Any], again: str, changed: dict[str, Any]
) -> None:
    turns = [before, called(tool, "c1", **args), result("c1", tool), AIMessage("Here."), again]
    calls = _calls(*turns, previous_action=f"{tool} (wheels, the previous turn)")
    assert [name for name, _ in calls] == [tool]
    assert calls[0][1].items() >= changed.items()


def test_a_row_named_after_a_reading_is_that_row_changed() -> None:
    args = {"location": "Yamba", "days": 1}
    turns = ["will it rain in yamba tomorrow?", called("weather_forecast", "c1", **args),
             result("c1", "weather_forecast"), AIMessage("Showers."),
             "ok shift the picnic to saturday then"]  # fmt: skip
    tools = _tools(*turns, previous_action="weather_forecast (wheels, the previous turn)")
    assert "weather_forecast" not in tools


# --- a job told done after the shopping list ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "also I did the ring the bank job yesterday, mark it done",
        "oh and I did the gutters job this morning",
        "also we finished the awning task this arvo, tick it off",
    ],
)
def test_a_job_told_done_after_the_shopping_list_is_ticked(text: str) -> None:
    turns = [
        "whats on the shopping list",
        called("get_shopping_list", "c1"),
        result("c1", "get_shopping_list", items=[{"id": "s1", "item": "bread"}]),
        AIMessage("On the list: bread."),
        text,
    ]
    tools = _tools(*turns, previous_action="get_shopping_list (you, the previous turn)")
    assert "add_to_shopping_list" not in tools
    assert {"complete_task", "list_tasks"} & set(tools)


# --- how to keep a row, with its values -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("g'day, how do I add our van? it's a 2018 Jayco Journey, we call her Daisy",
         "add_vehicle", {"name": "Daisy", "year": 2018, "make": "Jayco"}),
        ("how do i log a fill? 55 litres for 101 at the caltex in gundagai",
         "log_fuel", {"litres": 55, "total_cost": 101}),
        ("how do I add an expense? 38 at the chemist yesterday",
         "add_expense", {"amount": 38, "category": "health"}),
        ("can I add the ute? 2021 Isuzu D-Max, diesel, it's called Bluey",
         "add_vehicle", {"name": "Bluey", "year": 2021, "fuel_type": "diesel"}),
        ("how do I set up a budget? 450 a month for groceries",
         "set_budget", {"monthly_limit": 450}),
    ],
)  # fmt: skip
def test_how_to_keep_a_row_with_its_values_keeps_it(
    text: str, tool: str, args: dict[str, Any]
) -> None:
    calls = _calls(text)
    assert [name for name, _ in calls] == [tool]
    assert calls[0][1].items() >= args.items()


def test_how_to_keep_a_row_with_no_values_writes_nothing() -> None:
    assert not [t for t in _tools("how do I add a vehicle?") if t in WRITES]


# --- whether a thing of a kind of spending went in ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "did I put in the pharmacy thing from tuesday? can't remember",
        "have I entered the rego yet?",
        "did i chuck in the camp fees for last night?",
        "did we log the pub dinner from friday",
    ],
)
def test_whether_spending_went_in_lists_the_expenses(text: str) -> None:
    assert _tools(text) == ["list_expenses"]


# --- which categories there are ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "hi there, what kinds of categories can I put expenses under?",
        "which categories are there for my spending?",
        "what are the spending categories?",
        "list the categories please",
    ],
)
def test_which_categories_there_are_is_answered_without_a_tool(text: str) -> None:
    assert _tools(text) == []
    assert "repairs" in general_reply(normalise(text))


# --- near neighbours: an expense filed under a category, a place shared, a fact of a place -----


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("spent eighty five dollars at supercheap on a new jack for the van. put it under repairs",
         "repairs"),
        ("paid 95 dollars for the wheel alignment, put it in as maintenance", "maintenance"),
        ("bought a jerry can for 45, pop it under repairs", "repairs"),
        ("tyre plug kit 40 bucks, stick that under repairs", "repairs"),
    ],
)  # fmt: skip
def test_money_filed_under_a_category_is_one_expense(text: str, category: str) -> None:
    calls = _calls(text)
    assert [name for name, _ in calls] == ["add_expense"]
    assert calls[0][1]["category"] == category
    assert "put it" not in calls[0][1].get("description", "").lower()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("share the dump point behind the pool in longreach with everyone", "dump_point"),
        ("please share the free camp by the creek at katherine with the community", "campsite"),
        ("share the Apex park dump point in Roma", "dump_point"),
        ("can you share the water tap at the showgrounds in hay with everyone", "water"),
    ],
)
def test_a_place_shared_is_saved_for_everyone(text: str, kind: str) -> None:
    calls = _calls(text)
    assert [name for name, _ in calls] == ["save_place"]
    args = calls[0][1]
    assert args["kind"] == kind and args.get("shared") is True
    assert not args["name"].lower().startswith(("behind", "by "))


def test_a_story_shared_is_a_post() -> None:
    assert _tools("share the photos of the campsite in Roma with everyone") == ["create_post"]


@pytest.mark.parametrize(
    "text",
    [
        "remember the mechanic in thames is honest",
        "oil change 120 today and remember the tyre place in dubbo was really good",
        "note the caravan park at hay is dog friendly",
    ],
)
def test_what_a_place_is_like_is_a_fact_kept(text: str) -> None:
    tools = _read(text)
    assert "remember" in tools
    assert "save_place" not in tools


@pytest.mark.parametrize(
    "text",
    ["we got paid 800 today", "just got paid, 2,340", "got paid 1200 and set a 300 food budget"],
)
def test_being_paid_with_no_payer_is_the_users_pay(text: str) -> None:
    calls = dict(_calls(text))
    assert calls["add_income"]["source"] == "Pay"
