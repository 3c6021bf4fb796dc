"""Free-text details that keep only what was meant (branch i15-spans10), by kind with
sentences of our own: a rate's words out of a description, the words a category was read
from out of it, the day told then the ask to be reminded as an event's title, a copula
before the day, why an item goes on the list."""

from __future__ import annotations

import pytest

from agent.brain.convo import read_env
from agent.brain.slots_home import shopping_items
from agent.brain.slots_wins import add_expense
from agent.brain.slots_you import create_event
from agent.brain.textutil import normalise
from tests.unit.brain.support import system

ENV = read_env([system("wins")], None)


@pytest.mark.parametrize(
    ("said", "description"),
    [
        ("paid the van park 45 a night for three nights", "Van park for 3 nights"),
        ("paid 120 for 2 nights at the caravan park, 60 a night", "2 nights at the caravan park"),
        ("paid 12 a day for parking", "Parking"),
        ("2 nights at big4 at 58 per night", "2 nights at big4"),
    ],
)
def test_a_rate_is_no_part_of_the_description(said: str, description: str) -> None:
    assert add_expense(normalise(said), ENV).args["description"] == description


@pytest.mark.parametrize(
    ("said", "description"),
    [
        ("spent 43.20 at woolies on groceries", "Woolies"),
        ("spent 64 at IGA on groceries", "IGA"),
        ("paid 18 at the Shell on fuel", "Shell"),
        ("spent 50 on groceries", "Groceries"),  # nothing else said: the words stay
        ("40 on lunch at the pub", "Lunch at the pub"),  # not after "on" a place: kept
    ],
)
def test_the_category_said_is_cut_when_more_is_said(said: str, description: str) -> None:
    assert add_expense(said, ENV).args["description"] == description


@pytest.mark.parametrize(
    ("said", "title"),
    [
        ("ray's birthday is on the 14th, remind me the day before to get a cake",
         "Ray's birthday: get a cake"),
        ("mum's birthday is the 3rd of april, please remind me a day before", "Mum's birthday"),
        ("dinner with the Smiths is on saturday at 6", "Dinner with the Smiths"),
    ],
)  # fmt: skip
def test_an_event_told_then_reminded_is_titled_by_the_day_told(said: str, title: str) -> None:
    assert create_event(said, ENV).args["title"] == title


@pytest.mark.parametrize(
    ("said", "items"),
    [
        ("we're out of eggs now, and need milk, add them to the shopping", ["eggs", "milk"]),
        ("we need milk and eggs, put them on the list", ["milk", "eggs"]),
        ("add new potatoes to the list", ["new potatoes"]),
        ("low on coffee and tea bags, add to the shopping list", ["coffee", "tea bags"]),
    ],
)
def test_why_an_item_goes_on_the_list_is_no_part_of_it(said: str, items: list[str]) -> None:
    assert shopping_items(said) == items
