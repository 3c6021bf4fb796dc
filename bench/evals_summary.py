"""The offline brain's eval figures side by side, from one run: the tuning datasets
(evals/datasets) as written, the same conversations under perturbation (evals/perturb.py,
one run per seed), the development set (evals/dev, when it exists: each round apart),
plus the held-out set (evals/heldout) when `--heldout` is given.
`--before FILE` adds the columns of an earlier run's .json (the figures before a change)
beside this run's. Writes bench/results/evals-brain.md and .json.

    uv run python -m bench.evals_summary [--seeds 1 2 3] [--heldout] [--before FILE]
        [--apart r6b ...]

`--apart PREFIX` reports the dev files of one author (a file-name prefix such as `r6b`)
in a column of their own: a set kept untuned while the rest of its round is tuned on.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from evals.dataset import load_datasets
from evals.metrics import document
from evals.perturb import perturb
from evals.session import run_session

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "evals-brain"
ROWS = [
    ("conversations", "conversations"),
    ("conversation_pass_rate", "conversation pass rate"),
    ("route_accuracy", "route accuracy"),
    ("tool_accuracy", "tool accuracy"),
    ("args_accuracy", "args accuracy"),
    ("refusal_rate", "refusals of in-scope requests (share of tool turns)"),
    ("unrequested_writes", "unrequested writes"),
]


def _summary(files: list[Path], seed: int | None) -> dict[str, Any]:
    conversations = load_datasets(files)
    if seed is not None:
        conversations = [perturb(c, seed) for c in conversations]
    suite = run_session(
        conversations,
        [str(f) for f in files],
        model_name="offline",
        repeat=1,
        concurrency=2,
        scratch=True,
    )
    summary: dict[str, Any] = document(suite)["summary"]
    return summary


def _cell(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def render(columns: dict[str, dict[str, Any]], before: dict[str, dict[str, Any]]) -> str:
    columns = {**{f"before: {k}": v for k, v in before.items()}, **columns}
    names = list(columns)
    lines = [
        "# The offline brain: tuning set, perturbed, development, held-out",
        "",
        "`uv run python -m bench.evals_summary` (one run; perturbation: evals/perturb.py)."
        + (" Columns marked *before* are an earlier run's, read from its .json." if before else ""),
        "",
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for key, label in ROWS:
        lines.append(f"| {label} | " + " | ".join(_cell(columns[n].get(key)) for n in names) + " |")
    p50 = " | ".join(_cell(columns[n]["turn_latency_ms"]["p50"]) for n in names)
    p95 = " | ".join(_cell(columns[n]["turn_latency_ms"]["p95"]) for n in names)
    lines += [f"| turn p50 ms | {p50} |", f"| turn p95 ms | {p95} |", ""]
    return "\n".join(lines)


ROUND = re.compile(r"r(\d+)[a-z]_")


def _round_order(label: str) -> tuple[int, bool, str]:
    """Round 10 after round 9, not after round 1; an author apart after their round."""
    number = re.search(r"\d+", label)
    return (int(number[0]) if number else 0, "round" not in label, label)


def dev_columns(dev: list[Path], apart: list[str]) -> dict[str, list[Path]]:
    """The dev files by round (r2a_/r2b_ → "dev round 2"; the first round's unprefixed
    files → "dev"), an author named in `apart` in a column of its own; in round order."""
    # Each later round was written blind apart: its figure before anyone tuned on it is a
    # fresh-phrasing measure, so every round is reported alone.
    rounds: dict[str, list[Path]] = {}
    for path in dev:
        author = path.name.split("_", 1)[0]
        if author in apart:
            label = f"dev {author}"
        elif numbered := ROUND.match(path.name):
            label = f"dev round {numbered[1]}"
        else:
            label = "dev"
        rounds.setdefault(label, []).append(path)
    return dict(sorted(rounds.items(), key=lambda item: _round_order(item[0])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2, 3])
    parser.add_argument("--heldout", action="store_true", help="also run evals/heldout")
    parser.add_argument("--before", type=Path, help="an earlier run's .json, shown beside")
    parser.add_argument(
        "--apart",
        nargs="*",
        default=[],
        metavar="PREFIX",
        help="dev file-name prefixes (one author, e.g. r6b) reported in a column of their own",
    )
    args = parser.parse_args()
    before = json.loads(args.before.read_text()) if args.before else {}
    tuning = sorted((ROOT / "evals" / "datasets").glob("*.jsonl"))
    columns = {"tuning": _summary(tuning, None)}
    for seed in args.seeds:
        columns[f"perturbed seed {seed}"] = _summary(tuning, seed)
    dev = sorted((ROOT / "evals" / "dev").glob("*.jsonl"))
    rounds = dev_columns(dev, args.apart)
    for label, files in rounds.items():
        columns[label] = _summary(files, None)
    if args.heldout:
        columns["held-out"] = _summary(sorted((ROOT / "evals" / "heldout").glob("*.jsonl")), None)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.with_suffix(".json").write_text(json.dumps(columns, indent=2) + "\n")
    OUT.with_suffix(".md").write_text(render(columns, before))
    print(OUT.with_suffix(".md").read_text())


if __name__ == "__main__":
    main()
