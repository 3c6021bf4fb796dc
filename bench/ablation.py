"""Before and after each optimisation, side by side: `python -m bench.ablation`.

A ladder of `pam serve` variants, from every optimisation of issue 8 left out to all of
them in, adding one per step; each measured over SSE at 1 client (p50) and at 16
(turns/s, p99), interleaved round by round with `langgraph dev` at the same
concurrencies, so every step's ratio comes from the same moments of the machine.
Writes bench/results/ablation.json and ablation.md.
"""

from __future__ import annotations

import argparse
import asyncio
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import orjson
import uvloop

from bench import launch, procs
from bench.db import bench_database, prepare
from bench.server_load import one
from bench.stats import ratio, summary

# In the order they were made.
LADDER = (
    "lock",
    "durability",
    "inline_tracing",
    "async_deps",
    "known_users",
    "brain_caches",
    "event_scan",
    "run_rows_async_commit",
    "stream_end_state",
    "token_batching",
    "saver_inline",
    "token_cache",
    "owned_threads",
    "running_on_insert",
    "begin_with_scope",
    "gc_freeze",
)
RESULTS = Path(__file__).resolve().parent / "results"
STARTING = 3  # servers starting at once
# Ten servers share one Postgres (max_connections 100 by default): the same smaller pool
# for every variant of a long ladder. A few (`--last N`) keep the default pool, as
# served: a pool of 6 under 16 clients measures waits for connections, not the change.
SMALL_POOL = {"DB_POOL_MIN_SIZE": "1", "DB_POOL_MAX_SIZE": "6"}
FULL_POOL_UP_TO = 4  # variants
STARTUP_S = 600.0


def variants() -> list[tuple[str, tuple[str, ...]]]:
    """(name, optimisations left out): none applied, then one more each step."""
    return [("none", LADDER)] + [(f"+{name}", LADDER[i + 1 :]) for i, name in enumerate(LADDER)]


async def measure(
    servers: dict[str, procs.Server], lg: procs.Server, reps: int, seconds: float, c: int
) -> dict[str, Any]:
    raw: dict[str, list[dict[str, Any]]] = {}
    for _ in range(reps):
        for name, server in servers.items():
            low = await one(server, "sse", 1, seconds)
            high = await one(server, "sse", c, seconds)
            raw.setdefault(name, []).append({"c1": low, "high": high})
        raw.setdefault("langgraph_dev", []).append(
            {
                "c1": await one(lg, "langgraph_dev", 1, seconds),
                "high": await one(lg, "langgraph_dev", c, seconds),
            }
        )
    lg_tps = summary([r["high"]["turns_per_s"] for r in raw["langgraph_dev"]])["median"]
    lg_p50 = summary([r["c1"]["p50_ms"] for r in raw["langgraph_dev"]])["median"]
    table: dict[str, Any] = {}
    for name, reps_ in raw.items():
        tps = summary([r["high"]["turns_per_s"] for r in reps_])
        p50 = summary([r["c1"]["p50_ms"] for r in reps_])
        table[name] = {
            "p50_ms_c1": p50["median"],
            "p50_spread": [p50["min"], p50["max"]],
            f"turns_per_s_c{c}": tps["median"],
            "turns_per_s_spread": [tps["min"], tps["max"]],
            f"p99_ms_c{c}": summary([r["high"]["p99_ms"] for r in reps_])["median"],
            "server_cpu_ms_per_turn": summary(
                [r["high"]["server_cpu_ms_per_turn"] or 0 for r in reps_]
            )["median"],
            "ratio_vs_langgraph_dev": ratio(tps["median"], lg_tps),
            "p50_vs_langgraph_dev": ratio(p50["median"], lg_p50, 3),
        }
    return table


def markdown(table: dict[str, Any], c: int) -> str:
    lines = [
        "# Optimisations, before and after (`python -m bench.ablation`)",
        "",
        f"PAM over SSE; each row adds one optimisation to the row above. Turns/s at {c} "
        "clients; ratio = PAM turns/s ÷ `langgraph dev` turns/s measured in the same rounds.",
        "",
        f"| variant | p50 ms, 1 client | turns/s, {c} clients | p99 ms, {c} clients "
        "| server CPU ms/turn | ratio vs langgraph dev | p50 vs langgraph dev |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in table.items():
        lines.append(
            f"| {name} | {row['p50_ms_c1']} | {row[f'turns_per_s_c{c}']} "
            f"({row['turns_per_s_spread'][0]}–{row['turns_per_s_spread'][1]}) "
            f"| {row[f'p99_ms_c{c}']} | {row['server_cpu_ms_per_turn']} "
            f"| {row['ratio_vs_langgraph_dev']} | {row['p50_vs_langgraph_dev']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--last", type=int, help="only the last N optimisations (and the row before them)"
    )
    parser.add_argument("--stem", default="ablation", help="results file names")
    args = parser.parse_args()
    procs.pin_self(procs.cores()[1])
    with bench_database() as url, ExitStack() as stack:
        asyncio.run(prepare(url))
        servers: dict[str, procs.Server] = {}
        batch: list[tuple[str, procs.Server]] = []
        ladder = variants()[-(args.last + 1) :] if args.last else variants()
        pool = SMALL_POOL if len(ladder) > FULL_POOL_UP_TO else {}
        for name, undo in ladder:  # a few at a time: ten start-ups at once thrash
            started = launch.pam_serve(url, undo=undo, extra_env=pool)
            batch.append((name, stack.enter_context(started)))
            if len(batch) == STARTING:
                servers |= {n: s.wait_ready(STARTUP_S) for n, s in batch}
                batch = []
        servers |= {n: s.wait_ready(STARTUP_S) for n, s in batch}
        lg = stack.enter_context(launch.langgraph_dev(url)).wait_ready(STARTUP_S)
        table = uvloop.run(measure(servers, lg, args.reps, args.seconds, args.clients))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.stem}.json").write_bytes(orjson.dumps(table, option=orjson.OPT_INDENT_2))
    (RESULTS / f"{args.stem}.md").write_text(markdown(table, args.clients))
    print(markdown(table, args.clients))


if __name__ == "__main__":
    main()
