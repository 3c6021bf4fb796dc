"""Vehicle and travel figures: litres, price per litre, odometer, L/100km, ratings, radii."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from agent.brain.numbers import DIGITS

KM_PER_MILE = Decimal("1.609344")
LITRES_PER_GALLON = Decimal("3.785411784")  # a US gallon, the one said with no country
LITRES_PER_UK_GALLON = Decimal("4.54609")  # an imperial gallon ("10 imperial/UK gallons")
# A number starts where a digit run (or a "1,234,567" grouping) starts: otherwise a pattern
# that fails after n digits is retried from each of them, O(n^2) ("9" * 4000 took seconds).
NUMBER = _N = rf"(?<!\d)(?<!\d,)({DIGITS})"
_I = re.IGNORECASE


@dataclass(frozen=True)
class Hit:
    value: Decimal
    start: int
    end: int


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def first_hit(pattern: re.Pattern[str], text: str, group: int = 1) -> Hit | None:
    m = pattern.search(text)
    if not m:
        return None
    raw = next((g for g in m.groups()[group - 1 :] if g), None)
    return Hit(_dec(raw), m.start(), m.end()) if raw else None


# "12 L/100km", "12 litres per 100", and the spoken "12 litres to the hundred" (by then
# "to the 100"), which needs the litres: "5 to the 100" alone says nothing.
_CONSUMPTION = re.compile(
    rf"{_N}\s*(?:(?:l|litres?|liters?)?\s*(?:/|per|every)|(?:l|litres?|liters?)\s+to\s+(?:the|a|every)"
    # "11 litres for 100 km", "9 litres in every 100 kms": only with the km said
    r"|(?:l|litres?|liters?)\s+(?:for|in|over|on)\s+(?:every\s+|each\s+)?(?=100\s*(?:km|kms|kilomet)))"
    r"\s*100\s*(?:km|kms|kilomet(?:re|er)s?|k)?",
    _I,
)
_PRICE = re.compile(
    rf"(?:\$\s?)?{_N}(?:\s*(?:dollars?|bucks?))?\s*(c|cents?|cpl)?\s*(?:/\s*l(?:itre|iter|tr)?\b|per\s+l(?:itre|iter|tr)?\b"
    r"|(?:a|the|each)\s+l(?:itre|iter)\b|an?\s+l\b)|"
    rf"{_N}\s*cpl\b",
    _I,
)
_PRICE_AT = re.compile(r"(?:\bat|@)\s*\$?\s?(\d\.\d{1,3})\b(?!\s*(?:am|pm|:))", _I)
_LITRES = re.compile(
    rf"{_N}\s*(?P<land>(?:imperial|uk|british|us|american)\s+)?"
    r"(l|lt|ltr|ltrs|litres?|liters?|gals?|gallons?)\b(?!\s*(?:/|per)\s*100)(?!\s*tank)",
    _I,
)


def _gallon(land: str | None) -> Decimal:
    """Litres in the gallon said: a US gallon unless an imperial one is named."""
    imperial = land and land.strip().lower() in ("imperial", "uk", "british")
    return LITRES_PER_UK_GALLON if imperial else LITRES_PER_GALLON


# "4.50 a gallon", "$5.20 per gal", "5.20/gal": a price per gallon, turned per litre
_PRICE_GALLON = re.compile(
    rf"(?:\$\s?)?{_N}(?:\s*(?:dollars?|bucks?))?\s*(?:/\s*|per\s+|(?:a|the|each|an?)\s+)"
    r"(?P<land>(?:imperial|uk|british|us|american)\s+)?gal(?:lon)?s?\b",
    _I,
)
_KM = r"k\b|km|kms|kilomet(?:re|er)s|mi\b|miles"
_ODO = re.compile(
    rf"\b(?:(?:odo(?:meter)?|speedo(?:meter)?)(?:'s)?(?:\s+(?:thing|thingy|thingo|dial|gauge))?"
    # "the kilometre counter shows", "mileage 98765", as people without the word "odometer" say it
    # ("kilometer stand", "kilometerstand": the Dutch and German word, said in English)
    rf"|(?:kilomet(?:re|er)s?|kms?|mileage|distance) ?(?:counter|meter|reading|stand)|mileage"
    rf"|clock|km reading|kms? on the clock|kms?(?=\s*:?\s*\d{{4}}))\s*"
    rf"(?:reading|reads|read|is|was|at|of|on|shows|showing|showed|said|says|:|=|\s)*\s*{_N}"
    rf"\s*({_KM})?|"
    rf"(?:\bat|@|on)\s*{_N}\s*({_KM})\b|"
    rf"{_N}\s*({_KM})\s+(?:on the clock|on the odo)|"
    # (a "10,000 km service" names the service, not the reading)
    rf"(\d{{1,3}}(?:,\d{{3}})+|\d{{5,7}})\s*(km|kms|miles)\b(?!\s*(?:service|check|inspection|interval))|"
    # "service at 152300": a reading of five or more digits after "at", no unit said
    r"(?:\bat|@)\s*(\d{1,3}(?:,\d{3})+|\d{5,7})()\b(?!\s*(?:dollars?|bucks|aud|\$|%|/|[.,]\d))",
    _I,
)
_NEXT_DUE_KM = re.compile(
    rf"\b(?:next|again|due)\b[^.;]*?\b(?:at|@|in|by|on)?\s*{_N}\s*(k\b|km|kms|kilomet(?:re|er)s|mi\b|miles)?"
    r"(?!\s*(?:days?|weeks?|months?|years?|/)|-\d)",  # "next due 2026-03-20" is a date
    _I,
)
# "180 litre tank", "180 litres of tank", "140 L across both tanks", "tank takes about 90"
_TANK = re.compile(
    # ("a 76-litre tank": the size joined to its unit and the tank by hyphens)
    rf"{_N}(?:\s*|-)(l|litres?|liters?|gals?|gallons?)(?:\s*|-)(?:of\s+)?"
    rf"(?:fuel\s*|long[- ]range\s*|main\s*|total\s*|combined\s*|diesel\s*|petrol\s*"
    rf"|across (?:both|the|two) )?tanks?\b"
    # "the tank holds 80", "the tank have 80 liter", "tank fits about 90 litres"
    rf"|tanks?\s*(?:size|capacity|holds?|takes|of|is|has|have|had|fits?|can take|carries)\s*"
    rf"(?:is|of|:)?\s*(?:about\s+|around\s+)?{_N}",
    _I,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


# "25 mpg", "30 miles per gallon", "22 miles to the gallon": US miles per gallon.
_MPG = re.compile(rf"{_N}\s*(?:mpg\b|miles?\s+(?:per|a|to the|to a)\s+gallon\b)", _I)


def consumption(text: str) -> Hit | None:
    """L/100km; miles per gallon are turned into it."""
    if hit := first_hit(_CONSUMPTION, text):
        return hit
    m = _MPG.search(text)
    if not m or _dec(m[1]) == 0:
        return None
    per_100km = 100 * LITRES_PER_GALLON / (_dec(m[1]) * KM_PER_MILE)
    return Hit(per_100km.quantize(Decimal("0.1")), m.start(), m.end())


# "one eighty nine a litre" (by then "1 89 a litre"): a dollar and cents spoken apart.
_PRICE_SPOKEN = re.compile(
    r"(?<![\d.,])([1-3]) (\d{2})\s*"
    r"(?:/\s*l(?:itre|iter)?\b|per\s+l(?:itre|iter)\b|(?:a|the|each)\s+l(?:itre|iter)\b)",
    _I,
)
# "72 litres at one ninety nine" (by then "72 litres at 1 99"): a price said right after the
# litres and "at" is a litre's (a total is not said "at")
_PRICE_AFTER_LITRES = re.compile(
    r"\b(?:l|litres?|liters?|ltrs?)\s+at\s+([1-3]) (\d{2})\b"
    r"(?!\s*(?:am|pm|a\.m|p\.m|:|[.,]\d|dollars|bucks|in the|tonight|this))",
    _I,
)


def price_per_litre(text: str) -> Hit | None:
    if m := _PRICE_GALLON.search(text):
        value = (_dec(m[1]) / _gallon(m["land"])).quantize(Decimal("0.001"))
        return Hit(value, m.start(), m.end())
    if spoken := _PRICE_SPOKEN.search(text):
        value = _dec(spoken[1]) + _dec(spoken[2]) / 100
        return Hit(value, spoken.start(), spoken.end())
    if spoken := _PRICE_AFTER_LITRES.search(text):
        value = _dec(spoken[1]) + _dec(spoken[2]) / 100
        return Hit(value, spoken.start(1), spoken.end())
    m = _PRICE.search(text)
    if m:
        raw = m.group(1) or m.group(3)
        value = _dec(raw)
        in_cents = bool(m.group(2)) or bool(m.group(3)) or value > 20
        return Hit(value / 100 if in_cents else value, m.start(), m.end())
    return first_hit(_PRICE_AT, text)


def litres_paid(text: str, total: Decimal | None, at: int = -1) -> Hit | None:
    """ "$102.50 at 2.05 a litre": the litres a total (said at `at`) bought at the price per
    litre said beside it, when no litres are said (the price's span is the hit's)."""
    price = price_per_litre(text)
    if price is None or total is None or price.value <= 0 or total <= 20:
        return None
    if price.start <= at < price.end:
        return None  # the "total" read is the price itself
    return Hit((total / price.value).quantize(Decimal("0.01")), price.start, price.end)


def litres(text: str) -> Hit | None:
    spans = [h for h in (consumption(text), tank_litres(text)) if h]
    for m in _LITRES.finditer(text):
        if not any(h.start <= m.start() < h.end for h in spans):
            value = _dec(m.group(1))
            if m.group(3).lower().startswith("gal"):  # gallons, stored as litres
                value = (value * _gallon(m["land"])).quantize(Decimal("0.01"))
            return Hit(value, m.start(), m.end())
    return None


def _km(value: Decimal, unit: str | None) -> Decimal:
    unit = (unit or "").lower()
    if unit.startswith("mi"):
        return (value * KM_PER_MILE).quantize(Decimal("0.01"))
    # "160k" is thousands; "45230 k" is already kilometres ("k" said for km)
    return value * 1000 if unit == "k" and value < 1000 else value


# "the odometer said one eight seven four three two" (by now "1 8 7 4 3 2"): a reading said
# digit by digit, as people read a long figure off a dial.
_DIGIT_BY_DIGIT = re.compile(r"(?<![\d.,])\d(?: \d){3,6}(?!\d|[.,]\d| \d)")


def odometer(text: str) -> Hit | None:
    # the digits run together, padded after to keep every position
    runs = [m.span() for m in _DIGIT_BY_DIGIT.finditer(text)]
    for start, end in reversed(runs):
        digits = text[start:end].replace(" ", "")
        text = text[:start] + digits.ljust(end - start) + text[end:]
    for m in _ODO.finditer(text):
        raw, unit = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5, 7, 9) if m.group(i))
        value = _km(_dec(raw), unit)
        if value >= 100 or m.group(1):
            # (a run read ends where its spoken digits end)
            end = next((e for s, e in runs if s < m.end() <= e), m.end())
            return Hit(value, m.start(), end)
    return None


def next_due_km(text: str) -> Hit | None:
    m = _NEXT_DUE_KM.search(text)
    if not m:
        return None
    value = _km(_dec(m.group(1)), m.group(2))
    return Hit(value, m.start(), m.end()) if value >= 500 else None


def tank_litres(text: str) -> Hit | None:
    """The tank's size in litres; a size in (US) gallons is turned into litres."""
    m = _TANK.search(text)
    if not m:
        return None
    if m[1]:
        value = _dec(m[1])
        if m[2].lower().startswith("gal"):
            value = (value * LITRES_PER_GALLON).quantize(Decimal("0.1"))
        return Hit(value, m.start(), m.end())
    return Hit(_dec(m[3]), m.start(), m.end())


def year(text: str) -> Hit | None:
    return first_hit(_YEAR, text)
