"""Values read by kind (branch i15-values8): a moved event's end, and the forms said by
voice, typed as a text message, or in another language's word order. The sentences are
written for these tests, in other words than the development sets."""

from __future__ import annotations

from typing import Any

import pytest

from agent.brain import clock
from tests.unit.brain.support import only_call, result, step


def _moved(text: str, event: dict[str, Any]) -> dict[str, Any]:
    """update_event's arguments after the brain looked the event up and found `event`."""
    first = step("you", text)
    (lookup,) = first.tool_calls
    shown = [first, result(str(lookup["id"]), lookup["name"], events=[event])]
    return only_call(step("you", text, *shown), "update_event")


def test_a_moved_event_keeps_its_length() -> None:
    event = {"id": "v1", "title": "Vet", "start": "2026-03-11T09:00:00+11:00",
             "end": "2026-03-11T09:30:00+11:00"}  # fmt: skip
    args = _moved("shift the vet to 4pm", event)
    assert args["start"] == "2026-03-11T16:00:00+11:00"
    assert args["end"] == "2026-03-11T16:30:00+11:00"


def test_an_event_moved_to_another_day_keeps_its_hours() -> None:
    event = {"id": "c7", "title": "Chiro", "start": "2026-03-11T14:00:00+11:00",
             "end": "2026-03-11T15:15:00+11:00"}  # fmt: skip
    args = _moved("can you move the chiro to friday, same time", event)
    assert args["start"] == "2026-03-13T14:00:00+11:00"
    assert args["end"] == "2026-03-13T15:15:00+11:00"


@pytest.mark.parametrize(
    ("old_start", "old_end", "new_start", "end"),
    [
        ("2026-03-11", "2026-03-12", "2026-03-20", "2026-03-21"),
        ("2026-03-11T09:00:00+11:00", "2026-03-11T10:00:00+11:00", "2026-03-12", None),
        ("not a day", "2026-03-12", "2026-03-20", None),
    ],
)
def test_moved_end_by_kind(old_start: str, old_end: str, new_start: str, end: str | None) -> None:
    assert clock.moved_end(old_start, old_end, new_start) == end


def test_a_moved_event_with_no_end_gets_none() -> None:
    event = {"id": "d2", "title": "Dentist", "start": "2026-03-11T09:00:00+11:00"}
    assert "end" not in _moved("move the dentist to 11am", event)


# --- said to voice typing, or texted -------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "typed"),
    [
        ("bought a hat for twenty bucks full stop", "bought a hat for 20 bucks."),
        ("paid the ferry comma sixty return", "paid the ferry, 60 return"),
        ("how much on fuel question mark", "how much on fuel?"),
        ("that's all period", "that's all."),
        ("for the period of the lease", "for the period of the lease"),
        ("lunch with Jo at for thirty", "lunch with Jo at 4 30"),
        ("the tow cost for hundred", "the tow cost 400"),
        ("the tow was to hundred and ten", "the tow was 210"),
        ("she charged for dollars", "she charged 4 dollars"),
        ("swap 40 pounds to dollars", "swap 40 pounds to dollars"),
        ("anywhere from 10 to 20 dollars", "anywhere from 10 to 20 dollars"),
        ("turn it up to thousand", "turn it up to 1000"),
        ("pickup at 9 a m", "pickup at 9am"),
        ("ring Bev @ 5", "ring Bev at 5"),
        ("write to sal@bigpond.com", "write to sal@bigpond.com"),
    ],
)
def test_dictated_and_texted_forms_read_as_typed(said: str, typed: str) -> None:
    from agent.brain.textutil import normalise

    assert normalise(said) == typed


@pytest.mark.parametrize(
    ("said", "typed"),
    [
        ("anything on nxt wk", "anything on next week"),
        ("any plans this w/e", "any plans this weekend"),
        ("rent is 320 w/e", "rent is 320 w/e"),
        ("ring the garage tomo", "ring the garage tomorrow"),
        ("a couple hundred on the kids", "200 on the kids"),
        ("a couple of grand for the engine", "2 grand for the engine"),
    ],
)
def test_texted_days_and_rough_figures(said: str, typed: str) -> None:
    from agent.brain.textutil import normalise

    assert normalise(said) == typed


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("footy training sun arvo 5", "2026-03-15T17:00:00+11:00"),
        ("trivia at the club thursday 8ish pm", "2026-03-12T20:00:00+11:00"),
        ("dinner at Nonna's saturday at 7", "2026-03-14T19:00:00+11:00"),
        ("breakfast at the bakery saturday at 7", "2026-03-14T07:00:00+11:00"),
        ("farrier wed @ 2", "2026-03-11T14:00:00+11:00"),
        ("school pickup tomo at 3 p m", "2026-03-11T15:00:00+11:00"),
    ],
)
def test_event_times_said_loosely(text: str, start: str) -> None:
    assert only_call(step("you", text), "create_event")["start"] == start


def test_the_end_of_next_week_is_its_friday() -> None:
    said = "add a task: sort the insurance by the end of next week"
    args = only_call(step("you", said), "add_task")
    assert args["due_date"] == "2026-03-20"


def test_a_budget_said_with_a_homophone() -> None:
    args = only_call(step("wins", "budget of for hundred a month for eating out"), "set_budget")
    assert args["monthly_limit"] == 400
