"""Trains the brain's request classifier (scikit-learn, a dev dependency only) on the
corpus and writes it as compact arrays the brain scores with numpy:
agent/brain/data/classifier.bin.gz (labels, used feature buckets, int8 weights with one
scale per class, biases: the layout is agent/brain/learned.py's). Same seed, same corpus,
same bytes (gzip with no name and time 0).

    python -m scripts.brain_model.train            # writes the artefact (corpus + all dev turns)
    python -m scripts.brain_model.train --out PATH # elsewhere (to compare two builds)
    python -m scripts.brain_model.train --dev r1,r2a [--later] [--C 8] --out PATH
        # with only these development authors' turns ("" for none; the folds of
        # scripts/brain_model/folds.py); --later adds the turns after each first one
    python -m scripts.brain_model.train --check    # cross-validated accuracy only
    python -m scripts.brain_model.train --cross-check [--operators] [--C 8]
        # trained without every 5th template, tested on those templates (unseen phrasings);
        # --operators builds the training corpus with the paraphrase operators
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from agent.brain.features import hashed
from scripts.brain_model.corpus import AUTHORS, FOLDABLE, SEED, build, held_out_rows

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "agent" / "brain" / "data" / "classifier.bin.gz"
C = 8.0
LATER = False  # whether a conversation's later turns train too (docs/brain-understanding.md)
KEEP = 1e-3  # a bucket whose weights all stay under this (after scaling) is dropped


def matrix(texts: list[str]) -> csr_matrix:
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        for key, value in hashed(text).items():
            rows.append(i)
            cols.append(key)
            vals.append(value)
    from agent.brain.features import BUCKETS

    return csr_matrix((vals, (rows, cols)), shape=(len(texts), BUCKETS), dtype=np.float64)


def fit(labels: list[str], texts: list[str], c: float = C) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=100, random_state=SEED)
    with threadpool_limits(limits=1):  # one BLAS thread: the same sums in the same order
        model.fit(matrix(texts), labels)
    return model


def pack(
    labels: list[str], used: np.ndarray, weights: np.ndarray, scale: np.ndarray, bias: np.ndarray
) -> bytes:
    """The artefact: a JSON header line, then little-endian int32 buckets (ascending),
    int8 weights (bucket-major), float32 scales and float32 biases, gzip'd reproducibly."""
    header = json.dumps({"labels": labels, "rows": len(used)}).encode() + b"\n"
    body = b"".join(
        [
            header,
            used.astype("<i4").tobytes(),
            weights.astype(np.int8).tobytes(),
            scale.astype("<f4").tobytes(),
            bias.astype("<f4").tobytes(),
        ]
    )
    return reproducible_gzip(body)


def reproducible_gzip(body: bytes) -> bytes:
    """`body` gzip'd with no file name and time 0: the same bytes in, the same bytes out."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as out:
        out.write(body)
    return buffer.getvalue()


def cross_check(operators: bool, c: float) -> None:
    """Accuracy on phrasings the training corpus has no template for: how far the
    classifier generalises, not how well it remembers."""
    rows = build(ROOT, operators=operators, holdout=True)
    model = fit([r[0] for r in rows], [r[1] for r in rows], c)
    for name, test in zip(("plain", "other forms"), held_out_rows(), strict=True):
        score = model.score(matrix([t for _, t in test]), [label for label, _ in test])
        print(f"unseen templates, {name}: {score:.3f} of {len(test)} ({len(rows)} trained)")


def artefact(rows: list[tuple[str, str]], c: float = C) -> tuple[bytes, int, int]:
    """The packed artefact of a model trained on `rows`, its class and bucket counts."""
    model = fit([r[0] for r in rows], [r[1] for r in rows], c)
    weights = model.coef_.T  # buckets x classes
    used = np.flatnonzero(np.abs(weights).max(axis=1) > KEEP).astype(np.int32)
    kept = weights[used]
    scale = np.abs(kept).max(axis=0) / 127.0
    quantised = np.round(kept / scale).astype(np.int8)
    labels = [str(c) for c in model.classes_]
    return pack(labels, used, quantised, scale, model.intercept_), len(labels), len(used)


def _option(name: str) -> str | None:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


def main() -> None:
    c = float(_option("--C") or C)
    if "--cross-check" in sys.argv:
        cross_check(operators="--operators" in sys.argv, c=c)
        return
    chosen = _option("--dev")
    dev = AUTHORS if chosen is None else tuple(a for a in chosen.split(",") if a)
    unknown = set(dev) - set(FOLDABLE)
    if unknown:
        sys.exit(f"unknown development authors {sorted(unknown)}: use {', '.join(FOLDABLE)}")
    rows = build(ROOT, dev=dev, later=LATER or "--later" in sys.argv)
    labels, texts = [r[0] for r in rows], [r[1] for r in rows]
    if "--check" in sys.argv:
        tr_x, te_x, tr_y, te_y = train_test_split(texts, labels, test_size=0.2, random_state=SEED)
        model = fit(tr_y, tr_x, c)
        print(f"held-out corpus accuracy {model.score(matrix(te_x), te_y):.3f}")
        return
    packed, classes, buckets = artefact(rows, c)
    out = Path(_option("--out") or OUT)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(packed)
    print(f"{len(rows)} examples, {classes} classes, {buckets} buckets -> {out}")


if __name__ == "__main__":
    main()
