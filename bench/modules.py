"""Module count and mean size of the product and the harness: `python -m bench.modules`.

Counts every `.py` file under agent/, tools/, server/, evals/, bench/ plus graph.py (the
trees the design review measured), with physical lines as `wc -l` counts them.
Prints a Markdown table; `--root DIR` measures another checkout; `--before DIR` measures
DIR and this checkout side by side in one run (e.g. DIR from `git archive <commit>`) and
adds the comparison as a section (`--heading`) to bench/results/modules.md and a run to
modules.json, after the earlier ones; `--json PATH` writes the figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from statistics import mean

REPO = Path(__file__).resolve().parent.parent
TREES = ("agent", "tools", "server", "graph.py", "evals", "bench")
PRODUCT = ("agent", "tools", "server", "graph.py")
# Packages shown on their own too (already counted in their tree): the ones issue 17 regrouped.
DETAIL = (
    "tools/wheels",
    "tools/wins",
    "tools/you",
    "tools/social",
    "server/routes/rest",
    "server/runs",
)


def modules(root: Path, tree: str) -> list[Path]:
    path = root / tree
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def lines(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def figures(root: Path = REPO) -> dict[str, dict[str, float]]:
    """{group: {"modules": n, "mean_lines": m}} for each tree, the product, all, and
    the DETAIL packages."""
    sizes = {tree: [lines(p) for p in modules(root, tree)] for tree in TREES}
    groups = {
        **sizes,
        "product": [n for t in PRODUCT for n in sizes[t]],
        "all": [n for t in TREES for n in sizes[t]],
        **{package: [lines(p) for p in modules(root, package)] for package in DETAIL},
    }
    return {
        name: {"modules": len(ns), "mean_lines": round(mean(ns), 1) if ns else 0.0}
        for name, ns in groups.items()
    }


def table(result: dict[str, dict[str, float]]) -> str:
    rows = ["| tree | modules | mean lines |", "|---|---:|---:|"]
    rows += [f"| {k} | {v['modules']:.0f} | {v['mean_lines']} |" for k, v in result.items()]
    return "\n".join(rows)


def side_by_side(before: dict[str, dict[str, float]], after: dict[str, dict[str, float]]) -> str:
    rows = [
        "| tree | modules before | modules after | mean lines before | mean lines after |"
        " after / before (mean) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, now in after.items():
        was = before.get(name, {"modules": 0, "mean_lines": 0.0})
        ratio = f"{now['mean_lines'] / was['mean_lines']:.2f}" if was["mean_lines"] else "—"
        rows.append(
            f"| {name} | {was['modules']:.0f} | {now['modules']:.0f} | {was['mean_lines']}"
            f" | {now['mean_lines']} | {ratio} |"
        )
    return "\n".join(rows)


RESULTS_MD = REPO / "bench/results/modules.md"
RESULTS_JSON = REPO / "bench/results/modules.json"
TITLE = "# Module count and mean size, before and after"


def earlier_runs() -> list[dict[str, object]]:
    """The runs modules.json holds (a file from before runs were kept is its one run)."""
    if not RESULTS_JSON.exists():
        return []
    kept = json.loads(RESULTS_JSON.read_text())
    return list(kept["runs"]) if "runs" in kept else [kept]


def record(before_root: Path, after_root: Path, heading: str, label: str) -> None:
    """Measure both checkouts in one run; add the comparison after the earlier ones."""
    before, after = figures(before_root), figures(after_root)
    section = "\n\n".join(
        [
            f"## {heading}",
            label,
            "`python -m bench.modules --before DIR`.",
            side_by_side(before, after),
        ]
    )
    earlier = RESULTS_MD.read_text().rstrip() if RESULTS_MD.exists() else TITLE
    RESULTS_MD.write_text(f"{earlier}\n\n{section}\n")
    runs = [*earlier_runs(), {"heading": heading, "label": label, "before": before, "after": after}]
    RESULTS_JSON.write_text(json.dumps({"runs": runs}, indent=2) + "\n")
    print(section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=REPO, help="a checkout to measure")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--before", type=Path, help="a checkout to compare this one with")
    parser.add_argument("--label", default="", help="what the before/after spans (a note)")
    parser.add_argument("--heading", default="Before and after", help="the section's title")
    args = parser.parse_args()
    if args.before:
        record(args.before, args.root, args.heading, args.label)
        return
    result = figures(args.root)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
