"""Where "it" is, when a thing is put in it: the store or list the message before named.

"we should clean out the pantry sometime", then "actually there are 3 tins of tuna that need
to go in it": the tuna goes in the pantry. A turn that puts something "in it", "on it" or
"in there" with no store of its own is read with the store or list the user's message before
named put in place of the pronoun (a pantry, a fridge, the shopping list, the calendar, the
jobs list); with no such place named before, the turn is read as it is.
"""

from __future__ import annotations

import re

from agent.brain.asking import GOES_IN
from agent.brain.families import PUT

_I = re.IGNORECASE
_STORE = re.compile(
    r"\b(?:the |my |our )?(?:pantry|cupboard|fridge|freezer|esky|shopping list|grocery list"
    r"|shopping|calendar|diary|to-?do list|jobs? list|task list)\b",
    _I,
)
_INTO_IT = re.compile(r"\b(?P<prep>in|on|into|onto)\s+(?:it|there)\b(?!')", _I)
_PUTS = re.compile(rf"{GOES_IN}|\b(?:{PUT}|go|goes|went)\b", _I)


def store_for_it(text: str, before: str) -> str:
    """`text` with "in it" read as the store `before` named, or `text` as it is."""
    m = _INTO_IT.search(text)
    if m is None or _STORE.search(text) or not _PUTS.search(text[: m.start()]):
        return text
    if (store := _STORE.search(before)) is None:
        return text
    place = re.sub(r"^(?:my|our)\s+", "the ", store[0], flags=_I)
    if not place.lower().startswith("the "):
        place = f"the {place}"
    return f"{text[: m.start()]}{m['prep']} {place}{text[m.end() :]}"
