"""The nearest word of a lexicon to a misspelling, for the brain's spelling repairs."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein


class NearMisses:
    """A lexicon's word a misspelling is a few edits from: the nearest with the same first
    letter (Damerau-Levenshtein), ties to the first in the lexicon's order. Shared by the
    request words (spelling.py), the argument words (`textutil.respell`) and the
    brain's whole lexicon (typos.py)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.by_first: dict[str, tuple[str, ...]] = {}
        for word in words:
            self.by_first[word[0]] = (*self.by_first.get(word[0], ()), word)

    def nearest(self, word: str, max_edits: int) -> str | None:
        hit = process.extractOne(
            word,
            self.by_first.get(word[:1], ()),
            scorer=DamerauLevenshtein.distance,
            score_cutoff=max_edits,
        )
        return str(hit[0]) if hit else None

    def within(self, word: str, max_edits: int) -> list[str]:
        """Every word with the same first letter at most `max_edits` edits away."""
        hits = process.extract(
            word,
            self.by_first.get(word[:1], ()),
            scorer=DamerauLevenshtein.distance,
            score_cutoff=max_edits,
            limit=None,
        )
        return [str(hit[0]) for hit in hits]
