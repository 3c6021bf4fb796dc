"""Paraphrase operators that change the form of a rendered request, not its words: a
preamble of context before it, an indirect wrapper ("would you be able to …", "do you
know …"), an aside after it, a slip of the keyboard in its opening verb. People ask that
way; the templates mostly do not. Each operator is applied by chance, from the corpus's
seeded generator, so the corpus stays reproducible.

The form of a text decides which wrappers fit: a command ("add milk to the list") takes
the request wrappers, a question ("what's on the calendar") the asking ones, a statement
("spent 40 on fuel") only preambles and asides. `none` texts get the same preambles,
wrappers and asides, so that these words carry no tool by themselves."""

from __future__ import annotations

import random
import re

from scripts.brain_model.perturb import typo

# Opening words of a command: the verbs the templates and the verb lexicons start with.
COMMAND_VERBS = frozenset(
    {
        "add", "log", "put", "show", "save", "delete", "remove", "cancel", "set", "plan", "post",
        "share", "like", "comment", "join", "create", "make", "start", "list", "record", "note",
        "jot", "chuck", "whack", "stick", "pop", "bung", "throw", "slap", "book", "pull", "bring",
        "display", "give", "check", "let", "tell", "reply", "mark", "tick", "change", "move",
        "bump", "keep", "find", "cap", "limit", "remind", "track", "work", "scrap", "ditch", "bin",
        "kill", "wipe", "get", "grab", "pick", "write", "heart", "love", "upvote", "thumbs",
        "update", "enter", "pencil", "schedule", "sort", "organise", "arrange", "map", "call",
        "clear", "knock", "lock",
    }
)  # fmt: skip
_QUESTION = re.compile(
    r"^(?:what|what's|whats|which|who|where|where's|when|when's|how|how's|hows|is|are|am|do"
    r"|does|did|have|has|will|can i|any|anything)\b",
    re.IGNORECASE,
)
# Context people give before the request (no request word in it).
PREAMBLES = [
    "we're in {town} for a few days, ",
    "just rolled into {town} and ",
    "long day on the road, ",
    "ok so ",
    "right, ",
    "so ",
    "morning! ",
    "sorry to bug you again, ",
    "one more thing, ",
    "while I think of it, ",
    "we've set up camp near {town}, ",
    "the kids are finally asleep so ",
    "bit of admin: ",
    "quick q, ",
    "hey there, hope you're well, ",
    "um ",
    "ok next thing, ",
    "back again! ",
]
REQUEST_WRAPPERS = [
    "I was wondering if you could {c}",
    "would you be able to {c}",
    "any chance you could {c}",
    "I need you to {c}",
    "could you please {c}",
    "do me a favour and {c}",
    "I'd like you to {c}",
    "can ya {c}",
    "when you get a sec, {c}",
    "if you don't mind, {c}",
    "{c} for me",
    "{c} please",
    "pam, {c}",
    "is it possible to {c}",
    "go ahead and {c}",
    "just {c}",
    "I want you to {c}",
    "could ya {c}",
    "are you able to {c}",
]
QUESTION_WRAPPERS = [
    "can you tell me {q}",
    "do you know {q}",
    "I was wondering {q}",
    "any idea {q}",
    "quick question, {q}",
    "just curious, {q}",
    "I'd like to know {q}",
    "could you check {q}",
    "tell me {q}",
    "can you find out {q}",
    "not sure, {q}",
    "wondering {q}",
]
ASIDES = [
    ", thanks heaps",
    " when you get a chance",
    ", no rush",
    " if that's ok",
    ", we head off tomorrow",
    " - ta",
    ", cheers for that",
    " for me",
    " if you can",
    ", thanks in advance",
    " :)",
    ", much appreciated",
]
PREAMBLE, WRAP, ASIDE, VERB_TYPO = 0.15, 0.2, 0.1, 0.08


def form(text: str) -> str:
    """ "command", "question" or "statement"."""
    first = text.split(" ", 1)[0].lower().strip(",.!?:")
    if first in COMMAND_VERBS:
        return "command"
    if _QUESTION.match(text) or text.rstrip().endswith("?"):
        return "question"
    return "statement"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != "I " else text


def paraphrase(text: str, rng: random.Random, town: str) -> str:
    """`text` in another form, by chance: the operators above, each at its own rate."""
    kind = form(text)
    out = text
    if kind == "command" and rng.random() < VERB_TYPO:
        first, _, rest = out.partition(" ")
        out = f"{typo(first, rng)} {rest}".strip()
    if rng.random() < WRAP:
        if kind == "command":
            out = rng.choice(REQUEST_WRAPPERS).format(c=_lower_first(out))
        elif kind == "question":
            out = rng.choice(QUESTION_WRAPPERS).format(q=_lower_first(out.rstrip("?")))
    if rng.random() < PREAMBLE:
        out = rng.choice(PREAMBLES).format(town=town) + _lower_first(out)
    if rng.random() < ASIDE:
        out = out.rstrip(".!?") + rng.choice(ASIDES)
    return out
