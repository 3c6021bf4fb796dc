"""Requests about rows that already exist, read from how people say it rather than from
a trigger word: a delete that names an amount ("get rid of yesterday's $18 parking"), a
correction ("the $18 lunch was actually $21.50"), an event that moved ("the meetup has
moved to the library", "push the tyre fitting to 2pm"), and a reminder before something
already in the calendar ("remind me 30 minutes before the Landcare meetup")."""

from __future__ import annotations

import re

from agent.brain.times import SHIFT

_I = re.IGNORECASE
_DELETE = re.compile(
    r"\b(?:delete|remove|scrap|undo|erase|get rid of|bin|trash|wipe|take off|strike off"
    r"|(?:scratch|cross|strike|rub|take)(?:ing)? (?:(?:it|that|this|that one|this one|them) )?out"
    r"|scratch(?:ing)? off|cross(?:ing)? off|taking out)\b",
    _I,
)
_CORRECTION = re.compile(
    r"\b(?:was|were|is) actually\b|\bactually (?:was|were|cost|it was)\b"
    r"|\bshould(?: have)? been\b|\bnot \$?\d|\b(?:fix|correct) (?:it|that|this)\b"
    r"|\bwrong (?:amount|date|category|price)\b|\bwas (?:on )?\w+,? not\b"
    r"|\b(?:change|fix|correct) the (?:date|amount|category|price|entry)\b"
    # an amount said to be another: "the 45 for the campsite should be 54", "it was really
    # 54", "wasn't 45, it was 54", "I put in 45 but it was 54"
    r"|\b(?:should (?:be|read|say)|(?:was|is|were) really|but (?:it|that) (?:was|came to)"
    r"|(?:wasn'?t|isn'?t)\b[^.?!]{0,30}\bit(?: was|'s| is)|instead of)\s+(?:[$£€]\s?)?\d",
    _I,
)
# An event said to be off: "the BBQ at Jo's on Sunday got cancelled", "bowls is off".
_CANCELLED = re.compile(
    r"\b(?:got|been|is|was|are|were|'s|has been|have been) (?:cancell?ed|called off|scrapped"
    r"|off)\b(?! (?:to|for|at|the)\b)"
    # no longer wanted: "don't need the vet thing on Wednesday anymore", "we won't be
    # needing the site on Friday after all", "the bbq isn't happening now"
    r"|\b(?:do(?:n'?t|nt| not)|won'?t|will not|no longer) (?:need|want|require|be needing"
    r"|be wanting)\b[^.?!]{0,60}?\b(?:any ?more|after all|no more)\b"
    r"|\bno longer (?:needed|wanted|happening|going ahead|on)\b"
    r"|\b(?:isn'?t|is not|aren'?t|are not|won'?t be|will not be) (?:needed|happening"
    r"|going ahead|on) (?:any ?more|after all|now)\b",
    _I,
)
_MOVED = re.compile(
    r"\b(?:has|have|'s|is|was|got|been) (?:been )?(?:moved|shifted|changed|rescheduled|postponed"
    r"|pushed(?: back| out)?|bumped|brought forward|put back|relocated)\b",
    _I,
)
_MOVE = re.compile(
    r"\b(?:move|reschedule|push|shift|postpone|bring forward|put back|change)\b.{0,40}"
    r"\b(?:to|till|until|back to|forward to)\b",
    _I,
)
# "push the rego reminder back a week", "the physio needs to be 2 days earlier": a move by
# an offset from the row's own time (no day or clock of its own is said)
_MOVE_VERB = re.compile(
    r"\b(?:move|moved|reschedule|push|pushed|shift|shifted|postpone|bring|brought|put|bump"
    r"|needs? to be|has to be|make it|make that)\b",
    _I,
)
_TO_AMOUNT = re.compile(
    r"\b(?:change|update|make|fix|correct|edit|amend|adjust)\b.{0,40}\bto\s+(?:\$|\d)", _I
)
# A field of a kept row changed: "change the location of fridays dinner to the bowlo",
# "set the venue for the meeting to …", "change where the bbq is to Dave's".
_FIELD_OF = re.compile(
    r"\b(?:change|set|update|switch|fix|correct|alter|amend)\s+(?:the\s+)?(?:place|location|venue"
    r"|spot|address|where|start time|time|date|day|title|name)\s+(?:of|for|on|at)\b"
    r"|\bchange where\b",
    _I,
)
_CLOCK_FIGURES = re.compile(r"\d\s*(?:am|pm)\b|\d[:.]\d\d\b|\bnot \d", _I)
_GONE = re.compile(r"\b(?:yesterday|last night|this morning|earlier today|the other day)\b", _I)
_LIMIT = re.compile(r"\b(?:budget|limit|cap|threshold)\b", _I)
_BEFORE = re.compile(r"\bremind(?:er)?\b.{0,40}\bbefore (?:the|my|our)\b", _I)


def corrected(text: str) -> bool:
    """Whether `text` says a kept value is wrong ("… should be 13", "was actually 35")."""
    return _CORRECTION.search(text) is not None


def called_off(text: str) -> bool:
    """Whether `text` says something is off ("the BBQ got cancelled", "bowls is off")."""
    return _CANCELLED.search(text) is not None


def edit_requests(
    text: str, *, amount: bool, category: bool, day: bool, clock: bool, event: bool
) -> list[tuple[str, int]]:
    """(tool, score) for changes to existing rows; `event`: an event noun is named."""
    found: list[tuple[str, int]] = []
    # money named says which row ("delete that £22 for the ferry"); a category alone does
    # not outweigh an event's noun
    if _DELETE.search(text) and (amount or (category and not event)):
        found.append(("delete_expense", 8))
    # a time said wrong of a day's row: "tuesday's winery tour should be 11am not 10" (a
    # clock in figures; "change the date to yesterday arvo" is when money went out)
    timed = (
        _CORRECTION.search(text)
        and clock
        and not amount
        and (event or day)
        and _CLOCK_FIGURES.search(text)
        and not _GONE.search(text)
    )
    if _CORRECTION.search(text) and (amount or (category and not event)) and not timed:
        found.append(("update_expense", 8))
    if timed:
        found.append(("update_event", 8))
    if _TO_AMOUNT.search(text) and amount and not _LIMIT.search(text):  # "the $65 dinner to $56"
        found.append(("update_expense", 9))
    if not amount and (event or day) and _CANCELLED.search(text):
        found.append(("delete_event", 8))
    by_offset = (m := SHIFT.search(text)) and _MOVE_VERB.search(text[: m.start()])
    if not amount and (_MOVED.search(text) or (_MOVE.search(text) and (day or clock)) or by_offset):
        found.append(("update_event", 8))
    if _BEFORE.search(text) and not day and not clock:
        found.append(("update_event", 9))
    if not amount and (event or day) and _FIELD_OF.search(text):
        found.append(("update_event", 8))  # "set the location for tomorrow's meeting to …"
    return found
