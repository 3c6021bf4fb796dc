"""Messages said to a phone's voice typing or texted in shorthand: the words the other
readers expect.

Voice typing writes punctuation it was told as words ("… on groceries full stop"), numbers
as words that sound the same ("at for thirty", "to hundred dollars") and a spaced "p m";
people texting write "@" for "at", "2"/"4" for "to"/"for" ("move it 2 the 5th", "due 4 a
service"), "b4", "w/in", "w/", and whole words short ("any1", "2day", "grp"). These become
what a typed message would say, before number words are read (`textutil.normalise` runs
this first; `understand` runs it on the words kept as typed, for posts and notes)."""

from __future__ import annotations

import re
from functools import lru_cache

_I = re.IGNORECASE

# Punctuation said aloud. "period" only where it ends the message or a line (elsewhere it
# is a span of time: "for the period of the trip").
# "colon" and "semicolon" only where no article or possessive makes them nouns ("the colon
# check"); a colon starts a post's own words ("post in the X group colon anyone know …").
_SAID_MARK = re.compile(
    r" ?\b(?:(?P<stop>full[\s-]?stop)|(?P<comma>comma)|(?P<ask>question mark)"
    r"|(?P<bang>exclamation (?:mark|point))|(?P<line>new (?:line|paragraph))"
    r"|(?P<period>period)(?=\s*(?:$|\n))"
    r"|(?<!\bthe )(?<!\ba )(?<!\bmy )(?<!\bhis )(?<!\bher )(?P<colon>colon|semi[\s-]?colon)"
    r"|(?P<quote>open quote|close quote|end quote|unquote))\b",
    _I,
)
_MARK = {
    "stop": ".", "comma": ",", "ask": "?", "bang": "!", "line": ".", "period": ".",
    "colon": ":", "quote": '"',
}  # fmt: skip


def _mark(m: re.Match[str]) -> str:
    kind = next(k for k, v in m.groupdict().items() if v)
    if kind == "colon" and "semi" in m[kind].lower():
        return ";"
    return _MARK[kind]


# A number heard as a word that sounds the same: "for"/"to"/"too" where a number is due —
# before a scale word ("to hundred dollars", "for thousand"), before the minutes or the
# half of the day of a clock time after "at" ("at for thirty", "at to pm"), before
# "dollars"/"bucks" ("spent for dollars"; not "to dollars", which converts). Never after a
# figure: "20 to 30 dollars" is a range.
_MINUTES = (
    r"fifteen|thirty|forty[\s-]?five|o'?clock|[ap]\.?\s?m\b"
    r"|in the (?:morning|afternoon|arvo|evening)"
)
_HOMOPHONE = re.compile(
    rf"(?<!\d)(?<!\d )\b(?:(?P<scale>to|too|for)(?=\s+(?:hundred|thousand)\b)"
    rf"|(?<=\bat )(?P<clock>to|too|for)(?=\s+(?:{_MINUTES}))"
    r"|(?P<money>for)(?=\s+(?:dollars?|bucks?)\b))",
    _I,
)


# Before a scale word, "to" is "two" only after a word a figure follows: "set it to
# thousand", "close to thousand" (an article dropped) keep their "to".
_BEFORE_FIGURE = re.compile(
    r"(?:^|\b(?:of|spent|paid|cost|costs|was|were|is|about|around|only|just|earned|got|made"
    r"|received|owe|owed|roughly|nearly|almost))\s*$",
    _I,
)


def _number(m: re.Match[str]) -> str:
    word = (m["scale"] or m["clock"] or m["money"]).lower()
    if m["scale"] and word != "for" and not _BEFORE_FIGURE.search(m.string[: m.start()]):
        return m[0]
    return "four" if word == "for" else "two"


# "3 p m", "7 a m": the half of the day said letter by letter.
_SPACED_AMPM = re.compile(r"(?<=\d)\s*([ap])\s+m\b(?!\w)", _I)
# "@ 3", "@ the servo": "at" (not an address: "me@mail.com" has no space before the "@").
_AT_SIGN = re.compile(r"(?:^|(?<=\s))@\s*(?=\S)")


