"""A to-do told as done: "knocked over the hitch", "the grey water is taken care of",
"we finally did the solar panels", "the washing - tick", and several at once ("done the
fridge and the rego"): one completion per thing named.

What is done is named as a thing with a determiner ("the …", "my …", "mum's …"), with no
figure (a figure makes it money, a fill or a service: "did the oil change at 98,000"), no
food or household item finished or done (used up: "the milk is finished"), no part of a
vehicle's service (work on the vehicle is maintenance) and no place or purpose ("finished
the house-sit in Noosa, they paid us $700" is a story of work). A question ("is the washing
done?") tells nothing done.
"""

from __future__ import annotations

import re

from agent.brain.groceries import ITEMS
from agent.brain.triggers import MAINT_ITEM

_I = re.IGNORECASE
_LEAD = (
    r"^(?:(?:yep|yeah|yes|ok|okay|and|so|well|also|right|good news)[\s,!.]+)*"
    r"(?:(?:i|we)(?:'ve|\s+have)?\s+)?(?:just\s+|finally\s+|already\s+|also\s+)?"
)
# Verbs that tell a job done, or ask for it ticked, with what was done right after them.
_VERB = (
    r"(?:done|did|finished|finishd|finsihed|completed|compleated|sorted(?:\s+out)?"
    r"|knocked\s+(?:over|off)|got\s+through|ticked\s+off|crossed\s+off|struck\s+off"
    r"|wrapped\s+up|finished\s+up|closed?\s+off|(?:can\s+you\s+|could\s+you\s+|pls\s+|please\s+)?"
    r"(?:(?:tick|cross|check|strike|mark)\s+off|mark))(?:\s+with)?"
)
# "mark X as done", "we did X and Y, tick them off"
_TAIL = (
    r"(?:\s+(?:as\s+)?(?:done|complete|completed|finished|off))?"
    r"(?:\s*[,;-]\s*(?:pls\s+|please\s+)?(?:tick|cross|mark|check)\s+(?:them|'em|it|those|both)"
    r"(?:\s+(?:off|done|as\s+done))?)?"
)
_THING = r"(?P<obj>(?:both\s+)?(?:the|my|our|\w+'s)\s+[\w'+-]+(?:(?:\s*,\s*|\s+)[\w'+-]+){0,9}?)"
_WHEN = (
    r"(?:\s+(?:today|this\s+morning|this\s+arvo|this\s+afternoon|yesterday|last\s+night"
    r"|before\s+brekkie|at\s+last|finally|now|mate))*"
)
_TOLD = (
    r"(?:all\s+|now\s+|finally\s+|already\s+|both\s+)*(?:done|sorted|finished|complete"
    r"|completed|taken\s+care\s+of|out\s+of\s+the\s+way|ticked(?:\s+off)?|crossed\s+off"
    r"|dealt\s+with|tick)(?:\s+and\s+dusted)?"
)
# "knocked over the hitch", "we finally did the solar panels today"
_VERB_FIRST = re.compile(rf"{_LEAD}{_VERB}\s+{_THING}{_WHEN}{_TAIL}{_WHEN}\s*[.!]*$", _I)
# "the grey water is taken care of", "the washing - tick", "the hitch: done"
_THING_FIRST = re.compile(
    rf"{_LEAD}{_THING}\s*(?:(?:is|are|'s|'re|has\s+been|have\s+been|was|were)\s+|\s*[-:–]\s*|\s+)"
    rf"{_TOLD}{_WHEN}\s*[.!]*$",
    _I,
)
# "take the rego off my jobs, done", "mum's card can come off the to do list": taken off
# the list of jobs (no tool takes a job away; off that list it is done)
_JOB_LIST = (
    r"\s+(?:my|the|our)\s+(?:to-?\s?dos?|todo|jobs?|tasks?|chores?)(?:\s+list)?"
    r"(?:\s*[,;-]\s*(?:it'?s\s+|its\s+)?(?:done|finished|sorted))?\s*[.!]*$"
)
_TAKE_OFF = re.compile(
    rf"{_LEAD}(?:can\s+you\s+|pls\s+|please\s+)?(?:take|cross|tick|strike|knock)\s+{_THING}\s+off"
    rf"{_JOB_LIST}",
    _I,
)
_COMES_OFF = re.compile(rf"{_LEAD}{_THING}\s+can\s+(?:come|go)\s+off{_JOB_LIST}", _I)
# "… and the rego", "…, also the hitch", "… + the grey water"
_AND = re.compile(
    r"\s*(?:,\s*(?:and\s+|also\s+)?|\s+and\s+(?:also\s+)?|\s*\+\s*|\s+also\s+|\s*&\s*)", _I
)
_DETERMINED = re.compile(r"^(?:both\s+)?(?:the|my|our|\w+'s)\s+\w", _I)
_WORD = re.compile(r"[a-z]+", _I)
_WHERE = re.compile(r"\s(?:in|at|from|for)\s", _I)
_LAST_OF = re.compile(r"\b(?:last|rest|end) of\b", _I)  # "finished the last of the coffee"
_USED_UP = re.compile(r"\b(?:finished|finishd|done)\b", _I)


def _thing(text: str) -> str | None:
    said = text.strip()
    if "?" in said or re.search(r"\d", said):
        return None
    match = (
        _VERB_FIRST.match(said)
        or _THING_FIRST.match(said)
        or _TAKE_OFF.match(said)
        or _COMES_OFF.match(said)
    )
    if not match:
        return None
    thing = match["obj"]
    parts = _parts(thing)
    if "," in thing and not all(_DETERMINED.match(p) for p in parts):
        return None  # "we finished the milk, put it on the list": a clause, not a job
    for part in parts:
        words = [w.lower() for w in _WORD.findall(part)]
        if (
            (len(words) == 2 or _LAST_OF.search(part))
            and words[-1] in ITEMS
            and _USED_UP.search(said)
        ):
            return None  # "finished the milk", "the gas is done": used up, not a job
    if _WHERE.search(thing):
        return None  # "finished the house-sit in Noosa, they paid us 700": a story of work
    if MAINT_ITEM.search(thing):
        return None  # "did the tyres": work on the vehicle
    return thing


def _parts(thing: str) -> list[str]:
    parts = [re.sub(r"^(?:both|also)\s+", "", p.strip(), flags=_I) for p in _AND.split(thing)]
    return [re.sub(rf"\s+{_TOLD}$", "", p, flags=_I) for p in parts if p]  # "the washing sorted, …"


def told_done(text: str) -> bool:
    """Whether `text` tells (or asks to tick off) a job done, naming the job."""
    return _thing(text) is not None


def done_things(text: str) -> list[str]:
    """The jobs `text` tells done when it names more than one ("done the fridge and the
    rego" → ["the fridge", "the rego"]); [] when it names one or none."""
    thing = _thing(text)
    if thing is None:
        return []
    parts = _parts(thing)
    if len(parts) < 2 or not all(_DETERMINED.match(p) for p in parts):
        return []
    return parts
