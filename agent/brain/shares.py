"""A bill and the people it was for: a price for each person times the people counted
("38 a head for the 2 of us" is 76), and a whole bill shared ("dinner 120, split 3 ways",
"we went halves", "split it 50/50") of which the user's part is what they spent.

Texts here are normalised (number words are digits: "the two of us" is "the 2 of us")."""

from __future__ import annotations

import re
from decimal import Decimal

_I = re.IGNORECASE

# Words that share a bill out (before the ways, the people or the halves).
_SHARE_VERB = r"(?:split|shared?|divided|divvied(?:\s+up)?|halved)"
# Up to five words between the verb and how it was shared ("split the 150 petrol bill 3
# ways"), none of them a clause of its own.
_BETWEEN = r"(?:\s+(?!and\b|but\b|then\b)[\w$.'/-]+){0,5}?"
_SPLIT = re.compile(
    # "split 3 ways", "divided 3 ways", "split the 150 petrol bill 3 ways"
    rf"\b{_SHARE_VERB}{_BETWEEN}\s+(?P<n>\d)\s+ways\b"
    # "split between the 3 of us", "shared between 2", "split evenly among 4 people"
    rf"|\b{_SHARE_VERB}{_BETWEEN}\s+(?:evenly\s+|equally\s+)?(?:between|among|amongst)\s+"
    r"(?:the\s+|all\s+)?(?P<n2>\d)(?:\s+(?:of\s+us|people|ppl|ways))?\b"
    # "between the 4 of us … my share": the share asked for without a verb
    r"|\b(?:between|among|amongst)\s+(?:the\s+)?(?P<n3>\d)\s+of\s+us\b"
    r"(?=.*\b(?:my (?:share|half|bit|part|cut)|mine)\b)"
    # halves: "went halves", "50/50", "split it in half", "down the middle", "halved it",
    # "paid half of the bill"
    r"|(?P<half>\b(?:went|go|going|split(?:\s+it)?)\s+(?:halves|half[- ]half|halvsies)\b"
    r"|\b50\s*/\s*50\b|\bfifty[- ]fifty\b"
    rf"|\b{_SHARE_VERB}{_BETWEEN}\s+(?:in\s+half|in\s+2|down\s+the\s+middle)\b"
    r"|\bhalved\s+(?:it|that|the\s+(?:bill|cost|fee|price))\b"
    r"|\bpaid\s+(?:my\s+)?half\s+(?:of\s+)?(?:the|a|an|that|it)\b)",
    _I,
)
# "my share was 40": the amount said is already the share
SHARE_SAID = re.compile(
    r"\b(?:my (?:share|half|bit|part|cut|portion)(?: of it)?|mine)\s+(?:was|is|came to|comes to"
    r"|=|:)\s*\$?\s?(?P<n>\d+(?:\.\d{1,2})?)\b",
    _I,
)
# A clause that only says how the bill before it was shared ("…, split it 50/50", "my half
# is 60", "we went halves"): a detail of that expense, not an expense of its own.
DETAIL = re.compile(
    r"^(?:and |so |but )?(?:(?:my|mine) ?(?:share|half|bit|part|cut|portion)?(?: of it)? (?:is"
    r"|was|came to|comes to)\b"
    r"|(?:we |i |they )?(?:just )?(?:split|shared?|divided|divvied|halved|went halves"
    r"|go halves|went 50/50)\b(?!.*\b(?:spent|paid|bought)\b))",
    _I,
)

# A price for each person, right after its figure: "38 a head", "25 each", "12 per adult".
_EACH = (
    r"(?:a head|per head|a person|per person|pp|p/p|each|apiece|a piece|per adult|an adult"
    r"|a pop)"
)
_RATE_EACH = re.compile(
    rf"(?<![\d.])\$?\s?(?P<rate>\d+(?:\.\d{{1,2}})?)\s*(?:dollars|bucks)?\s*{_EACH}\b", _I
)
# The people counted: "the 2 of us", "both of us", "the pair of us", "3 people", "2 adults",
# "there were 4 of us".
_PEOPLE = re.compile(
    r"\b(?:for\s+)?(?:the\s+|all\s+)?(?P<n>\d{1,2})\s+(?:of\s+us|people|persons|ppl|pax|adults"
    r"|guests)\b"
    r"|\b(?P<two>both\s+of\s+us|the\s+pair\s+of\s+us|the\s+2\s+of\s+us|me\s+and\s+the\s+missus"
    r"|me\s+and\s+my\s+(?:wife|husband|partner|hubby|mate))\b",
    _I,
)


def split_ways(text: str) -> int | None:
    """How many ways a bill was shared, when the amount said is the whole bill."""
    m = _SPLIT.search(text)
    if m is None or SHARE_SAID.search(text):
        return None
    ways = 2 if m["half"] else int(m["n"] or m["n2"] or m["n3"])
    return ways if 2 <= ways <= 9 else None


def for_each_person(text: str, amount: Decimal) -> Decimal | None:
    """ "38 a head for the 2 of us": the price of one times the people, when `amount` (the
    figure read) is that price and no bill is shared."""
    each = _RATE_EACH.search(text)
    people = _PEOPLE.search(text)
    if each is None or people is None or Decimal(each["rate"]) != amount or split_ways(text):
        return None
    count = 2 if people["two"] else int(people["n"])
    return amount * count if 2 <= count <= 20 else None
