"""Money in the forms people type: "$85.40", "85 bucks", "85.4 AUD", "$1,200", "$12.5k"."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from agent.brain.numbers import DIGITS, thousands_after

_CODES = "aud|nzd|usd|gbp|eur|cad|jpy|zar|inr|chf"
_SYMBOLS = {"a$": "AUD", "au$": "AUD", "nz$": "NZD", "us$": "USD", "c$": "CAD", "€": "EUR"}
_SYMBOLS |= {"£": "GBP", "r": "ZAR", "₹": "INR", "rs": "INR", "rs.": "INR", "¥": "JPY"}
# Not inside "1,234,567": a start after each comma re-reads the rest of the run, O(n^2).
_NUM = rf"(?<!\d,)(?:{DIGITS}|\.\d+)"
# A number hyphenated onto a word is part of it: "chaos-92458635366c" is a reference, not
# cents, and "ref-85" no minus sign.
_NOT_IN_WORD = r"(?<!\w-)"
_SIGN = r"(?P<neg>(?<!\w)-|minus\s+|negative\s+)?"
_LEAD = _SIGN + _NOT_IN_WORD  # what may stand before an amount's symbol, code or figure
# Dollars named by their country ("ninety New Zealand dollars", "50 US dollars").
_LAND_CODES = {
    "new zealand": "NZD", "nz": "NZD", "kiwi": "NZD", "us": "USD", "american": "USD",
    "u.s.": "USD", "canadian": "CAD", "aussie": "AUD", "australian": "AUD", "au": "AUD",
}  # fmt: skip
_LANDS = "|".join(re.escape(k) for k in sorted(_LAND_CODES, key=len, reverse=True))
# "quid" stays the profile's currency: Australians say it of dollars too.
_WORD_CODES = {
    "pound": "GBP", "euro": "EUR", "yen": "JPY", "rand": "ZAR", "rupee": "INR", "franc": "CHF",
    "swiss franc": "CHF",
}  # fmt: skip
# A currency named apart from its amount: "…, this was australian dollars", "it was in euros".
_NAMED_APART = re.compile(
    rf"\b(?:in\s+)?(?:(?P<land>{_LANDS})\s+dollars?"
    r"|(?P<word>(?<=in )euros?|euros|pounds? sterling|british pounds|(?<=in )pounds)"
    rf"|(?-i:(?P<code>AUD|NZD|USD|GBP|EUR|CAD|JPY|ZAR|INR)))\b",
    re.IGNORECASE,
)


def currency_named(text: str) -> str | None:
    """The currency a message names in words of its own, away from any figure; not the one
    it says the app keeps ("my app is in euro but this was australian dollars")."""
    m = next(
        (
            m
            for m in _NAMED_APART.finditer(text)
            if not re.search(
                r"\b(?:app|profile|account|settings)\b[^,.;]{0,20}$", text[: m.start()]
            )
        ),
        None,
    )
    if m is None:
        return None
    if m["land"]:
        return _LAND_CODES[m["land"].lower()]
    if m["word"]:
        return "EUR" if m["word"].lower().startswith("euro") else "GBP"
    return m["code"]


_PATTERNS = (
    # $85.40, -$20, NZ$50, $12.5k, $ 1,200 AUD
    re.compile(
        # "R540" (rand: a capital R against the figure), "₹450", "Rs 300", "¥2000"
        rf"{_LEAD}(?P<sym>a\$|au\$|nz\$|us\$|c\$|\$|€|£|₹|¥"
        # (not a name with a figure inside: "the R8a Grey Nomads group")
        r"|(?<!\w)(?<!the )(?<!road )(?<!via )(?<!on )(?-i:R)(?=\d[\d,.]*(?:\s?(?:k|grand))?\b)"
        rf"|(?<!\w)(?-i:Rs)\.?(?=\s?\d))\s?(?P<neg2>-)?(?P<num>{_NUM})"
        rf"(?:\s?(?P<k>k|grand)\b)?(?:\s?(?P<code>{_CODES})\b)?",
        re.IGNORECASE,
    ),
    # 85 bucks, 85.4 AUD, 2 grand, 85 dollars and 40 cents, 90 New Zealand dollars, £-less
    # "31.60 pounds"
    re.compile(
        rf"{_LEAD}(?<![\w.])(?P<num>{_NUM})\s?(?P<k>k\b|grand\b)?\s?"
        rf"(?P<word>(?P<land>{_LANDS})\s+dollars?\b|dollars?|bucks?|dollarydoos|quid|pounds?\b"
        rf"|euros?\b|(?P<code>{_CODES})\b"
        # "4500 yen", "200 rand", "45 francs", "45 US on lunch" (a country's capitals alone)
        r"|yen\b|rand\b|rupees?\b|(?:swiss\s+)?francs?\b|(?-i:(?P<bare>US|NZ|AU))(?=\s+(?:on|for|at|in|to)\b|\s*[,.;!?]|\s*$)"
        # "paid 60 canadian for the campsite": the country's word alone is its dollars ("kiwi"
        # is no currency here: "3 kiwi" are fruit)
        r"|(?P<adj>canadian|american|aussie|australian)(?=\s+(?:on|for|at|in|to)\b|\s*[,.;!?]|\s*$))"
        r"(?:\s*(?:and\s+)?(?P<cents>\d{1,2})\s*(?:cents?|c)\b)?"
        # "60 bucks Aussie", "40 dollars US": the country said after the dollars
        r"(?:\s+(?P<after>aussie|australian|american|canadian|kiwi|(?-i:US|NZ|AU))\b"
        r"(?!\s+(?:dollars?|bucks?)))?",
        re.IGNORECASE,
    ),
    # 98 all up, 85 in total: a total said without a currency
    re.compile(
        rf"{_LEAD}(?<![\w.$])(?P<num>{_NUM})(?=\s+(?:all up|all in|altogether|in total|total)\b)",
        re.IGNORECASE,
    ),
    # 2 grand
    re.compile(rf"{_LEAD}(?<![\w.])(?P<num>{_NUM})\s?(?P<k>grand)\b", re.IGNORECASE),
    # AUD 85, NZD 40.50, AUD 12k (not inside a word or a code: "ref-cad25be")
    re.compile(
        rf"{_LEAD}\b(?P<code>{_CODES})\s?\$?(?P<num>{_NUM})(?:(?P<k>k)\b)?(?!\w)",
        re.IGNORECASE,
    ),
    # 50 cents, 80c (not a price per litre: "209.9c/L")
    re.compile(
        rf"(?<![\w.$]){_NOT_IN_WORD}(?P<num>\d+(?:\.\d+)?)\s?(?P<cent>cents?|c)\b"
        r"(?!\s*(?:/|per|a\s+l))",
        re.IGNORECASE,
    ),
)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str | None  # only when the user named one
    start: int
    end: int


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _from_match(m: re.Match[str]) -> Amount | None:
    groups = m.groupdict()
    value = _number(groups["num"])
    if value is None:
        return None
    if groups.get("k"):
        value *= 1000
    if groups.get("cent"):
        value /= 100
    if groups.get("cents"):
        value += Decimal(groups["cents"]) / 100
    if groups.get("neg") or groups.get("neg2"):
        value = -value
    code = (groups.get("code") or "").upper() or None
    if land := groups.get("land") or groups.get("after") or groups.get("bare") or groups.get("adj"):
        code = _LAND_CODES[land.lower()]
    elif word := re.sub(r"\s+", " ", groups.get("word") or "").lower().rstrip("s"):
        code = code or _WORD_CODES.get(word)
    sym = (groups.get("sym") or "").lower()
    currency = code or _SYMBOLS.get(sym)
    return Amount(value, currency, *m.span())


def _overlaps(found: list[Amount], amount: Amount) -> bool:
    """Whether `amount` overlaps one of `found` (sorted, disjoint): only its neighbours can,
    so a message of thousands of amounts is not O(n^2)."""
    i = bisect_left(found, amount.start, key=lambda a: a.start)
    before = i > 0 and found[i - 1].end > amount.start
    return before or (i < len(found) and found[i].start < amount.end)


def find_amounts(text: str) -> list[Amount]:
    """Every explicit money amount, in order, without overlaps."""
    return list(_amounts(text))  # a list of its own: callers may change theirs


@lru_cache(maxsize=4096)
def _amounts(text: str) -> tuple[Amount, ...]:
    """Remembered: a write turn looks for its message's amounts eight times (the
    classifier's features, the expense's slots in each model call)."""
    found: list[Amount] = []  # sorted by start
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            amount = _from_match(m)
            if amount and not _overlaps(found, amount):
                insort(found, amount, key=lambda a: a.start)
    return tuple(found)


# A day of a month named after it is a date: "Dad's birthday is 14 June", "it's 3 Sept".
_OF_MONTH = (
    r"\s*(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may(?!\s+(?:be|have|not"
    r"|need|well)\b)|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?)\b"
)
# A bare number after a money verb: "spent 85.40 on diesel", "paid 40 for lunch".
_CUED = re.compile(
    # ("costed", "payed", "spended": the past as learners and fast typists write it)
    rf"\b(?:spent|spend|spended|paid|payed|pay|cost|costs|costed|costing|was|were|for|charged"
    rf"|earned|made|got"
    rf"|received|budget(?:\s+of)?|limit(?:\s+of)?|to|at|is|it's|about|around|total(?:led)?)"
    rf"\s+(?:me\s+|us\s+|about\s+|around\s+|roughly\s+)?{_SIGN}(?P<num>{_NUM})(?P<k>k)?\b"
    r"(?!\s*(?:%|percent|l\b|lt|ltr|litres?|liters?|km|kms|kg|g\b|ml|am\b|pm\b|:|/|st\b|nd\b"
    r"|rd\b|th\b|days?|weeks?|months?|years?|hours?|mins?|minutes?|stars?|people|nights?"
    # (a temperature is no money: "the fridge sits at about 3 degrees")
    r"|degrees?\b|deg\b|°|celsius\b|fahrenheit\b"
    # ("there were 3 of us", "for 2 adults": people counted, not money)
    r"|of\s+(?:us|them)\b|adults?\b|persons\b|ppl\b|pax\b|guests\b)|" + _OF_MONTH + ")",
    re.IGNORECASE,
)
# "twelve fifty" (now "12 50") after a money verb: twelve dollars fifty.
_SPLIT = re.compile(r"\b(?:spent|paid|cost|was)\s+(?P<d>\d{1,3}) (?P<c>\d{2})\b", re.IGNORECASE)


# "fish and chips for two, 37.80": a small count after "for" with the price said right
# after it is who the price was for, not the price.
_PEOPLE_COUNTED = re.compile(r"for\s+(?:[1-9]|1[0-2])\s*[,;:-]+\s*(?:\$\s*)?\d", re.IGNORECASE)


def cued_amount(text: str) -> Amount | None:
    """A bare number that reads as money from the words around it."""
    if m := _SPLIT.search(text):
        value = Decimal(m["d"]) + Decimal(m["c"]) / 100
        return Amount(value, None, m.start("d"), m.end("c"))
    cued = next(
        (
            m
            for m in _CUED.finditer(text)
            if not _PEOPLE_COUNTED.match(text, m.start()) and not _counted(text, m)
        ),
        None,
    )
    number = _number(cued["num"]) if cued else None
    if cued is None or number is None:
        return None
    number = number * 1000 if cued["k"] else number
    return Amount(-number if cued["neg"] else number, None, cued.start("num"), cued.end())


# (a figure run into letters and more figures is a code: an id, a serial, "79fd43eb")
_BARE = re.compile(rf"(?<![\w.:/-])(?<!\d,)(?P<neg>-)?(?P<num>{DIGITS})(?!\d|[A-Za-z]+\d)")
# Not money: ordinals, times, fractions, and figures with a unit ("240V", "200Ah", "9kg",
# "the 9 kilo bottle", "a 20 litre drum": a size said in words is no more a price).
_BARE_AFTER = re.compile(
    r"\s*(?:%|st\b|nd\b|rd\b|th\b|:\d|/|am\b|pm\b)|(?:v|volts?|w|watts?|ah|amps?|kw|kwh|mah"
    r"|hp|cc|psi|kpa|mm|cm|m|km|kms|kg|g|l|ml|°\w?)\b"
    r"|[\s-]?(?:kilos?|kilograms?|kilogrammes?|grams?|grammes?|tonnes?|litres?|liters?|lt"
    r"|metres?|meters?|inch(?:es)?|foot|feet|ft|gallons?|gal|volt|watt|amp"
    r"|degrees?|deg|celsius|fahrenheit)\b"
    # a distance or a reading with a blank before its unit ("148,200 km") is no money either
    r"|\s+(?:km|kms|klms|kilomet(?:re|er)s?|miles?|mi)\b"
    # a count of nights, days or people is no price ("a stop there for 2 nights", "the 3 of
    # us"); a rate says its price first ("45 a night")
    r"|\s+(?:nights?|days?|weeks?|fortnights?|months?|years?|hours?|hrs?|minutes?|mins?|people"
    r"|persons|adults|kids|guests|stars?|of\s+us)\b|" + _OF_MONTH,
    re.IGNORECASE,
)
# A figure read off the odometer is no money ("the odometer reads 148,200", "odo 148200").
_ODO_BEFORE = re.compile(
    r"\b(?:odo(?:meter)?|speedo|clock|km reading|mileage)(?:'s)?\s*"
    r"(?:(?:now\s+)?(?:reads?|reading|read|says|shows|showing|is|was|at|on|of|=|:)\s*)*$",
    re.IGNORECASE,
)


# A model year is no price: "2019 Ultimate Camper trailer", "a 2016 hilux", "our 2009 troopy"
# (a year before a name typed with its capital, or before a vehicle's make or kind)
_MODEL_YEAR = re.compile(r"(?:19[5-9]\d|20[0-3]\d)$")
_MODEL_AFTER = re.compile(
    r"\s+(?:(?-i:[A-Z][a-z]+)|(?:toyota|ford|holden|nissan|isuzu|mitsubishi|mazda|jayco"
    r"|winnebago|avan|coromal|kedron|mdc|landcruiser|land cruiser|hilux|ranger|patrol|pajero"
    r"|prado|d-?max|bt-?50|navara|triton|sprinter|ducato|hiace|coaster|transit|troopy|ute|van"
    r"|caravan|camper|campervan|motorhome|trailer|wagon|4wd|4x4|model)\b)",
    re.IGNORECASE,
)


# A year said after a word of time is no price either: "the worst since 2009", "back in 2019".
_YEAR_BEFORE = re.compile(r"\b(?:since|back in|in|until|till|before|after|from)\s+$", re.I)


def bare_numbers(text: str) -> list[Amount]:
    """Plain numbers left in a text once dates and measures are gone ("coffee 4.50")."""
    found = []
    for m in _BARE.finditer(text):
        if _MODEL_YEAR.match(m["num"]) and (
            _MODEL_AFTER.match(text, m.end())
            or _YEAR_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            continue
        if len(m["num"]) == 2 and re.search(r"(?:^|\s)'$", text[max(0, m.start() - 2) : m.start()]):
            continue  # "back in '09": a year cut short, no money
        value = _number(m["num"])
        # "1.2k": thousands written after the figure (the one number reader's shorthand)
        if value is not None and (end := thousands_after(text, m.end())) is not None:
            found.append(Amount(-value * 1000 if m["neg"] else value * 1000, None, m.start(), end))
            continue
        if _BARE_AFTER.match(text, m.end()) or _ODO_BEFORE.search(
            text, max(0, m.start() - 30), m.start()
        ):
            continue
        if value is not None:
            found.append(Amount(-value if m["neg"] else value, None, m.start(), m.end()))
    return found


_TOTAL = re.compile(
    r"\s*(?:all up|in total|total|altogether|all together|for (?:the )?lot)\b", re.I
)
_TOTAL_BEFORE = re.compile(r"(?:total(?: of| was| is)?|came to|all up)\s*$", re.I)
# Only the words just before an amount: searching the whole head for every amount is O(n^2).
_LOOK_BACK = 80
_RATE = re.compile(r"\s*(?:per|a|each|/)\s*(?:night|day|person|head|week|hour|hr|litre|l)\b", re.I)


def _main(amounts: list[Amount], text: str) -> Amount:
    """Of several amounts, the total ("$38 a night, $114 all up"), else the first that is
    no rate."""
    for a in amounts:
        if _TOTAL.match(text, a.end) or _TOTAL_BEFORE.search(
            text, max(0, a.start - _LOOK_BACK), a.start
        ):
            return a
    return next((a for a in amounts if not _RATE.match(text, a.end)), amounts[0])


def _counted(text: str, m: re.Match[str]) -> bool:
    """ "been to 40 bakeries", "the line was 40 cars deep": a whole number before a plural
    noun counts things, even after a money verb."""
    whole = "." not in m["num"] and not m["k"]
    return whole and bool(_COUNT_OF.match(text, m.end()))


# "eighty-odd, call it 82.50", "$96 or so - make it 95": the figure the user settles on,
# said after a rough one, is the amount.
_SETTLED = re.compile(
    rf"\b(?:call it|make it|say|let's say|round(?:ed)? (?:it )?(?:up |down )?to)\s+"
    rf"(?:an? even\s+)?\$?(?P<num>{_NUM})(?![\d,]|\.\d)",
    re.IGNORECASE,
)


def _settled(text: str) -> Amount | None:
    for m in _SETTLED.finditer(text):
        value = _number(m["num"])
        if value is None or _BARE_AFTER.match(text, m.end()):
            continue
        if value == value.to_integral() and _COUNT_OF.match(text, m.end()):
            continue  # "make it 2 coffees": a count
        # (the currency written with the figure, if any, is the found amount's)
        written = next((a for a in find_amounts(text) if a.start <= m.start("num") < a.end), None)
        return written or Amount(value, None, m.start("num"), m.end())
    return None


def best_amount(text: str, *, loose: bool = False) -> Amount | None:
    """The amount a money message is about: a figure settled on first, then explicit, then
    cued, then (loose) bare."""
    if settled := _settled(text):
        return settled
    explicit = find_amounts(text)
    if explicit:
        return _main(explicit, text)
    cued = cued_amount(text)
    if cued or not loose:
        return cued
    bare = bare_numbers(text)
    # "2 coffees, 9.50", "3 bags of ice 12": a count of things before their price is no price
    priced = [
        b
        for b in bare
        if (not _COUNT_OF.match(text, b.end) or b.value != b.value.to_integral())
        and not _PEOPLE_COUNTED.match(text, max(0, b.start - 4))
    ]
    return (priced or bare)[0] if bare else None


# A small whole number before a plural noun is a count ("2 coffees", "3 bags of ice"), as
# are the people in "the 3 of us".
_COUNT_OF = re.compile(
    r"\s+(?:(?!(?:dollars|bucks|quid|euros|pounds|cents|aud|usd)\b)[a-z]{2,}s\b"
    r"|of\s+(?:us|them)\b|ppl\b|pax\b)",
    re.I,
)


def as_number(value: Decimal) -> float | int:
    """JSON-friendly: 85 stays an int, 85.4 a float."""
    return int(value) if value == value.to_integral_value() else float(value)


# "two fifty" (by now "2 50"): spoken prices run hundreds into tens, as "four twenty" is
# $420. The same words are $2.50 for a coffee, so the caller says when hundreds are meant
# (money received, a bill that is never a few dollars), else dollars and cents. Not a
# clock ("at 2 50") nor a figure with a unit ("2 50 litres").
_SPOKEN_HUNDREDS = re.compile(
    r"(?<![\d.,$:])(?<!\bat )(?<!\bby )(?P<h>[1-9]|1[0-9]) (?P<t>[1-9]\d)(?![\d,:]|\.\d)"
    r"(?!\s*(?:%|(?:percent|l|litres?|liters?|km|kms|kg|am|pm|psi|kpa|days?|weeks?"
    r"|months?|years?|hours?|mins?|minutes?|nights?|people|a litre|per litre|c|cents?)\b))",
    re.IGNORECASE,
)


def spoken_pair(text: str, *, hundreds: bool) -> Amount | None:
    """ "sold it for 2 50" -> 250 with `hundreds`, "a pie, 7 50" -> 7.50 without: a price
    spoken as two numbers."""
    m = _SPOKEN_HUNDREDS.search(text)
    if m is None:
        return None
    if hundreds:
        value = Decimal(int(m["h"]) * 100 + int(m["t"]))
    else:
        value = Decimal(m["h"]) + Decimal(m["t"]) / 100
    return Amount(value, None, m.start(), m.end())


def spoken_price(text: str, *, hundreds: bool) -> Amount | None:
    """A price spoken as two numbers when no other amount is written: "three forty all up"
    ("3 40 all up") is one price, though "40 all up" alone reads as a total."""
    pair = spoken_pair(text, hundreds=hundreds)
    if pair is None:
        return None
    inside = all(pair.start <= a.start and a.end <= pair.end for a in find_amounts(text))
    return pair if inside else None
