"""The style mode (`python -m evals run --style NAME[,NAME...]`): every user message of every
conversation re-written the way real travellers write, the meaning and the expectations
unchanged, to measure whether understanding reaches phrasings never tuned on.

Each operator is a rewrite that keeps what the message asks: a greeting and a sign-off
(greet), a sentence of context that asks for nothing (backstory), an indirect ask around an
imperative (polite), the whole message upper case (caps), emoji after clauses (emoji), a
list written one item a line (lines), figures written as dictation writes them (spoken).
Choices come from a generator seeded by the seed and the conversation id, so a run is
reproducible. Values that a string expectation names (a title "Room 12") are never
re-written. These phrase lists belong to the harness only: the brain never reads them."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from typing import Literal, get_args

from evals.dataset import Conversation

StyleName = Literal["greet", "backstory", "polite", "caps", "emoji", "lines", "spoken"]
# The order operators are applied in, whatever order they were named in: figures and lists
# first (they read the original words), then the words around, caps last.
ORDER: tuple[StyleName, ...] = get_args(StyleName)
_APPLY: tuple[StyleName, ...] = (
    "spoken", "lines", "polite", "backstory", "greet", "emoji", "caps",
)  # fmt: skip


class StyleError(ValueError):
    pass


def parse_styles(spec: str) -> list[StyleName]:
    names = [n.strip() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in ORDER]
    if unknown or not names:
        raise StyleError(f"unknown style {', '.join(unknown) or spec!r}: use {', '.join(ORDER)}")
    return [n for n in _APPLY if n in names]


class Context:
    """What an operator may need about the message: its place in the conversation and
    the values the expectations name."""

    def __init__(self, first: bool, keep_numbers: set[str], keep_text: str) -> None:
        self.first = first
        self.keep_numbers = keep_numbers
        self.keep_text = keep_text


# --- greet ------------------------------------------------------------------------------

OPENERS = [
    "Hi PAM!", "Morning,", "G'day mate,", "Hey there.", "Hello PAM,", "Hiya!",
    "Evening all,", "Hey PAM,", "Good day,", "Howdy!",
]  # fmt: skip
SIGN_OFFS = [
    "thanks heaps", "cheers", "ta!", "thanks PAM", "cheers mate", "– Marg x",
    "much appreciated", "thank you!", "legend, thanks", "– Bev", "ta muchly",
]  # fmt: skip


def _join_after(text: str, tail: str) -> str:
    text = text.rstrip()
    if tail.startswith("–"):
        return f"{text} {tail}"
    return f"{text}{'' if text[-1:] in '.!?' else ','} {tail}"


def greet(text: str, rng: random.Random, ctx: Context) -> str:
    if ctx.first:
        text = f"{rng.choice(OPENERS)} {text}"
        return _join_after(text, rng.choice(SIGN_OFFS)) if rng.random() < 0.7 else text
    return _join_after(text, rng.choice(SIGN_OFFS)) if rng.random() < 0.5 else text


# --- backstory --------------------------------------------------------------------------

# Context that asks for nothing and names no number, date, time, amount, place or item.
BACKSTORY = [
    "Bit windy out here.",
    "The drive went well, the van handled it nicely.",
    "The dog has finally settled down for a snooze.",
    "Still getting the hang of this app.",
    "Weather's been beautiful.",
    "The roads were rough but we made it in one piece.",
    "My husband reckons I should let you sort this out.",
    "We're loving it out here.",
    "Finally got some reception.",
    "It's been a long one, so bear with me.",
    "The grandkids would laugh at me using this.",
    "Pouring rain here, so catching up on admin.",
]


def backstory(text: str, rng: random.Random, ctx: Context) -> str:
    if len(text.split()) < 4:  # a terse answer to a question has no preamble
        return text
    return f"{rng.choice(BACKSTORY)} {text}"


# --- polite -----------------------------------------------------------------------------

GERUNDS = {
    "add": "adding", "put": "putting", "log": "logging", "set": "setting",
    "remind": "reminding", "make": "making", "delete": "deleting", "remove": "removing",
    "change": "changing", "show": "showing", "tell": "telling", "move": "moving",
    "cancel": "cancelling", "note": "noting", "save": "saving", "book": "booking",
    "check": "checking", "list": "listing", "give": "giving", "find": "finding",
    "record": "recording", "mark": "marking", "update": "updating", "plan": "planning",
    "schedule": "scheduling", "track": "tracking", "post": "posting", "write": "writing",
    "create": "creating", "rename": "renaming", "edit": "editing", "clear": "clearing",
    "work": "working", "pull": "pulling", "bump": "bumping", "jot": "jotting",
    "send": "sending", "share": "sharing", "start": "starting", "stick": "sticking",
    "chuck": "chucking", "pop": "popping", "take": "taking", "look": "looking",
}  # fmt: skip
ASKS = [
    "could you please {v}",
    "I was wondering if you could {v}",
    "would you mind {g}",
    "any chance you could {v}",
    "can you please {v}",
    "would you be able to {v}",
]


def polite(text: str, rng: random.Random, ctx: Context) -> str:
    m = re.match(r"([A-Za-z]+)\b(.*)", text, re.DOTALL)
    if not m or m[1].lower() not in GERUNDS or (m[1].isupper() and len(m[1]) > 1):
        return text
    verb, rest = m[1].lower(), m[2]
    ask = rng.choice(ASKS).format(v=verb, g=GERUNDS[verb])
    rest = re.sub(r"[.!]+\s*$", "", rest.rstrip())
    end = "" if rest.endswith("?") else "?"
    return f"{ask[0].upper()}{ask[1:]}{rest}{end}"


# --- caps -------------------------------------------------------------------------------


def caps(text: str, rng: random.Random, ctx: Context) -> str:
    return text.upper()


# --- emoji ------------------------------------------------------------------------------

EMOJI = ["🚐", "⛽", "😊", "👍", "🙏", "😅", "🎉", "☀️", "🐕", "😂", "🤞", "❤️"]
_CLAUSE_END = re.compile(r"(?<=[A-Za-z])([,.;!?])(?=\s)")


def _named_spans(text: str, ctx: Context) -> list[tuple[int, int]]:
    """Where the message holds words an expectation names as free text (a post's or a
    comment's words): an emoji there would be part of them."""
    low = text.lower()
    named = [k for k in ctx.keep_text.split("\n") if len(k) >= 8]
    return [(i, i + len(k)) for k in named if (i := low.find(k)) >= 0]


def emoji(text: str, rng: random.Random, ctx: Context) -> str:
    spans = _named_spans(text, ctx)

    def inside(at: int) -> bool:
        return any(start < at <= end for start, end in spans)

    text = _CLAUSE_END.sub(
        lambda m: (
            f" {rng.choice(EMOJI)}{m[1]}" if rng.random() < 0.6 and not inside(m.start()) else m[1]
        ),
        text,
    )
    tail = "".join(rng.choice(EMOJI) for _ in range(rng.choice((1, 1, 2))))
    return text if inside(len(text.rstrip())) else f"{text.rstrip()} {tail}"


# --- lines ------------------------------------------------------------------------------

# A list the way people ask for one: after a verb of getting or a colon, items of letters
# only ("a loaf of bread"), "X, Y and Z", then the end of the sentence or where it goes.
_WORDS = r"[A-Za-z][\w'’-]*(?: (?!and\b)[A-Za-z][\w'’-]*){0,3}"
_LIST = re.compile(
    r"(?P<lead>\b(?:add|need|needs|buy|get|grab|chuck|put|pack|bring|pick up)\s+(?:some\s+)?"
    rf"|:\s*|^)(?P<items>{_WORDS}(?:, {_WORDS})+,? and {_WORDS})"
    r"(?P<rest>\s+(?:to|on|onto|into|for|in)\s[^.,?!:\n]*)?(?P<end>\s*(?:$|[.?!]))",
    re.IGNORECASE,
)
_NOT_ITEM = {"to", "on", "onto", "into", "for", "in", "the", "please", "at", "from", "list"}


def lines(text: str, rng: random.Random, ctx: Context) -> str:
    m = _LIST.search(text)
    if not m:
        return text
    items = [i.strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", m["items"])]
    if any(w.lower() in _NOT_ITEM for i in items for w in i.split()) or len(items) < 3:
        return text
    if re.match(r"(?:two|three|four|five|\d+)\b", items[0], re.IGNORECASE):
        return text  # "two kelpies, Red and Jinx" names the two: not a list of three
    if re.sub(r"\s+", " ", m["items"]).lower() in ctx.keep_text:
        return text  # an expectation names the list as written (a note's words)
    bullet = rng.choice(("- ", "• "))
    block = "\n".join(bullet + i for i in items)
    lead = (text[: m.start("items")].rstrip() + (m["rest"] or "")).rstrip()
    after = text[m.end("end") :].strip()
    colon = "" if lead.endswith(":") else ":"
    out = f"{lead}{colon}\n{block}" if lead else block
    return f"{out}\n{after}" if after else out


# --- spoken -----------------------------------------------------------------------------

_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    """A whole number 0..999,999 as Australians say it ("four hundred and fifty")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else f" {_ONES[n % 10]}")
    if n < 1000:
        rest = n % 100
        return f"{_ONES[n // 100]} hundred" + (f" and {words(rest)}" if rest else "")
    rest = n % 1000
    tail = "" if not rest else (f" and {words(rest)}" if rest < 100 else f" {words(rest)}")
    return f"{words(n // 1000)} thousand{tail}"


def _minutes(m: int) -> str:
    return "o'clock" if m == 0 else (f"oh {_ONES[m]}" if m < 10 else words(m))


_SPOKEN = re.compile(
    r"(?<![\w.,/:$-])(?:"
    r"(?P<clock>\d{1,2}):(?P<mins>[0-5]\d)(?:\s?(?P<cmer>[ap]\.?m\.?))?"
    r"|(?P<hour>\d{1,2})\s?(?P<mer>[ap]\.?m\.?)"
    r"|\$(?P<dollars>\d{1,3}(?:,\d{3})*|\d+)(?:\.(?P<cents>\d{2}))?"
    r"|(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d{1,2}))?"
    r"(?P<litres>\s?(?:L|l|litres?|liters?)\b)?"
    r")(?![\w/:-]|[.,]\d)",
)


def _spoken(m: re.Match[str], rng: random.Random, ctx: Context) -> str:
    said = m[0]
    if any(d in ctx.keep_numbers for d in re.findall(r"\d+", said)):
        return said
    if m["clock"]:
        hour, mins = int(m["clock"]), int(m["mins"])
        if hour > 12 or hour == 0:
            return said  # a 24-hour clock is read out differently ("fourteen hundred")
        mer = f" {m['cmer'][0].lower()} m" if m["cmer"] else ""
        if mins == 0 and mer:
            return f"{words(hour)}{mer.replace(' m', 'm')}"
        return f"{words(hour)} {_minutes(mins)}{mer.replace(' m', 'm')}"
    if m["hour"]:
        hour = int(m["hour"])
        return said if not 1 <= hour <= 12 else f"{words(hour)} {m['mer'][0].lower()}m"
    if m["dollars"]:
        n = int(m["dollars"].replace(",", ""))
        if n > 999_999:
            return said
        cents = int(m["cents"] or 0)
        if not cents:  # "a $500 budget" is "a five hundred dollar budget"
            before = m.string[: m.start()].rstrip().lower()
            unit = "dollar" if re.search(r"\b(?:a|the|my|that|this)$", before) else "dollars"
            return f"{words(n)} {unit}"
        return (
            f"{words(n)} dollars {words(cents)}"
            if rng.random() < 0.5
            else f"{words(n)} dollars and {words(cents)} cents"
        )
    n = int(m["whole"].replace(",", ""))
    if n > 999_999 or (1900 <= n <= 2100 and len(m["whole"]) == 4):
        return said  # a year is said as a year
    if m["frac"]:
        frac = m["frac"]
        if len(frac) == 2 and frac[0] != "0" and not m["litres"]:
            head = f"{words(n)} {words(int(frac))}"  # "85.40" -> "eighty five forty"
        else:
            head = f"{words(n)} point {' '.join(_ONES[int(d)] for d in frac)}"
    else:
        head = words(n)
    return f"{head} litres" if m["litres"] else head


def spoken(text: str, rng: random.Random, ctx: Context) -> str:
    return _SPOKEN.sub(lambda m: _spoken(m, rng, ctx), text)


# --- the mode ---------------------------------------------------------------------------

OPERATORS: dict[StyleName, Callable[[str, random.Random, Context], str]] = {
    "greet": greet, "backstory": backstory, "polite": polite, "caps": caps,
    "emoji": emoji, "lines": lines, "spoken": spoken,
}  # fmt: skip


_NOT_NAMED = {"user", "reply_contains", "reply_not_contains"}  # the message; the brain's wording


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in _NOT_NAMED for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?)?"
    r"|\b\d{2}:\d{2}(?::\d{2})?\b"
)


def kept(conversation: Conversation) -> tuple[set[str], str]:
    """Figures and text that string expectations name (tool arguments, rows): the style
    never re-writes them. A reply's wording is the brain's own, so it does not count."""
    named = _strings(conversation.model_dump(include={"turns", "final_state", "fixtures"}))
    plain = [_ISO.sub(" ", s) for s in named]  # a date or time is a value, not words
    numbers = {d for s in plain for d in re.findall(r"\d+", s)}
    return numbers, "\n".join(s.lower() for s in named)


def restyle(conversation: Conversation, styles: Sequence[StyleName], seed: int = 0) -> Conversation:
    rng = random.Random(f"{seed}:{conversation.id}")  # noqa: S311 - reproducible test data
    numbers, text = kept(conversation)
    turns, first = [], True
    for t in conversation.turns:
        if not t.user:
            turns.append(t)
            continue
        ctx = Context(first, numbers, text)
        user = t.user
        for name in _APPLY:
            if name in styles:
                user = OPERATORS[name](user, rng, ctx)
        turns.append(t.model_copy(update={"user": user}))
        first = False
    return conversation.model_copy(update={"turns": turns})
