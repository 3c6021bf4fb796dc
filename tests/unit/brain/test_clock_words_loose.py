"""Clock words said loosely (agent/brain/times.py): "around 9", "noonish", "first thing",
"in about 45 minutes", "half past ten", "quarter to five", "ten-ish", read in events,
reminders and tasks' due days; a loose figure in a message about money stays money."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from agent.brain.textutil import normalise
from agent.brain.times import find_moment, find_time
from tests.unit.brain.support import only_call, step

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))  # a Tuesday


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("pick up the trailer around 11 on thursday", time(11)),
        ("call the caravan park roughly 4 tomorrow", time(16)),
        ("swim lesson friday about 9:15", time(9, 15)),
        ("drinks at the club saturday noonish", time(12)),
        ("meet the plumber monday lunchtime-ish", time(12)),
        ("ring the bank first thing tomorrow", time(8)),
        ("drop the ute off on wednesday first thing", time(8)),
        ("markets sunday half past ten", time(10, 30)),
        ("school pickup thursday quarter to four", time(15, 45)),
        ("bowls on friday 10-ish", time(10)),
    ],
)
def test_a_clock_said_loosely_is_read_in_a_calendar_message(text: str, at: time) -> None:
    moment = find_moment(normalise(text), NOW, future=True, loose=True)  # as the brain reads it
    assert moment is not None and moment.at == at, (text, moment)


@pytest.mark.parametrize(
    "text",
    [
        "the first thing on the list is the gas bottle",
        "about 8 of us are going",
        "it was around 30 degrees",
        "roughly 12 bucks for the lot",
        "about 45 minutes from town",
    ],
)
def test_loose_numbers_that_are_no_clock_stay_numbers(text: str) -> None:
    hit = find_time(normalise(text), loose=True)
    assert hit is None, (text, hit)


def test_a_loose_hour_next_to_a_day_is_a_time_anywhere_but_alone_it_is_not() -> None:
    assert find_time("physio tuesday around 3") is not None
    assert find_time("around 3 on tuesday for the physio") is not None
    assert find_time("paid around 3 for parking") is None  # only calendar readers go loose


def _event(text: str) -> dict[str, object]:
    return only_call(step("you", text), "create_event")


def test_a_reminder_around_an_hour_has_that_hour_and_a_clean_title() -> None:
    got = _event("remind me around 7 tomorrow to feed the chooks")
    assert got["start"] == "2026-03-11T07:00:00+11:00"
    assert got["title"] == "Feed the chooks"
    assert got["reminder_minutes"] == 0


def test_noonish_and_first_thing_are_their_documented_hours() -> None:
    lunch = _event("lunch with the Hendersons thursday noonish")
    assert lunch["start"] == "2026-03-12T12:00:00+11:00"
    assert lunch["title"] == "Lunch with the Hendersons"
    early = _event("remind me first thing friday to check the battery")
    assert early["start"] == "2026-03-13T08:00:00+11:00"
    assert early["title"] == "Check the battery"


@pytest.mark.parametrize(
    "text",
    [
        "remind me in about 45 minutes to turn the sprinkler off",
        "remind me roughly 45 mins from now to turn the sprinkler off",
    ],
)
def test_a_reminder_about_so_many_minutes_away_is_from_now(text: str) -> None:
    got = _event(text)
    assert got["start"] == "2026-03-10T09:45:00+11:00"
    assert got["title"] == "Turn the sprinkler off"


def test_an_event_that_takes_about_45_minutes_ends_45_minutes_on() -> None:
    got = _event("hairdresser wednesday around 2, it takes about 45 minutes")
    assert got["start"] == "2026-03-11T14:00:00+11:00"
    assert got["end"] == "2026-03-11T14:45:00+11:00"
    assert got["title"] == "Hairdresser"


def test_a_tasks_due_day_is_kept_and_its_clock_words_leave_the_title() -> None:
    got = only_call(step("you", "add a task to renew the insurance due monday around 10"),
                    "add_task")  # fmt: skip
    assert got == {"title": "Renew the insurance", "due_date": "2026-03-16"}
    first = only_call(step("you", "todo: empty the cassette by saturday first thing"),
                      "add_task")  # fmt: skip
    assert first == {"title": "Empty the cassette", "due_date": "2026-03-14"}


def test_money_said_loosely_stays_money() -> None:
    got = only_call(step("wins", "spent about 9 on ice creams"), "add_expense")
    assert got["amount"] == 9
