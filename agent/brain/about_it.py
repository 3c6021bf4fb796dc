"""A post "about it": "and tell everyone on the feed about it" after a place was saved,
"post in the Birders group about that" after a trip was planned. The post's words are
what the previous turn was about (its row and arguments in the dialogue state), not the
words of the request ("on the feed about it")."""

from __future__ import annotations

import re
from typing import Any

from agent.brain.previous import Previous

_I = re.IGNORECASE
# The post says only that it is about what came before.
ABOUT_IT = re.compile(
    r"\b(?:about|re|of|on)\s+(?:it|that|this|that one|this one|the place|the spot|that place"
    r"|this place|that spot|this spot|the trip|that trip|there)\s*[.!?]*\s*$",
    _I,
)
# ... or shares "it" itself: "share that on the feed", "post it to the Birders group".
SHARE_IT = re.compile(
    r"^\W*(?:(?:and|ok(?:ay)?|now|also|then|pls|please)\b[\s,]*)*(?:share|post|put|stick|pop)"
    r"\s+(?:it|that|this|that one|this one)\b(?:\s+(?:on|to|with|in|up on)\b.*)?$",
    _I,
)
POSTS = ("create_post",)
# An event that is what the previous turn made: "put that in the calendar too", "add it to
# my diary, we leave at 7".
CALENDAR_IT = re.compile(
    r"^\W*(?:(?:and|ok(?:ay)?|now|also|then|pls|please|can you|could you|yeah|good)\b[\s,]*)*"
    r"(?:put|stick|pop|add|chuck|whack|bung|save|pencil)\s+(?:it|that|this|that one|this one"
    r"|the trip|that trip|this trip)\s+(?:in|into|on|to)\s+(?:the\s+|my\s+|our\s+)?"
    r"(?:calendar|calender|diary)\b",
    _I,
)


def _stars(rating: Any) -> str:
    return f", {rating} stars" if isinstance(rating, int) and 1 <= rating <= 5 else ""


def describe(prev: Previous) -> str | None:
    """Words for a post about what the previous turn did, or None when it made nothing one
    can tell others about."""
    row = prev.rows[0] if prev.rows else {}
    f = prev.filters
    if prev.action == "save_place" and (name := row.get("name") or f.get("location")):
        kind = str(f.get("kind") or "spot").replace("_", " ")
        where = f.get("location")
        near = f" near {where}" if where and str(where).lower() != str(name).lower() else ""
        return f"Found a great {kind}: {name}{near}{_stars(f.get('rating'))}."
    if prev.action == "plan_trip" and f.get("destination"):
        start = f" from {f['origin']}" if f.get("origin") else ""
        when = f" on {f['start_date']}" if f.get("start_date") else ""
        return f"Heading to {f['destination']}{start}{when}."
    if prev.action in ("create_event", "list_events") and (title := row.get("title")):
        return f"{title}."
    if title := row.get("title") or row.get("name"):
        return f"{title}."
    return None


def post_about_previous(tool: str, text: str, prev: Previous | None) -> str | None:
    """The words of a post whose request says only "about it", from the previous turn."""
    if (
        tool not in POSTS
        or prev is None
        or prev.turns_ago > 2
        or not (ABOUT_IT.search(text) or SHARE_IT.match(text))
    ):
        return None
    return describe(prev)


def event_about_previous(tool: str, text: str, prev: Previous | None) -> str | None:
    """The title of an event whose request says only "put it in the calendar", from what
    the turn just before made (a trip: "Dubbo to Bourke")."""
    if tool != "create_event" or prev is None or prev.turns_ago != 1 or not CALENDAR_IT.match(text):
        return None
    f, row = prev.filters, prev.rows[0] if prev.rows else {}
    if prev.action == "plan_trip" and f.get("destination"):
        return (
            f"{f['origin']} to {f['destination']}"
            if f.get("origin")
            else f"Trip to {f['destination']}"
        )
    title = row.get("title") or row.get("name")
    return str(title) if title else None
