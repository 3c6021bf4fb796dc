"""The learned request classifier: a linear model over hashed word and character n-grams
(features.py), trained offline from a generated corpus (scripts/brain_model, with
scikit-learn, a dev dependency) and shipped as int8 weights in data/classifier.bin.gz.
It reads what the phrase rules miss: a verb or a question form they have no pattern for,
a misspelt word. Scoring is plain Python: a message has a few hundred features, and each
found one adds its row of per-class weights; loading is one gunzip, no numpy import."""

from __future__ import annotations

import gzip
import json
import math
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from agent.brain.features import hashed

ARTEFACT = Path(__file__).with_name("data") / "classifier.bin.gz"
NONE = "none"  # the class of messages that need no tool


@dataclass(frozen=True)
class Guess:
    tool: str | None  # None: no tool
    probability: float


class Classifier:
    """The layout (scripts/brain_model/train.py `pack`): a JSON header line, int32
    buckets, int8 weights bucket-major, float32 per-class scales, float32 biases."""

    def __init__(self, path: Path = ARTEFACT) -> None:
        raw = gzip.decompress(path.read_bytes())
        end = raw.index(b"\n")
        header = json.loads(raw[:end])
        self.labels: list[str] = header["labels"]
        rows, width = header["rows"], len(self.labels)
        at = end + 1
        buckets = array("i", raw[at : at + 4 * rows])
        at += 4 * rows
        self.weights = array("b", raw[at : at + rows * width])
        at += rows * width
        self.scale = array("f", raw[at : at + 4 * width]).tolist()
        self.bias = array("f", raw[at + 4 * width : at + 8 * width]).tolist()
        self.row = {bucket: i * width for i, bucket in enumerate(buckets)}
        self.width = width

    def probabilities(self, text: str) -> list[float]:
        acc = [0.0] * self.width
        weights, width = self.weights, self.width
        for key, value in hashed(text).items():
            start = self.row.get(key)
            if start is not None:
                row = weights[start : start + width]
                acc = [a + value * w for a, w in zip(acc, row, strict=True)]
        scores = [b + a * s for a, s, b in zip(acc, self.scale, self.bias, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def guess(self, text: str) -> Guess:
        probs = self.probabilities(text)
        best = max(range(self.width), key=probs.__getitem__)
        label = self.labels[best]
        return Guess(None if label == NONE else label, probs[best])

    def probability(self, text: str, tool: str) -> float:
        return self.probabilities(text)[self.labels.index(tool)] if tool in self.labels else 0.0


_SOURCE = [ARTEFACT]  # the artefact scored with; `use` swaps it


@lru_cache(maxsize=1)
def classifier() -> Classifier:
    return Classifier(_SOURCE[0])


def use(path: Path) -> None:
    """Score with the artefact at `path` from now on (scripts/brain_model/folds.py runs
    the eval suites with each fold's build in one process)."""
    Classifier(path)  # a bad file fails here, before the shipped model is let go
    _SOURCE[0] = path
    classifier.cache_clear()
    _probabilities.cache_clear()


@lru_cache(maxsize=4096)
def _probabilities(text: str) -> tuple[float, ...]:
    """A turn reads each clause in the router and again in its domain agent."""
    return tuple(classifier().probabilities(text))


def guess(text: str) -> Guess:
    probs = _probabilities(text)
    labels = classifier().labels
    best = max(range(len(probs)), key=probs.__getitem__)
    return Guess(None if labels[best] == NONE else labels[best], probs[best])


def probability(text: str, tool: str) -> float:
    labels = classifier().labels
    return _probabilities(text)[labels.index(tool)] if tool in labels else 0.0
