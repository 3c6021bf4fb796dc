"""How a message was keyed in, undone before anything reads it: punctuation dictated by
voice ("… full stop", "post in X colon …", "question mark") and words texted in their
shorthand ("any1", "2day", "grp", "move it 2 the thurs after", "post 4 every1").

Both change what a request looks like to every rule (a colon starts a post's words, a "?"
asks), so they are read as the marks and words they stand for, in the user's text itself:
a post's own words are read from it too."""

from __future__ import annotations

import re

_I = re.IGNORECASE
# Punctuation said aloud, as voice typing writes it when it does not turn it into marks.
# "colon" and "comma" only where no article makes them nouns ("the colon").
_SPOKEN = {
    "full stop": ".", "full-stop": ".", "fullstop": ".", "question mark": "?",
    "exclamation mark": "!", "exclamation point": "!", "new line": "\n", "new paragraph": "\n",
    "open quote": '"', "close quote": '"', "end quote": '"', "unquote": '"',
    "colon": ":", "comma": ",", "semicolon": ";", "semi colon": ";",
}  # fmt: skip
_MARK = re.compile(
    r"\b(?<!\bthe )(?<!\ba )(?<!\bmy )(?<!\bhis )(?<!\bher )(?P<said>"
    + "|".join(sorted((re.escape(k) for k in _SPOKEN), key=len, reverse=True))
    + r")\b",
    _I,
)
# The blanks before a mark put in for a word (the word's place marked by a NUL).
_BEFORE_MARK = re.compile(r"[ \t]*\0")
# Words texted short, each for one word only.
_TEXTED = {
    "any1": "anyone", "every1": "everyone", "some1": "someone", "no1": "no one",
    "2day": "today", "2moro": "tomorrow", "2morro": "tomorrow", "2morrow": "tomorrow",
    "2mrw": "tomorrow", "2mro": "tomorrow", "2moz": "tomorrow", "2nite": "tonight",
    "2night": "tonight", "b4": "before", "l8r": "later", "gr8": "great", "grp": "group",
    "grps": "groups", "mth": "month", "mths": "months", "mnth": "month", "msg": "message",
    "pls": "please", "plz": "please", "thx": "thanks", "ur": "your", "u": "you",
}  # fmt: skip
_SHORT = re.compile(r"(?<![\w'$£€.-])(" + "|".join(_TEXTED) + r")(?![\w'-])", _I)
# "2" for "to" and "4" for "for" between words: a figure before a word that no count goes
# with ("move it 2 the thurs after", "post 4 every1"); "2 eggs", "4 nights" stay figures.
_FUNCTION = (
    r"the|me|us|it|him|her|them|my|our|your|his|their|this|that|these|those|join|be|go|do"
    r"|get|see|say|every\w*|any\w*|some\w*|sale"
)
_TO_FOR = re.compile(rf"(?<=[a-z]) (?P<digit>[24]) (?=(?:{_FUNCTION})\b)", _I)


def undictate(text: str) -> str:
    """`text` with dictated punctuation as marks and texted shorthand as words."""
    if not text:
        return text
    if _MARK.search(text):
        text = _MARK.sub(lambda m: "\0" + _SPOKEN[m["said"].lower()], text)
        text = _BEFORE_MARK.sub("", text)  # "spotless full stop" -> "spotless."
    text = _SHORT.sub(lambda m: _TEXTED[m[1].lower()], text)
    return _TO_FOR.sub(lambda m: " to " if m["digit"] == "2" else " for ", text)
