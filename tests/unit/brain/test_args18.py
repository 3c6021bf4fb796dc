"""Branch b18-args: argument values read from rambling stories and loose figures, from round
18's failures: a whole number before a plural noun counts things even after a money verb, a
figure the user settles on ("call it 82.50") is the amount, the category and the day the user
files a spending under outrank the story's words, of a story's several days the one in the
amount's clause is the spending's, "the big shop" is groceries, and a kind word written with
a capital is a vehicle's own name. Phrasings of our own; none is a blind set's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.brain.convo import Env
from agent.brain.ranges import find_range
from agent.brain.slots import EXTRACT
from agent.brain.textutil import normalise

ZONE = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 3, 10, 9, tzinfo=ZONE)  # a Tuesday


def _extract(tool: str, text: str) -> dict[str, Any]:
    env = Env(domain=None, now=NOW, tz=ZONE)
    return dict(EXTRACT[tool](normalise(text), env).args)


# --- a count of things after a money verb is no amount --------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("mate's been to 30 pubs on this trip, anyway tea tonight was 27.80, log it", 27.8),
        ("the queue was 25 cars long at the ferry, the ticket was 64.50", 64.5),
        ("we went to 12 markets this month, this one cost me 18.40 for jam", 18.4),
        ("it was 3 servos before we found diesel, filled for 110.25", 110.25),
        ("there were 50 vans at the show, entry was 22.50 each for 2 of us", 45),
    ],
)
def test_a_count_of_things_is_not_the_amount(text: str, amount: float) -> None:
    assert _extract("add_expense", text)["amount"] == amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # look-alikes: a money verb before a figure that is money
        ("paid 40 for the laundry", 40),
        ("spent 65 at the butcher", 65),
        ("lunch was 18 bucks", 18),
    ],
)
def test_a_figure_after_a_money_verb_stays_money(text: str, amount: float) -> None:
    assert _extract("add_expense", text)["amount"] == amount


# --- the figure settled on ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("the butcher was sixty-odd, call it 63.20", 63.2),
        ("fuel was about 90, make it 91.40", 91.4),
        ("chemist was 40 something, let's say 42.75", 42.75),
        ("dinner came to 58.60, round it up to 60 with the tip", 60),
        ("hardware store was $30 or so, call it $31.95", 31.95),
    ],
)
def test_the_figure_settled_on_is_the_amount(text: str, amount: float) -> None:
    assert _extract("add_expense", text)["amount"] == amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # a count or a span settled on is no price
        ("call it 3 days of camping, 90 all up", 90),
        ("say 2 bags of ice, 9.60 at the servo", 9.6),
    ],
)
def test_a_count_settled_on_is_no_amount(text: str, amount: float) -> None:
    assert _extract("add_expense", text)["amount"] == amount


# --- the category and the day the user files it under ---------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("bought a new esky at the servo when the gas ran out, 45, log it as shopping", "shopping"),
        ("the fridge on the van died so we ate out, 62, put it under food", "food"),
        ("swapped the bottle at the hardware shop, 38, log it as gas", "gas_lpg"),
        ("the mechanic sold us a cap for the water tank, 12, pop it under repairs", "repairs"),
        ("grabbed coffee at the tyre place while we waited, 9, file it under food", "food"),
    ],
)
def test_the_category_filed_under_wins(text: str, category: str) -> None:
    assert _extract("add_expense", text)["category"] == category


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("the takeaway from this morning was $22, can you put that under yesterday", "2026-03-09"),
        ("today's paper said rain, anyway $14 for the laundromat, log it for Sunday", "2026-03-08"),
        ("we saw Bill on Friday, then on Saturday I paid 55 at the vet", "2026-03-07"),
        ("Monday was a washout, anyway on Sunday we spent 38 at the markets", "2026-03-08"),
        ("on the 2nd we arrived, on the 4th I paid 120 for the tyre", "2026-03-04"),
    ],
)
def test_the_day_filed_under_or_of_the_amounts_clause(text: str, day: str) -> None:
    assert _extract("add_expense", text)["date"] == day


def test_a_day_in_another_clause_leaves_the_first() -> None:
    # "booked … for Friday": the day of the booking's clause, not the spending's
    args = _extract("add_expense", "yesterday I booked the site for Friday, paid 80")
    assert args["date"] == "2026-03-09"


# --- the big shop; a kind word with a capital -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "did the big shop at aldi, 140, then had a coffee",
        "weekly shop at coles 96.50 and a coffee after",
        "fortnightly shop was 210, grabbed a pie too",
    ],
)
def test_the_big_shop_is_groceries(text: str) -> None:
    assert _extract("add_expense", text)["category"] == "groceries"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("add a 2012 Ranger, diesel, call it the Ute", "Ute"),
        ("new vehicle, a Coaster bus, we call it the Bus", "Bus"),
        ("add our 2018 Jayco, name it the Van", "Van"),
        ("add a 2010 patrol, call it the ute", "the ute"),  # lower case: a kind, not a name
        ("add our isuzu truck, call it the truck", "the truck"),
    ],
)
def test_a_kind_word_with_a_capital_is_a_name(text: str, name: str) -> None:
    assert _extract("add_vehicle", text)["name"].lower() == name.lower()
    assert _extract("add_vehicle", text)["name"] == name or name.islower()


# --- a reading said digit by digit ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "km"),
    [
        ("odo reads four five two one nine, 60 litres at 1.99", 45219),
        ("55 litres, the odometer says two one three four four eight", 213448),
        ("filled 50 litres, odometer nine eight seven six five", 98765),
        ("put in 70 litres and the speedo showed one two three four five six", 123456),
        ("42 litres at Hay, odo one zero two three four five", 102345),
    ],
)
def test_a_reading_said_digit_by_digit_is_one_figure(text: str, km: int) -> None:
    assert _extract("log_fuel", text)["odometer_km"] == km


def test_digits_apart_from_a_reading_stay_apart() -> None:
    # a count and a price are no reading said digit by digit
    args = _extract("log_fuel", "2 jerry cans, 40 litres at 2.10, odometer 153200")
    assert args["odometer_km"] == 153200 and args["litres"] == 40


# --- a vehicle taken back for one said later -------------------------------------------------


def _fleet_env() -> Env:
    fleet = (("Prado", "", "Toyota", "Prado"), ("Bertha", "", "Isuzu", "D-Max"))
    return Env(domain=None, now=NOW, tz=ZONE, vehicle="Prado", vehicles=fleet)


@pytest.mark.parametrize(
    ("text", "vehicle"),
    [
        ("log 50 litres at 1.95 for the Prado - no, the other one, Bertha", "Bertha"),
        ("60 litres in Bertha, sorry, the Prado", "Prado"),
        ("put 45 litres at 2.10 in the Prado... wait, Bertha", "Bertha"),
        ("filled Bertha, I mean the Prado, 70 litres", "Prado"),
        ("55 litres for the Prado, actually Bertha", "Bertha"),
        # look-alikes: nothing taken back
        ("55 litres for the Prado at 2.05", "Prado"),
        ("40 litres in Bertha, no dramas", "Bertha"),
    ],
)
def test_a_vehicle_taken_back_gives_way_to_the_later_one(text: str, vehicle: str) -> None:
    args = dict(EXTRACT["log_fuel"](normalise(text), _fleet_env()).args)
    assert args["vehicle"] == vehicle


# --- two days of a month named by where it is from today ------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("what did I spend between the 1st and the 15th of last month", "2026-02-01", "2026-02-15"),
        ("expenses from the 3rd to the 9th of this month", "2026-03-03", "2026-03-09"),
        ("groceries between the 10th and 20th of last month", "2026-02-10", "2026-02-20"),
        ("show fuel from the 2nd till the 6th of last month", "2026-02-02", "2026-02-06"),
        ("list spending from the 1st - the 7th of this month", "2026-03-01", "2026-03-07"),
    ],
)
def test_two_days_of_a_near_month(text: str, start: str, end: str) -> None:
    args = _extract("list_expenses", text)
    assert (args["start_date"], args["end_date"]) == (start, end)


def test_two_days_of_a_near_month_said_with_and_alone_are_no_span() -> None:
    # "the 2nd and the 9th of last month": two days, not the days between
    span = find_range("the 2nd and the 9th of last month", NOW.date(), future=False)
    assert span is None or (span.start, span.end) != (date(2026, 2, 2), date(2026, 2, 9))


# --- a fill's town after "into"; a year after a word of time is no price --------------------


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("pulled into Hay, 60 litres at 2.10", "Hay"),
        ("rolled into Broken Hill and put 70 litres in at 2.25", "Broken Hill"),
        ("we limped into Tennant Creek, 85 litres at 2.40", "Tennant Creek"),
        # look-alikes: a container is no town
        ("poured 20 litres into the jerry can at 2.05", None),
        ("60 litres into the tank at 1.99", None),
    ],
)
def test_a_town_after_into_is_the_fuel_stop(text: str, location: str | None) -> None:
    assert _extract("log_fuel", text).get("location") == location


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("worst roads since 2009, anyway 88 litres at 2.35", {"price_per_litre": 2.35}),
        ("been coming here since 2015, 70 litres 145.20", {"total_cost": 145.2}),
        ("first came through back in 2012, 50 litres at 1.98", {"price_per_litre": 1.98}),
    ],
)
def test_a_year_after_a_word_of_time_is_no_price(text: str, args: dict[str, Any]) -> None:
    read = _extract("log_fuel", text)
    assert {k: read.get(k) for k in args} == args
    assert read.get("total_cost") in (None, args.get("total_cost"))  # never the year


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("met them back in 2019 at the pub, lunch 45", 45),
        ("haven't been here since 2016, the museum 24", 24),
    ],
)
def test_a_year_after_a_word_of_time_is_no_amount(text: str, amount: float) -> None:
    assert _extract("add_expense", text)["amount"] == amount
