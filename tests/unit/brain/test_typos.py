"""One slipped key in a word the brain reads is put right against its own lexicon; real
words, words built on a lexicon word, names and two-way misses stay as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.brain.textutil import normalise
from agent.brain.typos import LEXICON, build, mend, mended


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("what did we spned on groceries", "what did we spend on groceries"),
        ("phone the plumbr about the leak", "phone the plumber about the leak"),
        ("add a remindr for the vet", "add a reminder for the vet"),
        ("how many kilometers since the servcie", "how many kilometers since the service"),
        ("what's on this satruday", "what's on this saturday"),
        ("bought a jerrycan of dieesl", "bought a jerrycan of diesel"),
    ],
)
def test_one_slip_is_put_right(said: str, meant: str) -> None:
    assert mend(said) == meant


@pytest.mark.parametrize(
    "said",
    [
        "the Waterr family are coming",  # a capital mid-sentence: a name
        "we budgeted for it",  # a lexicon word with an ending
        "a cut above the mouth",  # a real word one edit from "month"
        "lunch later on",
        "a pubb crawl",  # four letters: mended only when a letter was dropped from it
        "bring the cheese grater",
    ],
)
def test_real_words_and_names_stay(said: str) -> None:
    assert mend(said) == said


def test_two_words_one_slip_away_is_left_alone() -> None:
    # "chage" is one letter from both "change" and "charge": which was meant is unknown
    assert {"change", "charge"} <= LEXICON
    assert mended("chage") is None


def test_a_wrong_letter_or_a_four_letter_word_is_no_slip() -> None:
    # "thrusday" is "thursday" swapped; "nerds" is "needs" with a wrong letter, and a real
    # word; "step" is "steep" with a letter dropped, and a real word
    assert mended("thrusday") == "thursday"
    assert mended("nerds") is None
    assert mend("fix the step and handrail") == "fix the step and handrail"


def test_the_first_word_keeps_its_capital() -> None:
    assert mend("Remnider to call mum") == "Reminder to call mum"


def test_how_much_dollar_sign_reads_as_how_much() -> None:
    assert normalise("how much $ did the caravan park cost") == (
        "how much did the caravan park cost"
    )
    assert "$40" in normalise("how much $40 for the site")


def test_the_lexicon_file_is_built_from_the_brain_as_it_is() -> None:
    """A rule that gains a word needs `python -m agent.brain.typos` run again."""
    assert frozenset(build(Path(mend.__code__.co_filename).parent)) == LEXICON
