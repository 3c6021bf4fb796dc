"""Names the user can see in their own data, matched against what they typed.

The graph tells the brain the names of the user's groups and of the groups their message
names, and the user's vehicles (agent/context_block.py, read into `Env`). A span the
rules cut from the words is settled against those names: a group typed in lower case,
run into other words ("pls 🙏", "to the …") or shortened is passed as it is called, and a
vehicle named by its make or model ("the hilux") by its name.
"""

from __future__ import annotations

import re

from agent.brain.convo import Env
from tools.social.groups import MIN_SHORT_NAME, shortens

# Words that name no group on their own (a rules' span's edges).
_FILLER = frozenset({"the", "a", "an", "my", "our", "group", "mob", "crew", "page", "feed"})


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _found(said: list[str], name: list[str]) -> int:
    """Where `name`'s words start among `said`, -1 when they are not there in a row."""
    n = len(name)
    return next((i for i in range(len(said) - n + 1) if said[i : i + n] == name), -1) if n else -1


def groups_in(text: str, env: Env) -> list[tuple[int, str]]:
    """The known groups whose whole name is among the message's words (any case,
    punctuation aside), with the word each starts at; a name found inside a longer
    found name is left out ("Solar" inside "Solar Nerds")."""
    said = words(text)
    hits = [(at, name) for name in env.groups if (at := _found(said, words(name))) >= 0]
    return [
        (at, name)
        for at, name in hits
        if not any(
            other != name
            and len(words(other)) > len(words(name))
            and o_at <= at
            and at + len(words(name)) <= o_at + len(words(other))
            for o_at, other in hits
        )
    ]


def known_group(text: str, env: Env, value: str | None, *, any_found: bool = True) -> str | None:
    """The group the message means, as it is called. `value` is what the rules read.

    A known group found among the words that shares a word with `value` (the rules' span
    ran over or fell short of it); else the one known group `value` shortens; else, with
    `any_found`, the longest known group found among the words; else `value`."""
    if not env.groups:
        return value
    hits = [name for _, name in groups_in(text, env)]
    if value:
        said = set(words(value)) - _FILLER
        overlapping = [n for n in hits if said & set(words(n))]
        if overlapping:
            return max(overlapping, key=lambda n: (len(words(n)), len(n)))
        short = [w for w in words(value) if w not in _FILLER]
        if len("".join(short)) >= MIN_SHORT_NAME:
            shortened = [n for n in env.groups if shortens(short, n)]
            if len(shortened) == 1:
                return shortened[0]
    if hits and (any_found or not value):
        return max(hits, key=lambda n: (len(words(n)), len(n)))
    return value


def name_pattern(name: str) -> str:
    """A regex for a known name as typed: its words in any case, anything not a word
    between them."""
    return r"[\W_]+".join(re.escape(w) for w in words(name))


_LEAD = re.compile(
    r"^(?:\s*(?:or not|ok|okay|yes|yeah|right|pls|please|thanks)\s*[?!.,]+)*"
    r"(?:\s*(?:and\s+)?(?:say|saying|tell (?:them|everyone|em)|let (?:them|em) know)\b[\s,:]*)?",
    re.IGNORECASE,
)


_FILLER_ONLY = re.compile(
    r"(?:\W*\b(?:instead|then|please|pls|plz|too|as well|thanks|thx|ta|rather|now|again|anyway"
    r"|for me|mate|cheers|ok|okay)\b)*\W*",
    re.IGNORECASE,
)


def post_group(
    text: str, env: Env, value: str | None, content: str | None
) -> tuple[str | None, str | None]:
    """A post's group and words, settled against the known groups: a known group right
    after the verb of posting, with the post's words after it ("post in dogs on the road
    saw two eagles"); else the rules' group as it is called (`known_group`); with none, a
    known group named outside the post's words."""
    if not env.groups:
        return value, content
    found = sorted(groups_in(text, env), key=lambda h: -len(words(h[1])))
    for _, name in found:
        aimed = re.search(
            rf"\b(?:post|share|put|publish|chuck|pop|write)(?:\s+(?:it|this|that|something))?"
            rf"\s+(?:up\s+)?(?:to|in|on|into|for)\s+(?:the\s+)?{name_pattern(name)}\b"
            rf"(?:\s+(?:group|page|feed)\b)?(?:\s+(?:that|saying))?[\s,:;.!-]*(?P<rest>.*)$",
            text,
            re.IGNORECASE | re.DOTALL,
        )
        if aimed:
            # "Can post in X group or not? Say we got …": the question's tag and the verb
            # of saying are no part of the post
            rest = _LEAD.sub("", aimed["rest"]).strip()
            if _FILLER_ONLY.fullmatch(rest):
                rest = ""  # "put it in X instead": the post was said before
            if not rest or (content and rest not in content):
                # the words found elsewhere ("…: post it to X"), or cut closer by the rules
                # ("post in X instead: …")
                return name, content
            return name, content if rest == content else rest[:1].upper() + rest[1:]
    if value:
        return known_group(text, env, value, any_found=False), content
    body = set(words(content or ""))
    for _, name in found:
        if not set(words(name)) <= body:
            return name, content
    return value, content
