"""The graph's own CPU per turn in several trees side by side (issue 19): each step of a
ladder of commits against the one before it, in one run on one machine.

    python -m bench.graph_steps --tree main=/work/wt/main --tree hooks=/tmp/t1 ... \\
        --rounds 10 --turns 60 --stem i19-graph-steps

Each tree is a checkout (a `git worktree add --detach <dir> <commit>`; no environment of
its own: this tree's Python runs it with the working directory there, so its graph,
agent and tools are imported). Per round every tree runs `bench/graph_probe.py` in a
fresh process on the servers' core, in an order rotated from round to round; the report
gives each tree's median CPU ms per turn and, per step, the median of the paired ratios
(this round's step ÷ this round's tree before it) with their spread: the machine's load
changes from minute to minute, a ratio taken within a round far less.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import uvloop

from bench.db import bench_database, prepare
from bench.procs import cores

RESULTS = Path(__file__).resolve().parent / "results"
PROBE = Path(__file__).resolve().with_name("graph_probe.py")
FIGURES = ("graph_cpu_ms_per_turn", "saved_cpu_ms_per_turn")


def run_probe(tree: Path, url: str, turns: int) -> dict[str, float]:
    code = f"import runpy; runpy.run_path({str(PROBE)!r}, run_name='__main__')"
    core = cores()[0]
    done = subprocess.run(  # noqa: S603 - our own argv
        [sys.executable, "-c", code, url, str(turns)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.sched_setaffinity(0, {core}),
    )
    if done.returncode != 0:
        raise RuntimeError(f"{tree}: probe failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float] = orjson.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _spread(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
    }


def measure(trees: list[tuple[str, Path]], url: str, rounds: int, turns: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
    for r in range(rounds):
        order = trees[r % len(trees) :] + trees[: r % len(trees)]
        for name, tree in order:
            runs[name].append(run_probe(tree, url, turns))
        print(
            f"round {r + 1}/{rounds}: "
            + ", ".join(f"{n} {runs[n][-1]['graph_cpu_ms_per_turn']:.2f}" for n, _ in trees),
            file=sys.stderr,
        )
    out: dict[str, Any] = {"rounds": rounds, "turns": turns, "trees": {}, "steps": []}
    for name, tree in trees:
        out["trees"][name] = {
            "path": str(tree),
            "commit": _head(tree),
            **{f: _spread([run[f] for run in runs[name]]) for f in FIGURES},
        }
    pairs = list(itertools.pairwise(trees))
    if len(trees) > 2:  # and the whole ladder
        pairs.append((trees[0], trees[-1]))
    for (before, _), (after, _) in pairs:
        out["steps"].append(
            {
                "before": before,
                "after": after,
                **{
                    f: _spread(
                        [a[f] / b[f] for a, b in zip(runs[after], runs[before], strict=True)]
                    )
                    for f in FIGURES
                },
            }
        )
    return out


def _head(tree: Path) -> str:
    done = subprocess.run(  # noqa: S603 - our own argv
        ["git", "-C", str(tree), "log", "-1", "--format=%h"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip()


def markdown(result: dict[str, Any], title: str) -> str:
    lines = [
        f"# {title}",
        "",
        f"{result['rounds']} rounds; each round runs every tree once, in a fresh process on "
        f"the servers' core, in an order rotated per round: {result['turns']} turns of "
        "the offline brain's write turn (router → wins → add_expense → reply) after 10 "
        "warm-up turns, with no checkpointer (the graph's own CPU, `make bench`'s turn "
        "cost) and with the server's Postgres checkpointer and chat durability. Load "
        f"average {result['load_before']} before, {result['load_after']} after, on "
        f"{os.cpu_count()} CPUs shared with other sessions: the paired ratios are the figure.",
        "",
        "| tree | commit | graph alone, CPU ms/turn | with checkpointer |",
        "|---|---|---|---|",
    ]
    for name, tree in result["trees"].items():
        g, s = tree["graph_cpu_ms_per_turn"], tree["saved_cpu_ms_per_turn"]
        lines.append(
            f"| {name} | `{tree['commit']}` | {g['median']:.2f} ({g['min']:.2f}–{g['max']:.2f})"
            f" | {s['median']:.2f} ({s['min']:.2f}–{s['max']:.2f}) |"
        )
    lines += [
        "",
        "| step | graph alone, after ÷ before | with checkpointer |",
        "|---|---|---|",
    ]
    for step in result["steps"]:
        g, s = step["graph_cpu_ms_per_turn"], step["saved_cpu_ms_per_turn"]
        lines.append(
            f"| {step['before']} → {step['after']} | **{g['median']:.3f}** "
            f"({g['min']:.3f}–{g['max']:.3f}) | {s['median']:.3f} ({s['min']:.3f}–{s['max']:.3f}) |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", action="append", required=True, help="NAME=PATH, in order")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--stem", default="graph-steps")
    parser.add_argument("--title", default="The graph's own CPU per turn, step by step")
    args = parser.parse_args()
    trees = [(n, Path(p).resolve()) for n, _, p in (t.partition("=") for t in args.tree)]
    with bench_database() as url:
        uvloop.run(prepare(url))
        load_before = round(os.getloadavg()[0], 2)
        started = time.time()
        result = measure(trees, url, args.rounds, args.turns)
    result |= {
        "load_before": load_before,
        "load_after": round(os.getloadavg()[0], 2),
        "seconds": round(time.time() - started),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.stem}.json").write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2))
    (RESULTS / f"{args.stem}.md").write_text(markdown(result, args.title))
    print(markdown(result, args.title))


if __name__ == "__main__":
    main()
