"""The scorer of the argument-span tagger, written as the brain would run it: which of the
user's words are a trip's origin, a place, a group's name. Each word gets a BIO tag
(B-role, I-role, O), left to right, from a linear model over hashed features of the word,
its shape, its neighbours, a gazetteer flag and the tag before it, plain and conjoined
with the tool being filled. Trained by span_tagger.py (an averaged perceptron), packed as
int8 weights, scored in plain Python (one dict lookup per feature). Measured and NOT
adopted (docs/brain-understanding.md, branch i15-tagger): the brain does not import it;
it lives here so the experiment can be run again as it was."""

from __future__ import annotations

import gzip
import json
import re
import zlib
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tools.geo.gazetteer import gazetteer, name_key

ARTEFACT = Path("spans.bin.gz")  # no shipped artefact: the experiment passes its own
BUCKETS = 1 << 20
# The span slots of each tool, by the role the tagger learns (a role shared across tools
# pools what they teach: a place to forecast, to search near, to save).
ROLES: dict[str, dict[str, str]] = {
    "weather_forecast": {"location": "place"},
    "find_places": {"near": "place"},
    "save_place": {"location": "place"},
    "log_fuel": {"location": "place"},
    "plan_trip": {"origin": "origin", "destination": "destination"},
    "create_post": {"group": "group"},
    "get_feed": {"group": "group"},
    "join_group": {"group": "group"},
    "create_group": {"name": "gname"},
    "add_vehicle": {"name": "vname", "make": "make", "model": "model"},
}
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m[0], m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    s = re.sub(r"[A-Z]+", "X", word)
    s = re.sub(r"[a-z]+", "x", s)
    return re.sub(r"[0-9]+", "d", s)


@lru_cache(maxsize=8192)
def _town(phrase: str) -> bool:
    return bool(gazetteer().lookup(name_key(phrase)))


def towns(words: list[str]) -> list[str]:
    """Per word: B where a run of words the map knows as a town starts, I inside one."""
    marks = ["-"] * len(words)
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            last = words[i + n - 1]
            if words[i][:1].isalpha() and last[:1].isalnum() and _town(" ".join(words[i : i + n])):
                marks[i : i + n] = ["B"] + ["I"] * (n - 1)
                i += n - 1
                break
        i += 1
    return marks


def features(words: list[str]) -> list[list[str]]:
    """Each word's features that do not depend on the tags (computed once a message)."""
    marks = towns(words)
    out = []
    for i in range(len(words)):
        names = token_features(words, i)
        names.append(f"town={marks[i]}")
        names.append(f"ptown={marks[i - 1] if i else '^'} {marks[i]}")
        out.append(names)
    return out


def _at(words: list[str], k: int) -> str:
    return words[k].lower() if 0 <= k < len(words) else ("^" if k < 0 else "$")


def token_features(words: list[str], i: int) -> list[str]:
    """The word's own and its neighbours' features."""
    w = words[i]
    low = w.lower()
    p1, p2, n1, n2 = (_at(words, k) for k in (i - 1, i - 2, i + 1, i + 2))
    return [
        f"w={low}",
        f"s={_shape(w)}",
        f"p3={low[:3]}",
        f"x3={low[-3:]}",
        f"cap={w[:1].isupper()}",
        f"p1={p1}",
        f"p2={p2}",
        f"n1={n1}",
        f"n2={n2}",
        f"p1w={p1} {low}",
        f"wn1={low} {n1}",
        f"p2p1={p2} {p1}",
        f"n1n2={n1} {n2}",
        f"p1s={p1} {_shape(w)}",
        f"first={i == 0}",
    ]


def keys(names: list[str], tool: str) -> list[int]:
    """Each feature plain (shared by every tool) and conjoined with the tool."""
    out = []
    for name in names:
        out.append(zlib.crc32(name.encode()) % BUCKETS)
        out.append(zlib.crc32(f"{tool}|{name}".encode()) % BUCKETS)
    return out


