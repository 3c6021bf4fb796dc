"""Paraphrase operators shared by the corpus generator: typos, case, punctuation."""

from __future__ import annotations

import random
import re

_KEYS = "qwertyuiopasdfghjklzxcvbnm"


def typo(word: str, rng: random.Random) -> str:
    """One slip of the keyboard in a word of four letters or more."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(4)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i] + word[i:]
    if op == 2:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(_KEYS) + word[i + 1 :]


def perturb(text: str, rng: random.Random, rate: float = 0.15) -> str:
    words = text.split(" ")
    words = [typo(w, rng) if rng.random() < rate else w for w in words]
    out = " ".join(words)
    roll = rng.random()
    if roll < 0.3:
        out = out.lower()
    if rng.random() < 0.3:
        out = re.sub(r"[.!?,]+(?=\s|$)", "", out)
    return out
