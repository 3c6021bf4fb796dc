"""Which act, and whether to write at all (branch b19-acts, round 19). Each kind is tested
on phrasings written for these tests, none from an eval set, with look-alikes that must keep
their old reading."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.brain.convo import Env
from agent.brain.segment import split
from agent.brain.slots import EXTRACT
from agent.brain.textutil import normalise
from tests.unit.brain.support import TODAY, route, step

ZONE = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 3, 10, 9, tzinfo=ZONE)  # a Tuesday


def _read(text: str) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(normalise(text), TODAY)]


def _extract(tool: str, text: str) -> dict[str, Any]:
    env = Env(domain=None, now=NOW, tz=ZONE)
    return dict(EXTRACT[tool](normalise(text), env).args)


def _tools(text: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for domain in route(text):
        answer = step(domain, text)
        out += [(c["name"], dict(c["args"])) for c in answer.tool_calls]
    return out


# --- income: work placed before "paid out", money that landed in the account ---------------


@pytest.mark.parametrize(
    "text",
    [
        "the fruit-picking job near Renmark paid out, 900 all up",
        "Pet-sitting gig at Noosa paid out. 320 dollars, came through last night",
        "1200 from the tax office landed in the bank today",
        "380 hit the account from the market stall",
    ],
)
def test_income_from_work_placed_or_money_landed(text: str) -> None:
    assert _read(text) == ["add_income"]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        # look-alikes: a charge that hit the account is spending
        ("the rego charge hit the account, 320", "add_expense"),
        ("spent 60 at the bakery", "add_expense"),
    ],
)
def test_a_charge_that_hit_the_account_stays_spending(text: str, tool: str) -> None:
    assert _read(text) == [tool]


# --- money told, then "where does that leave us" -------------------------------------------


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        (
            "The shearing job at Hay paid out 700 on Friday. How does that leave us for the"
            " month, net?",
            ["add_income", "spending_summary"],
        ),
        ("spent 40 on fuel. where does that leave us?", ["add_expense", "budget_status"]),
        (
            "got 250 cash for helping at the rodeo. So where's that leave me overall this week?",
            ["add_income", "spending_summary"],
        ),
    ],
)
def test_money_told_then_where_it_leaves_us(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


def test_where_it_leaves_us_alone_is_one_question() -> None:
    assert _read("so where does that leave us for the week, in or out?") == ["spending_summary"]
    assert _read("We're in Dubbo. Where does that leave us for the drive?") == ["budget_status"]


# --- a share pointer after a saved place; a place kept private -----------------------------


def test_a_share_pointer_after_a_place_shares_the_place() -> None:
    text = "Save this spot: creek camp near Tambo, 3/5, shady. Share it with the lot."
    assert _read(text) == ["save_place"]
    tools = _tools(text)
    assert [t for t, _ in tools] == ["save_place"]
    assert tools[0][1].get("shared") is True


def test_a_share_pointer_after_a_post_stays_a_post() -> None:
    assert _read("Great sunset at Uluru tonight. Share it with everyone.") == ["create_post"]


@pytest.mark.parametrize(
    "text",
    [
        "save the water tap behind the pub in Bourke, 4/5, keep it to myself",
        "dump point at the showground in Moree, 3 stars, just for us",
        "save the free camp at Lake Cargelligo, 5/5, don't share",
    ],
)
def test_a_place_kept_private_is_saved_unshared(text: str) -> None:
    assert _extract("save_place", text).get("shared") is False


def test_a_place_said_shared_stays_shared() -> None:
    assert _extract("save_place", "save the rest area at Hay, 4/5, share it")["shared"] is True


# --- someone else's purchase (grown children) ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my daughter in Hobart just bought a campervan for 48k, so jealous",
        "Our grandson has bought a ute for 19,000, lucky boy",
    ],
)
def test_a_grown_childs_purchase_writes_nothing(text: str) -> None:
    assert _read(text) == [None]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("bought my son a bike for 300 at the Kmart", "add_expense"),
        ("paid 80 for my daughter's school shoes", "add_expense"),
        ("my son sent me 200 for fuel", "add_income"),
    ],
)
def test_what_we_paid_for_them_or_they_gave_us_is_ours(text: str, tool: str) -> None:
    assert _read(text) == [tool]


# --- a deadline clause stays with its task --------------------------------------------------


def test_a_deadline_and_importance_stay_with_the_task() -> None:
    text = "Add task: renew the boat licence, till 14.4., it is important"
    assert _read(text) == ["add_task"]
    args = _extract("add_task", text)
    assert args["due_date"] == "2026-04-14"
    assert args["priority"] == "high"
    assert args["title"] == "Renew the boat licence"


def test_two_jobs_in_a_list_stay_two() -> None:
    assert _read("new tasks: renew the rego, till the 3rd, wash the van") == [
        "add_task",
        "add_task",
    ]


def test_a_title_ending_in_it_keeps_it() -> None:
    assert _extract("add_task", "add a task to fix it by monday")["title"] == "Fix it"


# --- a vehicle's spec sheet is no fill; a quoted name ---------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Add the quad as 'Mud Pig' - 2019 Yamaha Grizzly, petrol, 15 L tank", "Mud Pig"),
        ("add our scooter as 'Zippy', 2022 Vespa, 7 L tank, 2.9 L/100km", "Zippy"),
        ("add our ute as 'Dusty', 2012 Ford Ranger, diesel", "Dusty"),
    ],
)
def test_a_spec_sheet_adds_a_vehicle_with_its_quoted_name(text: str, name: str) -> None:
    assert _read(text) == ["add_vehicle"]
    assert _extract("add_vehicle", text)["name"] == name


def test_litres_into_the_tank_stay_a_fill() -> None:
    assert _read("put 40 litres in the tank at 2.05 a litre") == ["log_fuel"]


# --- "tick it off", then "new one: …" -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Done the gas bottle swap - tick it off. New one: book the wheel alignment by Monday.",
        "Mark the rego job as done. Another one: ring the bank about the card, by Monday.",
    ],
)
def test_a_job_ticked_then_a_new_one(text: str) -> None:
    assert _read(text) == ["complete_task", "add_task"]


def test_two_addressed_requests_stay_as_they_were() -> None:
    assert _read("Add a task to ring mum. Can you also add milk to the list?") == [
        "add_task",
        "add_to_shopping_list",
    ]


# --- "was $A, not $B": an amount put right --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The laundromat yesterday was $14.50, not 12.50 - fix it.",
        "our servo stop was $88.10 instead of 81.80",
        "that pie on friday was 9.50 not 5.90, sorry",
    ],
)
def test_an_amount_put_right_updates(text: str) -> None:
    assert _read(text) == ["update_expense"]


# --- a liking with a price bound is a note ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "remember we only pick campgrounds below 30 bucks",
        "remember we like unpowered sites under $25 a night",
    ],
)
def test_a_bound_on_price_is_remembered(text: str) -> None:
    assert _read(text) == ["remember"]


@pytest.mark.parametrize(
    "text", ["make a note: 62.50 groceries at aldi", "remember 45 for the campsite last night"]
)
def test_money_noted_is_still_spending(text: str) -> None:
    assert _read(text) == ["add_expense"]


def test_home_base_named_before_the_words() -> None:
    text = "We're based at Echuca these days - make that our home base"
    assert _extract("update_profile", text)["home_base"] == "Echuca"
    assert _extract("update_profile", "home base is Dubbo now")["home_base"] == "Dubbo"


# --- a reading asked by its name alone beside an addressed sentence ------------------------


def test_a_terse_reading_beside_a_command() -> None:
    text = "Forecast for Mudgee this weekend. And add milk to the shopping list."
    assert _read(text) == ["weather_forecast", "add_to_shopping_list"]


def test_a_told_reading_beside_a_command_stays_context() -> None:
    text = "The weather in Exmouth was awful. Can you add milk to the list?"
    assert _read(text) == ["add_to_shopping_list"]


# --- a reminder added to an event named by its day's possessive ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "For Sunday's Rotary BBQ, add a reminder an hour before",
        "tomorrow's physio - set a reminder 20 minutes before",
    ],
)
def test_a_reminder_for_an_event_kept_changes_it(text: str) -> None:
    assert _read(text) == ["update_event"]


@pytest.mark.parametrize(
    "text",
    [
        "Saturday's markets at 8am, add a reminder half an hour before",
        "add the markets on Saturday, and add a reminder an hour before",
    ],
)
def test_an_event_with_its_time_or_added_is_made(text: str) -> None:
    assert _read(text) == ["create_event"]
