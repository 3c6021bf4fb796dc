"""The one number reader every value kind uses: how a figure is written in digits
("1,234.50", "1.2k", "2 grand") and the spoken forms of a figure that number words alone
do not give ("a buck fifty", "half a dozen").

Number words become digits in `textutil.normalise` before any value is read; the forms
here run there too, so an amount, a quantity or a count said this way reads the same for
every tool that takes one."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_I = re.IGNORECASE

# A figure in digits: "1,234,567.5" (thousands by commas) or "1234.5". Patterns that wrap it
# add their own look-behinds (a figure starts where a digit run starts: otherwise a pattern
# that fails after n digits is retried from each of them, O(n^2)).
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Thousands said after the figure: "1.2k", "12.5K", "2 grand". Not "k's"/"ks" (kilometres,
# read as "km" by then), not "km", "kg", "kw", "kph".
THOUSANDS = r"(?:k(?![a-z'])|\s?grand\b)"
_FIGURE = re.compile(rf"^\s*(?P<num>{DIGITS}|\.\d+)\s*(?P<k>k|grand)?\s*$", _I)


def read_number(raw: str) -> Decimal | None:
    """A figure as written: "1,234.50" -> 1234.50, "1.2k" -> 1200, "2 grand" -> 2000."""
    m = _FIGURE.match(raw)
    if m is None:
        return None
    try:
        value = Decimal(m["num"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    return value * 1000 if m["k"] else value


def thousands_after(text: str, end: int) -> int | None:
    """Where a "k"/"grand" written right after a figure ending at `end` stops, else None."""
    m = re.compile(THOUSANDS, _I).match(text, end)
    return m.end() if m else None


# "a buck fifty", "a dollar twenty", "two bucks fifty", "a quid fifty" (number words already
# digits: "a buck 50", "2 bucks 50"): dollars, then cents said without their name.
# The dollars-and-cents form with a figure first ("38 dollars 50") is textutil's.
_ONE_AND_CENTS = re.compile(
    r"\b(?:a|one|1)\s+(buck|dollar|quid|pound|euro)\s+(?:and\s+)?([1-9]\d)\b"
    r"(?!\s*(?:%|percent|litres?|liters?|l\b|km|kms|kg|am\b|pm\b|:|\.\d|c\b|cents?))",
    _I,
)
# "a grand on tyres", "make it a grand": one thousand (not "a grand old time", "a grand total")
_A_GRAND = re.compile(
    r"\b(?:a|one) grand\b(?=\s*(?:$|[,.;:!?)]|(?:on|for|in|to|a|an|per|each|all"
    r"|(?:this|last|next) (?:week|month|year)|cash|worth|of|back|up|down|off|from|and|but|so"
    r"|then)\b))",
    _I,
)
# "half a dozen eggs", "a dozen and a half": counts said by the dozen.
_DOZENS = re.compile(r"\bhalf (?:a )?dozen\b|\b(?:a|1) dozen and a half\b", _I)
# "2 dozen eggs", "3 dozen": so many twelves (said in words, "two dozen" is read there)
_DIGIT_DOZENS = re.compile(r"(?<![\d.,])([1-9]\d?)\s+dozen\b(?!\s+and a half)", _I)


def _one_and_cents(m: re.Match[str]) -> str:
    unit = m[1].lower()
    unit = "dollars" if unit in ("buck", "dollar") else unit if unit == "quid" else unit + "s"
    return f"1.{m[2]} {unit}"


def dozens(text: str) -> str:
    """ "half a dozen" -> "6" (before number words become digits: "a dozen" is 12 then)."""
    text = _DOZENS.sub(lambda m: "6" if m[0].lower().startswith("half") else "18", text)
    return _DIGIT_DOZENS.sub(lambda m: str(int(m[1]) * 12), text)


# "a fiver", "a tenner": a note by its name
_NOTE = re.compile(r"\b(?:a|one)\s+(fiver|tenner)\b", _I)


def one_and_cents(text: str) -> str:
    """ "a buck 50" -> "1.50 dollars", "a grand" -> "1 grand" (after number words became
    digits)."""
    text = _NOTE.sub(lambda m: "5 dollars" if m[1].lower() == "fiver" else "10 dollars", text)
    return _A_GRAND.sub("1 grand", _ONE_AND_CENTS.sub(_one_and_cents, text))


# --- figures said partly in digits, partly in words ----------------------------------------

_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def spelt(n: int) -> str:
    """1-999 in words, so that a figure said half in digits reads as one said in words."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + (" " + _ONES[n % 10] if n % 10 else "")
    return _ONES[n // 100] + " hundred" + (" and " + spelt(n % 100) if n % 100 else "")


_SCALE_WORD = r"(?:hundred|thousand|grand)"
# A small whole figure in digits (not a decimal, a thousands group or part of a longer run).
_SMALL = r"(?<![\d.,:/$])[1-9]\d{0,2}(?![\d.,:/]\d|\d)"
# "3 hundred and 20", "1 thousand 2 hundred", "1 grand 2 hundred", "six hundred and 40":
# digits right before a scale word, or right after one (an "and" may come between), in a
# figure that has a scale word. Digits not next to a scale word are not touched ("45 and
# a hundred" stays two figures).
_SAID = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|grand)\b"
)
_MIXED = re.compile(
    rf"(?:{_SMALL}\s+{_SCALE_WORD}|{_SCALE_WORD}\s+(?:and\s+)?{_SMALL})"
    rf"(?:\s+(?:and\s+)?(?:{_SMALL}|{_SAID})(?:\s+{_SCALE_WORD})?)*",
    _I,
)
_NUMBER_WORD = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|grand|and)$",
    _I,
)


