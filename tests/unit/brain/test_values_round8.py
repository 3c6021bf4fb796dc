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
