"""Near misses of request words are put right; real words and names stay as written."""

from __future__ import annotations

from datetime import date

import pytest

from agent.brain.segment import split
from agent.brain.spelling import correct

TODAY = date(2026, 3, 9)


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("our grocery bugdet is 250", "our grocery budget is 250"),
        ("twice a munth", "twice a month"),
        ("the batery went flat", "the battery went flat"),
        ("whats the wheather doing", "whats the weather doing"),
        ("delet the dentst thing", "delete the dentist thing"),
        ("put it in the calender", "put it in the calendar"),
        ("got the van servised", "got the van serviced"),
    ],
)
def test_near_misses_of_request_words_are_put_right(said: str, meant: str) -> None:
    assert correct(said) == meant


@pytest.mark.parametrize(
    "said",
    [
        "a cut above the mouth",
        "pancake batter for the kids",
        "stopping at Coober Pedy",
        "my old Nissan patrol",
        "a lemon pastry",
        "sending the photos",
        "what types of oil",
        "Dennis and Serena are coming",
        "the whether or not question",
    ],
)
def test_real_words_and_names_stay(said: str) -> None:
    assert correct(said) == said


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("make the fuel bugdet 400 a munth", "set_budget"),
        ("new batery for the troopy 280 dollars", "log_maintenance"),
        ("put a dentst appoinment in for friday 9am", "create_event"),
    ],
)
def test_misspelt_request_word_picks_its_tool(text: str, tool: str) -> None:
    tools = [p.intent.tool for p in split(text, TODAY) if p.intent]
    assert tools == [tool]


@pytest.mark.parametrize(
    "text",
    ["19.95 takeaway", "63.40 groceries at the IGA", "7.50 coffees"],
)
def test_dollars_and_cents_before_a_purchase_is_an_expense(text: str) -> None:
    tools = [p.intent.tool for p in split(text, TODAY) if p.intent]
    assert tools == ["add_expense"]


def test_dollars_and_cents_opens_the_first_of_two_requests() -> None:
    pieces = split("22.80 takeaway + remind me to ring the plumber tomorrow", TODAY)
    assert next(p.intent.tool for p in pieces if p.intent) == "add_expense"


@pytest.mark.parametrize(
    "text",
    [
        "we're in the UK a while, have my money in pounds",
        "set our money to euros please",
        "switch all money to USD, we live in Ohio now",
    ],
)
def test_money_kept_in_a_currency_is_the_profile(text: str) -> None:
    tools = [p.intent.tool for p in split(text, TODAY) if p.intent]
    assert tools == ["update_profile"]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("wx cairns 2d", "weather_forecast"),
        ("what's the whether doing tomorrow", "weather_forecast"),
        ("bin the physio from my cal", "delete_event"),
    ],
)
def test_short_forms_and_sound_alikes_of_request_words(text: str, tool: str) -> None:
    tools = [p.intent.tool for p in split(text, TODAY) if p.intent]
    assert tools == [tool]


def test_whether_as_a_conjunction_stays() -> None:
    assert correct("ask whether the park is open") == "ask whether the park is open"


@pytest.mark.parametrize(
    "text",
    [
        "filled 48L for $91 then weather for bourke tomorrow",
        "diesel 55 litres $99.80, wx longreach 2d",
    ],
)
def test_a_weather_clause_after_a_fill_is_its_own_request(text: str) -> None:
    tools = [p.intent.tool for p in split(text, TODAY) if p.intent]
    assert tools == ["log_fuel", "weather_forecast"]


def test_weather_permitting_after_a_trip_asks_nothing() -> None:
    tools = [
        p.intent.tool for p in split("plan a trip to Dubbo, weather permitting", TODAY) if p.intent
    ]
    assert "weather_forecast" not in tools
