"""Which shown row a message means: by position ("the first post") or by description
("the coffee one", "the $20 one"), newest result first."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from agent.brain.categories import category_of
from agent.brain.families import DELETE, MOVE
from agent.brain.refs import Entity

_ORDINALS = {
    "first": 0, "1st": 0, "top": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
    "4th": 3, "fifth": 4, "5th": 4, "last": 0, "latest": 0, "newest": 0, "most recent": 0,
}  # fmt: skip
_STOP = set(
    re.findall(
        r"\S+",
        "a an the that this it one last latest first second third my our to from of for on in "
        "at please delete remove change update edit mark done complete like comment post "
        "posts expense task event entry i we me just actually can you with and newest recent "
        "most cancel scrap undo make be was is as off tick it's that's its yesterday today "
        "tomorrow ones thing item mate oh oops no yes sorry wrong mistake should have been "
        "instead yep yeah yup nah ok okay",
    )
)
# The verbs of taking a row away say nothing of which row: "ditch one of them", "nuke it".
_VERBS = re.compile(rf"^(?:{DELETE}|{MOVE})$")


# The last row of a list as it was shown ("the last one", "the last of those"): its end,
# where "the last expense" alone is the newest.
_LAST_SHOWN = re.compile(
    r"\b(?:the )?(?:last|bottom) (?:one|of (?:those|them|these|the lot)|on (?:the|that) list)\b",
    re.IGNORECASE,
)
# Verbs of several words, whose words describe no row.
_PHRASAL = re.compile(rf"\b(?:{DELETE}|{MOVE})\b", re.IGNORECASE)


def ordinal(text: str) -> int | None:
    if _LAST_SHOWN.search(text):
        return -1
    m = re.search(r"\b(" + "|".join(_ORDINALS) + r")\b", text, re.IGNORECASE)
    if m:
        return _ORDINALS[m[1].lower()]
    m = re.search(r"(?:\bnumber\s*|#|\bpost\s+|\bno\.?\s*)(\d{1,2})\b", text, re.IGNORECASE)
    m = m or _ROW_NUMBER.search(text)
    return int(m[1]) - 1 if m and int(m[1]) > 0 else None


# A row named by its number right after its kind ("task 5", "expense 12", "event 3"): its
# place in the list shown, never a figure of the row (no amount, time or measure follows).
_ROW_NUMBER = re.compile(
    r"\b(?:task|expense|event|entry|item|row|line)\s+(\d{1,4})\b"
    r"(?![.,:]\d|\s*(?:dollars|bucks|km|kms|litres|l\b|%|am|pm|for|on)\b)",
    re.IGNORECASE,
)


_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
_TYPED_ID = re.compile(r"\b(?:id|ID)\s*[:#]?\s*([\w-]*\d[\w-]*)\b")


def row_number(text: str) -> int | None:
    """The number a row is named by after its kind ("expense 12"), when it is one."""
    m = _ROW_NUMBER.search(text) or re.search(r"(?:\bnumber\s*|#|\bno\.?\s*)(\d{1,4})\b", text)
    return int(m[1]) if m else None


def explicit_id(text: str) -> str | None:
    """An id the user typed: a UUID anywhere, or "id 42" (passed on for the tool to check)."""
    m = _UUID.search(text) or _TYPED_ID.search(text)
    if not m:
        return None
    return m[1] if m.re is _TYPED_ID else m[0]


# A row named only by a pronoun right after the verb ("lol like it again, it's that good",
# "heart that one too"): the words around it are talk about the row, not its description.
_BY_PRONOUN = re.compile(
    r"^\W*(?:(?:lol|haha+|ha|hehe|omg|ok(?:ay)?|oh|and|also|yes|yeah|please|pls|go on)\b"
    r"[\s,.!]*)*(?:like|heart|upvote|thumbs up|delete|remove|bin)\s+(?:it|that|this|that one"
    r"|this one)\b(?!\s+(?:post|one|about|from|by|of)\b)",
    re.IGNORECASE,
)


def by_pronoun(text: str) -> bool:
    """Whether `text` names its row only by a pronoun after the verb."""
    return _BY_PRONOUN.match(text) is not None


def ref_words(text: str, extra: str = "") -> tuple[str, ...]:
    """Words that describe the row ("the coffee one" -> ("coffee",))."""
    # ("the flyscreen's sorted", "the dentist's moved": the row's word with "is" run on)
    # ("get rid of that", "knock off the 2nd": a verb of several words says no more than one)
    text = _PHRASAL.sub(" ", text.lower())
    words = [w.removesuffix("'s") for w in re.findall(r"[a-z][a-z']+", text)]
    skip = re.compile(rf"^(?:{extra})$") if extra else None
    return tuple(
        w for w in words if w not in _STOP and not _VERBS.match(w) and not (skip and skip.match(w))
    )


def _said_in(word: str, hay: str) -> bool:
    """Whether a row's words hold `word`, or the name a possessive typed without its
    apostrophe is of ("bazzas post": Bazza's)."""
    if re.search(rf"\b{re.escape(word)}", hay):
        return True
    return (
        len(word) > 3
        and word.endswith("s")
        and re.search(rf"\b{re.escape(word[:-1])}\b", hay) is not None
    )


def _matches(entity: Entity, words: tuple[str, ...], amount: Decimal | None) -> int:
    hay = " ".join(str(v).lower() for v in entity.data.values() if isinstance(v, str))
    score = sum(2 if _said_in(w, hay) else 0 for w in words)
    category = entity.data.get("category")
    score += sum(2 for w in words if category and category_of(w) == category)
    if amount is not None:
        try:
            same = abs(Decimal(str(entity.data.get("amount"))) - abs(amount)) < Decimal("0.01")
        except (InvalidOperation, ValueError):
            same = False
        score += 3 if same else 0
    return score


# Words that name a field of a row, not the row: "the total was 16.50", "the time's wrong".
_FIELD_WORDS = frozenset(
    ("total", "amount", "price", "cost", "time", "date", "day", "bill", "figure", "number",
     "place", "location", "name", "title", "category", "start", "end", "reminder", "details")
)  # fmt: skip


def names_another(text: str, entity: Entity, words: tuple[str, ...]) -> bool:
    """Whether the message names its row by a word ("cancel the dentist") that the row it
    would otherwise fall back on (the one just made, "Haircut") does not fit: then the
    rows are looked up before that one is taken."""
    if not words or _matches(entity, words, None) > 0:
        return False
    # the row is named where a request names its object: in the first words, before any
    # comma ("cancel the dentist", "the dentist's off"; not "…, picked it up on the way")
    head = re.split(r"[,;.!?]", text.lower(), maxsplit=1)[0]
    m = re.match(r"^\W*(?:[a-z']+\s+){0,3}?(?:the|my|our)\s+([a-z][a-z']+)", head)
    word = m[1].removesuffix("'s") if m else ""
    return word in words and word not in _FIELD_WORDS


def best_match(groups: list[list[Entity]], kind: str, words: tuple[str, ...]) -> Entity | None:
    """The shown row of `kind` these words describe, only when some word fits it."""
    scored = [
        (_matches(e, words, None), -gi, -ei, e)
        for gi, g in enumerate(groups)
        for ei, e in enumerate(x for x in g if x.kind == kind)
    ]
    best = max(scored, key=lambda s: s[:3], default=None)
    return best[3] if best and best[0] > 0 else None


def select(
    groups: list[list[Entity]],
    kind: str,
    index: int | None,
    words: tuple[str, ...],
    amount: Decimal | None,
) -> Entity | None:
    """The row a reference means: by description, else by position in the newest list."""
    pool = [[e for e in g if e.kind == kind] for g in groups]
    pool = [g for g in pool if g]
    if not pool:
        return None
    if words or amount is not None:
        scored = [
            (_matches(e, words, amount), -gi, -ei, e)
            for gi, g in enumerate(pool)
            for ei, e in enumerate(g)
        ]
        best = max(scored, key=lambda s: s[:3])
        if best[0] > 0:
            return best[3]
        if amount is not None or index is None:
            # Nothing fits the description: among several rows, or in a list fetched to
            # find it, that means it isn't there; a row just made is still "that one".
            listed = pool[0][0].tool.startswith(("list_", "get_"))
            return None if len(pool[0]) > 1 or listed else pool[0][0]
    newest = pool[0]
    if index is None:
        return newest[0]
    return newest[index] if index < len(newest) else None
