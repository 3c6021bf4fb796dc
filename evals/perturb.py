"""The robustness mode (`pam eval run --perturb SEED`): every user message of every
conversation re-written the way people type in a hurry, the expectations unchanged.

Per message, from a generator seeded by the seed and the conversation id (so a run is
reproducible): everyday abbreviations from SYNONYMS (a list the tuning set does not use),
one typo in a word of five letters or more, everything lower case, and the punctuation
dropped, each with its own chance. Words that an expectation names (an argument's text, a
phrase the reply must contain) and capitalised names are never misspelt, so a changed
outcome is the brain's misunderstanding, not a changed request."""

from __future__ import annotations

import random
import re
from typing import Any

from evals.dataset import Conversation

SYNONYMS = [
    (r"\btomorrow\b", "tmrw"), (r"\bplease\b", "plz"), (r"\bthanks\b", "thx"),
    (r"\bgoing to\b", "gonna"), (r"\byou\b", "u"), (r"\bbecause\b", "coz"),
    (r"\bwith\b", "w/"), (r"\bkilometres\b", "kms"), (r"\bthe weekend\b", "the wknd"),
    (r"\bhow much\b", "how much $"), (r"\bmorning\b", "mornin"), (r"\bafternoon\b", "arvo"),
]  # fmt: skip
_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in SYNONYMS]
_KEYS = "qwertyuiopasdfghjklzxcvbnm"
_WORD = re.compile(r"\b[a-z]{5,}\b")  # lower-case words only: names keep their spelling


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1 :]  # a dropped letter
    if op == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two swapped
    return word[:i] + word[i] + word[i:]  # a doubled letter


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def protected(conversation: Conversation) -> set[str]:
    """Lower-case words the expectations (and the rows a message may name) hold: they keep
    their spelling. Not the messages' own words, or nothing would ever be re-written."""
    dumped = conversation.model_dump(include={"turns", "final_state", "fixtures"})
    named = [
        *_strings([{k: v for k, v in turn.items() if k != "user"} for turn in dumped["turns"]]),
        *_strings(dumped.get("final_state")),
        *_strings(dumped.get("fixtures")),
    ]
    return {w for text in named for w in re.findall(r"[a-z]+", text.lower())}


def perturb_text(text: str, rng: random.Random, keep: set[str]) -> str:
    for pattern, short in _COMPILED:
        if rng.random() < 0.7 and not keep.intersection(
            re.findall(r"[a-z]+", pattern.pattern[2:-2])
        ):
            text = pattern.sub(short, text)
    if rng.random() < 0.7:
        words = [m for m in _WORD.finditer(text) if m.group() not in keep]
        if words:
            m = rng.choice(words)
            text = text[: m.start()] + _typo(m.group(), rng) + text[m.end() :]
    if rng.random() < 0.5:
        text = text.lower()
    if rng.random() < 0.5:
        text = re.sub(r"[.!?,;]+(?=\s|$)", "", text)
    return text


def perturb(conversation: Conversation, seed: int) -> Conversation:
    rng = random.Random(f"{seed}:{conversation.id}")  # noqa: S311 - reproducible test data, not secrets
    keep = protected(conversation)
    turns = [
        t.model_copy(update={"user": perturb_text(t.user, rng, keep)}) if t.user else t
        for t in conversation.turns
    ]
    return conversation.model_copy(update={"turns": turns})
