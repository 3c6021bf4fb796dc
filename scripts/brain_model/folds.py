"""Cross-validation of the classifier across the development set's authors.

Each author of evals/dev (corpus.FOLDABLE) is a fold. For a fold, the artefact is built
from the corpus plus the other authors' turns (train.py --dev), and the left-out author's
conversations are run through the full brain (evaluate.py) with that artefact and with a
baseline artefact, at each blend setting asked for: the one built without any development
turn, or with `--base`, the one built on those authors' turns (the fold left out), to ask
what some authors add to others. Artefacts
and runs are kept in the cache (.pam/brain_folds) so that a later call adds arms without
building or running again; the table of every fold is written to --out (.md and .json).

    python -m scripts.brain_model.folds --folds r1,r2a,r2b [--train r1,r2a,r2b]
        [--later] [--C 8] [--blend 0.4,0.7,0.1 --blend 0.3,0.7,0.1 ...]
        [--base r1,r2a] [--out bench/results/classifier-folds]

The first blend is the reference: its runs are traced (evaluate.py --trace), and another
blend re-runs only the conversations where one of the traced comparisons would flip.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from agent.brain.learned import Classifier
from scripts.brain_model.corpus import AUTHORS, FOLDABLE, dev_examples, dev_files

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".pam" / "brain_folds"
REFERENCE = (0.4, 0.7, 0.1)
Blend = tuple[float, float, float]
Records = list[dict[str, Any]]


def _run(args: list[str]) -> None:
    print("$", " ".join(args), flush=True)
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True)  # noqa: S603 - our own modules


def artefact(dev: tuple[str, ...], later: bool, c: float) -> Path:
    """The artefact trained on the corpus and `dev`'s turns, built once."""
    name = f"dev-{'+'.join(dev) or 'none'}{'-later' if later else ''}-C{c:g}.bin.gz"
    path = CACHE / name
    if not path.exists():
        args = ["-m", "scripts.brain_model.train", "--dev", ",".join(dev), "--C", str(c)]
        _run([*args, *(["--later"] if later else []), "--out", str(path)])
    return path


def _evaluate(path: Path, author: str, blend: Blend, out: Path, only: list[str] | None) -> None:
    files = [str(f) for f in dev_files(ROOT, [author])]
    args = ["-m", "scripts.brain_model.evaluate", "--artefact", str(path)]
    args += ["--blend", ",".join(map(str, blend)), "--json", str(out)]
    if only is None:
        args.append("--trace")
    else:
        args += ["--only", ",".join(only)]
    _run([*args, *files])


def _flips(seen: dict[str, list[float]], a: Blend, b: Blend) -> bool:
    def between(values: list[float], x: float, y: float) -> bool:
        low, high = min(x, y), max(x, y)
        return x != y and any(low <= v <= high for v in values)

    return (
        between(seen["guess"], a[0], b[0])
        or between(seen["guess"], a[1], b[1])
        or between(seen["probability"], a[2], b[2])
    )


def scored(path: Path, author: str, blend: Blend) -> Records:
    """The left-out `author`'s conversations run with the artefact at `path` and `blend`."""
    key = f"{path.name.removesuffix('.bin.gz')}@{author}"
    reference = CACHE / f"{key}@{','.join(map(str, REFERENCE))}.json"
    if not reference.exists():
        _evaluate(path, author, REFERENCE, reference, None)
    base: Records = json.loads(reference.read_text())
    if blend == REFERENCE:
        return base
    out = CACHE / f"{key}@{','.join(map(str, blend))}.json"
    if not out.exists():
        again = [r["id"] for r in base if _flips(r["seen"], REFERENCE, blend)]
        rerun: Records = []
        if again:
            part = out.with_suffix(".part.json")
            _evaluate(path, author, blend, part, again)
            rerun = json.loads(part.read_text())
            part.unlink()
        changed = {r["id"]: r for r in rerun}
        out.write_text(json.dumps([changed.get(r["id"], r) for r in base]) + "\n")
    records: Records = json.loads(out.read_text())
    return records


def totals(records: Records) -> dict[str, Any]:
    def rate(kind: str) -> float:
        held, stated = (sum(r[kind][i] for r in records) for i in (0, 1))
        return round(held / stated, 4) if stated else 0.0

    return {
        "conversations": len(records),
        "passed": sum(r["passed"] for r in records),
        "route": rate("route"),
        "tool": rate("tools"),
        "args": rate("args"),
        "refusals": sum(r["refused"][0] for r in records),
        "unrequested": sum(r["unrequested"] for r in records),
    }


def compare(before: Records, after: Records) -> dict[str, Any]:
    was = {r["id"]: r["passed"] for r in before}
    fixed = sorted(r["id"] for r in after if r["passed"] and not was[r["id"]])
    broken = sorted(r["id"] for r in after if not r["passed"] and was[r["id"]])
    return {"before": totals(before), "after": totals(after), "fixed": fixed, "broken": broken}


