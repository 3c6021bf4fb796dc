"""A write the user held back, asked for after all ("dont log this but i just spent 300 at
bunnings lol", then "ok fine log it, shopping"; "if we put a 500 cap on fuel would we be
over", then "ok do it, 500 for fuel"): the previous message, its refusal or its supposing
taken out, is the request, with what this turn adds."""

from __future__ import annotations

import re

from agent.brain.asking import WRITES, mood_told, unrefused
from agent.brain.convo import Convo
from agent.brain.do_it import GO_AHEAD
from agent.brain.segment import split, told_requests
from agent.brain.textutil import normalise

MAX_WORDS = 10
OWN = 7  # a write read this sure before the pointer is what the pointer means
# The moods of a message told, not asked, whose write may be asked for after.
_TOLD_ONLY = ("others", "maybe", "habit")  # "go on then, put it in, under shopping" is short
# "ok fine log it", "go on then, put it in", "actually do record that": a verb of keeping
# said of a pronoun, with what it adds after it.
_KEEP_IT = re.compile(
    r"(?:^|[,;.!]\s*|\b(?:so|and|then)\s+)\W*(?:(?:ok(?:ay)?|fine|alright|all right|go on|yeah"
    r"|yes|yep|actually|righto|then|oh"
    r"|well|on second thoughts?|changed my mind|hmm+)\b[\s,.!]*)*"
    r"(?:(?:please|pls|just|do|you can|can you|could you)\s+)*"
    r"(?:log|record|add|put|save|note|keep|enter|jot|pop|track|write)\s+(?:it|that|this|them)\b"
    r"(?:\s+(?:in|down|after all|anyway|then|too|please|pls|for me))*(?P<rest>.*)$",
    re.IGNORECASE,
)


_LAUGH = re.compile(r"(?:[\s,.!]+(?:lol|lmao|haha+|hehe+|rofl|oops|whoops|eh|hey))+[\s.!]*$", re.I)


# "if we put a 500 cap on fuel would we be over": the act supposed, before its question.
_SUPPOSING = re.compile(
    r"^\W*(?:(?:so|and|but|ok(?:ay)?|hmm+|um)\b[\s,]*)*(?:what |and )?(?:if|suppose|supposing)"
    r"\s+(?:we|i)\s+(?P<act>.+?)(?:,\s*|\s+)(?:would|will|could|how|what|are|am|is|do|does"
    r"|then)\b",
    re.IGNORECASE,
)


def _supposed(text: str) -> str | None:
    """The act a supposition is about, as a command ("put a 500 cap on fuel")."""
    m = _SUPPOSING.match(text)
    return m["act"].strip(" ,") if m else None


def held_back(convo: Convo) -> tuple[str, str] | None:
    """The write the previous message held back (its tool), and the words it is now read
    from."""
    said = normalise(convo.text)
    today = convo.env.today
    before = convo.previous_human()
    if before is None or len(convo.text.split()) > MAX_WORDS:
        return None
    if m := _KEEP_IT.search(said):
        own = split(said[: m.start()], today) if m.start() else []
        if any(p.intent and p.intent.tool in WRITES and p.intent.score >= OWN for p in own):
            return None  # "spent 30 on fuel, log it": its own request
        earlier = normalise(before[1])
        told = unrefused(earlier)
        if told is None and mood_told(earlier) in _TOLD_ONLY:
            # "my sister has a doctors appt tuesday", then "i need to drive her, put it in
            # for 9am": what was told of another, kept when asked for
            told = earlier
            writes = [
                (p.intent.tool, p.text)
                for p in told_requests(told, today)
                if p.intent and p.intent.tool in WRITES
            ]
            return _with(writes, m["rest"])
    elif m := GO_AHEAD.match(said):
        told = _supposed(normalise(before[1]))
    else:
        return None
    if told is None:
        return None
    told = _LAUGH.sub("", told)  # ("… at bunnings lol": the laugh was about the refusal)
    writes = [
        (p.intent.tool, p.text) for p in split(told, today) if p.intent and p.intent.tool in WRITES
    ]
    return _with(writes, m["rest"])


def _with(writes: list[tuple[str, str]], rest: str) -> tuple[str, str] | None:
    """The one write, read with what this turn adds after its pointer."""
    if len(writes) != 1:
        return None
    tool, said = writes[0]
    rest = rest.strip(" ,;.!?-")
    return tool, f"{said.rstrip(' ,.!')}, {rest}" if rest else said
