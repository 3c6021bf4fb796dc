"""A go-ahead for what the user mused on in the message before.

"thinking of making a group for teardrop trailers what do you reckon" asks PAM's opinion and
writes nothing; "ok do it, call it Teardrop Tribe" then asks for the act mused on. The act is
read from the earlier message's gerund ("making a group for …" → "make a group for …"), with
what this turn adds after the go-ahead ("call it Teardrop Tribe") joined to it.
"""

from __future__ import annotations

import re

from agent.brain.asking import asks_to_do
from agent.brain.places import trip_places

_I = re.IGNORECASE
# "ok do it", "go ahead", "yep let's do that, call it X": the act just supposed or mused on,
# carried out, with what the turn adds after it (`rest`); also read by held_back.
GO_AHEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|fine|alright|all right|yeah|yes|yep|righto|then|oh|well|sure|good"
    r"|great|cool|sounds good|good idea|why not)\b[\s,.!]*)*"
    r"(?:(?:please|pls|just|you can|can you|could you)\s+)*"
    r"(?:(?:let'?s\s+)?do it|do that|go ahead|go for it|let'?s do (?:it|that)|set it(?: up)?"
    r"|make it so|make it happen)\b(?:\s+(?:then|please|pls|for me|after all))*(?P<rest>.*)$",
    _I,
)
_MUSED = re.compile(
    r"\b(?:thinking (?:of|about)|considering|toying with(?: the idea of)?|keen on|wondering about)"
    r"\s+(?P<gerund>[a-z]+ing)(?P<act>\b[^?.!,]*?)"
    r"(?=\s*(?:[,?.!]|\b(?:what do (?:you|ya|u) (?:reckon|think)|thoughts|good idea"
    r"|any good)\b|$))",
    _I,
)


def _as_command(gerund: str, rest: str) -> str | None:
    """ "making" + " a group for X" as "make a group for X" (the verb by spelling: "joining"
    join, "making" make, "getting" get), when that verb asks PAM to do something."""
    stem = gerund[:-3].lower()
    doubled = [stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else []
    for verb in (*doubled, stem, stem + "e"):
        if asks_to_do(f"{verb}{rest}"):
            return f"{verb}{rest}"
    return None


def done_as_mused(text: str, before: str) -> str | None:
    """The request a go-ahead (`text`) gives for the act the message `before` mused on, or
    None when `text` is no go-ahead or nothing was mused on."""
    go = GO_AHEAD.match(text)
    if go is None or (mused := _MUSED.search(before)) is None:
        return None
    command = _as_command(mused["gerund"], mused["act"])
    if command is None:
        return None
    rest = go["rest"].strip(" ,.!-")
    return f"{command}, {rest}" if rest else command


# "go on then, save it, leaving the 20th", "ok plan it for monday", "yep, lock that in": a
# go-ahead to keep what the message before only asked about, with what this turn adds.
_KEEP_IT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|fine|alright|all right|yeah|yes|yep|righto|then|oh|well|sure|good"
    r"|great|cool|sounds good|good idea|why not|go on(?: then)?|go on and|in that case)\b[\s,.!]*)*"
    r"(?:(?:please|pls|just|you can|can you|could you)\s+)*"
    r"(?:save|keep|plan|lock)\s+(?:that trip|the trip|this trip|it|that|this)"
    r"(?:\s+(?:in|away|as a trip|to my trips|in my trips))?"
    r"(?:\s+(?:then|please|pls|for me))*(?P<rest>(?:[\s,;.-]+.*)?)$",
    _I,
)


# The message before asked about the drive ("what would fuel cost …?", "how far is …").
_ASKED = re.compile(r"\?|^\W*(?:what|how|which|when|is|would|could|can)\b", _I)


def trip_kept(text: str, before: str) -> str | None:
    """ "go on then, save it, leaving the 20th" after "what would fuel cost for Brisbane to
    Cairns in the Prado?": the trip the question was about, planned, with this turn's
    details. None unless the message before names a trip from one place to another."""
    go = _KEEP_IT.match(text)
    if go is None or not _ASKED.search(before):
        return None
    origin, destination, _stops = trip_places(before)
    if not (origin and destination):
        return None
    said = re.search(
        rf"(?:\bfrom\s+)?{re.escape(origin)}\b.*?\b{re.escape(destination)}\b[^?.!]*",
        before,
        _I,
    )
    if said is None:
        return None
    rest = go["rest"].strip(" ,;.!-")
    trip = f"plan a trip {said[0].strip()}"
    return f"{trip}, {rest}" if rest else trip


# Where to keep a thing, asked as a choice: "should I put the Kaikoura trip in as a task or
# in the calendar?", "do we add the vet visit to the calendar or as a to-do?" (an opinion is
# asked; nothing is kept until one is picked). Read also by general.py (talk, no tool).
_PLACE_WORDS = r"task|job|to-?do|reminder|calendar|diary|event|appointment"
_AS_OR_IN = (
    r"(?:in\s+)?(?:as\s+(?:an?\s+)?|in(?:to)?\s+(?:the\s+|my\s+)?|on\s+(?:the\s+|my\s+)?"
    r"|to\s+(?:the\s+|my\s+)?)"
)
CHOICE_OF_PLACE = re.compile(
    r"\b(?:should|shall|do|would|could) (?:i|we) (?:better )?"
    r"(?:put|add|keep|pop|stick|make|set up|log)"
    rf"\s+(?P<what>[^?]+?)\s+{_AS_OR_IN}(?P<a>{_PLACE_WORDS})s?(?: list)?\s*,?\s+or\s+"
    rf"{_AS_OR_IN}?(?:an?\s+)?(?P<b>{_PLACE_WORDS})s?(?: list)?\b[^?]*\??\s*$",
    _I,
)
_PICKED = re.compile(
    rf"^\W*(?:(?:ok(?:ay)?|yeah|yes|yep|um|hmm|right|let'?s (?:go|do|say)|go with)\b[\s,.!]*)*"
    rf"(?:{_AS_OR_IN}|the\s+)?(?P<pick>{_PLACE_WORDS})s?(?: (?:it is|then|one|please))?\b"
    r"[\s,.;:!-]*(?P<rest>.*)$",
    _I,
)
_IN_CALENDAR = {"calendar", "diary", "event", "appointment"}


def choice_made(text: str, before: str) -> str | None:
    """ "calendar. Saturday, all day" after "should I put the Kaikoura trip in as a task or
    in the calendar?": the thing kept where the answer picks, with this turn's details.
    None unless the message before asked where to keep a thing and this one names one of
    its choices first."""
    asked = CHOICE_OF_PLACE.search(before)
    picked = _PICKED.match(text)
    if asked is None or picked is None:
        return None
    pick = picked["pick"].lower().replace("-", "")
    choices = {asked["a"].lower().replace("-", ""), asked["b"].lower().replace("-", "")}
    if pick not in choices:
        return None
    what = re.sub(r"^(?:the|my|our)\s+", "", asked["what"].strip(), flags=_I)
    rest = picked["rest"].strip(" ,;.!-")
    if pick in _IN_CALENDAR:
        kept = f"put {what} in the calendar"
    elif pick == "reminder":
        kept = f"remind me about {what}"
    else:
        kept = f"add a task: {what}"
    return f"{kept}, {rest}" if rest else kept
