"""The graph's own CPU per turn in several trees side by side (issue 19): each step of a
ladder of commits against the one before it, in one run on one machine.

    python -m bench.graph_steps --tree main=/work/wt/main --tree hooks=/tmp/t1 ... \\
        --rounds 10 --turns 60 --stem i19-graph-steps

Each tree is a checkout (a `git worktree add --detach <dir> <commit>`; no environment of
its own: this tree's Python runs it with the working directory there, so its graph,
agent and tools are imported). Each tree gets one worker process (`bench/graph_probe.py`)
on the servers' core, warmed up once; per round every worker runs `--turns` turns in
turn, in an order rotated from round to round, so a round lasts seconds. The report
gives each tree's median CPU ms per turn and, per step, the median of the paired ratios
(this round's step ÷ this round's tree before it) with their spread: the machine's load
changes from minute to minute, a ratio taken within a few seconds far less.
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
FIGURES = ("graph_cpu_ms_per_turn", "saved_cpu_ms_per_turn", "ap_saved_cpu_ms_per_turn")


class Worker:
    """One tree's `graph_probe` process: asked for N turns, answers with the figures."""

    def __init__(self, tree: Path, url: str, unique: bool = False) -> None:
        code = f"import runpy; runpy.run_path({str(PROBE)!r}, run_name='__main__')"
        core = cores()[0]
        self.tree = tree
        self.process = subprocess.Popen(  # noqa: S603 - our own argv
            [sys.executable, "-c", code, url, *(["unique"] if unique else [])],
            cwd=tree,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: os.sched_setaffinity(0, {core}),
        )

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.tree}: the probe exited ({self.process.wait()})")
        return line.strip()

    def ready(self) -> None:
        if (line := self._line()) != "ready":
            raise RuntimeError(f"{self.tree}: {line}")

    def measure(self, turns: int) -> dict[str, float]:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{turns}\n")
        self.process.stdin.flush()
        figures: dict[str, float] = orjson.loads(self._line())
        return figures

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _spread(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
    }


def measure(
    trees: list[tuple[str, Path]], url: str, rounds: int, turns: int, unique: bool = False
) -> dict[str, Any]:
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
    workers: dict[str, Worker] = {}
    try:
        for name, tree in trees:
            workers[name] = Worker(tree, url, unique)
        for worker in workers.values():
            worker.ready()
        for r in range(rounds):
            order = trees[r % len(trees) :] + trees[: r % len(trees)]
            for name, _ in order:
                runs[name].append(workers[name].measure(turns))
            shown = ", ".join(f"{n} {runs[n][-1]['graph_cpu_ms_per_turn']:.2f}" for n, _ in trees)
            print(f"round {r + 1}/{rounds}: {shown}", file=sys.stderr)
    finally:
        for worker in workers.values():
            worker.close()
    out: dict[str, Any] = {"rounds": rounds, "turns": turns, "trees": {}, "steps": [], "runs": runs}
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
        ratios = [
            a["graph_cpu_ms_per_turn"] / b["graph_cpu_ms_per_turn"]
            for a, b in zip(runs[after], runs[before], strict=True)
        ]
        out["steps"].append(
            {
                "before": before,
                "after": after,
                # A sign test's count: the median alone hides how often the step won.
                "fewer": f"{sum(r < 1 for r in ratios)}/{len(ratios)}",
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
        f"{result['rounds']} rounds; each tree has one worker process on the servers' core "
        "(warmed up with 10 turns), and each round asks every worker in turn, in an order "
        f"rotated per round, for {result['turns']} turns of the offline brain's write turn "
        "(router → wins → add_expense → reply), with no checkpointer (the graph's own "
        "CPU, `make bench`'s turn cost) and with the server's Postgres checkpointer and "
        "chat durability, and with LangGraph's default durability (`async`: a checkpoint "
        "after every step, an Agent Protocol run's unless it asks). Load "
        f"average {result['load_before']} before, {result['load_after']} after, on "
        f"{os.cpu_count()} CPUs shared with other sessions: the paired ratios are the figure."
        + (
            " Every turn's message is one its worker never read before (`--unique`)."
            if result.get("unique")
            else ""
        ),
        "",
        "| tree | commit | graph alone, CPU ms/turn | with checkpointer (chat) |"
        " with checkpointer (Agent Protocol's default) |",
        "|---|---|---|---|---|",
    ]
    for name, tree in result["trees"].items():
        cells = " | ".join(
            f"{f['median']:.2f} ({f['min']:.2f}–{f['max']:.2f})" for f in map(tree.get, FIGURES)
        )
        lines.append(f"| {name} | `{tree['commit']}` | {cells} |")
    lines += [
        "",
        "| step | graph alone, after ÷ before | with checkpointer (chat) | (Agent Protocol's)"
        " | rounds after < before (graph alone) |",
        "|---|---|---|---|---|",
    ]
    for step in result["steps"]:
        cells = " | ".join(
            f"{f['median']:.3f} ({f['min']:.3f}–{f['max']:.3f})" for f in map(step.get, FIGURES)
        )
        lines.append(f"| {step['before']} → {step['after']} | {cells} | {step['fewer']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", action="append", required=True, help="NAME=PATH, in order")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--stem", default="graph-steps")
    parser.add_argument("--title", default="The graph's own CPU per turn, step by step")
    parser.add_argument(
        "--unique",
        action="store_true",
        help="every turn a message the worker never read before (no per-text cache warm)",
    )
    args = parser.parse_args()
    trees = [(n, Path(p).resolve()) for n, _, p in (t.partition("=") for t in args.tree)]
    with bench_database() as url:
        uvloop.run(prepare(url))
        load_before = round(os.getloadavg()[0], 2)
        started = time.time()
        result = measure(trees, url, args.rounds, args.turns, args.unique)
    result["unique"] = args.unique
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
