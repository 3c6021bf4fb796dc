"""Where the graph's own CPU goes: in-process turns (no checkpointer, the offline brain,
as `turn_cost` measures the graph alone) under cProfile, each function's own time
(not its callees') added up by where its code lives — ours (by module), LangGraph's
loop, LangChain's runnables, callbacks, messages and middleware, pydantic, the event
loop and the rest. Writes bench/results/graph-cpu.md and graph-cpu.json.

    python -m bench.graph_cpu --turns 200
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

from agent.brain import OfflineBrain
from agent.context import Context
from bench.clients import MESSAGE, varied
from bench.db import bench_database, prepare
from bench.procs import REPO
from graph import build_graph
from tools.db.pool import Pool, open_pool

RESULTS = Path(__file__).resolve().parent / "results"
OTHER = "built-ins, standard library and other libraries"
DEPTH = 6  # calls up, to find who a built-in's time is for
# Most specific first: the first fragment found in a function's file names its part.
PARTS = (
    ("langchain/agents/middleware", "LangChain middleware"),
    ("langgraph/", "LangGraph loop"),
    ("langchain_core/callbacks", "LangChain callbacks and tracing"),
    ("langchain_core/tracers", "LangChain callbacks and tracing"),
    ("langchain_core/runnables", "LangChain runnables"),
    ("langchain_core/messages", "LangChain messages"),
    ("langchain_core/", "LangChain core, other"),
    ("langchain/", "LangChain, other"),
    ("pydantic", "pydantic"),
    ("psycopg", "psycopg (tool writes)"),
    ("asyncio/", "event loop"),
    ("uvloop", "event loop"),
)


def part_of(filename: str) -> str:
    path = Path(filename)
    inside = path.is_absolute() and REPO in path.parents and ".venv" not in path.parts
    if inside and path.relative_to(REPO).parts[0] != "bench":
        return f"ours: {path.relative_to(REPO)}"
    for fragment, name in PARTS:
        if fragment in filename:
            return name
    return OTHER


async def _turns(graph: Any, pool: Pool, turns: int) -> None:
    ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    for n in range(turns):
        config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
        out = await graph.ainvoke({"messages": [("user", varied(MESSAGE, n))]}, config, context=ctx)
        assert out["reply"], "every turn must reply"


async def profile(url: str, turns: int) -> dict[str, Any]:
    pool = await open_pool(url, min_size=1, max_size=2)
    try:
        graph = build_graph(None, model=OfflineBrain())
        await _turns(graph, pool, 5)  # warm: imports, prepared statements
        cpu = time.process_time()
        await _turns(graph, pool, turns)
        cpu_ms = (time.process_time() - cpu) * 1000 / turns
        # The process's CPU clock: cProfile's default wall clock counted the turn's waits
        # for Postgres as the event loop's own time.
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        await _turns(graph, pool, turns)
        profiler.disable()
    finally:
        await pool.close()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    by_part: dict[str, float] = defaultdict(float)
    ours: dict[str, float] = defaultdict(float)
    for key, (_, _, own_s, _, _) in stats.items():
        for (filename, line, name), share in _owners(stats, key, own_s, DEPTH).items():
            part = part_of(filename)
            by_part[part.split(":")[0] if part.startswith("ours") else part] += share
            if part.startswith("ours"):
                ours[f"{part[6:]}:{line} {name}"] += share
    total = sum(by_part.values())
    return {
        "turns": turns,
        "cpu_ms_per_turn_unprofiled": round(cpu_ms, 2),
        "share": {
            k: round(v / total, 3) for k, v in sorted(by_part.items(), key=lambda kv: -kv[1])
        },
        "ours_by_module": _by_module(ours, total),
        "ours_top_functions": {
            k: round(v / total, 4) for k, v in sorted(ours.items(), key=lambda kv: -kv[1])[:15]
        },
    }


def _owners(stats: Any, key: Any, own_s: float, depth: int) -> dict[Any, float]:
    """Own time of a built-in or standard-library function belongs to whoever called it
    (split by the time each caller spent in it), up to `depth` calls up."""
    if depth == 0 or part_of(key[0]) != OTHER:
        return {key: own_s}
    callers = stats[key][4]
    spent = sum(c[2] for c in callers.values())
    if not callers or spent <= 0:
        return {key: own_s}
    out: dict[Any, float] = defaultdict(float)
    for caller, (_, _, tt, _) in callers.items():
        for owner, share in _owners(stats, caller, own_s * tt / spent, depth - 1).items():
            out[owner] += share
    return out


def _by_module(ours: dict[str, float], total: float) -> dict[str, float]:
    modules: dict[str, float] = defaultdict(float)
    for key, own_s in ours.items():
        modules[key.split(":")[0]] += own_s
    return {k: round(v / total, 4) for k, v in sorted(modules.items(), key=lambda kv: -kv[1])}


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "# Where the graph's own CPU goes",
        "",
        f"{result['turns']} in-process turns (no checkpointer, offline brain) under cProfile "
        "(the process's CPU clock), "
        "own time per function grouped by where its code lives; a built-in's or the "
        "standard library's own time goes to the first caller up (within "
        f"{DEPTH} calls) that is not one. Unprofiled: "
        f"{result['cpu_ms_per_turn_unprofiled']} ms CPU per turn (a loaded machine: the "
        "shares, not the milliseconds, are the figure).",
        "",
        "| part | share of CPU |",
        "|---|---|",
        *[f"| {k} | {v:.1%} |" for k, v in result["share"].items()],
        "",
        "## Ours, by module",
        "",
        "| module | share |",
        "|---|---|",
        *[f"| {k} | {v:.2%} |" for k, v in list(result["ours_by_module"].items())[:12]],
        "",
        "## Ours, the functions with the most own time",
        "",
        "| function | share |",
        "|---|---|",
        *[f"| `{k}` | {v:.2%} |" for k, v in result["ours_top_functions"].items()],
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--stem", default="graph-cpu")
    args = parser.parse_args()
    with bench_database() as url:
        asyncio.run(prepare(url))
        result = asyncio.run(profile(url, args.turns))
    result["load_average"] = round(os.getloadavg()[0], 2)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.stem}.json").write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2))
    (RESULTS / f"{args.stem}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
