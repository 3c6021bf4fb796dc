"""Questions PAM answers by working a sum, with no row kept or read: a measure converted
("how many km is 250 miles?"), the date of a day named ("what's the date next Friday?"),
and what a drive would cost in fuel from its distance, economy and price ("if petrol is 1.95
and we do 1200 km at 11 L/100, what will that cost?"). The general route answers them."""

from __future__ import annotations

import re
from datetime import date, datetime

from agent.brain.dates import find_day

_I = re.IGNORECASE
_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_OPENS = r"^\W*(?:(?:so|and|also|oh|hey|hi|ok|okay|pam|quick one|quick question|um)\b\W*)*"

# unit -> (dimension, factor to the dimension's base unit); temperatures are apart
_UNITS: list[tuple[str, str, float]] = [
    (r"km/h|kmh|kph|kilomet(?:re|er)s? (?:an|per) hour", "speed", 1.0),
    (r"mph|miles (?:an|per) hour", "speed", 1.609344),
    (r"km|kms|kilomet(?:re|er)s?|k's", "length", 1000.0),
    (r"miles?|mi", "length", 1609.344),
    (r"metres?|meters?|m", "length", 1.0),
    (r"feet|foot|ft", "length", 0.3048),
    (r"inch(?:es)?|in\.?", "length", 0.0254),
    (r"cm|centimet(?:re|er)s?", "length", 0.01),
    (r"mm|millimet(?:re|er)s?", "length", 0.001),
    (r"litres?|liters?|l", "volume", 1.0),
    (r"(?:us )?gallons?|gals?", "volume", 3.785411784),
    (r"kgs?|kilos?|kilograms?", "mass", 1.0),
    (r"lbs?|pounds", "mass", 0.45359237),
    (r"tonnes?", "mass", 1000.0),
    (r"psi", "pressure", 6.894757),
    (r"bar", "pressure", 100.0),
    (r"kpa", "pressure", 1.0),
]
_TEMPS = r"°\s?c|°\s?f|degrees? (?:c|f)\w*|celsius|fahrenheit|c|f"
_UNIT = "|".join(u for u, _d, _f in _UNITS) + "|" + _TEMPS
# "250 miles in km", "what's 60 mph in km/h", "convert 32 psi to kpa"
_FROM_TO = re.compile(
    _OPENS
    + r"(?:(?:can|could) you |please )?(?:how much|how many \w+|what|convert)(?:'s| is| are)?"
    r"\s+" + _NUM + r"\s?(" + _UNIT + r")\s+(?:in|to|into|as)\s+(?:\w+ )?(" + _UNIT + r")(?![\w/])",
    _I,
)
# "how many km is 250 miles", "how many litres in 10 gallons"
_HOW_MANY = re.compile(
    _OPENS
    + r"how many ("
    + _UNIT
    + r")\s+(?:is|are|in|to|make|makes)\s+(?:a |an |one )?"
    + _NUM
    + r"?\s?("
    + _UNIT
    + r")(?![\w/])",
    _I,
)


def _unit_of(word: str) -> tuple[str, float] | None:
    for pattern, dim, factor in _UNITS:
        if re.fullmatch(pattern, word.strip(), _I):
            return dim, factor
    return None


def _temp_of(word: str) -> str | None:
    w = word.lower().replace(" ", "")
    if re.fullmatch(r"°?c|degreesc\w*|degreec\w*|celsius", w):
        return "c"
    if re.fullmatch(r"°?f|degreesf\w*|degreef\w*|fahrenheit", w):
        return "f"
    return None


def _show(value: float) -> str:
    text = f"{value:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def _convert(value: float, unit_from: str, unit_to: str) -> str | None:
    a, b = _temp_of(unit_from), _temp_of(unit_to)
    if a and b and a != b:
        out = value * 9 / 5 + 32 if a == "c" else (value - 32) * 5 / 9
        return f"{_show(value)}°{a.upper()} is about {_show(out)}°{b.upper()}."
    ua, ub = _unit_of(unit_from), _unit_of(unit_to)
    if not ua or not ub or ua[0] != ub[0]:
        return None
    out = value * ua[1] / ub[1]
    return f"{_show(value)} {unit_from.strip()} is about {_show(out)} {unit_to.strip()}."


def conversion(text: str) -> str | None:
    """A measure converted, worked out: "how many km is 250 miles?" -> "250 miles is about
    402.3 km." (None when the message asks no conversion this knows)."""
    if m := _FROM_TO.search(text):
        return _convert(float(m.group(1).replace(",", "")), m.group(2), m.group(3))
    if m := _HOW_MANY.search(text):
        value = float(m.group(2).replace(",", "")) if m.group(2) else 1.0
        return _convert(value, m.group(3), m.group(1))
    return None


