"""Route, keyword hijacks and refusals (branch b19-route, round 19). Each kind is tested on
phrasings written for these tests, none from an eval set, with look-alikes that keep their
old reading."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from agent.brain import reckon
from agent.brain.convo import Env
from agent.brain.general import general_reply
from agent.brain.segment import split
from agent.brain.slots_you import list_events
from agent.brain.textutil import normalise
from tests.unit.brain.support import TODAY, route, step

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))  # a Tuesday


def _read(text: str) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(normalise(text), TODAY)]


# --- sums worked in words: conversions, a day's date, a drive's fuel cost -----------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("how many miles is 120 km?", "74.6"),
        ("how many litres in 20 gallons", "75.7"),
        ("what's 28 psi in kpa", "193"),
        ("convert 90 km/h to mph", "55.9"),
        ("how many kilos is 300 pounds?", "136"),
    ],
)
def test_a_conversion_is_worked_out_in_words(text: str, figure: str) -> None:
    assert route(text) == ["general"]
    assert figure in general_reply(text, None, NOW)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("what's the date next Saturday?", "14"),
        ("what date is this coming Friday", "13"),
        ("what is the date on Sunday?", "15"),
    ],
)
def test_the_date_of_a_day_named_is_told(text: str, day: str) -> None:
    assert _read(text) == [None]
    assert f"is {day} March 2026." in general_reply(text, None, NOW)


@pytest.mark.parametrize(
    "text", ["what's on saturday?", "what's the date of the rally", "move the dentist to friday"]
)
def test_a_row_asked_of_a_day_is_no_date_sum(text: str) -> None:
    assert reckon.date_of_day(text, NOW) is None


def test_a_drive_with_distance_economy_and_price_is_costed() -> None:
    text = "if petrol sits at 1.90 and we cover 1500 km at 10 L/100, how much will that cost?"
    assert route(text) == ["general"]
    assert "285.00" in general_reply(text, None, NOW)


@pytest.mark.parametrize(
    "text",
    [
        "how much will the fuel cost from Alice to Darwin?",  # no figures: the trip planner's
        "what did the diesel cost last week?",
    ],
)
def test_a_cost_without_all_three_figures_is_no_sum(text: str) -> None:
    assert reckon.drive_cost(text) is None


# --- the time of another place, and questions of the app ----------------------------------


def test_the_hour_elsewhere_is_general_and_says_so() -> None:
    text = "what hour is it right now in Lisbon?"
    assert route(text) == ["general"]
    assert general_reply(text, None, NOW).startswith("I can only tell the time where you are")


def test_who_sees_a_private_group_is_a_question_of_the_app() -> None:
    text = "If we set up a closed group, would others be able to read what we post there?"
    assert _read(text) == [None]
    assert route(text) == ["general"]


def test_groups_asked_for_still_list() -> None:
    assert _read("show me groups about fishing") == ["list_groups"]


# --- money asked as "gone on", a daily average, a past day's calendar ---------------------


@pytest.mark.parametrize(
    "text",
    ["how much has gone on camp fees this month", "how much money went into groceries in feb"],
)
def test_money_gone_on_something_is_spending(text: str) -> None:
    assert _read(text)[0] in ("spending_summary", "list_expenses")


def test_a_daily_average_beside_totals_is_money_not_economy() -> None:
    assert _read("spending by category for february and the average per day") == [
        "spending_summary"
    ]
    assert _read("what's the ute averaging on diesel") == ["fuel_stats"]


def test_a_past_day_with_on_is_the_calendar_read_back() -> None:
    assert _read("what did we have on last thursday?") == ["list_events"]
    env = Env("you", NOW, ZoneInfo("Australia/Sydney"))
    args = list_events("what did we have on last thursday?", env).args
    assert args["start_date"] < TODAY.isoformat()
    # the coming days are still read from today
    assert list_events("what have we got on thursday", env).args["start_date"] >= TODAY.isoformat()


def test_a_meal_yesterday_is_no_calendar() -> None:
    assert _read("what did we have for dinner yesterday") != ["list_events"]


# --- a post set out after a label; a reply to a member by name -----------------------------


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Share with everyone: does anyone know a tyre place in Kununurra?", "does anyone know"),
        ("Post this publicly — 'water tank at the rest stop is full'", "water tank"),
        ("please publish: who's up for a convoy to Cape York in June?", "convoy"),
    ],
)
def test_a_labelled_post_is_posted_with_its_words(text: str, content: str) -> None:
    assert route(text) == ["social"]
    answer = step("social", text)
    (call,) = answer.tool_calls
    assert call["name"] == "create_post"
    assert content in call["args"]["content"]
    assert call["args"].get("visibility") == "public"
    assert "group" not in call["args"]


def test_a_post_to_a_named_group_keeps_its_group() -> None:
    answer = step("social", "post to the Quilters group: meeting moved to the hall")
    (call,) = answer.tool_calls
    assert call["args"]["group"] == "Quilters"


def test_a_question_about_posting_is_still_a_question() -> None:
    assert _read("who can see what I post?") == [None]


def test_answering_a_member_by_name_is_a_comment() -> None:
    assert _read("Reply to Marguerite: happy to help, we're parked by the river") == [
        "comment_on_post"
    ]
    assert _read("answer the phone when Marguerite rings") != ["comment_on_post"]


# --- a job named by its priority before what it is -----------------------------------------


@pytest.mark.parametrize(
    ("text", "priority", "title"),
    [
        ("High priority one: phone the insurer about the windscreen", "high", "insurer"),
        ("Top priority job. Swap the gas bottle before Friday.", "high", "gas bottle"),
        ("a low priority task - sort the spare parts box", "low", "spare parts"),
    ],
)
def test_a_job_after_its_priority_is_a_task(text: str, priority: str, title: str) -> None:
    assert route(text) == ["you"]
    (call,) = step("you", text).tool_calls
    assert call["name"] == "add_task"
    assert call["args"]["priority"] == priority
    assert title in call["args"]["title"].lower()


@pytest.mark.parametrize(
    "text", ["low priority ones. what are they?", "we might fix the awning one day, low priority"]
)
def test_a_priority_without_a_job_commanded_writes_nothing(text: str) -> None:
    assert "add_task" not in _read(text)


# --- a group's fields set out with labels --------------------------------------------------


def test_a_group_set_out_with_labels() -> None:
    text = "Create a public group. Name: Desert Stargazers. Description: night skies out west."
    (call,) = step("social", text).tool_calls
    assert call["name"] == "create_group"
    assert call["args"]["name"] == "Desert Stargazers"
    assert call["args"]["description"].lower().startswith("night skies")
    assert call["args"].get("private") is False


def test_a_group_named_in_words_keeps_its_name() -> None:
    (call,) = step("social", "start a group called Tin Can Tourists for vintage vans").tool_calls
    assert call["args"]["name"] == "Tin Can Tourists"


# --- a command on the answer to the question before it -------------------------------------


def test_a_command_if_so_after_a_question_is_asked() -> None:
    text = "Any posts in the Birders group about owls? If yes, like the newest one."
    assert _read(text) == ["get_feed", "like_post"]


def test_an_if_so_that_tells_our_plan_asks_nothing_more() -> None:
    assert _read("Is it going to rain in Bourke tomorrow? If so we will stay put.") == [
        "weather_forecast"
    ]


def test_a_task_list_keeps_its_details_beside_a_priority_led_job() -> None:
    assert _read("todo: renew the van insurance, due next friday") == ["add_task"]
