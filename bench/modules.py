"""Module count and mean size of the product and the harness: `python -m bench.modules`.

Counts every `.py` file under agent/, tools/, server/, evals/, bench/ plus graph.py (the
trees the design review measured), with physical lines as `wc -l` counts them.
Prints a Markdown table; `--root DIR` measures another checkout; `--before DIR` measures
DIR and this checkout side by side in one run (e.g. DIR from `git archive <commit>`) and
writes bench/results/modules.md and modules.json; `--json PATH` writes the figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from statistics import mean

REPO = Path(__file__).resolve().parent.parent
TREES = ("agent", "tools", "server", "graph.py", "evals", "bench")
PRODUCT = ("agent", "tools", "server", "graph.py")


def modules(root: Path, tree: str) -> list[Path]:
    path = root / tree
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def lines(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def figures(root: Path = REPO) -> dict[str, dict[str, float]]:
    """{group: {"modules": n, "mean_lines": m}} for each tree, the product and all."""
    sizes = {tree: [lines(p) for p in modules(root, tree)] for tree in TREES}
    groups = {
        **sizes,
        "product": [n for t in PRODUCT for n in sizes[t]],
        "all": [n for t in TREES for n in sizes[t]],
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=REPO, help="a checkout to measure")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--before", type=Path, help="a checkout to compare this one with")
    parser.add_argument("--label", default="", help="what the before/after spans (a note)")
    args = parser.parse_args()
    if args.before:
        before, after = figures(args.before), figures(args.root)
        title = "# Module count and mean size, before and after"
        report = "\n\n".join(
            [
                title,
                args.label,
                "`python -m bench.modules --before DIR`.",
                side_by_side(before, after),
            ]
        )
        (REPO / "bench/results/modules.md").write_text(report + "\n")
        payload = {"label": args.label, "before": before, "after": after}
        (REPO / "bench/results/modules.json").write_text(json.dumps(payload, indent=2) + "\n")
        print(report)
        return
    result = figures(args.root)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
