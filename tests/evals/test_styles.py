"""The style mode: user messages re-written reproducibly in a named style, expectations
untouched, figures that a string expectation names never re-written."""

from __future__ import annotations

import random

import pytest

from evals.dataset import Conversation
from evals.styles import (
    ORDER,
    Context,
    StyleError,
    lines,
    parse_styles,
    polite,
    restyle,
    spoken,
    words,
)

CONVERSATION = Conversation.model_validate(
    {
        "id": "s",
        "now": "2026-03-10T09:00:00+11:00",
        "turns": [
            {
                "user": "add the Room 12 meeting tomorrow at 10:30, it costs $45",
                "expect": {
                    "tools": [{"name": "create_event", "args": {"title": "Room 12 meeting"}}],
                    "reply_contains": ["10:30"],
                },
            },
            {"decisions": [{"type": "approve"}]},
            {"user": "yes"},
        ],
    }
)
PLAIN = Context(first=True, keep_numbers=set(), keep_text="")


def test_the_same_seed_gives_the_same_messages_and_another_seed_others() -> None:
    for name in ORDER:
        assert restyle(CONVERSATION, [name], 3) == restyle(CONVERSATION, [name], 3)
    seen = {restyle(CONVERSATION, ["greet", "emoji"], seed).turns[0].user for seed in range(20)}
    assert len(seen) > 3


def test_expectations_and_decision_turns_are_untouched() -> None:
    changed = restyle(CONVERSATION, list(ORDER), 1)
    for before, after in zip(CONVERSATION.turns, changed.turns, strict=True):
        assert before.expect == after.expect
        assert before.decisions == after.decisions
    assert changed.turns[0].user != CONVERSATION.turns[0].user


def test_a_figure_a_string_expectation_names_is_kept_and_the_others_are_spoken() -> None:
    said = restyle(CONVERSATION, ["spoken"], 0).turns[0].user
    assert said is not None
    assert "Room 12" in said  # the title names 12
    assert "ten thirty" in said  # the reply's wording is the brain's own: not kept
    assert "forty five dollars" in said


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("fuel 50 L", "fuel fifty litres"),
        ("at 3pm", "at three pm"),
        ("spent 85.40 on diesel", "spent eighty five forty on diesel"),
        ("at 9:05am", "at nine oh five am"),
        ("the 2026 trip", "the 2026 trip"),
        ("on the 15th", "on the 15th"),
        ("a $500 budget", "a five hundred dollar budget"),
    ],
)
def test_spoken_figures_are_exact(text: str, out: str) -> None:
    assert spoken(text, random.Random(0), PLAIN) == out


def test_number_words() -> None:
    assert words(450) == "four hundred and fifty"
    assert words(1240) == "one thousand two hundred and forty"
    assert words(90_000) == "ninety thousand"


def test_a_list_becomes_bullets_and_other_commas_do_not() -> None:
    out = lines("add milk, eggs and bread to the shopping list", random.Random(0), PLAIN)
    assert out.splitlines()[0] == "add to the shopping list:"
    assert [s[2:] for s in out.splitlines()[1:]] == ["milk", "eggs", "bread"]
    text = "filled up at Dubbo, $85, and the odometer says 120,400"
    assert lines(text, random.Random(0), PLAIN) == text
    pets = "pets: two kelpies, Red and Jinx"
    assert lines(pets, random.Random(0), PLAIN) == pets


def test_polite_wraps_only_an_imperative() -> None:
    out = polite("add eggs to the list.", random.Random(0), PLAIN)
    assert out.endswith("eggs to the list?") and out != "add eggs to the list."
    assert polite("spent $40 on fuel", random.Random(0), PLAIN) == "spent $40 on fuel"


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(StyleError):
        parse_styles("caps,shouting")
    assert parse_styles("emoji,caps,greet") == ["greet", "emoji", "caps"]
