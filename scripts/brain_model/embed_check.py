"""Issue 15's spike (bench/results/embed-spike.md): does a static table's message vector
(distil.py, or any table in encoder.py's layout) make the classifier generalise better?
Measured on the classifier alone, same rows, same seed, three arms:

- n-grams: train.py's model (features.py), unquantised;
- + columns: the same model with the message's vector (L2-normalised, times --weight)
  appended as extra columns, one logistic regression;
- + head: a second regression on the vector alone (C 10), mixed in,
  p = (1 - λ) p_n-grams + λ p_head, for each λ.

Two tests: `cross` is train.py --cross-check (trained without every 5th template, tested
on those templates, plain and in other forms); `authors` trains on the shipped rows (corpus
plus corpus.AUTHORS' first turns) and tests on each author of corpus.LATER_AUTHORS, none of
whom trained (first turns, and every turn), λ chosen on the other authors.

    python -m scripts.brain_model.embed_check --table PATH [--weight 1] [--tests cross,authors]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from scripts.brain_model import encoder
from scripts.brain_model.corpus import (
    AUTHORS,
    LATER_AUTHORS,
    SEED,
    build,
    dev_examples,
    held_out_rows,
)
from scripts.brain_model.train import C, matrix

ROOT = Path(__file__).resolve().parents[2]
LAMBDAS = (0.0, 0.1, 0.2, 0.3, 0.5)
HEAD_C = 10.0


def dense(texts: list[str]) -> np.ndarray:
    return np.array([encoder.dense(t) for t in texts], dtype=np.float64)


def features(texts: list[str], weight: float, columns: bool) -> csr_matrix:
    grams = matrix(texts)
    return hstack([grams, csr_matrix(weight * dense(texts))]).tocsr() if columns else grams


def fit(x: csr_matrix | np.ndarray, y: list[str], c: float, iters: int = 100) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=iters, random_state=SEED)
    started = time.process_time()
    with threadpool_limits(limits=1):
        model.fit(x, y)
    print(f"  fitted {x.shape} in {time.process_time() - started:.0f} s CPU", flush=True)
    return model


class Arms:
    def __init__(self, rows: list[tuple[str, str]], weight: float) -> None:
        texts, y = [t for _, t in rows], [label for label, _ in rows]
        self.weight = weight
        self.grams = fit(matrix(texts), y, C)
        path = encoder._SOURCE[0]
        while not path.exists():  # the spike started this fit while distil.py was running
            time.sleep(5)
        time.sleep(5)
        self.cols = fit(features(texts, weight, True), y, C)
        self.head = fit(dense(texts), y, HEAD_C, 300)
        self.labels = list(self.grams.classes_)
        assert self.labels == list(self.cols.classes_) == list(self.head.classes_)

    def right(self, test: list[tuple[str, str]]) -> dict[str, int]:
        """Turns right per arm: "n-grams", "+ columns", and "+ head λ" for each λ."""
        texts = [t for _, t in test]
        gold = np.array([self.labels.index(label) for label, _ in test])
        p0 = self.grams.predict_proba(matrix(texts))
        p1 = self.cols.predict_proba(features(texts, self.weight, True))
        ph = self.head.predict_proba(dense(texts))
        out = {"n-grams": int((p0.argmax(1) == gold).sum())}
        out["+ columns"] = int((p1.argmax(1) == gold).sum())
        for lam in LAMBDAS:
            out[f"+ head λ{lam:g}"] = int((((1 - lam) * p0 + lam * ph).argmax(1) == gold).sum())
        return out


def cross(weight: float) -> None:
    rows = build(ROOT, holdout=True)
    print(f"cross-check: {len(rows)} training rows (every 5th template held out)", flush=True)
    arms = Arms(rows, weight)
    for name, test in zip(("plain", "other forms"), held_out_rows(), strict=True):
        got = arms.right(test)
        print(
            f"unseen templates, {name} ({len(test)}): "
            + ", ".join(f"{k} {v} ({v / len(test):.3f})" for k, v in got.items()),
            flush=True,
        )


def authors(weight: float) -> None:
    rows = build(ROOT, dev=AUTHORS)
    print(f"authors: {len(rows)} training rows (corpus + {', '.join(AUTHORS)})", flush=True)
    arms = Arms(rows, weight)
    for later in (False, True):
        kind = "every turn" if later else "first turns"
        per = {
            a: arms.right(dev_examples(ROOT, [a], set(arms.labels), later)) for a in LATER_AUTHORS
        }
        total = sum(len(dev_examples(ROOT, [a], set(arms.labels), later)) for a in LATER_AUTHORS)
        sums = {k: sum(per[a][k] for a in LATER_AUTHORS) for k in per[LATER_AUTHORS[0]]}
        heads = [k for k in sums if k.startswith("+ head")]
        nested = 0
        for a in LATER_AUTHORS:  # λ chosen on the other authors, ties to the smaller
            best = max(
                heads,
                key=lambda k: (sum(per[b][k] for b in LATER_AUTHORS if b != a), -heads.index(k)),
            )
            nested += per[a][best]
        cols_up = sum(per[a]["+ columns"] > per[a]["n-grams"] for a in LATER_AUTHORS)
        cols_down = sum(per[a]["+ columns"] < per[a]["n-grams"] for a in LATER_AUTHORS)
        print(f"{kind} ({total}), 13 authors: " + ", ".join(f"{k} {v}" for k, v in sums.items()))
        print(
            f"  + head, λ chosen on the other authors: {nested}; "
            f"+ columns: {cols_up} authors up, {cols_down} down"
        )
        print(
            "  per author (n-grams / + columns / + head λ0.2): "
            + "; ".join(
                f"{a} {per[a]['n-grams']}/{per[a]['+ columns']}/{per[a]['+ head λ0.2']}"
                for a in LATER_AUTHORS
            ),
            flush=True,
        )


def cost(weight: float) -> None:
    """CPU time: loading the table; per message, the vector alone and the shipped
    classifier's scoring (what the vector would be added to), alternating, 5 rounds."""
    from agent.brain.learned import ARTEFACT, Classifier

    path = encoder._SOURCE[0]
    started = time.process_time()
    for _ in range(5):
        encoder.Encoder(path)
    print(
        f"table load: {(time.process_time() - started) / 5 * 1e3:.1f} ms CPU"
        f" ({path.stat().st_size:,} bytes)"
    )
    table, model = encoder.encoder(), Classifier(ARTEFACT)
    texts = [t for _, t in held_out_rows(2)[0]]
    spent = {"vector": 0.0, "classifier": 0.0}
    for _ in range(5):
        for name, fn in (("vector", table.vector), ("classifier", model.probabilities)):
            started = time.process_time()
            for t in texts:
                fn(t)
            spent[name] += time.process_time() - started
    per = {k: v / (5 * len(texts)) * 1e6 for k, v in spent.items()}
    print(
        f"per message ({len(texts)} held-out renderings x 5): vector {per['vector']:.0f} µs, "
        f"classifier {per['classifier']:.0f} µs CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--table", type=Path, required=True)
    parser.add_argument("--weight", type=float, default=1.0)
    parser.add_argument("--tests", default="cross,authors")
    args = parser.parse_args()
    encoder.use_table(args.table)
    print(f"table {args.table.name}; column weight {args.weight:g}")
    for test in args.tests.split(","):
        {"cross": cross, "authors": authors, "cost": cost}[test](args.weight)


if __name__ == "__main__":
    main()
