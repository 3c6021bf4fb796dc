"""The learned classifier's features, the same at training and at run time: word unigrams
and bigrams (numbers folded to their shape) and character 3-5-grams inside words, hashed
with CRC-32 into a fixed space, each weighted 1/sqrt(count) (L2-normalised)."""

from __future__ import annotations

import re
import zlib

BUCKETS = 1 << 18
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,:]\d+)*|\$")
_DIGIT = re.compile(r"\d")


def tokens(text: str) -> list[str]:
    return [_DIGIT.sub("0", t) for t in _TOKEN.findall(text.lower())]


def feature_names(text: str) -> list[str]:
    words = tokens(text)
    names = [f"w:{w}" for w in words]
    names += [f"b:{a} {b}" for a, b in zip(["^", *words], [*words, "$"], strict=True)]
    for w in words:
        if not w[0].isalpha():
            continue
        padded = f"<{w}>"
        for n in (3, 4, 5):
            names += [f"c:{padded[i : i + n]}" for i in range(len(padded) - n + 1)]
    return names


def hashed(text: str) -> dict[int, float]:
    """Bucket -> weight, L2-normalised."""
    counts: dict[int, float] = {}
    for name in feature_names(text):
        key = zlib.crc32(name.encode()) % BUCKETS
        counts[key] = counts.get(key, 0.0) + 1.0
    norm = sum(v * v for v in counts.values()) ** 0.5 or 1.0
    return {k: v / norm for k, v in counts.items()}
