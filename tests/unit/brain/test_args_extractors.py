"""Issue 15, fourth round: argument rules by kind, checked on each tool's extractor with
phrasings of their own (none an eval set's sentence). The extractor reads the message as
the planner hands it over: normalised (number words as digits), or as typed for the
tools whose text is the user's own words."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.brain.convo import Env
from agent.brain.slots import DOMAIN, EXTRACT, OWN_WORDS
from agent.brain.textutil import normalise

_TZ = ZoneInfo("Australia/Brisbane")
_NOW = datetime(2026, 6, 10, 9, 0, tzinfo=_TZ)  # a Wednesday


def _args(tool: str, text: str) -> dict[str, Any]:
    env = Env(domain=DOMAIN[tool], now=_NOW, tz=_TZ)
    return EXTRACT[tool](text if tool in OWN_WORDS else normalise(text), env).args


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # a size said in words is no price: the price is the other number
        ("swapped the 4 kilo gas bottle in Broome, 29.50", 29.5),
        ("a 20 litre drum of water from the servo, 12 bucks", 12),
        ("bought six metres of hose for the van, 38.90", 38.9),
        ("the two kilo bag of rice came to eleven forty", 11.4),
        ("got a 9kg bottle refilled, twenty-eight ninety-five", 28.95),
    ],
)
def test_a_size_in_words_is_not_the_price(text: str, amount: float) -> None:
    assert _args("add_expense", text)["amount"] == pytest.approx(amount)


@pytest.mark.parametrize(
    ("text", "consumption"),
    [
        ("the Troopy drinks about fourteen litres to the hundred", 14),
        ("she uses 11.5 litres to every hundred on diesel", 11.5),
        ("our Hilux, does 10 L per 100km", 10),
    ],
)
def test_litres_to_the_hundred_is_consumption(text: str, consumption: float) -> None:
    args = _args("add_vehicle", text)
    assert args["consumption_l_per_100km"] == pytest.approx(consumption)


def test_to_the_hundred_needs_litres() -> None:
    assert "consumption_l_per_100km" not in _args("add_vehicle", "add the Prado, 5 to the 100")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name written as one ends where its capitals end
        (
            "can you start a private group called Smiths on the Road so only family see it",
            "Smiths on the Road",
        ),
        ("make a group called Coffee in Bright because we all love it", "Coffee in Bright"),
        ("create a group Gibb River Crew, make it private", "Gibb River Crew"),
        ("set up a group Cape York Convoy 2027 for the trip north", "Cape York Convoy 2027"),
        ("start a group named Dog People about travelling with dogs", "Dog People"),
    ],
)
def test_a_group_name_ends_where_its_capitals_end(text: str, name: str) -> None:
    assert _args("create_group", text)["name"] == name


def test_a_group_description_after_its_name_stays() -> None:
    args = _args("create_group", "start a group named Dog People about travelling with dogs")
    assert args["description"] == "Travelling with dogs"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the name others call the user, or one PAM is asked to use from now on
        ("everyone calls me Jacko", "Jacko"),
        ("the grandkids call me Nanna Pat", "Nanna Pat"),
        ("it's Margaret really but please use Mags from now on", "Mags"),
        ("could you go with Robbo instead", "Robbo"),
    ],
)
def test_the_name_to_call_the_user(text: str, name: str) -> None:
    assert _args("update_profile", text)["display_name"] == name


@pytest.mark.parametrize(
    "text", ["use metric from now on", "could you use miles instead", "please use kilometres"]
)
def test_a_unit_to_use_is_no_name(text: str) -> None:
    assert "display_name" not in _args("update_profile", text)


@pytest.mark.parametrize(
    ("text", "location"),
    [
        # the town a spot is by: "just out of", "not far from", "past", "close to"
        ("found a quiet free camp just out of Hay, save it", "Hay"),
        ("save the rest area not far from Bourke", "Bourke"),
        ("we came across a dump point past Tailem Bend, save that", "Tailem Bend"),
        ("save the little campsite close to Kalbarri", "Kalbarri"),
    ],
)
def test_a_spot_is_by_the_town_after_out_of(text: str, location: str) -> None:
    assert _args("save_place", text)["location"] == location


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # how a find is told is no part of its name
        ("we've found a ripper camp on the Darling River, save it", "On the Darling River"),
        ("found a top spot called Riverbend out of Swan Hill, save it", "Riverbend"),
        ("I just came across a campsite called Bush Haven near Dubbo, save it", "Bush Haven"),
    ],
)
def test_a_found_spot_is_named_without_the_telling(text: str, name: str) -> None:
    assert _args("save_place", text)["name"] == name


def test_a_found_spot_with_no_name_is_asked_for() -> None:
    assert "name" not in _args("save_place", "found a great rest area not far from Bourke, save it")


@pytest.mark.parametrize(
    "text",
    [
        # saying not to keep it never saves, whatever else the message says
        "plan a trip from Roma to Injune but don't save it",
        "how far from Broome to Derby? no need to save anything",
        "map out Alice to Uluru for me, dont bother saving it, just dreaming",
    ],
)
def test_saying_not_to_keep_a_trip_does_not_save_it(text: str) -> None:
    assert _args("plan_trip", text)["save"] is False


def test_forgetting_is_no_refusal_to_save() -> None:
    assert _args("plan_trip", "don't forget to save the trip from Roma to Injune")["save"] is True


@pytest.mark.parametrize(
    ("text", "origin", "destination"),
    [
        # "down to", "across to", "over to": the way of going is no part of the town
        ("how far from Port Augusta across to Ceduna", "Port Augusta", "Ceduna"),
        ("plan a trip from Cairns up to Cooktown", "Cairns", "Cooktown"),
        ("from Broome over to Derby on Friday, plan it", "Broome", "Derby"),
        ("how long from Albany down to Walpole", "Albany", "Walpole"),
    ],
)
def test_a_direction_before_to_is_not_the_origin(text: str, origin: str, destination: str) -> None:
    args = _args("plan_trip", text)
    assert (args["origin"], args["destination"]) == (origin, destination)


@pytest.mark.parametrize(
    ("text", "group", "content"),
    [
        # "post in <group> that/saying/asking/inviting …"
        (
            "could you post in the Solar Setups group that our new panels are brilliant?",
            "Solar Setups",
            "our new panels are brilliant",
        ),
        (
            "post in Caravan Cooks saying the damper recipe worked",
            "Caravan Cooks",
            "the damper recipe worked",
        ),
        (
            "pls post in van life vic asking if anyone knows a sparky in Bendigo",
            "van life vic",
            "Anyone know a sparky in Bendigo?",
        ),
        (
            "can you post in Kimberley Crew inviting everyone to drinks at 5",
            "Kimberley Crew",
            "Inviting everyone to drinks at 5",
        ),
    ],
)
def test_a_post_told_in_a_group(text: str, group: str, content: str) -> None:
    args = _args("create_post", text)
    assert (args.get("group"), args.get("content")) == (group, content)


@pytest.mark.parametrize(
    "text",
    [
        "post to the group that we leave at 7",
        "could you post in there asking whether the road is open?",
        "post on the feed that the Gibb is open",
    ],
)
def test_a_post_told_to_a_pointer_or_the_feed_names_no_group(text: str) -> None:
    args = _args("create_post", text)
    assert "group" not in args and args["content"]


def test_everyone_in_what_a_post_says_is_not_its_audience() -> None:
    args = _args("create_post", "post in Kimberley Crew inviting everyone to drinks at 5")
    assert args["visibility"] == "group"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # "chuck/throw/pop/stick me in <group>" is asking to join it
        ("throw us into the Solar Setups group pls", "Solar Setups"),
        ("pop me in caravan cooks", "caravan cooks"),
        ("stick us on the grey nomads wa group", "grey nomads wa"),
        ("bung me in the Kimberley Crew", "Kimberley Crew"),
    ],
)
def test_put_me_in_a_group_joins_it(text: str, group: str) -> None:
    assert _args("join_group", text)["group"] == group


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # what will go off within a period: the week is 7 days, a fortnight 14, a month 30
        ("anything in the pantry that'll go off within the week?", 7),
        ("what's going bad in the cupboard in a fortnight", 14),
        ("show me pantry stuff that goes off inside the month", 30),
    ],
)
def test_going_off_within_a_period(text: str, days: int) -> None:
    assert _args("list_pantry", text)["expiring_within_days"] == days
