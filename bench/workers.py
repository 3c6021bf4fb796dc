"""`pam serve --workers 1` against `--workers 2`, side by side in one run: turns/s and
server CPU per turn (all worker processes together) at C concurrent clients, SSE and
the Agent Protocol, repetitions interleaved so both see the same machine.

Both servers share Redis (what more than one worker needs) and may use every core; the
load generator keeps to its own core, as in `make bench`, so on a 2-core machine the
second worker competes with it. Writes bench/results/workers.md and workers.json.

    BENCH_REDIS_URL=redis://127.0.0.1:6379/0 python -m bench.workers --reps 2 --seconds 15
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import uvloop

from bench import launch, procs
from bench.db import bench_database, prepare
from bench.server_load import one
from bench.stats import ratio, summary

RESULTS = Path(__file__).resolve().parent / "results"
COUNTS = (1, 2)
PROTOCOLS = ("sse", "ap")
STARTUP_S = 240
WARM_S = 5.0


async def measure(
    servers: dict[int, procs.Server], concurrencies: list[int], reps: int, seconds: float
) -> dict[str, Any]:
    raw: dict[str, list[dict[str, Any]]] = {}
    for server in servers.values():  # warm, and every worker done starting (the first
        await one(server, "sse", max(concurrencies), WARM_S)  # one live is "ready")
    for _ in range(reps):
        for c in concurrencies:
            for protocol in PROTOCOLS:
                for n, server in servers.items():
                    run = await one(server, protocol, c, seconds)
                    print(f"[workers] {protocol} c{c} n{n}: {run}", flush=True)
                    raw.setdefault(f"{protocol} c{c} n{n}", []).append(run)
    rows: dict[str, Any] = {}
    for c in concurrencies:
        for protocol in PROTOCOLS:
            row: dict[str, Any] = {}
            for n in COUNTS:
                runs = raw[f"{protocol} c{c} n{n}"]
                tps = summary([r["turns_per_s"] for r in runs])
                # None where a run finished no turn in its window (a loaded machine).
                cpu = [r["server_cpu_ms_per_turn"] for r in runs if r["turns"]]
                row[f"n{n}"] = {
                    "turns_per_s": tps["median"],
                    "turns_per_s_spread": [tps["min"], tps["max"]],
                    "cpu_ms_per_turn": summary(cpu)["median"] if cpu else None,
                    "p99_ms": summary([r["p99_ms"] for r in runs])["median"],
                    "errors": sum(r["errors"] for r in runs),
                    "runs": runs,
                }
            paired = [
                ratio(b["turns_per_s"], a["turns_per_s"])
                for a, b in zip(raw[f"{protocol} c{c} n1"], raw[f"{protocol} c{c} n2"], strict=True)
            ]
            known = [x for x in paired if x is not None]
            row["turns_per_s_n2_over_n1"] = ratio(
                row["n2"]["turns_per_s"], row["n1"]["turns_per_s"]
            )
            row["turns_per_s_n2_over_n1_spread"] = [min(known), max(known)] if known else None
            row["cpu_per_turn_n2_over_n1"] = ratio(
                row["n2"]["cpu_ms_per_turn"], row["n1"]["cpu_ms_per_turn"]
            )
            rows[f"{protocol} c{c}"] = row
    return rows


def implied(rows: dict[str, Any], cores: int = 16) -> dict[str, Any]:
    """What `cores` workers would serve if CPU were the only limit: each worker is one
    process, so turns/s = cores × 1000 / (server CPU ms per turn at N = 2, which includes
    whatever coordinating through Redis costs)."""
    out: dict[str, Any] = {}
    for name, row in rows.items():
        cpu = row["n2"]["cpu_ms_per_turn"]
        out[name] = None if not cpu else round(cores * 1000 / cpu, 1)
    return out


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        "# `pam serve --workers N`: N = 1 and N = 2 side by side",
        "",
        f"Run {m['started']} on {m['cpus']} CPUs, load average {m['load_before']} before and "
        f"{m['load_after']} after (other engineers' work shares this machine: the absolute "
        f"figures are from a loaded machine; the ratios were measured side by side, "
        f"interleaved). {result['reps']} repetitions of {result['seconds']} s; medians.",
        "",
        "| protocol, clients | turns/s N=1 | turns/s N=2 | N=2 / N=1 (min–max) "
        "| CPU ms/turn N=1 | CPU ms/turn N=2 | CPU/turn N=2 / N=1 | p99 ms N=1 / N=2 "
        "| errors | implied turns/s on 16 cores |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in result["rows"].items():
        a, b = row["n1"], row["n2"]
        spread = row["turns_per_s_n2_over_n1_spread"] or [None, None]
        lines.append(
            f"| {name} | {a['turns_per_s']} | {b['turns_per_s']} "
            f"| {row['turns_per_s_n2_over_n1']} ({spread[0]}–{spread[1]}) "
            f"| {a['cpu_ms_per_turn']} | {b['cpu_ms_per_turn']} | {row['cpu_per_turn_n2_over_n1']} "
            f"| {a['p99_ms']} / {b['p99_ms']} | {a['errors'] + b['errors']} "
            f"| {result['implied_16_cores'][name]} |"
        )
    lines += [
        "",
        "Implied for 16 cores: 16 × 1000 / (server CPU ms per turn at N = 2). Workers share",
        "nothing in the process, so once CPU is the limit each core serves 1000 / CPU-per-",
        "turn turns/s and the total grows with the cores, as long as Postgres and Redis",
        "(here on the same machine) keep up; the CPU per turn at N = 2 already includes what",
        "coordinating through Redis costs. On this machine the load generator needs one",
        "of the two cores, so N = 2 cannot show the doubling itself.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", default="4,16")
    parser.add_argument("--stem", default="workers")
    args = parser.parse_args()
    redis_url = os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit("bench.workers: more than one worker needs Redis; set BENCH_REDIS_URL")
    procs.pin_self(procs.cores()[1])
    concurrencies = [int(c) for c in args.clients.split(",")]
    load_before = round(os.getloadavg()[0], 2)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    with bench_database() as url, ExitStack() as stack:
        asyncio.run(prepare(url))
        env = {"REDIS_URL": redis_url}
        starting = {
            n: stack.enter_context(launch.pam_serve(url, extra_env=env, workers=n)) for n in COUNTS
        }
        servers = {n: s.wait_ready(STARTUP_S, on=procs.ALL_CORES) for n, s in starting.items()}
        rows = uvloop.run(measure(servers, concurrencies, args.reps, args.seconds))
    result = {
        "machine": {
            "started": started,
            "cpus": os.cpu_count(),
            "load_before": load_before,
            "load_after": round(os.getloadavg()[0], 2),
        },
        "reps": args.reps,
        "seconds": args.seconds,
        "rows": rows,
        "implied_16_cores": implied(rows),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.stem}.json").write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2))
    (RESULTS / f"{args.stem}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
