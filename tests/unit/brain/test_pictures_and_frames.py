"""Emoji are read as the pauses they mark, and an indirect ask ("I was wondering if you
could …", "would you mind …ing") is read as the command it wraps. The messages here are
this test's own, with emoji and frames the style mode of the evals does not use."""

from __future__ import annotations

import pytest

from agent.brain.indirect import unframe
from agent.brain.pictographs import unpicture
from tests.unit.brain.support import only_call, route, step


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("bought a hat 🤠", "bought a hat"),
        ("pick up bananas 🍌 and rice", "pick up bananas, and rice"),
        (
            "made it to Eucla 🥳🥳! log $70 for the powered site",
            "made it to Eucla! log $70 for the powered site",
        ),
        ("trivia at the pub 🍺🍻 thursday", "trivia at the pub, thursday"),
        ("see you at 4:30 ;)", "see you at 4:30"),
        ("10:45 at the depot", "10:45 at the depot"),
    ],
)
def test_emoji_are_read_as_pauses(text: str, read: str) -> None:
    assert unpicture(text) == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("we were wondering whether you might book the vet for Monday?", "book the vet for Monday"),
        ("do you think you could log $12 for a pie?", "log $12 for a pie"),
        ("would ya mind jotting down the gate code", "jot down the gate code"),
        ("would you mind scheduling a service for the 3rd", "schedule a service for the 3rd"),
        ("is it possible to move lunch to 1pm?", "move lunch to 1pm"),
        # no frame around a verb PAM is told to do: a question stays a question
        ("would you mind if I asked something", "would you mind if I asked something"),
        (
            "is it possible to get frost in Alice in June?",
            "is it possible to get frost in Alice in June?",
        ),
    ],
)
def test_an_indirect_ask_is_read_as_its_command(text: str, read: str) -> None:
    assert unframe(text) == read


def test_a_wrapped_write_is_a_write_not_a_look_up() -> None:
    text = "we were wondering whether you might pop a task in to regas the fridge?"
    assert route(text) == ["you"]
    assert only_call(step("you", text), "add_task")
    text = "🐕 would ya mind jotting $25 down for dog food 🦴"
    assert only_call(step("wins", text), "add_expense")["amount"] == 25
