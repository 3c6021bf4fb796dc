"""A repeat asked for ("every sunday", "on mondays", "each morning") writes the one next row
with a clean title and says plainly that repeats are not supported (agent/brain/repeats.py);
an event moved by an offset ("back a week", "two days later", "forward a day") moves from
its own time (slots_you._shift, planner._apply_relative)."""

from __future__ import annotations

from typing import Any

import pytest

from agent.brain.repeats import said
from tests.unit.brain.support import only_call, result, step


def _reply(domain: str, text: str, row: str) -> tuple[dict[str, Any], str]:
    first = step(domain, text)
    (call,) = first.tool_calls
    done = result(str(call["id"]), call["name"], summary="Saved.", **{row: {"id": "n1"}})
    return dict(call["args"]), step(domain, text, first, done).text


@pytest.mark.parametrize(
    ("text", "start", "title", "day"),
    [
        ("remind me every thursday to top up the water", "2026-03-12T09:00:00+11:00",
         "Top up the water", "the next Thursday (12 Mar)"),
        ("each friday at 5 remind me to call dad", "2026-03-13T17:00:00+11:00", "Call dad",
         "the next Friday (13 Mar)"),
        ("remind me on saturdays to empty the grey water", "2026-03-14T09:00:00+11:00",
         "Empty the grey water", "the next Saturday (14 Mar)"),
        ("every morning at 6.30 remind me to walk the dog", "2026-03-11T06:30:00+11:00",
         "Walk the dog", "Wednesday 11 Mar"),
    ],
)  # fmt: skip
def test_a_repeat_is_one_event_said_plainly(text: str, start: str, title: str, day: str) -> None:
    args, reply = _reply("you", text, "event")
    assert args["start"] == start and args["title"] == title, args
    assert "Repeats aren't supported" in reply and f"{day} only" in reply, reply


def test_a_repeating_task_is_one_task_said_plainly() -> None:
    args, reply = _reply("you", "add a task to wipe down the solar panels every week", "task")
    assert args == {"title": "Wipe down the solar panels"}
    assert "one task, not a repeating one" in reply


def test_no_repeat_said_means_no_note() -> None:
    _args, reply = _reply("you", "vet thursday at 3", "event")
    assert "Repeats" not in reply


@pytest.mark.parametrize(
    "text", ["the weekly shop on friday", "every bit of it", "a monthly pass for the pool"]
)
def test_words_of_frequency_that_name_a_thing_are_no_repeat(text: str) -> None:
    assert said(text) is None


EVENTS = [
    {"id": "e1", "title": "Insurance renewal", "start": "2026-03-20T09:00:00+11:00"},
    {"id": "e2", "title": "Physio", "start": "2026-03-12T14:00:00+11:00",
     "end": "2026-03-12T14:45:00+11:00"},
    {"id": "e3", "title": "Car boot sale", "start": "2026-03-14", "all_day": True},
]  # fmt: skip


def _moved(text: str) -> dict[str, Any]:
    lookup = step("you", text)
    (call,) = lookup.tool_calls
    assert call["name"] == "list_events"
    rows = result(str(call["id"]), "list_events", events=EVENTS)
    return only_call(step("you", text, lookup, rows), "update_event")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("push the insurance renewal back a week",
         {"event_id": "e1", "start": "2026-03-27T09:00:00+11:00"}),
        ("move the physio to three days later",
         {"event_id": "e2", "start": "2026-03-15T14:00:00+11:00",
          "end": "2026-03-15T14:45:00+11:00"}),
        ("bring the physio forward 2 days",
         {"event_id": "e2", "start": "2026-03-10T14:00:00+11:00",
          "end": "2026-03-10T14:45:00+11:00"}),
        ("shift the car boot sale a fortnight later", {"event_id": "e3", "start": "2026-03-28"}),
    ],
)  # fmt: skip
def test_an_event_moves_by_an_offset_from_its_own_time(text: str, expected: dict[str, Any]) -> None:
    assert _moved(text) == expected


def test_an_offset_earlier_is_no_reminder_lead() -> None:
    got = _moved("the physio needs to be 2 days earlier")
    assert got == {"event_id": "e2", "start": "2026-03-10T14:00:00+11:00",
                   "end": "2026-03-10T14:45:00+11:00"}  # fmt: skip
