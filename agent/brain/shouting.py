"""A message typed with caps lock on ("LOG $40 FOR DIESEL AT THE BP"): every word is upper
case, so capitals no longer mark names, and the readers that look for a capitalised name
("a group called Tassie Tourers", "the Pajero") would take the whole message for one.
Such a message is read lower case, as a message typed with no capitals at all is, and the
readers of lower-case names take over. A message with a few capitals ("BP", "UHT milk",
"RACV") keeps its case: only one with almost every letter upper is folded."""

from __future__ import annotations

import re

SHOUTED = 0.9  # the share of letters upper case from which a message is shouted
MIN_LETTERS = 10  # "OK", "BP", "UHT MILK" are short: an acronym, not caps lock
_WORD = re.compile(r"[^\W\d_]{2,}")


def unshout(text: str) -> str:
    """The message lower case when it is written all in capitals, else as it is."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS or len(_WORD.findall(text)) < 3:
        return text
    upper = sum(c.isupper() for c in letters)
    return text.lower() if upper >= SHOUTED * len(letters) else text
