"""Whether a message asks about what the turn before showed, by pointing at it ("how does
that compare with the week before?", "tell me more about the one on the Oodnadatta")."""

from __future__ import annotations

import re

from agent.brain.general import talk_only

# Whether what the turn before did took: "did that go thru", "has it worked?", "is it saved".
_TOOK = (
    r"(?:did|has|have|is|was) (?:that|it|this|they|that one)(?: all| just)? (?:go(?:ne)? (?:through"
    r"|thru|in|ok|okay)|get (?:through|thru|saved|done|in)|work(?:ed)?|save[d]?|done|stick|stuck"
    r"|happen(?:ed)?)\b"
)
_ASKS_IF_TOOK = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|so|and|hey|oh|um|pam)\b[\s,.!]*)*" + _TOOK + r"[^.!?]{0,20}[?.!]*$",
    re.IGNORECASE,
)


def asks_if_took(text: str) -> bool:
    """Whether `text` only asks whether what the turn before did went through."""
    return bool(_ASKS_IF_TOOK.match(text))


# A message that asks about what the turn before gave: a pronoun or "the one" as what it
# asks about, or a follow-up's opening ("and …?", "how does that …").
_POINTS_BACK = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|cool|hmm+|oh|ah|great|good|and|so|but)\b[\s,.!]*)*(?:"
    r"(?:how|what|which|where|when|why|who)\b[^.!?]{0,40}\b(?:that|those|these|them|it|they"
    r"|the one|that one|this one)\b"
    r"|(?:tell|show|give) (?:me|us) (?:more|a bit more|the rest|the details|more detail)"
    r"(?: (?:about|on|of) (?:that|it|this|those|the (?:one|first|second|third|last|\w+ one)))?"
    r"|(?:more|details) (?:about|on) (?:that|it|this|the one|the \w+ one)\b"
    # whether what the turn before did took: "did that go thru", "has it worked?"
    r"|" + _TOOK + r")",
    re.IGNORECASE,
)


def points_back(text: str) -> bool:
    """Whether `text` asks about what the turn before showed, by pointing at it, and is no
    small talk ("that's great, thanks" points nowhere)."""
    return bool(_POINTS_BACK.match(text)) and not talk_only(text) and "thank" not in text.lower()
