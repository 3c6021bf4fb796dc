"""Whether a message asks about what the turn before showed, by pointing at it ("how does
that compare with the week before?", "tell me more about the one on the Oodnadatta")."""

from __future__ import annotations

import re

from agent.brain.general import talk_only

# A message that asks about what the turn before gave: a pronoun or "the one" as what it
# asks about, or a follow-up's opening ("and …?", "how does that …").
_POINTS_BACK = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|cool|hmm+|oh|ah|great|good|and|so|but)\b[\s,.!]*)*(?:"
    r"(?:how|what|which|where|when|why|who)\b[^.!?]{0,40}\b(?:that|those|these|them|it|they"
    r"|the one|that one|this one)\b"
    r"|(?:tell|show|give) (?:me|us) (?:more|a bit more|the rest|the details|more detail)"
    r"(?: (?:about|on|of) (?:that|it|this|those|the (?:one|first|second|third|last|\w+ one)))?"
    r"|(?:more|details) (?:about|on) (?:that|it|this|the one|the \w+ one)\b)",
    re.IGNORECASE,
)


def points_back(text: str) -> bool:
    """Whether `text` asks about what the turn before showed, by pointing at it, and is no
    small talk ("that's great, thanks" points nowhere)."""
    return bool(_POINTS_BACK.match(text)) and not talk_only(text) and "thank" not in text.lower()
