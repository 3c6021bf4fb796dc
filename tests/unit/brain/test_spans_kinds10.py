"""Free-text details that keep only what was meant (branch i15-spans10), by kind with
sentences of our own: a rate's words out of a description, the words a category was read
from out of it, the day told then the ask to be reminded as an event's title, a copula
before the day, why an item goes on the list."""

from __future__ import annotations

import pytest

from agent.brain.convo import read_env
from agent.brain.places import trip_places
from agent.brain.slots_home import shopping_items
from agent.brain.slots_social import create_group
from agent.brain.slots_vehicle import add_vehicle
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


@pytest.mark.parametrize(
    ("said", "origin"),
    [
        ("if we went darwin to alice how many hours driving would that be", "Darwin"),
        ("we drove broome to derby", "Broome"),
        ("heading perth to albany next week", "Perth"),
    ],
)
def test_a_verb_of_going_is_no_part_of_the_origin(said: str, origin: str) -> None:
    assert trip_places(normalise(said))[0] == origin


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("make a group for tassie campervanners, open to anyone", "Tassie campervanners"),
        ("create a group called Pilbara Rovers, anyone can join", "Pilbara Rovers"),
    ],
)
def test_a_group_open_to_anyone_is_not_private(said: str, name: str) -> None:
    args = create_group(normalise(said), ENV).args
    assert args["private"] is False and args["name"] == name


def test_a_vehicle_name_said_as_name_is() -> None:
    said = "please add my car: it is VW Transporter from 2015, petrol, name is Bulli"
    assert add_vehicle(normalise(said), ENV).args["name"] == "Bulli"