def accuracy(path: Path, author: str, later: bool) -> tuple[int, int]:
    """The classifier alone on the author's turns (`dev_examples`): its top class right."""
    model = Classifier(path)
    turns = dev_examples(ROOT, [author], set(model.labels), later)
    right = 0
    for label, text in turns:
        probs = model.probabilities(text)
        right += model.labels[max(range(len(probs)), key=probs.__getitem__)] == label
    return right, len(turns)


def _row(fold: str, blend: Blend, base: str, trained: str, result: dict[str, Any]) -> str:
    b, a = result["before"], result["after"]
    cells = [
        fold,
        base,
        trained,
        ",".join(map(str, blend)),
        f"{b['passed']}/{b['conversations']} → {a['passed']}/{a['conversations']}",
        f"{len(result['fixed'])} / {len(result['broken'])}",
        f"{b['route']:.3f} → {a['route']:.3f}",
        f"{b['tool']:.3f} → {a['tool']:.3f}",
        f"{b['args']:.3f} → {a['args']:.3f}",
        f"{b['refusals']} → {a['refusals']}",
        f"{b['unrequested']} → {a['unrequested']}",
    ]
    return "| " + " | ".join(cells) + " |"


HEAD = (
    "| left out | baseline trained on | trained on | RESCUE,OVERRULE,DOUBT |"
    " pass baseline → with | fixed / broken | route | tool | args | refusals |"
    " unrequested writes |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", default=",".join(AUTHORS))
    parser.add_argument("--train", default=",".join(AUTHORS), help="authors that may train")
    parser.add_argument("--later", action="store_true")
    parser.add_argument("--C", type=float, default=8.0)
    parser.add_argument("--blend", action="append", default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/classifier-folds")
    parser.add_argument("--cache", type=Path, default=None, help="another cache folder")
    parser.add_argument("--builds-only", action="store_true", help="build the folds, run none")
    parser.add_argument("--without-only", action="store_true", help="run the baseline only")
    parser.add_argument("--base", default="", help="authors the baseline trains on (none)")
    args = parser.parse_args()
    if args.cache:  # e.g. runs of changed brain code beside the cached ones
        global CACHE
        CACHE = args.cache
    present = [a for a in FOLDABLE if dev_files(ROOT, [a])]
    folds = [a for a in args.folds.split(",") if a in present]
    trainers = [a for a in args.train.split(",") if a in present]
    bases = [a for a in args.base.split(",") if a in present]

    def baseline(fold: str) -> Path:
        return artefact(tuple(a for a in bases if a != fold), False, args.C)

    def named(dev: tuple[str, ...]) -> str:
        return "+".join(dev) or "no dev turns"

    blends: list[Blend] = [REFERENCE]
    for spec in args.blend or []:
        r, o, d = (float(x) for x in spec.split(","))
        if (r, o, d) not in blends:
            blends.append((r, o, d))
    CACHE.mkdir(parents=True, exist_ok=True)
    if args.builds_only:
        for fold in folds:
            artefact(tuple(a for a in trainers if a != fold), args.later, args.C)
        return
    if args.without_only:
        for fold in folds:
            for blend in blends:
                scored(baseline(fold), fold, blend)
        return
    results: list[dict[str, Any]] = []
    lines = [HEAD]
    for fold in folds:
        dev = tuple(a for a in trainers if a != fold)
        path, base = artefact(dev, args.later, args.C), baseline(fold)
        based = named(tuple(a for a in bases if a != fold))
        for blend in blends:
            # the baseline artefact is compared at the same blend
            result = compare(scored(base, fold, blend), scored(path, fold, blend))
            trained = named(dev) + (" (all turns)" if args.later else " (first turns)")
            results.append(
                {"fold": fold, "base": based, "trained": trained, "blend": blend, **result}
            )
            lines.append(_row(fold, blend, based, trained, result))
    for blend in blends:
        mine = [r for r in results if r["blend"] == blend]
        count = sum(r["after"]["conversations"] for r in mine)
        lines.append(
            f"| all folds | | | {','.join(map(str, blend))} |"
            f" {sum(r['before']['passed'] for r in mine)}/{count} →"
            f" {sum(r['after']['passed'] for r in mine)}/{count} |"
            f" {sum(len(r['fixed']) for r in mine)} / {sum(len(r['broken']) for r in mine)}"
            " | | | | | | |"
        )
    lines += [
        "",
        "The classifier alone (its top class) on the left-out author's turns that expect one"
        " tool or none: baseline → with the other authors' turns",
        "",
        "| left out | first turns | every turn |",
        "|---|---|---|",
    ]
    for fold in folds:
        path = artefact(tuple(a for a in trainers if a != fold), args.later, args.C)
        cells = []
        for later in (False, True):
            (b, n), (a, _) = accuracy(baseline(fold), fold, later), accuracy(path, fold, later)
            cells.append(f"{b}/{n} → {a}/{n}")
            results.append({"fold": fold, "later": later, "classifier": [b, a, n]})
        lines.append(f"| {fold} | {cells[0]} | {cells[1]} |")
    write_table(args.out, lines, results)


def write_table(out: Path, lines: list[str], results: Records) -> None:
    """The fold table printed, and kept as `out`.md and `out`.json."""
    print("\n".join(lines))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    out.with_suffix(".json").write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
