"""The robustness mode: user messages re-written reproducibly, expectations untouched, and
words the expectations name never misspelt."""

from __future__ import annotations

import random

from evals.dataset import Conversation
from evals.perturb import perturb, perturb_text, protected

CONVERSATION = Conversation.model_validate(
    {
        "id": "p",
        "now": "2026-03-10T09:00:00+11:00",
        "turns": [
            {
                "user": "Please add the dentist appointment tomorrow, thanks!",
                "expect": {
                    "tools": [{"name": "create_event", "args": {"title": "Dentist appointment"}}]
                },
            },
            {"decisions": [{"type": "approve"}]},
        ],
    }
)


def test_the_same_seed_gives_the_same_messages_and_another_seed_others() -> None:
    once, again = perturb(CONVERSATION, 1), perturb(CONVERSATION, 1)
    assert once == again
    seen = {perturb(CONVERSATION, seed).turns[0].user for seed in range(20)}
    assert len(seen) > 3
    assert CONVERSATION.turns[0].user not in seen or len(seen) > 1


def test_expectations_and_decision_turns_are_untouched() -> None:
    for seed in range(20):
        changed = perturb(CONVERSATION, seed)
        assert changed.turns[0].expect == CONVERSATION.turns[0].expect
        assert changed.turns[1] == CONVERSATION.turns[1]


def test_words_an_expectation_names_keep_their_spelling() -> None:
    keep = protected(CONVERSATION)
    assert {"dentist", "appointment"} <= keep
    for seed in range(50):
        text = perturb_text("add the dentist appointment tomorrow", random.Random(seed), keep)
        assert "dentist appointment" in text.lower()


def test_the_messages_own_words_are_re_written() -> None:
    keep = protected(CONVERSATION)
    assert not {"please", "tomorrow", "thanks", "add"} & keep
    seen = [str(perturb(CONVERSATION, seed).turns[0].user).lower() for seed in range(50)]
    assert any("tmrw" in text for text in seen)  # everyday abbreviations
    assert any("plz" in text for text in seen)
    words = {"please", "plz", "add", "the", "dentist", "appointment", "tomorrow", "tmrw"}
    words |= {"thanks", "thx"}
    assert any(set(text.replace(",", "").replace("!", "").split()) - words for text in seen)