# "2"/"4" texted for "to"/"for": a lone digit (no figure, price or time around it) before a
# word a count never comes before — a determiner or a pronoun ("move it 2 the 12th", "4 my
# mum") or, for "4", a verb's -ing form ("due 4 servicing"), for "2" a verb of an errand
# ("remind me 2 ring the bank"); "2" also before a capitalised
# place after a word of setting or going ("home base 2 Broome", "heading 2 Katherine").
# Not "2 a day" nor "4 an hour": a count before "a"/"an" is a rate.
_TEXTED_WORD = re.compile(
    r"(?<![\d.,:$/£€-])(?<![\d.,:$/£€-] )(?<!\bat )(?<!\bby )(?<!\bof )(?<!\bthan )"
    r"(?<!\bit (?=4))\b(?P<d>[24])\b(?![.,:/]\d)"
    r"(?=\s+(?:(?:the|my|our|your|his|her|their|this|that|these|those|me|us|him|them|you|it"
    r"|everyone|anyone|someone|everybody|anybody|somebody|sale)\b"
    r"|(?P<verb>ring|call|phone|pick|get|buy|pay|book|see|check|take|bring|fix|clean|wash|send"
    r"|email|text|meet|visit|collect|drop|sort|renew|cancel|grab|join|be|go|do|say)\b"
    r"|(?P<ing>[a-z]+ing)\b(?!\s*(?:-|\d))))"
    r"|\b(?P<going>base|heading|going|moving|drive|driving|move|moved|way|back|trip|it|set)"
    r" 2(?=\s+[A-Z][a-z])",
    re.ASCII,
)


def _texted_word(m: re.Match[str]) -> str:
    if m["going"]:
        return m["going"] + " to"
    if (m["ing"] and m["d"] == "2") or (m["verb"] and m["d"] == "4"):
        return m[0]  # "2 sleeping bags": a count; "4" is no "to"
    return "to" if m["d"] == "2" else "for"


# Whole words texted short: "any1", "every1", "2day", "2moro", "grp", "mth", "pls", "thx".
_TEXTED = {
    "any1": "anyone", "every1": "everyone", "some1": "someone", "no1": "no one",
    "2day": "today", "2moro": "tomorrow", "2morro": "tomorrow", "2morrow": "tomorrow",
    "2mrw": "tomorrow", "2mro": "tomorrow", "2moz": "tomorrow", "2nite": "tonight",
    "2night": "tonight", "l8r": "later", "gr8": "great", "grp": "group", "grps": "groups",
    "mth": "month", "mths": "months", "mnth": "month", "msg": "message", "pls": "please",
    "plz": "please", "thx": "thanks", "ur": "your", "u": "you",
}  # fmt: skip
_TEXTED_WHOLE = re.compile(r"(?<![\w'$£€.-])(" + "|".join(_TEXTED) + r")(?![\w'-])", _I)
# "b4", "w/in", "w/o", "w/": before, within, without, with.
_SHORT_WORD = re.compile(
    r"\b(?:(?P<before>b4)\b|(?P<within>w/in)\b|(?P<without>w/o)\b"
    r"|(?P<with>w/)(?!e\b|in\b|o\b)\s*(?=[a-z]))",  # (not "w/e", the weekend)
    _I,
)


def _short_word(m: re.Match[str]) -> str:
    word = next(k for k, v in m.groupdict().items() if v)
    return "with " if word == "with" else word


@lru_cache(maxsize=4096)  # a pure reading of its text; a write turn reads its message 3 times
def undictate(text: str) -> str:
    """Said punctuation as marks, sound-alike number words as numbers, "@" as "at", texted
    digits and shorthand as the words they stand for."""
    text = _SAID_MARK.sub(_mark, text)
    text = _HOMOPHONE.sub(_number, text)
    text = _SPACED_AMPM.sub(lambda m: f"{m[1]}m", text)
    text = _TEXTED_WHOLE.sub(lambda m: _TEXTED[m[1].lower()], text)
    text = _TEXTED_WORD.sub(_texted_word, _SHORT_WORD.sub(_short_word, text))
    return _AT_SIGN.sub("at ", text)