def _mixed(m: re.Match[str]) -> str:
    tokens = m[0].split()
    # the run ends at the first word that is no number word (the pattern takes any word)
    end = next((i for i, t in enumerate(tokens) if not (t.isdigit() or _NUMBER_WORD.match(t))),
               len(tokens))  # fmt: skip
    head, tail = tokens[:end], tokens[end:]
    while head and head[-1].lower() == "and":
        tail.insert(0, head.pop())
    out = []
    for i, token in enumerate(head):
        low = token.lower()
        if token.isdigit():
            out.append(spelt(int(token)))
        elif low == "grand" and any(t.isdigit() or _NUMBER_WORD.match(t) for t in head[i + 1 :]):
            out.append("thousand")  # "1 grand 2 hundred": a thousand, then hundreds
        else:
            out.append(token)
    return " ".join([*out, *tail])


# "two and a half grand", "2 and a half thousand", "3 and a half k": the figure and a half,
# in thousands ("2.5 grand" is then read as money's thousands are).
_AND_A_HALF_SCALE = re.compile(
    r"(?<![\d.,])(\d{1,3}) and a half (?:(?P<grand>grand\b|k\b)|(?P<thousand>thousand\b|1000\b))",
    _I,
)
# "one point two k", "1 point 2k", "one point five grand": a spoken decimal before a scale
_SPOKEN_POINT = re.compile(
    r"\b(\d{1,3}|one) point (\d{1,2})(?:\s?(?=k\b)|(?=\s(?:grand|thousand|1000)\b))", _I
)


_DIGIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|\d)"
# "one point five thousand", "2 point 4 thousand": a decimal of thousands, said
_POINT_THOUSAND = re.compile(rf"\b({_DIGIT_WORD}) point ({_DIGIT_WORD}) thousand\b", _I)


def _digit(word: str) -> int:
    return int(word) if word.isdigit() else _ONES.index(word.lower())


def mixed(text: str) -> str:
    """Digits said beside number words in one figure become words, read with them:
    "3 hundred and 20" -> "three hundred and twenty" (before number words become digits)."""
    text = _POINT_THOUSAND.sub(lambda m: str(_digit(m[1]) * 1000 + _digit(m[2]) * 100), text)
    return _MIXED.sub(_mixed, text)


def halves_and_points(text: str) -> str:
    """ "2 and a half grand" -> "2.5 grand", "1 point 2k" -> "1.2k" (after number words
    became digits)."""

    def half(m: re.Match[str]) -> str:
        if m["thousand"]:
            return str(int(m[1]) * 1000 + 500)
        return f"{m[1]}.5 {m['grand']}" if m["grand"].lower() == "grand" else f"{m[1]}.5k"

    text = _AND_A_HALF_SCALE.sub(half, text)
    text = _SPOKEN_POINT.sub(lambda m: f"{1 if m[1].lower() == 'one' else m[1]}.{m[2]}", text)
    return _THOUSAND_AFTER_POINT.sub(_point_thousands, text)


# "1.2 1000" (from "one point two thousand"): the thousands said after a decimal
_THOUSAND_AFTER_POINT = re.compile(r"(?<![\d.,])(\d{1,3}\.\d{1,2}) 1000\b")


def _point_thousands(m: re.Match[str]) -> str:
    return str((Decimal(m[1]) * 1000).quantize(Decimal(1)))
