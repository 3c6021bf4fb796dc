"""Request words spelt by ear or by a slipping thumb ("bugdet", "batery", "munth"): put
right before the triggers read them, so a misspelt noun or verb neither falls to general
nor lets a weaker trigger pick the wrong tool.

Only the words that decide a request are put right, and only a near miss of one: one
edit (two for long words), the same first letter, five letters or more, and no real word
that sits one edit from a request word ("mouth", "batter")."""

from __future__ import annotations

import re
from functools import lru_cache

from agent.brain.near_misses import NearMisses

# The words a request turns on: its verb or the noun that names the tool's kind.
REQUEST_WORDS = frozenset(
    {
        "appointment", "battery", "batteries", "budget", "budgets", "calendar", "cancel",
        "caravan", "currency", "delete", "diesel", "expense", "expenses", "forecast",
        "groceries", "grocery", "insurance", "maintenance", "mechanic", "month", "months",
        "monthly",
        "pantry", "petrol", "profile", "receipt", "registration", "reminder", "remind",
        "schedule", "service", "serviced", "shopping", "spending", "subscription", "timezone",
        "vehicle", "weather", "weekly", "yearly", "freezer", "fridge", "birthday", "dentist",
        "doctor", "tyres", "unleaded", "replaced", "repairs", "remove",
    }
)  # fmt: skip
# Real words one edit from a request word: they are meant as written.
_MEANT = frozenset(
    {
        "mouth", "batter", "budge", "butter", "server", "served", "serves", "dieses",
        "remote", "remind", "reminds", "tyred", "fridges", "petrel", "weathers", "whether",
        "caravans", "cancels", "remover", "removed", "removes", "deletes", "deleted", "doctors",
        "receipts", "services", "servicer", "budgets", "repair", "replace",
        "replaces", "mechanics", "vehicles", "profiles", "reminders", "schedules", "expensed",
        "dentists", "birthdays", "weekday", "weeks", "stopping", "sopping", "pastry",
        "patrol", "weakly", "types", "tires", "rewind", "freeze", "sending", "expanse",
        "expanses", "buttery", "unloaded", "reminded", "replayed", "cancer", "sheeting",
    }
)  # fmt: skip
_WORD = re.compile(r"\b[a-z]{5,}\b", re.IGNORECASE)
_NEAR = NearMisses(sorted(REQUEST_WORDS))


@lru_cache(maxsize=4096)
def _nearest(low: str) -> str | None:
    if low in REQUEST_WORDS or low in _MEANT:
        return None
    return _NEAR.nearest(low, 2 if len(low) >= 9 else 1)


def _fix(m: re.Match[str]) -> str:
    word = m[0]
    if word[:1].isupper() and m.start() > 0:  # a name mid-sentence, not a request word
        return word
    right = _nearest(word.lower())
    if right is None:
        return word
    return right.capitalize() if word[:1].isupper() else right


# "whether" heard for "weather": the conjunction never follows an article or "the".
_WHETHER = re.compile(
    r"\b(the|this|that|any|some|what'?s|hows?|how's) whether\b(?! or\b)", re.IGNORECASE
)


# Request words cut short by people who type tersely: the whole word, so the arguments
# read after a request word ("wx kalbarri 5d": the town after "weather") are found too.
_SHORT = {"wx": "weather", "reqs": "requests", "req": "request"}
_SHORTENED = re.compile(rf"\b(?:{'|'.join(_SHORT)})\b", re.IGNORECASE)


# A group called by another noun of its family after its name: "the Grey Nomads WA mob",
# "the Birdos crew" (a name is capitalised; "the whole mob", "my crew" and "Dave's crew"
# stay as written).
_GROUP_AFTER_NAME = re.compile(
    r"\b(?!(?:The|My|Our|Your|His|Her|Their|This|That|Whole|A|An|We|I)\b)([A-Z0-9][\w'&-]*)"
    r"(?<!'s) (?:mob|crew|gang|bunch|tribe|lot)\b"
)


def correct(text: str) -> str:
    """The text with near misses of request words put right; everything else as written."""
    text = _SHORTENED.sub(lambda m: _SHORT[m[0].lower()], text)
    text = _GROUP_AFTER_NAME.sub(r"\1 group", text)
    return _WORD.sub(_fix, _WHETHER.sub(r"\1 weather", text))
