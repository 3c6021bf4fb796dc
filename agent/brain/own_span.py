"""The words as typed of one request among several: a note or a post read from the whole
message ran on into the requests after it ("remember the dog is called Rex. Also add milk
to the list" kept "… Also add milk to the list" in the note)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w']+")
_JOINER_LEFT = re.compile(r"(?:[\s,;]+(?:and|also|then|plus|oh|so))+[\s,;]*$", re.I)


def typed_span(raw: str, own: str, after: str | None) -> str:
    """`raw` up to where the next request's words (`after`, as read) begin, when they are
    found as typed after the start of this request's own words; `raw` otherwise."""
    if not after:
        return raw
    own_words = _WORD.findall(own)[:2]
    next_words = _WORD.findall(after)[:3]
    if len(own_words) < 1 or len(next_words) < 2:
        return raw
    start = re.search(r"\b" + r"\W+".join(map(re.escape, own_words)) + r"\b", raw, re.I)
    if start is None:
        return raw
    found = re.compile(r"\b" + r"\W+".join(map(re.escape, next_words)) + r"\b", re.I).search(
        raw, start.end()
    )
    if found is None:
        return raw
    # (the word that joined the next request is not the note's: "… Smith. And can you …")
    return _JOINER_LEFT.sub("", raw[: found.start()]).rstrip(" ,;-")
