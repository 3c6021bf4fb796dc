"""An indirect ask wrapped around a request: "I was wondering if you could add …?",
"would you mind adding …", "would you be able to set …?". The words are a question's, yet
they ask PAM to do what the verb after them says, as "add …" does; readers that take a
question for a look-up would read a write as a read. The frame is taken off and the
request read as the plain command, when a verb PAM is told to do follows it (the brain's
own verbs of telling, asking.told_to); a gerund is read back to its verb by spelling
rules ("putting" put, "changing" change), each candidate checked against those verbs."""

from __future__ import annotations

import re

from agent.brain.asking import told_to

# Verbs of asking for work beyond those of telling: "would you mind scheduling …".
_MORE_VERBS = re.compile(
    r"^(?:schedule|write|send|enter|pencil|slot|find|check|give|sort|cross"
    r"|rename|edit|clear|bump|organi[sz]e|arrange|track)\b",
    re.IGNORECASE,
)


def _asked(text: str) -> bool:
    return told_to(text) or bool(_MORE_VERBS.match(text))


# Frames whose verb follows bare: "I was wondering if you could add …".
_FRAME = re.compile(
    r"^\s*(?:(?:i|we)(?: was| am|'m| were|'re)? wonder(?:ing)? (?:if|whether) (?:you|ya|u)"
    r"(?: (?:could|would|can|might|will))?"
    r"|(?:would|could|will) (?:you|ya|u) be able to|are (?:you|ya|u) able to"
    r"|(?:is it|would it be) possible (?:for (?:you|ya|u) )?to|do (?:you|ya|u) think (?:you|ya|u)"
    r" (?:could|can)|(?:is there )?any chance (?:you|ya|u) (?:could|can|would|might)"
    # "can I get you to add …", "could I ask you to log …": the user asking PAM to do it
    r"|(?:can|could|may|might) (?:i|we) (?:get|ask|have) (?:you|ya|u)(?: to)?)"
    r"(?:\s+(?:possibly|please|kindly|just|maybe|quickly))*\s+",
    re.IGNORECASE,
)
# Frames whose verb follows as a gerund: "would you mind adding …".
_GERUND_FRAME = re.compile(
    r"^\s*(?:would|do|will) (?:you|ya|u) mind(?:\s+(?:just|quickly|terribly))?\s+"
    r"(?P<verb>[a-z]+ing)\b",
    re.IGNORECASE,
)


def _verb_of(gerund: str, rest: str) -> str | None:
    stem = gerund[:-3].lower()
    candidates = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.insert(0, stem[:-1])  # "putting" put, "logging" log (never "add" "ad")
    for verb in candidates:
        if _asked(f"{verb}{rest}"):
            return verb
    return None


# A request asked as a negated question: "can you not forget that Bella is allergic to
# chicken", "could you not forget the 42.50 for the laundromat" ask what "don't forget" asks.
_NOT_FORGET = re.compile(
    r"^\s*(?:(?:and|oh|so|also|please|pls)\s+)*(?:can|could|would|will) (?:you|ya|u)"
    r"(?:\s+(?:please|pls|just|maybe))*\s+(?:not|never) forget\b",
    re.IGNORECASE,
)


def not_forget(text: str) -> str:
    """ "can you not forget that …" as "don't forget that …" (the words as typed too: a note
    is read from them); the text as it is otherwise."""
    if m := _NOT_FORGET.match(text):
        return _command("don't forget" + text[m.end() :])
    return text


def unframe(text: str) -> str:
    """The request an indirect ask wraps, as a command; the text as it is otherwise."""
    if _NOT_FORGET.match(text):
        return not_forget(text)
    if m := _GERUND_FRAME.match(text):
        rest = text[m.end() :]
        verb = _verb_of(m["verb"], rest)
        return _command(f"{verb}{rest}") if verb else text
    if (m := _FRAME.match(text)) and _asked(text[m.end() :]):
        return _command(text[m.end() :])
    return text


def _command(text: str) -> str:
    # a question mark only marked the frame's question (after a colon it ends the words
    # of a post: "post there: anyone been?")
    return text if ":" in text else re.sub(r"\s*\?+\s*$", "", text)
