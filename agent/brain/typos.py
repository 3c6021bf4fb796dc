"""A slipped key in any word the brain reads ("reminer", "recieved", "kilometers" typed
"kilomtres"): one slip (a dropped, swapped or doubled letter) put right against the
brain's own lexicon, the words its rules and tables name (data/lexicon.txt, built from the
brain's string constants by `python -m agent.brain.typos`).

Guards, so a real word or a name is never re-spelt: lower-case words only (a capital
mid-sentence marks a name), the word itself not in the lexicon nor a lexicon word with an
ending added ("reminded", "budgeting"), five letters or more, the same first and last
letter, and exactly one lexicon word one slip away (two: which was meant is unknown).
A slip is a letter dropped, doubled or two swapped, the slips a hurried thumb makes; no
word list is at hand to tell a real word from a typo, so a word four letters long ("step",
"moth") and a wrong letter ("nerds") stay as written."""

from __future__ import annotations

import ast
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Literal

from agent.brain.near_misses import NearMisses
from tools.geo.gazetteer import gazetteer, name_key

_DATA = Path(__file__).parent / "data" / "lexicon.txt"
LEXICON = frozenset(_DATA.read_text(encoding="utf-8").split())
_NEAR = NearMisses(sorted(w for w in LEXICON if len(w) >= 5))
_ENDINGS = ("s", "es", "d", "ed", "ing", "er", "ers", "ly", "y", "n", "ies", "ied")
# Real words one edit from a lexicon word that the lexicon does not hold: meant as written.
_MEANT = frozenset(
    {
        "mouth", "batter", "budge", "server", "whether", "patrol", "pastry", "sopping",
        "cancer", "weakly", "expanse", "unloaded", "tires", "types", "later", "latter", "rely",
        "cooks", "insect", "nerds", "poets", "litter",
    }
)  # fmt: skip
_WORD = re.compile(r"(?<![\w'/@.-])[A-Za-z][a-z]{3,}(?![\w@-])(?!'[a-rt-z])")  # "yesterday's"


def _inflected(word: str) -> bool:
    """A lexicon word with an ending ("reminded"), or its stem with an "e" back ("raced")."""
    for end in _ENDINGS:
        stem = word[: -len(end)]
        if word.endswith(end) and len(stem) >= 3 and (stem in LEXICON or stem + "e" in LEXICON):
            return True
    return word.endswith("ies") and word[:-3] + "y" in LEXICON


@lru_cache(maxsize=8192)
def mended(word: str) -> str | None:
    """The lexicon word a lower-case word is one slip from, or None."""
    if len(word) < 5 or word in LEXICON or word in _MEANT or _inflected(word):
        return None
    near = [w for w in _NEAR.within(word, 1) if w[-1] == word[-1]]  # its last letter kept
    slips = [w for w in near if _slip(word, w)]
    return slips[0] if len(slips) == 1 else None  # none, or two meant equally


# (a key pressed for its neighbour is no slip here: "nerds" for "needs", "poets" for
# "posts" are real words, and no word list tells them from typos)
Slip = Literal["dropped", "doubled", "swapped"]


def _slip(typed: str, meant: str) -> Slip | None:
    """How a thumb turns `meant` into `typed` in one slip, or None when the one edit is
    no slip ("plants" is no "plans" with a stray t: a real word, not a typo)."""
    if len(typed) == len(meant) - 1:
        return "dropped"
    if len(typed) == len(meant) + 1:
        i = next(i for i in range(len(meant) + 1) if typed[:i] + typed[i + 1 :] == meant)
        around = typed[i - 1 : i] + typed[i + 1 : i + 2]
        return "doubled" if typed[i] in around else None
    at = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
    return "swapped" if len(at) == 2 and at[1] == at[0] + 1 else None


def _fix(m: re.Match[str]) -> str:
    word = m[0]
    if word[0].isupper() and m.start() > 0:
        return word  # a name mid-sentence
    right = mended(word.lower())
    if right is None or _in_a_place_name(m.string, m.start(), m.end()):
        return word
    return right.capitalize() if word[0].isupper() else right


_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'-]*)")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)\s+$")


def _in_a_place_name(text: str, start: int, end: int) -> bool:
    """ "victor harbor", "mount barker": a word of a town's name typed in lower case is the
    name as the map spells it, not a slip ("harbor" stays, though "harbour" is a word)."""
    word = text[start:end]
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    after = _NEXT_WORD.match(text, end)
    names = []  # (a word alone may be a hamlet's name too: only a name of two words counts)
    if before:
        names.append(f"{before[1]} {word}")
    if after:
        names.append(f"{word} {after[1]}")
    return any(gazetteer().lookup(name_key(name)) for name in names)


def mend(text: str) -> str:
    """The text with one-slip misspellings of the brain's words put right."""
    return _WORD.sub(_fix, text)


_PLAIN = re.compile(r"(?<![A-Za-z\\\])?])[a-z]{4,}(?![a-z\\[(])")


def build(root: Path) -> list[str]:
    """The lexicon: words of four letters or more inside the brain's string constants
    (not docstrings, not the pieces of a regex next to a class or group)."""
    words: set[str] = set()
    for path in sorted(root.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words.update(_PLAIN.findall(node.value) if id(node) not in docs else ())
    return sorted(words)


if __name__ == "__main__":
    _DATA.write_text("\n".join(build(Path(__file__).parent)) + "\n", encoding="utf-8")
    sys.exit(0)
