"""Leave-one-author-out: the n-gram classifier against the same with a head on a pretrained
encoder's sentence vector mixed in (scripts/brain_model/encoder.py; docs/brain-understanding.md,
round 12).

For each development author left out (corpus.FOLDABLE present on disk), both arms are
trained on the same rows — the corpus plus the first turns of the shipped training authors
(corpus.AUTHORS) other than the one left out: the n-gram artefact (train.py), and the same
artefact with a head beside it (encoder.py --head, the same --dev). An author outside
AUTHORS is in no arm's training, so those folds share one build per arm. The left-out
author's conversations then run through the full brain with each arm (folds.py `scored`,
evaluate.py, `--head` for the second), at each blend asked for (the reference 0.4,0.7,0.1
is traced; another blend re-runs the conversations a threshold can flip), and the
classifier alone is scored on the author's first turns and on every turn. For each fold,
the blend with the most conversations passed on the other folds is chosen per arm (ties
keep the reference) and scored on the fold. Builds and runs are cached in .pam/enc_folds.

    python -m scripts.brain_model.encoder_folds [--folds r4a,r4b,...] [--blend R,O,D ...]
        [--out bench/results/encoder-folds]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from agent.brain.learned import Classifier
from scripts.brain_model import folds
from scripts.brain_model.corpus import AUTHORS, FOLDABLE, dev_examples, dev_files
from scripts.brain_model.encoder import Head, head_path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".pam" / "enc_folds"
ARMS = ("ngrams", "head128")
_evaluate = folds._evaluate


def _with_head(path: Path, author: str, blend: folds.Blend, out: Path, only: Any) -> None:
    """folds.py's evaluate call, with `--head` when the artefact has one beside it."""
    head = head_path(path)
    if not head.exists():
        _evaluate(path, author, blend, out, only)
        return
    files = [str(f) for f in dev_files(ROOT, [author])]
    args = ["-m", "scripts.brain_model.evaluate", "--artefact", str(path), "--head", str(head)]
    args += ["--blend", ",".join(map(str, blend)), "--json", str(out)]
    args += ["--trace"] if only is None else ["--only", ",".join(only)]
    folds._run([*args, *files])


def build(arm: str, dev: tuple[str, ...]) -> Path:
    path = CACHE / f"{arm}-dev-{'+'.join(dev) or 'none'}.bin.gz"
    if arm == "ngrams" and not path.exists():
        folds._run(["-m", "scripts.brain_model.train", "--dev", ",".join(dev), "--out", str(path)])
    elif arm != "ngrams" and not head_path(path).exists():
        path.write_bytes(build("ngrams", dev).read_bytes())
        args = ["-m", "scripts.brain_model.encoder", "--head", "--dev", ",".join(dev)]
        folds._run([*args, "--out", str(head_path(path))])
    return path


def accuracy(path: Path, author: str, later: bool) -> tuple[int, int]:
    """The classifier alone (with its head, if any) on the author's turns."""
    model, head = Classifier(path), head_path(path)
    mixer = Head(head) if head.exists() else None
    turns = dev_examples(ROOT, [author], set(model.labels), later)
    right = 0
    for label, text in turns:
        probs = model.probabilities(text)
        probs = mixer.mixed(probs, text) if mixer else probs
        right += model.labels[max(range(len(probs)), key=probs.__getitem__)] == label
    return right, len(turns)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", default=",".join(FOLDABLE))
    parser.add_argument("--blend", action="append", default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/encoder-folds")
    args = parser.parse_args()
    folds.CACHE = CACHE
    folds._evaluate = _with_head
    CACHE.mkdir(parents=True, exist_ok=True)
    present = [a for a in args.folds.split(",") if a in FOLDABLE and dev_files(ROOT, [a])]
    blends: list[folds.Blend] = [folds.REFERENCE]
    for spec in args.blend or []:
        r, o, d = (float(x) for x in spec.split(","))
        if (r, o, d) not in blends:
            blends.append((r, o, d))

    def trained(fold: str) -> tuple[str, ...]:
        return tuple(a for a in AUTHORS if a != fold)

    runs = {
        (arm, fold, blend): folds.scored(build(arm, trained(fold)), fold, blend)
        for fold in present
        for arm in ARMS
        for blend in blends
    }
    results: list[dict[str, Any]] = []
    lines = [folds.HEAD.replace("baseline trained on", "n-grams trained on")]
    for fold in present:
        named = "+".join(trained(fold))
        for blend in blends:
            result = folds.compare(runs["ngrams", fold, blend], runs["head128", fold, blend])
            results.append({"fold": fold, "trained": named, "blend": blend, **result})
            lines.append(folds._row(fold, blend, named, named + " + head", result))
    for blend in blends:
        mine = [r for r in results if r["blend"] == blend]
        count = sum(r["after"]["conversations"] for r in mine)
        cells = [sum(r[k]["passed"] for r in mine) for k in ("before", "after")]
        moved = [sum(len(r[k]) for r in mine) for k in ("fixed", "broken")]
        refusals = [sum(r[k]["refusals"] for r in mine) for k in ("before", "after")]
        writes = [sum(r[k]["unrequested"] for r in mine) for k in ("before", "after")]
        lines.append(
            f"| all folds | | | {','.join(map(str, blend))} | {cells[0]}/{count} →"
            f" {cells[1]}/{count} | {moved[0]} / {moved[1]} | | | |"
            f" {refusals[0]} → {refusals[1]} | {writes[0]} → {writes[1]} |"
        )
    lines += ["", "Blend chosen on the other folds (per arm), scored on the fold:", ""]
    lines += ["| left out | n-grams: blend, pass | + head: blend, pass |", "|---|---|---|"]
    chosen_total = {arm: 0 for arm in ARMS}
    for fold in present:
        cells = []
        for arm in ARMS:

            def others(blend: folds.Blend, arm: str = arm, fold: str = fold) -> int:
                return sum(
                    sum(r["passed"] for r in runs[arm, f, blend]) for f in present if f != fold
                )

            best = max(blends, key=lambda b: (others(b), b == folds.REFERENCE))
            passed = sum(r["passed"] for r in runs[arm, fold, best])
            chosen_total[arm] += passed
            cells.append(f"{','.join(map(str, best))}: {passed}")
        lines.append(f"| {fold} | {cells[0]} | {cells[1]} |")
    lines.append(f"| all | {chosen_total['ngrams']} | {chosen_total['head128']} |")
    lines += [
        "",
        "The classifier alone (its top class) on the left-out author's turns that expect one"
        " tool or none: n-grams → with the head",
        "",
        "| left out | first turns | every turn |",
        "|---|---|---|",
    ]
    sums = [[0, 0, 0], [0, 0, 0]]
    for fold in present:
        old, new = (build(arm, trained(fold)) for arm in ARMS)
        cells = []
        for k, later in enumerate((False, True)):
            (b, n), (a, _) = accuracy(old, fold, later), accuracy(new, fold, later)
            cells.append(f"{b}/{n} → {a}/{n}")
            sums[k] = [sums[k][0] + b, sums[k][1] + a, sums[k][2] + n]
            results.append({"fold": fold, "later": later, "classifier": [b, a, n]})
        lines.append(f"| {fold} | {cells[0]} | {cells[1]} |")
    lines.append("| all | " + " | ".join(f"{b}/{n} → {a}/{n}" for b, a, n in sums) + " |")
    folds.write_table(args.out, lines, results)


if __name__ == "__main__":
    main()