# The date of a day named, asked: "what's the date this coming Thursday?", "what date is
# next Friday", "what's the date on the last Sunday of March" (not "what's the date of the
# rally", a row's date, nor "what's on Thursday", the calendar).
_DATE_OF_DAY = re.compile(
    _OPENS + r"(?:what(?:'?s| is| will be| would be)|whats) (?:the )?date\b(?: (?:of|on|for|is|will"
    r" be|be))?\s+(?P<rest>[^?.!]+)"
    r"|" + _OPENS + r"what date (?:is|will be|falls on|does)\s+(?P<rest2>[^?.!]+)",
    _I,
)


def date_of_day(text: str, now: datetime) -> str | None:
    m = _DATE_OF_DAY.search(text)
    if not m:
        return None
    rest = (m.group("rest") or m.group("rest2") or "").strip()
    if re.match(r"(?:today|now|right now|at the moment)\b", rest, _I):
        return None  # today's date: the clock's answer (general.py)
    hit = find_day(rest, now.date(), future=True)
    if not hit or rest[: hit.start].strip(" ,") not in ("", "this", "the", "on", "coming"):
        return None
    if re.sub(r"\b(?:fall|be|land)\b", "", rest[hit.end :]).strip(" ,?") not in ("", "then"):
        return None  # "what's the date friday's booking is for": a row's date
    day: date = hit.day
    return f"{day:%A} is {day.day} {day:%B %Y}."


# What a drive costs in fuel, worked from what the user gives: its distance, the vehicle's
# economy (L/100km) and the price of a litre, with a cost asked.
_COST_ASKED = re.compile(
    r"\b(?:what(?:'s| will| would| does| is)?|how much(?: will| would| does| is)?)"
    r" (?:that|it|this|the (?:fuel|trip|drive|run))?\s?(?:cost|come to|set us back|be in fuel)\b"
    r"|\bhow much (?:fuel|diesel|petrol|money)\b[^?.!]{0,20}\b(?:cost|spend|need)\b",
    _I,
)
_DISTANCE = re.compile(r"(?<![\d.])" + _NUM + r"\s?(km|kms|kilomet(?:re|er)s?|k's)\b", _I)
_ECONOMY = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s?(?:l|litres?|liters?)?\s?(?:/|per|to the|a)\s?100\s?(?:km|kms"
    r"|k's|kilomet(?:re|er)s?)?(?!\d)",
    _I,
)
_PRICE = re.compile(
    r"\$?(?<![\d.])(\d\.\d{1,3})(?!\d)\s?(?:/\s?l\b|a litre|per litre|a liter|per liter)?"
    r"|\$?(?<![\d.])(\d\.\d{1,3})(?!\d)",
    _I,
)


def drive_cost(text: str) -> str | None:
    """The fuel a drive would take and its price, when distance, economy and price are
    all given and a cost is asked ("if diesel's 2.05 and we do 800 km at 12 L/100, what
    will it cost?"). None otherwise: a cost asked without them is the trip planner's."""
    if not _COST_ASKED.search(text):
        return None
    econ = _ECONOMY.search(text)
    dist = next(
        (
            m
            for m in _DISTANCE.finditer(text)
            if not econ or not econ.start() <= m.start() < econ.end()
        ),
        None,
    )
    if not econ or not dist:
        return None
    taken = {(econ.start(), econ.end()), (dist.start(), dist.end())}
    price = next(
        (
            float(m.group(1) or m.group(2))
            for m in _PRICE.finditer(text)
            if not any(a <= m.start() < b for a, b in taken)
        ),
        None,
    )
    if price is None or not 0.5 <= price <= 5:
        return None
    km = float(dist.group(1).replace(",", ""))
    litres = km * float(econ.group(1)) / 100
    cost = litres * price
    return (
        f"{_show(km)} km at {_show(float(econ.group(1)))} L/100km is about {_show(litres)} L;"
        f" at ${price:.2f} a litre that's about ${cost:,.2f} in fuel."
    )


def asks(text: str) -> bool:
    """Whether the message is a sum this module works (the date asked needs no clock)."""
    return bool(conversion(text) or drive_cost(text) or date_of_day(text, datetime(2000, 1, 3)))


def answer(text: str, now: datetime | None) -> str | None:
    if said := conversion(text) or drive_cost(text):
        return said
    return date_of_day(text, now) if now is not None else None
