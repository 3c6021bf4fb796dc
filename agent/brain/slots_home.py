"""Arguments of the pantry, shopping list, profile and memory tools."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date

from agent.brain import values
from agent.brain.calendar_words import numeric
from agent.brain.clock import month_end, month_number
from agent.brain.convo import Env
from agent.brain.dates import MONTHS, find_day
from agent.brain.draft import Draft, tidy
from agent.brain.families import SHOPPING
from agent.brain.groceries import laid_out, split_run
from agent.brain.places import known_town
from agent.brain.textutil import capitalise, squash

_I = re.IGNORECASE
_UNIT = (
    r"kg|kgs|kilos?|g|grams?|l|litres?|liters?|ml|packets?|packs?|tins?|cans?|bottles?|jars?"
    r"|bags?|boxes?|loaves|loaf|rolls?|cartons?|blocks?|dozen|bunch(?:es)?|punnets?|trays?"
)
_NOTE = r"remember|note to self|note|don'?t forget|keep in mind|make a note|fyi|for your info"
_NOTE += r"|for future reference|take note"
_ON_LIST = (
    rf"\b(?:to|on|onto|in|for)\s+(?:(?:the|my|our)\s+)?(?:(?:(?:{SHOPPING})\s*)?list"
    r"|shopping|shops)\b.*$"
)
_GET = r"run out of|ran out of|out of|low on|running low on|running out of"
_GET += (
    r"|need to (?:buy|get|grab|pick up|add|put|write down|jot down)|need|add|put|chuck|stick|pop"
)
_GET += r"|throw|get|buy|grab"
_GET += r"|whack|bung|slap|jot(?: down)?|pick up|grab us|get us|we're out of|we are out of"
_GET += r"|write down|note down|put down"  # ("write down milk": a list written, as on paper)
# A label before the items: "shopping list: snags, onions", "for the shops -".
_LABEL = re.compile(
    rf"^\s*(?:(?:the|my|our)\s+)?(?:(?:{SHOPPING})(?:\s*list)?|list)\s*[:\-]\s*"
    # the list as the one who wants: "the shopping list needs milk", "list could use eggs"
    rf"|^\s*(?:(?:the|my|our)\s+)?(?:(?:{SHOPPING})\s*)?list\s+"
    r"(?:needs|wants|could (?:use|do with)|is (?:missing|short of|out of)|is after|lacks)\s+",
    _I,
)
_VAGUE = r"the shopping list|list|please|too|something|some stuff|stuff|things|a few things"
_VAGUE += r"|(?:a )?few (?:things|bits|items)|bits|items|bits and pieces|(?:a )?couple of things"
# ("got a few things for the list", "I have some stuff for the shops": things said, none named)
_VAGUE += r"|(?:(?:i|we|i've|we've|ive)\s+)?(?:got|have|need)\s+(?:a\s+)?(?:few|some|couple of"
_VAGUE += r"|a couple of)?\s*(?:things|stuff|bits|items|bits and pieces)"
_VAGUE += r"|(?:add |put |get |buy |chuck )?(?:them|it|those|these|that|this|both|both of them"
_VAGUE += r"|all|all of them|all of those|the lot|the two of them)"
# the request's own verb left after the items ("we're out of eggs, add to the list")
_VAGUE += r"|(?:so |pls |please |can you |could you )?"
_VAGUE += r"(?:add|put|chuck|stick|pop|throw|whack|bung|jot|write down|jot down|note down)"
# "2 x tins of chickpeas": "x" is "times", not part of the name
_QTY = re.compile(rf"\b(\d+(?:\.\d+)?|an?)\s*(?:x\s+)?({_UNIT})?\b(?:\s+of)?\s*", _I)
_EXPIRY = re.compile(
    r"\b(?:expir\w*|exp|use[- ]by|bb|best before|go(?:es|ing)? (?:off|bad)|good (?:until|till)"
    r"|due to expire)"
    r"\b\s*(?:on|in|by|date|is|of)?\s*",
    _I,
)


def add_pantry_item(text: str, env: Env) -> Draft:
    draft = Draft("add_pantry_item")
    rest = text
    if m := _EXPIRY.search(text):
        # "exp 2 days", "use by 1 week": a bare length after the expiry word is from today
        after = re.sub(r"^(?=\d+\s*(?:days?|weeks?|months?)\b)", "in ", text[m.end() :])
        if dotted := re.match(r"\s*(\d{1,2})\.(\d{1,2})\.?(?![\d.])", text[m.end() :]):
            # "good until 12.12": after an expiry word a dotted pair is a day (elsewhere it
            # may be a price or a time)
            if found := numeric(int(dotted[1]), int(dotted[2]), None, env.today, True):
                draft.put("expiry_date", found.isoformat())
        elif day := find_day(text[m.start() : m.end()] + after, env.today, future=True):
            draft.put("expiry_date", day.day.isoformat())
        elif month := re.match(r"\s*(\d{4})-(\d{2})\b(?!-)", text[m.end() :]):
            # "exp 2027-01": a month, good to its last day
            with suppress(ValueError):
                draft.put(
                    "expiry_date", month_end(date(int(month[1]), int(month[2]), 1)).isoformat()
                )
        elif named := re.match(
            rf"\s*(?:the end of\s+)?({MONTHS})\b,?\s*(\d{{4}}|\d{{2}})?\b", text[m.end() :], _I
        ):
            # "best before march 2027", "use by June": that month, good to its last day
            number = month_number(named[1])
            year = (
                int(named[2]) + (2000 if named[2] and len(named[2]) == 2 else 0)
                if named[2]
                else None
            )
            if number is not None:
                year = year or env.today.year + (number < env.today.month)
                draft.put("expiry_date", month_end(date(year, number, 1)).isoformat())
        rest = text[: m.start()]
    rest = re.sub(r"[(\[]\s*$", " ", rest)  # "(exp …)" leaves its bracket
    # "6 eggs, the eggs are (good until …)": the item named again before its expiry
    rest = re.sub(r"[,;]\s*(?:and\s+)?(?:the\s+)?[\w' -]{1,30}?\s+(?:are|is|'s)\s*$", " ", rest)
    # "a" is a count only with a unit: "a bag of pasta", not "a pumpkin"
    qty = next((q for q in _QTY.finditer(rest) if q[1][0].isdigit() or q[2]), None)
    if qty:
        count = qty[1] if qty[1][0].isdigit() else "1"
        draft.put("quantity", float(count) if "." in count else int(count))
        unit = qty[2]
        unit = "kg" if unit and unit.lower().startswith("kilo") else unit
        draft.put("unit", ("L" if unit == "l" else unit) if unit else None)
        rest = rest[qty.end() :]
        rest = re.sub(rf"^\s*(?:{_UNIT})\s+of\s+", "", rest, flags=_I)  # "a 2kg bag of rice"
    rest = re.split(
        r"\b(?:to|in|into)\s+(?:the|my|our)\s+(?:pantry|cupboard|fridge|freezer)",
        rest,
        flags=_I,
    )[0]
    # "rice in Mareeba - add that": where it was bought and the next clause are no name
    rest = re.split(r"\s+-\s+|[;:]", rest)[0]
    # "the 1kg rice we just got": who got it, and when, is no part of its name
    rest = re.sub(
        r"\s+(?:that\s+|which\s+)?(?:we|i|they|he|she|mum|dad)(?:'ve| have)?\s+(?:just\s+)?"
        r"(?:got|bought|picked up|grabbed|found|scored|were given|was given)\b.*$",
        "",
        rest,
        flags=_I,
    )
    if (where := re.search(r"\s+(?:in|at|from)\s+(.+)$", rest, _I)) and known_town(where[1]):
        rest = rest[: where.start()]
    lead = r"add|put|we've got|we have|i've got|i have|got|have|bought|some|a|an|the|of|stock|and"
    name = tidy(rest, lead + r"|that's|that is|which is|it's|they're|expiring|expires|that|which")
    draft.put("name", name.lower()[:100] if name else None)
    draft.missing = None if name else "name"
    return draft


def list_pantry(text: str, env: Env) -> Draft:
    draft = Draft("list_pantry")
    if ahead := values.days_ahead(text):
        draft.put("expiring_within_days", ahead)
    elif re.search(
        r"\bthis week\b|\b(?:within|in|inside|over) (?:the|a) week\b", text, _I
    ) or re.search(
        r"\b(?:expir\w*|go(?:es|ing)? off|go(?:es|ing)? bad|use[- ]by|out of date|soon)\b", text, _I
    ):
        draft.put("expiring_within_days", 7)
    return draft


# "add lunchbox stuff to the list: muesli bars, apples", "put on shopping list - eggs": the
# items follow the list and a colon or dash.
_AFTER_LIST = re.compile(
    rf"\b(?:(?:{SHOPPING})\s*list|list|shopping|shops)\b"
    r"(?:\s+(?:please|pls|for me|thanks))?\s*(?::|\s-\s)\s*(?=\S)",
    _I,
)


# Items said after the list was named: "put sunscreen on the list please, and also repellent".
_MORE_AFTER = re.compile(
    rf"\b(?:to|on|onto|in|for)\s+(?:the|my|our)\s+(?:(?:(?:{SHOPPING})\s*)?"
    r"list|shopping|shops)\b(?:\s+(?:please|pls|too|as well|thanks|for me))*\s*,?\s*"
    r"(?:and also|and|plus|as well as|also)\s+"
    r"(?!(?:remind|log|book|add|put|set|tell|show|what|how|can|could|please|plan|save|post|delete"
    r"|cancel|i|we|it)\b)(?P<more>\S.*?)(?:\s+(?:too|as well|please|pls))*[.!]*$",
    _I,
)


# "add to the shopping list bread and tomato": the list named first, the items after it.
_LIST_THEN_ITEMS = re.compile(
    r"^\W*(?:please\s+|pls\s+)?(?:add|put|pop|chuck|stick|whack|write)\s+(?:on|onto|to|in)\s+"
    r"(?:(?:the|my|our)\s+)?(?:(?:shopping|grocery|groceries|shops?)\s*)?(?:list|shopping|shops)"
    r"\s+(?!list\b|(?:please|pls|thanks|too|as well|for me)\W*$)(?P<items>\w.*)$",
    _I,
)
# "we finished the milk, put it on the list": "it" is what ran out.
_RAN_OUT = re.compile(
    r"\b(?:finished|used up|used the last(?: of)?|ran out of|run out of|out of|the last of|no more"
    r"|all out of|polished off)\s+(?:the\s+|our\s+|my\s+|all the\s+)?(?P<what>[\w' ]+?)"
    r"\s*(?:[,.;!]|\s+(?:so|and|can you|could you|please|pls)\b)",
    _I,
)
_POINTERS = re.compile(r"(?:it|them|that|those|these|this|some|more)", _I)


def shopping_items(text: str) -> list[str]:
    text = laid_out(text)  # an item a line, bulleted, or after semicolons
    if first := _LIST_THEN_ITEMS.match(text):
        return _items(first["items"])
    if more := _MORE_AFTER.search(text):
        return (_list_items(text[: more.start("more")]) + _items(more["more"]))[:50]
    items = _list_items(text)
    if (not items or all(_POINTERS.fullmatch(i) for i in items)) and (ran := _RAN_OUT.search(text)):
        return _items(ran["what"])
    return items


def _list_items(text: str) -> list[str]:
    if (after := _AFTER_LIST.search(text)) and not _LABEL.match(text):
        text = text[after.end() :]
    text = re.sub(_ON_LIST, "", text, flags=_I)
    if label := _LABEL.match(text):
        body = text[label.end() :]
    elif m := re.search(rf"\b(?:{_GET})\b\s*(.+)$", text, _I):
        body = m[1]
    else:
        body = text
    return _items(body)


_WANTS = re.compile(
    r"^(?:(?:the|my|our)\s+)?(?:[\w']+\s+){0,1}[\w']+\s+"
    r"(?:wants|needs|asked for|is after|would like|'d like|reckons we need|says we need)\s+",
    _I,
)


_NEED_LEAD = re.compile(
    r"^(?:(?:we|i)(?:'re|'m| are| am)?\s+)?(?:(?:also|still|really)\s+)?(?:need|needs|want|out of"
    r"|run out of|ran out of|low on|short on|got no|have no|no more|all out of)\s+"
    # ("I need to add a few things": the asking, not an item)
    r"(?:to\s+(?:add|put|get|buy|grab|pick up|write down|jot down)\s+)?",
    _I,
)
_WHEN_TAIL = re.compile(
    r"(?:\s+(?:now|today|again|too|as well|asap|already|please|pls|plz|thanks|thx|ta|cheers"
    # ("onions next shop", "bread when you're next in town"): when, no part of the item
    r"|(?:at |for )?(?:the )?next (?:shop|shopping trip|time|visit)|when (?:you'?re|we'?re) next"
    r"(?: \w+){1,3}))+$",
    _I,
)


def _items(body: str) -> list[str]:
    # Spaces before a separator are read from the start of their run only (from each of n
    # blank characters it was O(n^2)); the same splits.
    # ("… so chuck them on": the clause that points back is no item, cut by "so"/"then")
    parts = re.split(
        r"(?:(?<!\s)\s+)?(?:,|&|\+|\band\b|\bplus\b|\balso\b|\bso\b|\bthen\b|\s-\s*(?=(?:add|put|pop|chuck|stick|jot|write|bung)\b))\s*",
        body,
        flags=_I,
    )
    items = []
    for part in parts:
        # "Jess wants oat milk", "the kids need sunscreen": what someone wants is the item
        part = _WANTS.sub("", part.strip())
        # "we're out of eggs now", "need milk": why it goes on the list is no part of it
        part = _NEED_LEAD.sub("", _WHEN_TAIL.sub("", part))
        item = squash(
            re.sub(r"^(?:some|more|a|an|the|few|couple of)\s+", "", part.strip(), flags=_I)
        )
        if item and not re.fullmatch(_VAGUE, item, _I):
            items += [i.lower() for i in split_run(item)]
    return items[:50]


def add_to_shopping_list(text: str, env: Env) -> Draft:
    draft = Draft("add_to_shopping_list")
    items = shopping_items(text)
    draft.put("items", items or None)
    draft.missing = None if items else "items"
    return draft


def get_shopping_list(text: str, env: Env) -> Draft:
    return Draft("get_shopping_list")


# What says a fact is told in passing: "by the way", "btw", "just so you know", "fyi".
_IN_PASSING = re.compile(
    r"^\W*(?:(?:oh|and|also|ok|okay)\W+)*(?:by the way|btw|just so you know|just so ya know"
    r"|fyi|for the record|for your info(?:rmation)?|just letting you know|heads up|ps)\W*"
    r"|\W*(?:by the way|btw|just so you know|fyi|for the record|for future reference)\W*$",
    _I,
)
# A statement about the user or those they travel with: "I'm vegetarian", "we don't eat
# pork", "my husband is diabetic", "the dog's scared of storms".
_ABOUT_US = re.compile(
    r"^(?:i|i'm|im|i am|i've|ive|we|we're|were|we are|we've|my|our|the (?:dog|cat|kids?|wife"
    r"|husband|missus|hubby|partner)|he|she|he's|she's)\b(?!.*\?\s*$)",
    _I,
)


def _told_about_oneself(text: str) -> str | None:
    """A fact told about oneself, not asked for: the statement with what says it is told
    in passing cut ("I'm vegetarian by the way" → "I'm vegetarian")."""
    said = squash(_IN_PASSING.sub("", _IN_PASSING.sub("", text.strip()))).strip(" .!,")
    if len(said.split()) < 2 or not _ABOUT_US.match(said):
        return None
    return capitalise(said)


# The notes named as where the words go, before them: "for my notes: …", "memo - …", "put
# this in your notes: …", "add to my notes that …".
_NOTES_LABEL = re.compile(
    r"^\W*(?:(?:and|also|oh|ok|okay|please|pls)\W+)*(?:(?:for|in|into|on) (?:my|our|your|the)"
    r" (?:notes?|memo|memory|files?)|memo|note for (?:later|you|pam)|(?:add|put|save|stick|pop"
    r"|jot|keep|file)(?: (?:this|that|it))? (?:to|in|into|on|with) (?:my|our|your|the)"
    r" (?:notes?|memory|memories))\b[\s:,-]*(?:(?:that|please|pls)\b\s*)?(?P<note>\S.*)$",
    _I | re.DOTALL,
)


def remember(text: str, env: Env) -> Draft:
    draft = Draft("remember")
    if labelled := _NOTES_LABEL.match(text):
        note = capitalise(squash(labelled["note"]))[:2000]
        draft.put("note", note or None)
        draft.missing = None if note else "note"
        return draft
    # One `\s*` before "that": two in a row could split n newlines n ways, O(n^2).
    m = re.search(rf"\b(?:{_NOTE})\b\s*(?:(?:that|:|,)\s*)?(?:of\s+)?(.+)$", text, _I)
    note = capitalise(squash(m[1])) if m else ""
    # The separator run is read from its start only: from each of its n characters it
    # would be read to its end again, O(n^2) on "remember " + ";" * 4,000.
    said = re.match(
        rf"^(.+?)(?<![\s,;.-])[\s,;.-]+(?:please\s+)?(?:(?:{_NOTE})(?:\s+(?:that|this|it))?"
        # ("…, keep that in mind for later")
        r"|(?:keep|bear|have) (?:that|this|it) in mind)"
        r"(?:\s+for (?:later|the future|next time))?[\s.!]*$",
        text,
        _I,
    )
    if said and (not note or re.fullmatch(r"(?:that|this|it)?[.!]*", note, _I)):
        note = capitalise(squash(said[1]))  # "I'm vegetarian, remember that"
    if not m and not said and (told := _told_about_oneself(text)):
        note = told  # "I'm vegetarian by the way": the statement is the note
    draft.put("note", note[:2000] or None)
    draft.missing = None if note else "note"
    return draft
