"""Other figures in requests: star ratings, search radii, percentages, reminder lead times."""

from __future__ import annotations

import re
from decimal import Decimal

from agent.brain.measures import KM_PER_MILE, NUMBER, Hit, first_hit

_I = re.IGNORECASE
_N = NUMBER
_RATING = re.compile(
    r"\b([1-5])\s*(?:/\s*5|out of 5|stars?|-star)\b|\b(?:rated?|rating|give it|stars?)\s*(?:it\s*)?"
    r"(?:of\s*|a\s*|:\s*)?([1-5])\b(?!\s*(?:km|k\b|kms|days?|nights?|hours?|%))",
    _I,
)
# A search radius: "within 40 km", "a 20 mile radius", "no more than 15 km from", "50 miles
# of"; miles are turned into km, and a bare "within 30" is in the user's own unit.
_DISTANCE_UNIT = r"(k\b|kms?\b|kilomet(?:re|er)s?\b|mi\b|miles?\b)"
_RADIUS = re.compile(
    rf"\b(?:within|inside)\s*(?:a\s+|an\s+|about\s+|around\s+)?{_N}[\s-]*(?:{_DISTANCE_UNIT})?"
    r"(?!\s*(?:min|mins|minutes?|h|hrs?|hours?|days?|weeks?|wks?|months?|years?|%)\b)"
    # (the word after the unit is left to say the place: "50 miles of Ballarat")
    rf"|{_N}[\s-]*{_DISTANCE_UNIT}\s*(?:radius\b|(?=(?:of|around|from|away|out|round)\b))"
    rf"|\b(?:under|less than|no more than|not more than|no further than|up to)\s*"
    rf"{_N}\s*{_DISTANCE_UNIT}",
    _I,
)
_PERCENT = re.compile(rf"{_N}\s*(?:%|percent|per cent)", _I)
# What says a lead time: "before", "b4", "prior", or a warning or heads-up of that length
# ("give me an hour's warning", "30 mins notice").
_LEAD = (
    r"(?:before|b4|prior|beforehand|earlier|ahead|in advance"
    r"|(?:'s|s')?\s*(?:warning|notice|heads[- ]?up)\b"
    # "2 days out", "a week out from it": said at the end of its clause ("a day out at the
    # beach" is an outing)
    r"|out(?=\s*(?:$|[,.;!?]|(?:from|before|and|so|please|pls|too|as well)\b)))"
)
_BEFORE = re.compile(
    rf"\b(\d+)\s*(min|mins|minutes?|hours?|hrs?|hr|days?)\s*{_LEAD}"
    rf"|\b(half an?|a quarter of an?|quarter of an?|an?|the)\s*(hour|day)\s*{_LEAD}"
    r"(?!\s+(?:yesterday|tomorrow))"  # ("the day before yesterday" is a day)
    # "remind 1 hour", "reminder 30 mins": a length straight after "remind" is a lead time
    # ("remind me in 2 hours" is a moment, and has its "in")
    r"|\bremind(?:er)?(?:\s+(?:me|us))?\s+(\d+)\s*(min|mins|minutes?|hours?|hrs?|hr|days?)\b"
    r"(?!\s*(?:from now|later|after|time))"
    rf"(?:\s*{_LEAD})?"  # "remind me 2 days before the vet": "before" is no part of the title
    # "a 15 min reminder", "an hour's reminder"; "remind me 30 before" (minutes, unsaid)
    r"|\b(\d+)[\s-]*(min|mins|minutes?|hours?|hrs?|hr)(?:'s|s')?\s+"
    r"(?:reminder|heads[- ]?up|alert)\b(?!\s*(?:of\s+|at\s+)?\d)"  # ("1h reminder 15 mins": 15)
    r"|\bremind(?:er)?(?:\s+(?:me|us))?\s+(\d+)\s*(?:before|b4|prior|beforehand|ahead|early)\b",
    _I,
)
_SHARE = {"half": Decimal("0.5"), "a quarter": Decimal("0.25"), "quarter": Decimal("0.25")}
# "an hour and a half before", "a couple of hours before", "a week before", "1.5 hours
# prior": a length counted in words or with a half, then a word of leading.
_LENGTH_BEFORE = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|an?|one|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few)"
    r"(?P<half_first>\s+and\s+a\s+half)?\s*"
    r"(?P<unit>min|mins|minutes?|hours?|hrs?|hr|days?|weeks?|wks?)"
    r"(?P<half>\s+and\s+a\s+half)?(?:'s|s')?\s*"
    rf"{_LEAD}(?!\s+(?:yesterday|tomorrow|last|next))",
    _I,
)
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 1440, "w": 10080}


