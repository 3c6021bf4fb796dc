"""An errand in the world that PAM cannot run: "book me a flight", "order us a pizza",
"buy me a new kettle", "get us a table at the pub", "transfer 200 to my daughter", "post
this to my facebook". PAM keeps records; it does not buy, book or pay, and it posts only
to its own community. Such a request asks for no write of another
kind either: no event for the flight, no expense for the kettle, no maintenance for the
tyres to be ordered (the general reply says what PAM can do instead).

An appointment put in ("book the ute in for a service", "book me in at the dentist",
"book dinner at the pub friday at 7") is a calendar entry, not an errand; so is anything
the message asks to keep as well ("… and put it in the calendar").
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
# How a request to PAM opens: a greeting or a name, then a polite frame ("can you",
# "could you please", "I'd like you to", "pam,").
_OPEN = (
    r"(?:^|(?<=[.!?;])\s+|,\s*(?:and\s+|then\s+|but\s+)?)"
    r"(?:(?:hey|hi|g'?day|ok|okay|so|and|oh|um|right|pam|mate|please|pls|quickly|also|just)\b"
    r"[,!]?\s+)*"
    r"(?:(?:can|could|would|will) (?:you|ya|u)(?: (?:please|pls|just|quickly|possibly))*\s+"
    r"|(?:i'?d like|i want|i need) (?:you|ya|u) to\s+|please\s+|pls\s+)?"
)
# The verbs of an errand done for someone: buying, booking, ordering, hiring, paying.
_VERB = r"(?:book|reserve|order|buy|purchase|get|grab|fetch|hire|rent|call|pay for|organi[sz]e)"
# Done for the user: "book me a …", "order us …", "buy a … for me".
_FOR_US = r"(?:me|us|myself|ourselves|the (?:kids|family|wife|missus|hubby|husband))"
# What is bought or booked, said without anyone to do it for: tickets, a flight, a table, a
# ride, a room, a meal delivered.
_GOODS = (
    r"(?:flights?|plane tickets?|tickets?|seats?|a seat|a table|table for \w+|an? (?:uber|taxi"
    r"|cab|ride|lift)|uber|taxi|cab|(?:a |an )?(?:hotel|motel|room|cabin|airbnb|hostel|bnb)"
    r"(?: room)?|accommodation|a (?:hire|rental) car|car hire|(?:a |some )?(?:pizza|takeaway"
    r"|delivery|groceries delivered)"
    r"|(?:a |an )?(?:(?:un)?powered |drive-through )?(?:camp)?(?:site|pitch|berth)s?)"
)
_ERRAND = re.compile(
    _OPEN
    + _VERB
    + r"\s+(?:"
    # "book me a flight", "get us a table" (but "book me in for a haircut" is an appointment)
    + _FOR_US
    + r"\s+(?!in\b|into\b)(?:an?|some|the|two|three|four|\d+|new|cheap|\w+'s)\b"
    # "book flights to Bali", "order a pizza", "grab us an uber"
    r"|(?:"
    + _FOR_US
    + r"\s+)?(?:(?:two|three|four|\d+|some|cheap|return|the)\s+)?"
    + _GOODS
    + r"\b(?!\s+in\b)"
    r")"
    # "reserve" and "order" are only ever errands as commands: "reserve a spot at the park",
    # "order some new wiper blades"; a bill paid for the user: "pay my rego for me"
    r"|" + _OPEN + r"(?:reserve|order)\b(?! (?:by|them|it|the list|my list))"
    r"|" + _OPEN + r"pay (?:my|our|off|the)\b(?!.{0,40}\b(?:was|were|is|came|cost)\b)",
    _I,
)
# Money sent somewhere: "transfer 200 to my daughter's account", "send Mum $50".
_SEND_MONEY = re.compile(
    _OPEN + r"(?:transfer|send|wire|pay|venmo|payid|bpay)\s+(?:\w+\s+){0,3}?"
    r"(?:\$\s?\d|\d[\d,.]*\s*(?:dollars|bucks|quid)?\s+(?:to|into|for)\b)",
    _I,
)
# Words put up somewhere outside PAM: "post this to my facebook: …", "share it on insta",
# "put the photo up on instagram", "tweet that we made it". PAM's posts go to its own
# community only.
_SERVICES = (
    r"(?:facebook|fb|face book|insta|instagram|twitter|tiktok|tik tok|snapchat|snap|whatsapp"
    r"|whats app|messenger|linkedin|youtube|threads|bluesky|reddit|x\.com|(?:my|our) blog"
    r"|(?:my|our) (?:email|e-mail)|(?:my|our) (?:socials|story|stories))"
)
_ELSEWHERE = re.compile(
    r"\b(?:post|posts|posting|share|sharing|put|upload|send|stick|chuck|pop|whack)\b[^.?!:]{0,40}?"
    r"\b(?:up )?(?:to|on|onto|in|into|via|over|across) (?:my |our |the )?" + _SERVICES + r"\b"
    r"|^\W*(?:(?:can|could|would|will) you (?:please )?)?(?:tweet|insta|snap|whatsapp)\b",
    _I,
)
# ... unless the message also asks to keep something: "book dinner at the pub at 7 and put
# it in the calendar", "order the tyres and remind me to pick them up".
_KEEPS = re.compile(
    r"\b(?:calendar|diary|remind(?:er)?|log|note|jot|record|track|to-?do|task|list)\b", _I
)


def errand(text: str) -> bool:
    """Whether `text` asks PAM to buy, book, order or pay for something in the world,
    and asks to keep nothing."""
    said = text.strip()
    if not (_ERRAND.search(said) or _SEND_MONEY.search(said) or _ELSEWHERE.search(said)):
        return False
    return not _KEEPS.search(said)
