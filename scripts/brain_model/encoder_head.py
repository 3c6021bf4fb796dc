"""A second linear head on the pretrained sentence vector alone (encoder.py), blended with
the shipped n-gram classifier, measured leave-one-author-out on the classifier's own
decision (its top class on the left-out author's turns; docs/brain-understanding.md,
round 12).

The head trains on the same rows as the shipped artefact (the corpus plus the first turns
of corpus.AUTHORS), so every author outside AUTHORS is left out of both. For each such
author, the mixture weight of the head (p = (1 - λ) p_ngrams + λ p_head) is chosen on the
other authors (most turns right, ties to the smaller λ) and scored on this one.

    python -m scripts.brain_model.encoder_head [--table PATH] [--C 1,10,100] [--plain]

(encoder.py --head then builds the chosen head: HEAD_C, MIX, the table of DIMS dimensions.)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from agent.brain.learned import ARTEFACT, Classifier
from scripts.brain_model import encoder
from scripts.brain_model.corpus import AUTHORS, LATER_AUTHORS, build, dev_examples

ROOT = Path(__file__).resolve().parents[2]
LAMBDAS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)


PLAIN = [False]


def vectors(texts: list[str]) -> np.ndarray:
    if not PLAIN[0]:
        return np.array([encoder.dense(t) for t in texts], dtype=np.float64)
    table = encoder.encoder()
    rows = np.frombuffer(table.rows, dtype=np.int8).reshape(-1, table.dims)
    scale = np.array(table.scale)
    out = np.zeros((len(texts), table.dims))
    for i, text in enumerate(texts):
        found = table.pieces(text)
        if found:
            out[i] = rows[found].mean(axis=0) * scale
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--table", type=Path, default=encoder.TABLE)
    parser.add_argument("--C", default="1,10,100")
    parser.add_argument("--plain", action="store_true", help="the mean, not L2-normalised")
    args = parser.parse_args()
    PLAIN[0] = args.plain
    encoder.use_table(args.table)
    rows = build(ROOT, dev=AUTHORS)
    ngrams = Classifier(ARTEFACT)
    labels = ngrams.labels
    x = vectors([t for _, t in rows])
    y = [label for label, _ in rows]
    tests = {
        (a, later): dev_examples(ROOT, [a], set(labels), later)
        for a in LATER_AUTHORS
        for later in (False, True)
    }
    old = {k: np.array([ngrams.probabilities(t) for _, t in v]) for k, v in tests.items()}
    gold = {k: np.array([labels.index(label) for label, _ in v]) for k, v in tests.items()}
    print(f"table {args.table.name}: {encoder.encoder().dims} dims, {len(rows)} rows")
    for c in (float(v) for v in args.C.split(",")):
        head = encoder.fit_head(x, y, c)
        assert [str(k) for k in head.classes_] == labels
        new = {k: head.predict_proba(vectors([t for _, t in v])) for k, v in tests.items()}
        for later in (False, True):
            right = {
                (a, lam): int(
                    (
                        ((1 - lam) * old[a, later] + lam * new[a, later]).argmax(axis=1)
                        == gold[a, later]
                    ).sum()
                )
                for a in LATER_AUTHORS
                for lam in LAMBDAS
            }
            total = sum(len(gold[a, later]) for a in LATER_AUTHORS)
            curve = {lam: sum(right[a, lam] for a in LATER_AUTHORS) for lam in LAMBDAS}
            nested, cells = 0, []
            for a in LATER_AUTHORS:
                others = {
                    lam: sum(right[b, lam] for b in LATER_AUTHORS if b != a) for lam in LAMBDAS
                }
                lam = max(LAMBDAS, key=lambda v: (others[v], -v))
                nested += right[a, lam]
                cells.append(f"{a} λ{lam:g} {right[a, 0.0]}→{right[a, lam]}")
            kind = "every turn" if later else "first turns"
            print(
                f"C {c:g}, {kind} ({total}): " + ", ".join(f"λ{k:g} {v}" for k, v in curve.items())
            )
            print(f"  λ chosen on the other authors: {curve[0.0]} → {nested}; " + "; ".join(cells))


if __name__ == "__main__":
    main()
