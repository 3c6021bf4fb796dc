"""`pam serve --workers 1` against `--workers 2`, side by side in one run, for both ways the
workers coordinate: through Redis (REDIS_URL set) and through Postgres alone (no Redis;
N = 1 is then a single process deciding alone, what `pam serve` runs by default, and
N = 2 coordinates through Postgres, what `pam serve --workers 2` picks). Turns/s and
CPU per turn at C concurrent clients, SSE and the Agent Protocol, repetitions
interleaved so all four servers see the same machine.

CPU per turn is counted where it is spent: the server (all worker processes together),
its database's Postgres backends (each server has a database of its own, so they are
told apart) and, for the Redis servers, a private `redis-server` this run starts (so no
other client's commands are counted). The load generator keeps to its own core, as in
`make bench`, so on a 2-core machine the second worker competes with it. Writes
bench/results/workers.md and workers.json.

    python -m bench.workers --reps 2 --seconds 15
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import orjson
import psutil
import psycopg
import redis
import uvloop

from bench import launch, procs
from bench.db import bench_database, prepare
from bench.server_load import one
from bench.stats import ratio, summary

RESULTS = Path(__file__).resolve().parent / "results"
COUNTS = (1, 2)
PROTOCOLS = ("sse", "ap")
Coordination = Literal["redis", "postgres"]
COORDINATIONS: tuple[Coordination, ...] = ("redis", "postgres")
STARTUP_S = 240
WARM_S = 5.0
CORES_IMPLIED = 16


@dataclass
class Served:
    """One server of the run, with where its coordination spends CPU."""

    coordination: Coordination
    workers: int
    server: procs.Server
    database_url: str
    redis_pid: int | None

    @property
    def name(self) -> str:
        return f"{self.coordination} n{self.workers}"

    def backend_cpu_s(self) -> float:
        """CPU seconds used so far by the Postgres backends serving this server's database."""
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            pids = [
                r[0]
                for r in conn.execute(
                    "SELECT pid FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                ).fetchall()
            ]
        return sum(_cpu_s(pid) for pid in pids)

    def redis_cpu_s(self) -> float:
        return _cpu_s(self.redis_pid) if self.redis_pid is not None else 0.0


def _cpu_s(pid: int) -> float:
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return times.user + times.system


@contextmanager
def private_redis() -> Iterator[tuple[str, int]]:
    """A redis-server of this run's own: its CPU is this run's alone."""
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("bench.workers: redis-server is not installed")
    port = procs.bench_port()
    process = subprocess.Popen(  # noqa: S603 - our own argv
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield url, process.pid
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)


async def measured(served: Served, protocol: str, clients: int, seconds: float) -> dict[str, Any]:
    pg_before, redis_before = served.backend_cpu_s(), served.redis_cpu_s()
    run = await one(served.server, protocol, clients, seconds)
    pg_s, redis_s = served.backend_cpu_s() - pg_before, served.redis_cpu_s() - redis_before
    turns = run["turns"]
    run["postgres_cpu_ms_per_turn"] = round(pg_s * 1000 / turns, 2) if turns else None
    run["redis_cpu_ms_per_turn"] = (
        round(redis_s * 1000 / turns, 2) if turns and served.redis_pid else None
    )
    return run


def _median(runs: list[dict[str, Any]], name: str) -> float | None:
    values = [r[name] for r in runs if r["turns"] and r.get(name) is not None]
    return summary(values)["median"] if values else None


async def measure(
    servers: list[Served], concurrencies: list[int], reps: int, seconds: float
) -> dict[str, Any]:
    raw: dict[str, list[dict[str, Any]]] = {}
    for served in servers:  # warm, and every worker done starting (the first live is "ready")
        await one(served.server, "sse", max(concurrencies), WARM_S)
    for _ in range(reps):
        for c in concurrencies:
            for protocol in PROTOCOLS:
                for served in servers:
                    run = await measured(served, protocol, c, seconds)
                    print(f"[workers] {protocol} c{c} {served.name}: {run}", flush=True)
                    raw.setdefault(f"{served.coordination} {protocol} c{c} n{served.workers}", [])
                    raw[f"{served.coordination} {protocol} c{c} n{served.workers}"].append(run)
    rows: dict[str, Any] = {}
    for coordination in COORDINATIONS:
        for c in concurrencies:
            for protocol in PROTOCOLS:
                name = f"{coordination} {protocol} c{c}"
                row: dict[str, Any] = {}
                for n in COUNTS:
                    runs = raw[f"{name} n{n}"]
                    tps = summary([r["turns_per_s"] for r in runs])
                    server = _median(runs, "server_cpu_ms_per_turn")
                    postgres = _median(runs, "postgres_cpu_ms_per_turn")
                    redis_ms = _median(runs, "redis_cpu_ms_per_turn")
                    row[f"n{n}"] = {
                        "turns_per_s": tps["median"],
                        "turns_per_s_spread": [tps["min"], tps["max"]],
                        "cpu_ms_per_turn": server,
                        "postgres_cpu_ms_per_turn": postgres,
                        "redis_cpu_ms_per_turn": redis_ms,
                        "p99_ms": summary([r["p99_ms"] for r in runs])["median"],
                        "errors": sum(r["errors"] for r in runs),
                        "runs": runs,
                    }
                paired = [
                    ratio(b["turns_per_s"], a["turns_per_s"])
                    for a, b in zip(raw[f"{name} n1"], raw[f"{name} n2"], strict=True)
                ]
                known = [x for x in paired if x is not None]
                row["turns_per_s_n2_over_n1"] = ratio(
                    row["n2"]["turns_per_s"], row["n1"]["turns_per_s"]
                )
                row["turns_per_s_n2_over_n1_spread"] = [min(known), max(known)] if known else None
                row["cpu_per_turn_n2_over_n1"] = ratio(
                    row["n2"]["cpu_ms_per_turn"], row["n1"]["cpu_ms_per_turn"]
                )
                rows[name] = row
    return rows


def implied(rows: dict[str, Any], cores: int = CORES_IMPLIED) -> dict[str, Any]:
    """What `cores` workers would serve if the server's CPU were the only limit: each
    worker is one process, so turns/s = cores × 1000 / (server CPU ms per turn at N = 2,
    which includes what coordinating costs the server); and how many cores the database
    (and Redis) would need at that rate, from their CPU per turn at N = 2."""
    out: dict[str, Any] = {}
    for name, row in rows.items():
        at_two = row["n2"]
        cpu = at_two["cpu_ms_per_turn"]
        rate = None if not cpu else round(cores * 1000 / cpu, 1)

        def cores_for(ms: float | None, rate: float | None = rate) -> float | None:
            return None if rate is None or ms is None else round(rate * ms / 1000, 1)

        out[name] = {
            "turns_per_s": rate,
            "postgres_cores": cores_for(at_two["postgres_cpu_ms_per_turn"]),
            "redis_cores": cores_for(at_two["redis_cpu_ms_per_turn"]),
        }
    return out


def _fmt(value: Any) -> str:
    return "–" if value is None else str(value)


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        "# `pam serve --workers N`: N = 1 and N = 2, coordinated through Redis or Postgres",
        "",
        f"Run {m['started']} on {m['cpus']} CPUs, load average {m['load_before']} before and "
        f"{m['load_after']} after (other engineers' work shares this machine: the absolute "
        f"figures are from a loaded machine; the ratios were measured side by side, "
        f"interleaved). {result['reps']} repetitions of {result['seconds']} s; medians. "
        "`redis`: REDIS_URL set, N = 1 and N = 2 both coordinate through a private "
        "redis-server. `postgres`: no Redis; N = 1 is one process deciding alone (`local`), "
        "N = 2 coordinates through Postgres. CPU ms per turn: the server (all its "
        "processes), its database's Postgres backends (pg), the redis-server (redis).",
        "",
        "| coordination, protocol, clients | turns/s N=1 | turns/s N=2 | N=2 / N=1 (min–max) "
        "| server CPU ms/turn N=1 / N=2 | pg CPU ms/turn N=1 / N=2 "
        "| redis CPU ms/turn N=1 / N=2 | p99 ms N=1 / N=2 | errors "
        f"| implied on {CORES_IMPLIED} cores: turns/s (pg cores, redis cores) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in result["rows"].items():
        a, b = row["n1"], row["n2"]
        spread = row["turns_per_s_n2_over_n1_spread"] or [None, None]
        sixteen = result["implied_16_cores"][name]
        lines.append(
            f"| {name} | {a['turns_per_s']} | {b['turns_per_s']} "
            f"| {row['turns_per_s_n2_over_n1']} ({spread[0]}–{spread[1]}) "
            f"| {_fmt(a['cpu_ms_per_turn'])} / {_fmt(b['cpu_ms_per_turn'])} "
            f"| {_fmt(a['postgres_cpu_ms_per_turn'])} / {_fmt(b['postgres_cpu_ms_per_turn'])} "
            f"| {_fmt(a['redis_cpu_ms_per_turn'])} / {_fmt(b['redis_cpu_ms_per_turn'])} "
            f"| {a['p99_ms']} / {b['p99_ms']} | {a['errors'] + b['errors']} "
            f"| {_fmt(sixteen['turns_per_s'])} ({_fmt(sixteen['postgres_cores'])}, "
            f"{_fmt(sixteen['redis_cores'])}) |"
        )
    lines += [
        "",
        f"Implied for {CORES_IMPLIED} cores: {CORES_IMPLIED} × 1000 / (server CPU ms per turn "
        "at N = 2). Workers share nothing in the process, so once CPU is the limit each core",
        "serves 1000 / CPU-per-turn turns/s and the total grows with the cores; the CPU per",
        "turn at N = 2 already includes what coordinating costs the server (Redis commands,",
        "or the Postgres locks, event rows and NOTIFYs). It holds as long as the database",
        "(and Redis) keep up: the cores they would need at that rate are in brackets, from",
        "their own CPU per turn at N = 2 (the database's includes the turn's own checkpoint,",
        "transcript and run rows, which every coordination writes). On this machine the load",
        "generator needs one of the two cores, so N = 2 cannot show the doubling itself.",
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
    procs.pin_self(procs.cores()[1])
    concurrencies = [int(c) for c in args.clients.split(",")]
    load_before = round(os.getloadavg()[0], 2)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    with ExitStack() as stack:
        redis_url, redis_pid = stack.enter_context(private_redis())
        plan: list[tuple[Coordination, int]] = [(c, n) for c in COORDINATIONS for n in COUNTS]
        databases = [stack.enter_context(bench_database()) for _ in plan]
        for url in databases:
            asyncio.run(prepare(url))
        starting = []
        for (coordination, n), url in zip(plan, databases, strict=True):
            env = {"REDIS_URL": redis_url if coordination == "redis" else ""}
            server = stack.enter_context(launch.pam_serve(url, extra_env=env, workers=n))
            starting.append((coordination, n, server, url))
        servers = [
            Served(
                coordination,
                n,
                server.wait_ready(STARTUP_S, on=procs.ALL_CORES),
                url,
                redis_pid if coordination == "redis" else None,
            )
            for coordination, n, server, url in starting
        ]
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
