"""One of two places taken back to the other in the same message: "add bread to the pantry
and the shopping list — no wait, just the pantry", "put it in the calendar and on the to-do
list, actually only the calendar". The words after the take-back name the one place kept:
the requests that put things elsewhere are dropped (round 18, branch b18-writes)."""

from __future__ import annotations

import re

# The places a thing is put, by the write that puts it there.
_PLACES: tuple[tuple[str, str], ...] = (
    ("add_pantry_item", r"pantry|cupboard|fridge|freezer"),
    ("add_to_shopping_list", r"shopping(?: list)?|(?:the )?list|groceries"),
    ("create_event", r"calendar|diary|schedule"),
    ("add_task", r"to-?dos?(?: list)?|tasks?(?: list)?|jobs?(?: list)?"),
    ("add_expense", r"expenses?|spending"),
)
_PLACE = "|".join(f"(?P<p{i}>{words})" for i, (_tool, words) in enumerate(_PLACES))
# "… — no wait, just the pantry.", "…, actually only on the list": the message's last words.
_ONLY = re.compile(
    r"(?:^|[\s,;.!?—–-])(?:no wait|wait no|no no|no sorry|sorry|nah|actually|scratch that"
    r"|hang on|i mean|or rather|on second thoughts?)\W+(?:just|only)\s+"
    r"(?:(?:in|on|to|into|onto)\s+)?"
    r"(?:the |my |our )?(?:" + _PLACE + r")\W*$",
    re.IGNORECASE,
)


def only_place(text: str) -> str | None:
    """The write a take-back at the end of `text` keeps ("…, no wait, just the pantry" keeps
    add_pantry_item), or None."""
    found = _ONLY.search(text)
    if not found:
        return None
    for i, (tool, _words) in enumerate(_PLACES):
        if found[f"p{i}"]:
            return tool
    return None


def taken_back(text: str, tools: list[str | None]) -> list[bool]:
    """For each of a message's requests, whether the take-back at its end drops it: only
    writes that put things in a place, of another place than the one kept, and only when
    a request of the kept place is among them."""
    kept = only_place(text)
    places = {tool for tool, _words in _PLACES}
    if kept is None or kept not in tools:
        return [False] * len(tools)
    return [tool in places and tool != kept for tool in tools]