def _length_before(m: re.Match[str]) -> Hit:
    said = m["n"].lower()
    count = (
        Decimal(said) if said[0].isdigit() else Decimal(2) if "couple" in said
        else Decimal(3) if "few" in said else Decimal(1)
    )  # fmt: skip
    if m["half"] or m["half_first"]:
        count += Decimal("0.5")
    return Hit(count * _UNIT_MINUTES[m["unit"][0].lower()], m.start(), m.end())


def rating(text: str) -> Hit | None:
    return first_hit(_RATING, text)


def radius_km(text: str, units: str = "metric") -> Hit | None:
    m = _RADIUS.search(text)
    if not m:
        return None
    said = [g for g in m.groups() if g]
    value = Decimal(said[0].replace(",", ""))
    unit = (said[1] if len(said) > 1 else "mi" if units == "imperial" else "km").lower()
    if unit.startswith("mi"):
        value = (value * KM_PER_MILE).quantize(Decimal("0.01"))
    return Hit(value, m.start(), m.end())


# "heads up at three quarters", "warn me when I'm halfway": a share of the budget said as a
# fraction, after a word of reaching it
_FRACTION = re.compile(
    r"\b(?:at|hits?|reach(?:es|ed)?|past|over|when (?:i'?m|we'?re|it'?s|i|we|it)"
    r"(?: (?:get|hit|reach|am|are|is))?)\s+(?:the\s+)?(?:about\s+)?"
    r"(?:(?P<q>3|three)[\s-]quarters?|(?P<h>half)(?:[\s-]?way)?|(?P<t>2|two)[\s-]thirds)"
    r"(?:\s+(?:mark|way|point|of it|of the (?:budget|limit)|spent|gone))?\b",
    _I,
)


def percent(text: str) -> Hit | None:
    if hit := first_hit(_PERCENT, text):
        return hit
    if m := _FRACTION.search(text):
        share = "75" if m["q"] else "50" if m["h"] else "66.67"
        return Hit(Decimal(share), m.start(), m.end())
    return None


def reminder_before(text: str) -> Hit | None:
    """Minutes of a "remind me 30 minutes before" lead time."""
    m = _BEFORE.search(text)
    if (said := _LENGTH_BEFORE.search(text)) and (
        m is None
        or said.start() <= m.start()
        or said["half"]
        or said["half_first"]
        or said["unit"][0] in "wW"
    ):
        return _length_before(said)
    if not m:
        return None
    share = next((v for k, v in _SHARE.items() if (m.group(3) or "").lower().startswith(k)), None)
    number = m.group(1) or m.group(5) or m.group(7) or m.group(9)
    count = Decimal(number) if number else share or Decimal(1)
    unit = (m.group(2) or m.group(4) or m.group(6) or m.group(8) or "minutes").lower()
    scale = 1440 if unit.startswith("day") else 60 if unit.startswith(("hour", "hr")) else 1
    return Hit(count * scale, m.start(), m.end())


def newest_count(text: str) -> int | None:
    """ "the last 5", "top 3", "the 2 most recent": how many rows are asked for."""
    m = re.search(
        # (not a span of time: "in the last 2 weeks")
        r"\b(?:last|latest|top|first|recent|newest)\s+(\d{1,3})\b(?!\s+(?:days?|weeks?|fortnights?"
        r"|months?|years?|hours?|nights?|mornings?|evenings?)\b)",
        text,
        _I,
    ) or re.search(r"\b(\d{1,3})\s+(?:most recent|latest|newest|last|recent)\b", text, _I)
    return max(1, min(100, int(m[1]))) if m else None
