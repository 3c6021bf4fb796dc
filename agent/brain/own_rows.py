"""A question about the user's own rows that no rule read: "did I already pay the rego
this year?", "have I posted anything this month?", "did I finish the bank thing?", "when
was the last oil change?", "is there anything on health this year?". What it asks about
(the act asked after, or the kind of row named) says which reading tool answers it; a
question never writes, so only reading tools are given.
"""

from __future__ import annotations

import re

from agent.brain.asking import is_question, last_of_kind
from agent.brain.categories import category_of

_I = re.IGNORECASE
# What was done, asked after, and the rows that keep it; first match wins (the more exact
# words first: "did I log the fuel" is about fills, "did I pay" about money).
_ABOUT: list[tuple[str, re.Pattern[str]]] = [
    (
        "get_feed",
        re.compile(r"\b(?:post|posted|posts|posting|shared|commented|comments?|likes?)\b", _I),
    ),
    (
        "list_vehicles",
        re.compile(
            r"\b(?:car|cars|van|vans|ute|utes|vehicles?|truck|motorhome|caravan|rig|camper)\b"
            r".{0,30}\b(?:in the app|in here|on here|saved|added|set up|on file|registered"
            r"|in the system)\b|\bhave (?:i|we) (?:got )?(?:a|any) (?:car|van|ute|vehicle)s?\b",
            _I,
        ),
    ),
    (
        "fuel_stats",
        re.compile(r"\b(?:fuel|diesel|petrol|unleaded|fill(?:ed)?(?: up)?|top(?:ped)? up)\b", _I),
    ),
    (
        "maintenance_due",
        re.compile(
            r"\b(?:oil change|service|serviced|servicing|tyres? (?:changed|rotated|replaced)"
            r"|brakes?|wheel bearings?|timing belt|cambelt|maintenance)\b",
            _I,
        ),
    ),
    (
        "list_tasks",
        re.compile(
            r"\b(?:finish|finished|complete|completed|tick(?:ed)? off|cross(?:ed)? off|sort(?:ed)?"
            r" out|tasks?|to-?dos?|jobs?)\b|\bstill open\b|\bleft to do\b",
            _I,
        ),
    ),
    (
        "list_expenses",
        re.compile(
            r"\b(?:pay|pays|paid|paying|spend|spends|spent|spending|buy|buys|bought|buying|cost"
            r"|costs|costing|expenses?|bills?|rego|insurance|receipts?|charged?|charging)\b",
            _I,
        ),
    ),
    (
        "list_events",
        re.compile(r"\b(?:appointments?|appts?|booked|bookings?|events?|calendar|diary)\b", _I),
    ),
]
# The user asking after their own doings: "did I …", "have we …", "when was the last …",
# "is there anything on …", "do I have …".
_OWN = re.compile(
    r"\b(?:did|didn'?t|have|haven'?t|has|do|am|was|were) (?:i|we)\b|\bwhen (?:was|did|were)\b"
    r"|\b(?:is|was) there (?:anything|something|any)\b|\bwhat is still\b|\bwhat'?s still\b",
    _I,
)
# "anything on health this year?": a category of spending named after "on"/"for".
_ON_CATEGORY = re.compile(
    r"\b(?:anything|something|much|any) (?:on|for) (?P<what>[a-z ]{3,25})", _I
)


# A row the user cannot find is asked for as surely as by a question: "I saw a post about
# the gorges yesterday and now I can't find it", "can't find the rego payment anywhere".
_CANT_FIND = re.compile(
    r"\b(?:can'?t|cannot|couldn'?t|can not|unable to) (?:seem to )?(?:find|see|locate|spot"
    r"|track down|dig up)\b|\b(?:lost track of|where(?:'s| is| did) (?:it|that) (?:go|gone))\b",
    _I,
)


def asked_about(text: str) -> str | None:
    """The reading tool that answers `text`, a question about the user's own rows (or a row
    the user cannot find), or None when it is no such question."""
    if not (is_question(text) and _OWN.search(text)) and not _CANT_FIND.search(text):
        return None
    on = _ON_CATEGORY.search(text)
    if on and category_of(on["what"]):
        return "list_expenses"
    about = next((tool for tool, words in _ABOUT if words.search(text)), None)
    if about is None and _KEPT_VERB.search(text) and category_of(text):
        # "did I put in the chemist thing from yesterday?": a thing of a kind of spending,
        # whether it went in is in the expenses
        about = "list_expenses"
    return last_of_kind(text, about)


# Keeping a row, asked after with a thing of a kind of spending and no other place named.
_KEPT_VERB = re.compile(
    r"\b(?:put|popped|chucked|entered|logged|recorded|added|jotted|noted|enter|log|record|add"
    r"|note|pop|chuck|stick|stuck|bung|bunged|jot)\b(?!.{0,40}\b(?:list|pantry|cupboard|fridge|freezer|calendar|diary|jobs|tasks"
    r"|to-?dos?)\b)",
    _I,
)
