"""Module count and mean size of the product and the harness: `python -m bench.modules`.

Counts every `.py` file under agent/, tools/, server/, evals/, bench/ plus graph.py (the
trees the design review measured), with physical lines as `wc -l` counts them.
Prints a Markdown table; `--root DIR` measures another checkout (e.g. main's worktree, for
a before/after); `--json PATH` also writes the figures.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=REPO, help="a checkout to measure")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = figures(args.root)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
