"""Text clean-up shared by every extractor: quotes, spacing, and number words as digits."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from agent.brain import numbers
from agent.brain.courtesy import set_aside
from agent.brain.dictation import undictate
from agent.brain.indirect import unframe
from agent.brain.near_misses import NearMisses
from agent.brain.pictographs import unpicture
from agent.brain.preamble import set_aside_preamble
from agent.brain.shouting import unshout
from agent.brain.typos import mend

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "fourty": 40, "ninty": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = "|".join([*_UNITS, *_TENS, *_SCALES, "and", "a", "an", "dozen"])
_RUN = re.compile(rf"\b(?:(?:{_WORD})(?:[\s-]+|$|(?=[,.;:!?)])))+", re.IGNORECASE)
# "one" and "a" are pronouns/articles unless a number or unit follows them.
_TENS_WORDS = frozenset(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
     "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
     "eighteen", "nineteen")
)  # fmt: skip
_COUNTABLE = re.compile(
    r"^\s*(?:hundred|thousand|dozen|dollars?|bucks?|litres?|liters?|days?|weeks?|months?"
    r"|hours?|minutes?|mins?|stars?|kg|kilos?|nights?|years?|grand)\b",
    re.IGNORECASE,
)


def _value(words: list[str]) -> int | None:
    """An integer from number words ("eighty five", "a hundred and twenty"), else None."""
    total, current, seen = 0, 0, False
    for word in words:
        if word in ("and",):
            continue
        if word in ("a", "an"):
            current = max(current, 1)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if word == "thousand":
                total, current = total + current, 0
        seen = True
    return total + current if seen else None


def _groups(words: list[str]) -> list[list[str]]:
    """Split "twelve fifty" into ["twelve"], ["fifty"]: a unit or ten that cannot extend
    the number so far starts a new one ("twenty five" stays one, "twelve fifty" is two)."""
    groups: list[list[str]] = [[]]
    for word in words:
        last = groups[-1]
        scales = [i for i, w in enumerate(last) if w in _SCALES]
        seg = [w for w in last[(scales[-1] + 1 if scales else 0) :] if w in _UNITS or w in _TENS]
        new = False
        # "forty five thousand two thirty": a unit after thousands, then a ten, is hundreds
        if (
            "thousand" in last
            and len(seg) == 1
            and seg[0] in _UNITS
            and _UNITS[seg[0]] < 10
            and word in _TENS
            and "hundred" not in last[last.index("thousand") :]
        ):
            last += ["hundred", word]
            continue
        if seg and (word in _UNITS or word in _TENS):
            # After a unit nothing continues it; after a ten only a single digit does.
            new = seg[-1] in _UNITS or word in _TENS or _UNITS[word] >= 10
        if new:
            groups.append([word])
        else:
            last.append(word)
    return [g for g in groups if g]


def _hundreds_of_thousands(words: list[str]) -> list[str]:
    """ "one ninety two thousand", "two fifty thousand": a digit then tens before "thousand"
    are hundreds of thousands, as odometers are read out (192,000; 250,000)."""
    for i in range(len(words) - 2):
        unit, ten = words[i], words[i + 1]
        if not (unit in _UNITS and 0 < _UNITS[unit] < 10 and ten in _TENS):
            continue
        if i and (words[i - 1] in _UNITS or words[i - 1] in _TENS or words[i - 1] in _SCALES):
            continue
        rest = words[i + 2 :]
        if rest[:1] == ["thousand"] or (
            rest[:1] and rest[0] in _UNITS and rest[1:2] == ["thousand"]
        ):
            return [*words[:i], unit, "hundred", *words[i + 1 :]]
    return words


def _dollars_and_cents(dollars: int | None, cents: int | None, *, total: bool = False) -> bool:
    """Two spoken numbers that are a price: dollars past any clock hour, then cents
    ("a hundred and five twenty"); 19 and 20 lead years ("twenty twenty") unless a total
    follows ("nineteen sixty all up" is no year)."""
    if dollars is None or cents is None:
        return False
    return dollars > 12 and (total or dollars not in (19, 20)) and 10 <= cents <= 99


# What says the figure before it is a price paid in all ("… all up", "… total").
_TOTAL_AFTER = re.compile(
    r"^\s*(?:all up|all in|in total|total|altogether|all together|the lot)\b", re.IGNORECASE
)


def _hundreds_and_cents(values: list[int | None]) -> str | None:
    """ "one forty two thirty" (1 42 30): a price read out as hundreds-and-tens, then cents
    (142.30); only a single digit first, so lists of readings stay apart."""
    if len(values) != 3 or any(v is None for v in values):
        return None
    hundreds, tens, cents = (int(v or 0) for v in values)
    if 1 <= hundreds <= 9 and 10 <= tens <= 99 and 10 <= cents <= 99:
        return f"{hundreds * 100 + tens}.{cents:02d}"
    return None


# Number words as people misspell them ("sevnty", "fourty"): a word one edit away from a
# number word becomes it, unless it is a word of its own.
_NUMBER_WORDS = [w for w in (*_UNITS, *_TENS, *_SCALES) if len(w) >= 5]
_REAL_WORDS = {
    "there", "these", "those", "fifth", "forth", "sixth", "weight", "eighth", "ninth", "tenth",
    "thirsty", "seventh", "twelfth", "heaven", "levens", "dozens", "hundreds", "thousands",
    "eights", "sevens", "nines", "sixths", "fifths", "theres", "every", "lever",
    "seventies", "sixties", "fifties", "forties", "thirties", "twenties", "eighties", "nineties",
    "thee", "thread", "threw", "throe", "tree", "eleventh", "fourth", "fifteenth", "elven",
    "right", "light", "night", "might", "sight", "tight", "fight", "height", "bight", "wight",
    "steven", "thirst",
}  # fmt: skip
_CANDIDATE = re.compile(r"\b[a-z]{5,10}\b(?=(?P<next>[\s-]+[\w$]+)?)", re.IGNORECASE)
# A five-letter word is near many words ("light", "fight" to "eight"): it is a number only
# before a number, a unit or money.
_NUMBERISH = re.compile(
    rf"[\s-]+(?:\d|\$|{'|'.join([*_UNITS, *_TENS, *_SCALES])}|bucks?|dollars?|grand|litres?"
    r"|l\b|k\b|kms?\b|cents?|percent|per|a\b)",
    re.IGNORECASE,
)


def _spelt(match: re.Match[str]) -> str:
    word = match.group(0)
    low = word.lower()
    if low in _REAL_WORDS or low in _UNITS or low in _TENS or low in _SCALES:
        return word
    if len(low) < 6 and not (match["next"] and _NUMBERISH.match(match["next"])):
        return word
    hit = process.extractOne(low, _NUMBER_WORDS, scorer=DamerauLevenshtein.distance, score_cutoff=1)
    return hit[0] if hit else word


def fix_number_words(text: str) -> str:
    """ "sevnty" -> "seventy", "nintey" -> "ninety"; other words as they are."""
    return _CANDIDATE.sub(_spelt, text)


def _replace(match: re.Match[str]) -> str:
    text = match.group(0)
    tokens = re.split(r"([\s-]+)", text)
    words = [t for t in tokens[::2] if t]
    lead: list[str] = []
    while words and words[0].lower() == "and":
        lead.append(words.pop(0))
    tail: list[str] = []
    while words and words[-1].lower() in ("and", "a", "an"):
        tail.insert(0, words.pop())
    low = [w.lower() for w in words]
    rest = match.string[match.end() :]
    keep = not low or all(w in ("a", "an", "and") for w in low)
    lone = len(low) == 1 or (len(low) == 2 and low[0] in ("a", "an"))
    keep = keep or (lone and low[-1] in ("one", "a", "an") and not _COUNTABLE.match(rest))
    article = (
        bool(low) and low[0] in ("a", "an") and low[1:2] != [] and low[1] not in (*_SCALES, "dozen")
    )
    spoken_price = article and len(low) >= 3 and any(w in _TENS_WORDS for w in low[2:])
    if article and not keep and (_COUNTABLE.match(rest) or spoken_price):
        # "a two kilo bag": the article stays, the count before a unit becomes digits; so
        # does a price said in two or more number words ("a two fifty cap", "a four
        # hundred and twenty budget"), which no phrase like "a two way radio" is
        lead.append(words.pop(0))
        low = low[1:]
    elif article:
        keep = True
    if keep:
        return text
    values = [_value(g) for g in _groups(_hundreds_of_thousands(low))]
    total = bool(_TOTAL_AFTER.match(rest))
    before = match.string[: match.start()]
    if len(values) == 2 and _dollars_and_cents(values[0], values[1], total=total):
        number = f"{values[0]}.{values[1]:02d}"  # "ninety nine thirty": 99.30
    elif (price := _hundreds_and_cents(values)) and not _CLOCK_BEFORE.search(before):
        number = price
    else:
        number = " ".join(str(v) for v in values)
    trailing = text[len(text.rstrip()) :]
    return " ".join([*lead, number, *tail]) + trailing


def words_to_digits(text: str) -> str:
    """Number words become digits: "eighty five dollars" -> "85 dollars"."""
    return _RUN.sub(_replace, text)


# Contractions typed without the apostrophe ("whats on", "im in Perth time").
_CONTRACTIONS = re.compile(
    r"\b(what|how|where|that|there|who)s\b|\b(i)m\b|\b(i|we|you)ve\b|"
    r"\b(do|does|did|is|was|are|can|won|wasn|haven)n?t\b",
    re.IGNORECASE,
)


def _apostrophe(m: re.Match[str]) -> str:
    word = m[0]
    if m[1]:
        return f"{m[1]}'s"
    if m[2]:
        return f"{m[2]}'m"
    if m[3]:
        return f"{m[3]}'ve"
    return word[:-1] + "'t" if not word.lower().endswith("nt") else word[:-2] + "n't"


# "38 dollars 50", "74 dollars and 20 cents", "31 pound 60" (number words already
# digits): one price.
_DOLLARS_CENTS = re.compile(
    r"\b(\d+) (dollars?|bucks?|pounds?|quid|euros?) (?:and )?(\d{1,2})"
    r"(?: cents?| c\b| p\b| pence)?\b"
    r"(?!\s*(?:litres?|liters?|l\b|km|kms|kg|%|nights?|days?|am\b|pm\b|o'?clock|people))",
    re.IGNORECASE,
)
# "1200/month", "$42/night": a rate in words, as the rules read rates.
_PER = re.compile(r"(?<=\d)\s*/\s*(month|mth|mo|week|wk|night|day|year|yr)\b", re.IGNORECASE)
_PER_WORD = {"mth": "month", "mo": "month", "wk": "week", "yr": "year"}
_HAVE_CONTRACTIONS = re.compile(r"\b(what|where|who|how)'ve\b", re.IGNORECASE)
# "shoulda been 54", "should've been", "coulda", "musta": the modal and "have", as written out
_MODAL_HAVE = re.compile(
    r"\b(should|could|would|must)(?:a|'ve|ve|'a)(?= (?:been|had|done|got|paid|put|said|gone)\b)",
    re.IGNORECASE,
)


def _price(m: re.Match[str]) -> str:
    unit = m[2].lower()
    unit = (
        "dollars" if unit.startswith("buck") else unit if unit == "quid" else unit.rstrip("s") + "s"
    )
    return f"{m[1]}.{int(m[3]):02d} {unit}"


# Ordinal days in words ("the fifteenth of January", "March the twenty-first", "on the
# third at 10"): digits, where they can only be a date (so "the first one" stays a pick).
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_ORD_WORD = (
    r"(?:(?:twenty|thirty)[\s-]+)?(?:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
)
_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june|july|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY_WORD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_ORDINAL_DATE = re.compile(
    rf"\b(?P<a>{_ORD_WORD})(?=\s+(?:of\s+)?(?:{_MONTH_WORD}|(?:next|this) month)\b)"
    rf"|(?<=\b)(?P<m>{_MONTH_WORD})\s+(?:the\s+)?(?P<b>{_ORD_WORD})\b"
    rf"|\b(?P<w>{_WEEKDAY_WORD}),?\s+the\s+(?P<d>{_ORD_WORD})\b"
    rf"|\b(?P<p>on|by|until|till|til|before|after|from|since|use by|best before) the\s+"
    rf"(?P<c>{_ORD_WORD})\b(?=\s*(?:$|[,.!?]|at\b|for\b|of\b|in\b|and\b|to\b|till\b|until\b"
    # ("on the seventh I paid 25 …": a clause of its own follows the day)
    r"|(?:i|we|my|our|he|she|they|you|-)\b))",
    re.IGNORECASE,
)


def _ordinal_value(words: str) -> int | None:
    parts = re.split(r"[\s-]+", words.lower())
    tens = {"twenty": 20, "thirty": 30}.get(parts[0], 0) if len(parts) > 1 else 0
    day = tens + _ORDINALS.get(parts[-1], 0)
    return day if 1 <= day <= 31 else None


def _ordinal_date(m: re.Match[str]) -> str:
    words = m["a"] or m["b"] or m["c"] or m["d"]
    day = _ordinal_value(words)
    if day is None:
        return m[0]
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    if m["b"]:
        return f"{m['m']} {day}{suffix}"
    if m["d"]:  # "Thursday the eighteenth"
        return f"{m['w']} the {day}{suffix}"
    if m["c"]:
        return f"{m['p']} the {day}{suffix}"
    return f"{day}{suffix}"


# Words as texted ("wat did i spend", "wots on", "it was actualy 54"): the word itself.
_TEXTED = re.compile(
    r"\b(?:(?P<what>wat|wot|whta|waht)(?P<s>s)?|(?P<actually>actualy|actully|acually|acutally"
    r"|actualley|akshually))\b",
    re.IGNORECASE,
)


# "how much $ have we spent": the sign written for the word money, no figure after it
_SIGN_FOR_MONEY = re.compile(r"\bhow much \$(?!\s*\d)", re.IGNORECASE)


def _texted(m: re.Match[str]) -> str:
    if m["actually"]:
        return "actually"
    return "what's" if m["s"] else "what"


# A year said as two numbers ("twenty nineteen", "nineteen ninety eight", "twenty twenty
# one"): four digits, but not a clock ("at twenty thirty") nor money ("twenty fifty bucks").
_YEAR_WORDS = re.compile(
    r"(?<!\bat )(?<!\bby )(?<!\btill )(?<!\buntil )(?<!\bfrom )(?<!\bto )(?<!\bpaid )"
    r"(?<!\bspent )(?<!\bcost )(?<!\bcosts )(?<!\bwas )"
    r"\b(nineteen|twenty)[\s-]+((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
    r"(?![\s-]+(?:dollars?|bucks?|cents?|percent|litres?|liters?|kms?|kilometres?|hundred"
    r"|thousand|one|two|three|four|five|six|seven|eight|nine)\b)"
    # ("bakery run, nineteen sixty all up": a total said is a price, not a year)
    r"(?![\s-]+(?:all up|all in|in total|total|altogether|all together)\b)",
    re.IGNORECASE,
)
# A word that asks for a clock time just before a run of number words.
_CLOCK_BEFORE = re.compile(r"\b(?:at|by|till|until|from|@)\s*$", re.IGNORECASE)
# "twenty past one", "quarter to one", "half one": "one" is the hour after a word that counts
# minutes around it (alone, "one" stays a word: "the one with the awning").
_HOUR_ONE = re.compile(
    r"\b((?:quarter|half|\d{1,2}|five|ten|twenty|twenty[\s-]five)\s+(?:past|to|after)\s+"
    r"|(?:at|by|around|about|till|until|from)\s+half\s+)one\b(?!\s+(?:of|another|day|more)\b)",
    re.IGNORECASE,
)


def _year(m: re.Match[str]) -> str:
    century = 1900 if m[1].lower() == "nineteen" else 2000
    rest = _value(re.split(r"[\s-]+", m[2].lower()))
    if rest is None:
        return m[0]
    # (this decade's years, "twenty twenty two", stay years)
    if rest >= 10 and not (century == 2000 and rest <= 30) and _price_not_year(m):
        return f"{century // 100}.{rest:02d}"  # "a new charger nineteen ninety nine": $19.99
    return str(century + rest)


# A thing bought in the clause before, and nothing that dates it right before the words.
_BOUGHT_BEFORE = re.compile(
    r"\b(?:bought|buy|buying|new|spent|paid|cost|costs|price|priced|charged)\b[^.;!?\n]*$",
    re.IGNORECASE,
)
_DATED_BEFORE = re.compile(
    r"\b(?:in|since|from|of|back|year|model|built|born|circa|mid|late|early|until|till|by|a|an"
    r"|the|my|our|her|his|its|their|around|about)\s+$",
    re.IGNORECASE,
)
_CLAUSE_ENDS = re.compile(r"\s*(?:$|[,.;!?\n]|(?:on|at|for|each|from)\b)", re.IGNORECASE)


def _price_not_year(m: re.Match[str]) -> bool:
    """ "picked up a new esky, nineteen ninety five": two numbers led by nineteen or twenty
    that end a clause about a thing bought, with no word that dates them before, are a price."""
    before = m.string[max(0, m.start() - 80) : m.start()]
    return (
        bool(_BOUGHT_BEFORE.search(before))
        and not _DATED_BEFORE.search(before)
        and bool(_CLAUSE_ENDS.match(m.string, m.end()))
    )


# "four thirty no five", "20, sorry 25": a number said again corrected, the last one stays.
# Several repair words may follow one another ("10… actually no, make it 11").
_SELF_REPAIR = re.compile(
    r"(?<![\d.])\d+(?:[ .:]\d{2})?(?:\s?(?:am|pm))?\s*[,.…]*\s+(?:(?:actually|no|nah|sorry|wait"
    r"|i mean|i meant|or rather|make that|make it|scratch that|oops|whoops|correction|hang on"
    r"|hold on|my bad|my mistake)\b[\s,.…!]*)+(?=\d)",
    re.IGNORECASE,
)
# The same for a day taken back: "tomorrow... I mean yesterday", "friday, no, saturday".
_DAY_WORDS = (
    r"today|tonight|tomorrow|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_SELF_REPAIR_DAY = re.compile(
    rf"\b(?:{_DAY_WORDS})\s*[,.…]*\s+(?:(?:actually|no|nah|sorry|wait|i mean|or rather"
    rf"|make that|make it|scratch that)\b[\s,.…]*)+(?=(?:{_DAY_WORDS})\b)",
    re.IGNORECASE,
)
# A figure put right later in the message: by naming what it was for ("80 on camping. no
# wait, the camping was 85") or more exactly ("a grand on tyres, well 1,040 to be exact"):
# the new figure takes the old one's place, the words between stay.
_FIGURE = r"(?<![\d,.])\$?\d[\d,]*(?:\.\d+)?(?:\s*(?:grand|k)\b)?"
_REPAIR_WORDS = r"(?:(?:no|nah|wait|sorry|actually|oops|i mean|correction|my bad)\b[\s,.!…]*)+"
_FIGURE_RENAMED = re.compile(
    rf"(?P<old>{_FIGURE})(?P<mid>\s+(?:on|for)\s+[^\d.;!?]{{0,30}}?\b(?P<what>[a-z]{{3,}}))"
    rf"[.,;!]?\s+{_REPAIR_WORDS}(?:the\s+)?(?P=what)\s+(?:was|is|were|cost|came to)\s+"
    rf"(?:actually\s+|really\s+)?(?P<new>{_FIGURE})",
    re.IGNORECASE,
)
_FIGURE_EXACT = re.compile(
    rf"(?P<old>{_FIGURE})(?P<mid>[^\d,.;!?]{{0,40}}?)[,;]\s+(?:well|or rather|more like|make that"
    rf"|actually)\s+(?P<new>{_FIGURE})\s*"
    r"(?:to be (?:exact|precise)|exactly|precisely|on the dot)\b",
    re.IGNORECASE,
)


def _figure_repaired(m: re.Match[str]) -> str:
    return f"{m['new']}{m['mid']}"


# "not monday, tuesday": the day said after the one ruled out is meant; it is put first
# ("tuesday, not monday"), so the day readers, which take the first day, read it, and the
# "not" of a correction stays.
_SHORT_DAYS = r"mon|tues?|weds?|thurs?|thu|fri|sat|sun"
_NOT_THIS_BUT = re.compile(
    rf"\bnot\s+(?P<old>(?:on\s+)?(?:{_DAY_WORDS}|{_SHORT_DAYS}))\s*[,;]\s*"
    r"(?:but\s+|it'?s\s+|it (?:is|was)\s+|(?:is|was)\s+|rather\s+)?"
    rf"(?P<new>(?:on\s+)?(?:{_DAY_WORDS}|{_SHORT_DAYS}))\b",
    re.IGNORECASE,
)


# "150 thousand km", "2 hundred bucks": a figure in digits with its scale said as a word
# (a voice typist writes the digits, the word stays); "1.5 thousand" too.
_DIGITS_SCALE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{1,2})?)\s+(thousand|hundred)\b(?!\s+(?:and\b|\d))", re.IGNORECASE
)


def _digits_scale(m: re.Match[str]) -> str:
    value = Decimal(m[1]) * (1000 if m[2].lower() == "thousand" else 100)
    return str(value.normalize().quantize(Decimal(1))) if value == value.to_integral() else m[0]


# Percent as it is spelt in other languages ("90 procent", "80 prozent", "75 por ciento").
_PERCENT = re.compile(
    r"(?<=\d)\s*(?:procent|prozent|pourcent|pour cent|por ciento|per cento|pc|pct)\b", re.I
)
# "sixty eight point five litres" (by then "68 point 5"): one number.
_POINT = re.compile(r"\b(\d+) point (\d+)\b", re.IGNORECASE)
# "12,50" written with a decimal comma (most of Europe): cents after the comma. Not a
# thousands group ("1,250"), nor one of several numbers in a row ("38,38,42,42").
# "1.234,50 euros": thousands set off by dots, cents by a comma (most of Europe).
_DOTTED_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+),(\d{2})(?![\d,])")
# "1.450 dollar", "2.300 euros": a thousands dot before a currency (no money has three
# decimals; a price a litre may, so only before the currency's name)
_DOTTED_MONEY = re.compile(
    r"(?<![\d.,$])(\d{1,3})\.(\d{3})(?=\s*(?:dollars?|euros?|bucks|aud|usd|nzd|eur|quid|pounds?"
    r"|rand)\b)(?!\s*\S+\s+(?:a|per|the)\s+l)",
    re.IGNORECASE,
)
# "km 101.230", "odo 98.450", "odometer: 101.230": a reading's thousands set off by a dot
# after the reading's word (no reading has three decimals; "101.230 km" is _DOTTED_KM's)
# ("km stand 148.220", "kilometre reading 98.450": the reading's word with its noun)
_READING_DOTTED = re.compile(
    r"\b((?:kms?|kilomet(?:re|er)s?|odo|odometer|speedo|mileage)"
    r"(?:\s*(?:stand|reading|counter))?\s*[:=]?\s*)(\d{1,3})\.(\d{3})(?![\d.,]\d)",
    re.IGNORECASE,
)
# Once a message writes a thousands dot (as above), its other bare "300.000" or "45.500"
# is one too: the writer's own way with thousands. Not "1.899" (a price a litre: one digit
# before the dot and no three zeros), nor a figure before a price's "a/per litre".
_DOTTED_TOO = re.compile(
    r"(?<![\d.,$€£])(\d{2,3}|\d(?=\.000))\.(\d{3})(?![\d.,]\d)"
    r"(?!\s*(?:/\s*l\b|(?:a|per|the)\s+(?:l|litre|liter|gal)))",
    re.IGNORECASE,
)
_DECIMAL_COMMA = re.compile(
    r"(?<![\d,.])(\d{1,4}),(\d{2}(?!\d|,\s*\d|\s+\d)"
    r"|\d(?=\s*(?:bar|kg|kilos?|l|lt|litres?|liters?|km|euros?|eur|%)\b)"
    # "€12,5": one decimal after a currency's sign
    r"|(?<=[$€£]\d,)\d(?![\d,])|(?<=[$€£]\d\d,)\d(?![\d,])|(?<=[$€£]\d\d\d,)\d(?![\d,]))",
    re.IGNORECASE,  # ("48,5 L": a capital L is litres too)
)


# Figures as written in other countries, made the form the money rules read (i15-values11):
# "35,- euro" / "45.-" (whole units, Germany, Switzerland), "1'200" (Swiss thousands),
# "1,5k" (a decimal comma before the thousands), "1k2" (1200, British shorthand), "35€" /
# "12.50£" (the sign after the figure), "half a grand", "a grand and a half", "45 and 20
# cents".
_WHOLE_UNITS = re.compile(r"(?<=\d)[,.]-(?=[\s,;.!?]|$)")
_SWISS_THOUSANDS = re.compile(r"(?<![\d'])(\d{1,3})'(\d{3})(?![\d'])")
_COMMA_K = re.compile(r"(?<![\d,.])(\d{1,3}),(\d)(?=k\b)", re.IGNORECASE)
_K_AND_HUNDREDS = re.compile(r"(?<![\d.,$])(\d{1,3})k(\d)\b(?!\s*(?:km|kms)\b)", re.IGNORECASE)
_SIGN_AFTER = re.compile(r"(?<![\w$€£.,])(\d+(?:[.,]\d{1,2})?)\s?([€£])")
_HALF_SCALE = re.compile(
    r"\bhalf\s+(?:a|1)\s+(grand|thousand|k|mil(?:lion)?)\b"
    r"|\b(?:a|1)\s+(grand|thousand)\s+and\s+a\s+half\b",
    re.IGNORECASE,
)
_AND_CENTS = re.compile(r"(?<![\d.,])(\d+)\s+and\s+(\d{1,2})\s+(?:cents?|c)\b", re.IGNORECASE)


def _half_scale(m: re.Match[str]) -> str:
    if m[1]:
        return {"grand": "500 dollars", "thousand": "500", "k": "500"}.get(m[1].lower(), m[0])
    return "1500"


def foreign_figures(text: str) -> str:
    """The figure forms above, as the rest of the readers write them."""
    text = _SWISS_THOUSANDS.sub(r"\1\2", _WHOLE_UNITS.sub("", text))
    text = _COMMA_K.sub(r"\1.\2", text)
    text = _K_AND_HUNDREDS.sub(lambda m: str(int(m[1]) * 1000 + int(m[2]) * 100), text)
    text = _SIGN_AFTER.sub(r"\2\1", text)
    text = _HALF_SCALE.sub(_half_scale, text)
    return _AND_CENTS.sub(lambda m: f"{m[1]}.{int(m[2]):02d}", text)


# "1 240 dollars", "the odo said 184 220": thousands set off by a space, as many write them.
# Not one of a row of numbers ("220 240 220 240 kPa"), nor a count before a size ("2 250g").
_SPACED_THOUSANDS = re.compile(
    r"(?<![\d.,])(?<!\d )([1-9]\d{0,2}) (\d{3})"
    # ("1 234,50": cents after a decimal comma may follow, not a third group or a row)
    r"(?![\d.]\d|,\d{3}|,\d{1,2}\s*,|\d| \d|\s*(?:g|ml|mm|cm|x|kpa|psi|bar)\b)"
)
# "2026-02-01 → 2026-02-14", "mon -> fri": an arrow between two values is "to".
_ARROW = re.compile(r"\s*(?:→|->|=>|⟶)\s*")


# Words written as they sound or as texted ("yestdy", "wensday", "munth", "desel", "2wks"):
# the word the extractors read. Shorthand is a table; other misspellings are matched
# against a small lexicon of the words arguments hang on (same first letter, one edit in a
# short word, two in a long one), and a day name heard rather than spelt against the
# week's days (same first two letters, ending in "dy"/"day"), so "today", "weekday" and
# "holiday" stay as they are. Only lower-case words are re-spelt: a capital marks a name.
_SHORTHAND = {
    "yday": "yesterday", "yest": "yesterday", "ystdy": "yesterday", "tmrw": "tomorrow",
    "tmr": "tomorrow", "tmrow": "tomorrow", "tomoz": "tomorrow", "2moro": "tomorrow",
    "2morrow": "tomorrow", "2day": "today", "munth": "month", "mnth": "month",
    "munths": "months", "mnths": "months", "wk": "week", "wks": "weeks", "yr": "year",
    "yrs": "years", "fortnite": "fortnight", "privet": "private", "thru": "through",
    "tz": "timezone", "leavin": "leaving", "comin": "coming", "goin": "going",
    "headin": "heading", "drivin": "driving", "gettin": "getting", "stayin": "staying",
    "mth": "month", "mths": "months", "nxt": "next", "wkend": "weekend", "wknd": "weekend",
    "wkends": "weekends",
    "tomo": "tomorrow", "2mrw": "tomorrow", "2mro": "tomorrow", "2nite": "tonight",
    "2night": "tonight", "tdy": "today", "ystday": "yesterday",
}  # fmt: skip
_LEXICON = [
    "month", "months", "diesel", "private", "calendar", "yesterday", "tomorrow", "fortnight",
    "january", "february", "september", "october", "november", "december", "august",
]  # fmt: skip
_ARGUMENT_WORDS = NearMisses(_LEXICON)
_NOT_MISSPELT = {"mouth", "mouths", "monty", "moody", "sundry", "weekday"}
# How people start a day's name when they spell it by ear ("wensday", "satdy", "tewsday")
_DAY_STARTS = {
    "monday": ("mon", "mun"), "tuesday": ("tue", "tus", "tew", "tuz"),
    "wednesday": ("wed", "wen", "wend"), "thursday": ("thu", "thr", "thi"),
    "friday": ("fri", "fry"), "saturday": ("sat",), "sunday": ("sun",),
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WORDISH = re.compile(r"(?<![\w'])[a-z2][a-z]{1,9}(?![\w'])")
_DAYISH = re.compile(r"(?:mo|mu|tu|te|we|th|fr|sa|su|y)[a-z]{0,6}da?y")


def _by_ear(m: re.Match[str]) -> str:
    return _respelt(m[0])


@lru_cache(maxsize=8192)
def _respelt(word: str) -> str:
    if word in _SHORTHAND:
        return _SHORTHAND[word]
    if len(word) < 5 or word in _NOT_MISSPELT or word in _LEXICON or word in _WEEKDAYS:
        return word
    if _DAYISH.fullmatch(word):
        days = (
            ["yesterday"]
            if word[0] == "y"
            else [d for d, starts in _DAY_STARTS.items() if word.startswith(starts)]
        )
        hit = process.extractOne(word, days, scorer=DamerauLevenshtein.distance, score_cutoff=3)
        if hit:
            return str(hit[0])
    if any(word.startswith(w) for w in _LEXICON):
        return word  # "monthly", "privates": a word built on one, not a misspelling
    return _ARGUMENT_WORDS.nearest(word, 1 if len(word) <= 6 else 2) or word


# Number words heard as other words: "to"/"too" before a span of time ("in the next to
# weeks"), "for" before "hundred"/"thousand", "for tea"/"for tee" before money or a unit.
_HEARD_NUMBER = re.compile(
    r"\b(?:(?P<two>to|too)\s+(?=(?:days|weeks|months|years|hours|nights|minutes)\b)"
    r"|(?P<four>for)\s+(?=(?:hundred|thousand)\b)"
    r"|(?P<forty>for\s+t(?:ea|ee|y)\b)(?=\s+(?:dollars?|bucks?|litres?|liters?|kms?|minutes)\b))",
    re.IGNORECASE,
)


def _heard_number(m: re.Match[str]) -> str:
    if m["two"]:
        return "two "
    if m["four"]:
        return "four "
    return "forty"


# A count glued to a short unit of time ("in 3d", "next 2wks", "for 1h", "3hrs"): spaced
# and spelt out, as the range and clock rules read them.
# (not the hour mark of a clock time: "at 19h", "um 9h", "from 10h till 12h")
_GLUED_SPAN = re.compile(
    r"(?<!\bat )(?<!\bum )(?<!\b@ )(?<!\bfrom )(?<!\btill )(?<!\buntil )(?<!\bto )(?<!\bby )"
    r"\b(\d{1,3})\s?(d|dys?|wks?|hrs?|h|mins?|mths?|yrs?)\b"
    r"|\b(\d{1,3})\s?(d|dys?|wks?|hrs?|mins?|mths?|yrs?)\b",
    re.IGNORECASE,
)
_SPAN_WORD = {"d": "days", "dy": "days", "dys": "days", "wk": "weeks", "wks": "weeks",
              "h": "hours", "hr": "hours", "hrs": "hours", "min": "minutes", "mins": "minutes",
              "mth": "months", "mths": "months", "yr": "years", "yrs": "years"}  # fmt: skip


def _glued_span(m: re.Match[str]) -> str:
    count, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
    words = _SPAN_WORD[unit.lower()]
    return f"{count} {words[:-1] if count == '1' else words}"


def respell(text: str) -> str:
    """Words spelt by ear or texted become the words the rules read ("wensday" ->
    "wednesday", "next to wks" -> "next two weeks", "in 3d" -> "in 3 days")."""
    text = _WORDISH.sub(_by_ear, text)
    text = _HEARD_NUMBER.sub(_heard_number, text)
    return _GLUED_SPAN.sub(_glued_span, text)


# "this w/e", "nxt w/e": the weekend as texted (a "w/e" after a figure is "a week", read
# by _PER: "300 w/e" is no weekend)
_WEEKEND_SLASH = re.compile(r"(?<!\d)(?<!\d )\bw/e\b", re.IGNORECASE)
# "a couple hundred", "couple of grand": two of the scale (a figure, not "a few": vague)
_COUPLE_SCALE = re.compile(
    r"\b(?:a\s+)?couple(?:\s+of)?\s+(hundred|thousand|grand)\b"
    # "a couple of litres of milk", "a couple kilos of rice": two of a measure
    r"|\ba\s+couple(?:\s+of)?\s+(litres?|liters?|kilos?|kg|kilograms?|bottles?|packets?|packs?"
    r"|loaves|cans|tins|bags|boxes|jars|cartons|dozen|blocks?|tubs?|rolls?)\b",
    re.IGNORECASE,
)


# "pantry + 2kg rice, eggs", "shopping list + milk", "todo + ring the vet": a "+" after the
# name of a list, as written at a command line, is "add to" that list.
_LIST_PLUS = re.compile(
    r"^(?:(?:the|my|our)\s+)?(?:(?P<stock>pantry|cupboard|fridge|freezer)"
    r"|(?P<shop>shopping(?:\s+list)?|grocery\s+list|list)"
    r"|(?P<todo>to-?dos?(?:\s+list)?|to\s+do(?:\s+list)?|tasks?|jobs?))\s*\+\s*(?=\S)",
    re.IGNORECASE,
)


def _list_plus(m: re.Match[str]) -> str:
    if m["stock"]:
        return f"add to the {m['stock'].lower()}: "
    return "add to the shopping list: " if m["shop"] else "add a task: "


# Spoken hesitations ("join the group uh Nullarbor Crossers", "um, fifty k's"): no part of
# any value. ("um" before a number is German for "at".)
_HESITATION = re.compile(r"(?<![\w'])(?:u+h+m*|u+m+|e+r+m*|e+h+m+)(?![\w'])(?!\s*\d)[,.]?\s*", re.I)
# "two oh five a litre" (2.05), "six oh five in the morning" (6:05): a digit, "oh", a digit
# or two, read as spoken prices and clock times are.
_OH = re.compile(
    r"\b(\d|one) oh (\d)\b(?=\s*(?:(?P<price>a lit|per lit|a lt|/ ?l\b|c\b|cents)"
    r"|(?P<clock>am\b|pm\b|a\.m|p\.m|in the (?:morning|afternoon|evening)|at night|tonight)))",
    re.I,
)
# "at 9 and a half" (9:30), as some say the half hour: after a word that asks for a time.
_AND_A_HALF = re.compile(
    r"\b(at|@|by|from|till|until|around|about) (\d{1,2}) and a half\b"
    r"(?!\s*(?:hours?|hrs?|days?|weeks?|months?|years?|litres?|liters?|kg|kilos?|km|kms|dollars?"
    r"|bucks?|metres?|meters?|m\b|percent|%))",
    re.I,
)
# "an hour and a half", "2 and a half hours", "half an hour": a length in minutes.
_HALF_HOURS = re.compile(
    r"\b(?:(?P<a>an?|one|\d{1,2}) (?:hours?|hrs?) and a half"
    r"|(?P<b>\d{1,2}) and a half (?:hours?|hrs?)|(?P<c>half an? hour))\b"
    # (a lead time keeps its words: figures.py reads "half an hour's warning", "… before")
    r"(?!'s|s'|\s+(?:warning|notice|heads|before|b4|prior|early|earlier|beforehand|ahead))",
    re.I,
)


def _half_hours(m: re.Match[str]) -> str:
    if m["c"]:
        return "30 minutes"
    count = m["a"] or m["b"]
    hours = 1 if count.lower() in ("a", "an", "one") else int(count)
    return f"{hours * 60 + 30} minutes"


_DOTTED_KM = re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{3})(?=\s*(?:km|kms|kilomet\w+)\b)", re.I)
# "at oh nine hundred", "from oh eight thirty" (by then "oh 900", "oh 8 30"), "at nine
# hundred hours" ("900 hours"): a 24-hour clock said aloud, after a word that asks for a time.
_SAID_CLOCK = re.compile(
    r"\b(at|by|from|till|until|@)\s+(?:(?:oh|zero|o)\s+(?P<h>\d)(?:00|\s([0-5]\d))\b"
    r"(?:\s*(?:hours|hrs))?|(?P<hh>1?\d|2[0-3])00\s*(?:hours|hrs)\b)",
    re.I,
)


# ("the generator's service is due at 500 hours": a machine's running hours)
_RUNNING_HOURS = re.compile(
    r"\b(?:engine|generator|genny|motor|outboard|servic\w*|hour ?meter|hours on)\b", re.I
)


# "arvo three forty five", "till four twenty": a clock time said as two numbers (the hour,
# then the minutes in fives) after a word that leads only to a time ("at 2 30" is read by
# times.py; "make it four twenty" may be money); never before a unit, a count or money.
_CLOCK_PAIR = re.compile(
    r"(?:(?<=\barvo )|(?<=\bafternoon )|(?<=\bmorning )|(?<=\bby )|(?<=\buntil )"
    r"|(?<=\btill )|(?<=\bfrom )|(?<=\baround ))"
    r"(1[0-2]|[1-9]) ([1-5][05])\b(?!\s*(?:[.:,]\d|%|\$|dollars?|bucks|litres?|l\b|km|kms|kg"
    r"|people|items|minutes?|mins?|hours?|days?|weeks?|months?|years?|each|of\b|x\b|and\b))",
    re.IGNORECASE,
)


def _said_clock(m: re.Match[str]) -> str:
    if m["hh"] and _RUNNING_HOURS.search(m.string):
        return m[0]
    hour = int(m["h"] or m["hh"])
    return f"{m[1]} {hour:02d}:{m[3] or '00'}"


_OCLOCK = re.compile(r"\b(\d{1,2}) ?o'? ?clock\b", re.I)
# "fifty k's", "200ks": kilometres.
_KAYS = re.compile(r"(?<=\d)\s?k'?s\b", re.I)


def _oh(m: re.Match[str]) -> str:
    first = "1" if m[1].lower() == "one" else m[1]
    return f"{first}.0{m[2]}" if m["price"] else f"{first}:0{m[2]}"


# A letter's greeting and its signing off, each on a line of its own ("Dear PAM,",
# "Warm regards,\nMargaret"): no part of any request.
_GREETING = re.compile(
    r"^\s*(?:dear|hi|hello|hey|g'?day|good (?:morning|afternoon|evening))(?:\s+(?:pam|there|team))?"
    r"\s*[,!.:]?\s*\n",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"\n\s*(?:yours (?:faithfully|sincerely|truly)|(?:kind|warm|best|many|warmest|kindest)"
    r" (?:regards|wishes|thanks)|regards|best|with (?:many |much |kind )?thanks|thanks(?: again)?"
    r"|thank you|cheers|love|sincerely|all the best|ta)\s*[,!.]?\s*"
    r"(?:\n\s*[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}\s*)?$",
    re.IGNORECASE,
)


SIGN_OFF_TAIL = 120  # a signing off is read in the message's last characters only


def unletter(text: str) -> str:
    """The body of a message written as a letter. The signing off is looked for in the tail
    alone: tried from every line break of a long run of them, the pattern costs O(n^2)."""
    text = _GREETING.sub("", text, count=1)
    cut = max(0, len(text) - SIGN_OFF_TAIL)
    return text[:cut] + _SIGN_OFF.sub("", text[cut:], count=1)


# A return to an earlier topic opening the message ("back to the budget, bump fuel up to
# 600", "going back to the shopping list - add eggs", "re the trip: …"): the topic is said
# as the label the readers know ("budget: bump fuel up to 600"), so the words after it are
# read as that family's request, not as a question about it and a request of their own.
_TOPIC_RETURN = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|so|and|anyway|now|oh)[\s,]+)*"
    r"(?:(?:going|getting|coming|circling) back to|back to|returning to|re|regarding|as for)"
    r"\s+(?:the\s+|my\s+|our\s+|that\s+)?"
    r"(?P<topic>budgets?|shopping list|grocery list|pantry|calendar|diary|tasks?|to-?do list"
    r"|jobs list|expenses|spending|trip|fuel log|tyres|maintenance|service)"
    r"(?:\s+(?:thing|stuff|question|for a sec|for a second|for a moment|again))?"
    r"\s*(?:[,:;]|\s-)\s+(?=\S)",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """One spacing, plain quotes and dashes, number words as digits; case is kept.
    Remembered (a pure function of the text): a turn normalises its message about nine
    times (the router, each model call of its domain, their readers) and the earlier
    messages again for "that one"."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", " - ")
    text = re.sub(r"[ \t]+", " ", unshout(unpicture(text))).strip()
    text = unframe(set_aside_preamble(set_aside(undictate(unletter(text)))))
    text = _TOPIC_RETURN.sub(lambda m: f"{m['topic']}: ", foreign_figures(text), count=1)
    text = _WEEKEND_SLASH.sub("weekend", _COUPLE_SCALE.sub(lambda m: f"two {m[1] or m[2]}", text))
    text = _LIST_PLUS.sub(_list_plus, _HESITATION.sub("", text), count=1)
    text = _SIGN_FOR_MONEY.sub(lambda m: m[0][:-2], text)
    text = mend(respell(_TEXTED.sub(_texted, text)))
    text = _ORDINAL_DATE.sub(_ordinal_date, text)
    text = _HAVE_CONTRACTIONS.sub(r"\1 have", text)  # "what've we got on"
    text = _MODAL_HAVE.sub(r"\1 have", text)  # "shoulda been 54"
    text = _PER.sub(lambda m: " a " + _PER_WORD.get(m[1].lower(), m[1].lower()), text)
    text = _YEAR_WORDS.sub(_year, fix_number_words(_CONTRACTIONS.sub(_apostrophe, text)))
    text = _HOUR_ONE.sub(r"\g<1>1", text)
    text = _DIGITS_SCALE.sub(_digits_scale, numbers.mixed(text))
    text = numbers.one_and_cents(words_to_digits(numbers.dozens(text)))
    text = numbers.halves_and_points(text)
    text = _SPACED_THOUSANDS.sub(r"\1\2", _ARROW.sub(" to ", text))
    text = _AND_A_HALF.sub(r"\1 \2:30", _KAYS.sub(" km", _OH.sub(_oh, text)))
    text = _HALF_HOURS.sub(_half_hours, text)
    # "10 o'clock until 12 o'clock": clock times
    text = _SAID_CLOCK.sub(_said_clock, _OCLOCK.sub(r"\1:00", text))
    text = _CLOCK_PAIR.sub(r"\1:\2", text)
    # "203.450 km" (a thousands dot, as most of Europe writes it); "this week end"
    text = re.sub(r"\bweek end\b", "weekend", text, flags=re.I)
    dotted = [p.search(text) for p in (_DOTTED_KM, _DOTTED_MONEY, _READING_DOTTED)]
    text = _DOTTED_KM.sub(r"\1\2", text)
    text = _DOTTED_THOUSANDS.sub(lambda m: f"{m[1].replace('.', '')}.{m[2]}", text)
    text = _DOTTED_MONEY.sub(r"\1\2", text)
    text = _READING_DOTTED.sub(r"\1\2\3", text)
    if any(dotted):
        text = _DOTTED_TOO.sub(r"\1\2", text)
    text = _DECIMAL_COMMA.sub(r"\1.\2", _POINT.sub(r"\1.\2", text))
    text = _PERCENT.sub(" percent", _SELF_REPAIR_DAY.sub("", _SELF_REPAIR.sub("", text)))
    text = _FIGURE_EXACT.sub(_figure_repaired, _FIGURE_RENAMED.sub(_figure_repaired, text))
    text = _NOT_THIS_BUT.sub(r"\g<new>, not \g<old>", text)
    return _DOLLARS_CENTS.sub(_price, text)


def squash(text: str) -> str:
    """Trim spaces and stray punctuation at both ends."""
    return re.sub(r"\s+", " ", text).strip(" ,.;:!?-'\"").strip()


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def title_case(text: str) -> str:
    """Place names as people write them: "alice springs" -> "Alice Springs"."""
    small = {"of", "the", "and", "on", "upon"}
    words = text.split()
    return " ".join(
        w if (w[:1].isupper() or (i and w.lower() in small)) else w.capitalize()
        for i, w in enumerate(words)
    )