def allowed(tool: str) -> list[str]:
    roles = sorted(set(ROLES.get(tool, {}).values()))
    return ["O", *(f"{p}-{r}" for r in roles for p in ("B", "I"))]


def can_follow(prev: str, tag: str) -> bool:
    return not tag.startswith("I-") or prev[2:] == tag[2:]


class Tagger:
    """The layout (span_tagger.py `pack`): a JSON header line (tags, rows per tag), then
    per tag its int32 buckets ascending and its int8 weights, then float32 scales."""

    def __init__(self, path: Path = ARTEFACT) -> None:
        raw = gzip.decompress(path.read_bytes())
        end = raw.index(b"\n")
        header = json.loads(raw[:end])
        self.tags: list[str] = header["tags"]
        at = end + 1
        counts: list[int] = header["rows"]
        tables = []
        for count in counts:
            buckets = array("i", raw[at : at + 4 * count]).tolist()
            at += 4 * count
            values = array("b", raw[at : at + count]).tolist()
            at += count
            tables.append((buckets, values))
        scales = array("f", raw[at : at + 4 * len(self.tags)]).tolist()
        # bucket -> (tag index, weight) of every tag it weighs for: one lookup a feature
        self.rows: dict[int, list[tuple[int, float]]] = {}
        for index, ((buckets, values), scale) in enumerate(zip(tables, scales, strict=True)):
            for b, v in zip(buckets, values, strict=True):
                self.rows.setdefault(b, []).append((index, v * scale))

    def tag(self, text: str, tool: str) -> list[tuple[Token, str]]:
        return [(token, tag) for token, tag, _ in self.scored(text, tool)]

    def scored(self, text: str, tool: str) -> list[tuple[Token, str, float]]:
        """Each word's tag and its margin over the next best tag it could have had."""
        tokens = tokenize(text)
        words = [t.text for t in tokens]
        index = {tag: i for i, tag in enumerate(self.tags)}
        choices = [(t, index[t]) for t in allowed(tool) if t in index]
        after = {t: keys([f"prev={t}"], tool) for t, _ in choices}
        rows, width = self.rows, len(self.tags)
        prev = "O"
        out = []
        for token, names in zip(tokens, features(words), strict=True):
            scores = [0.0] * width
            for key in keys(names, tool) + after.get(prev, []):
                for i, value in rows.get(key, ()):
                    scores[i] += value
            ranked = sorted(
                ((scores[i], tag) for tag, i in choices if can_follow(prev, tag)), reverse=True
            )
            best = ranked[0][1]
            margin = ranked[0][0] - ranked[1][0] if len(ranked) > 1 else float("inf")
            out.append((token, best, margin))
            prev = best
        return out


def spans(tagged: list[tuple[Token, str]], text: str) -> dict[str, str]:
    """The first span of each role, as the user typed it."""
    found: dict[str, str] = {}
    role, start, end = "", -1, -1
    for token, tag in [*tagged, (Token("", len(text), len(text)), "O")]:
        if tag.startswith("I-") and role == tag[2:]:
            end = token.end
            continue
        if role and role not in found:
            found[role] = text[start:end]
        role, start, end = (tag[2:], token.start, token.end) if tag != "O" else ("", -1, -1)
    return found


_SOURCE = [ARTEFACT]


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    return Tagger(_SOURCE[0])


def use(path: Path) -> None:
    Tagger(path)
    _SOURCE[0] = path
    tagger.cache_clear()
    read.cache_clear()


@lru_cache(maxsize=1024)
def read(text: str, tool: str) -> dict[str, str]:
    """Argument name -> the words the tagger reads as that argument of `tool`."""
    roles = ROLES.get(tool)
    if not roles:
        return {}
    found = spans(tagger().tag(text, tool), text)
    return {arg: found[role] for arg, role in roles.items() if role in found}
