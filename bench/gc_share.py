"""How much of a served turn's CPU the garbage collector takes, by generation, as the
number of clients grows (issue 19: CPU per turn rises from 16 to 64 clients).

`python -m bench.gc_share --concurrency 16,64 --limits 0,8 --path sse` starts `pam serve`
from this tree once per admission limit (PAM_RUN_ADMISSION; 0 = none) with
bench/gc_probe on its PYTHONPATH (a sitecustomize that times every collection through
`gc.callbacks`, the collecting thread's CPU time), drives it with `make bench`'s clients
for `--seconds` per concurrency and round, servers rotating, and reports per turn: the
server's CPU, the collector's CPU and collections by generation.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import psutil

from bench import procs
from bench.ap_before_after import Mode, one, pam_serve_from, prepare_with
from bench.db import bench_database
from bench.procs import REPO, Server
from bench.stats import summary

RESULTS = Path(__file__).resolve().parent / "results"
PROBE = Path(__file__).resolve().parent / "gc_probe"
SETTLE_S = 1.2  # the probe writes every 0.5 s


def _read(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text())["gc"])


async def _measured(
    server: Server, probe: Path, mode: Mode, c: int, seconds: float
) -> dict[str, Any]:
    await asyncio.sleep(SETTLE_S)
    before = _read(probe)
    switches = psutil.Process(server.process.pid).num_ctx_switches()
    figures = await one(server, mode, c, seconds)
    await asyncio.sleep(SETTLE_S)
    after = _read(probe)
    switched = psutil.Process(server.process.pid).num_ctx_switches()
    # The probe's window holds the clients' warm turns too (one each).
    turns = (figures["turns_incl_late"] or 0) + c
    out: dict[str, Any] = {
        "turns_per_s": figures["turns_per_s"],
        "p50_ms": figures["p50_ms"],
        "p99_ms": figures["p99_ms"],
        "server_cpu_ms_per_turn": figures["server_cpu_ms_per_turn"],
        # Voluntary: the process slept (its loop found nothing ready, or a thread
        # waited); involuntary: the kernel took its core for another process.
        "sleeps_per_turn": round((switched.voluntary - switches.voluntary) / turns, 2),
        "preempted_per_turn": round((switched.involuntary - switches.involuntary) / turns, 2),
        "turns_incl_warm": turns,
    }
    total = 0.0
    for g in ("0", "1", "2"):
        ms = (after[g]["seconds"] - before[g]["seconds"]) * 1000 / turns
        total += ms
        out[f"gc{g}_ms_per_turn"] = round(ms, 3)
        out[f"gc{g}_per_turn"] = round(
            (after[g]["collections"] - before[g]["collections"]) / turns, 3
        )
    out["gc_ms_per_turn"] = round(total, 3)
    return out


async def measure(
    servers: dict[int, tuple[Server, Path]],
    concurrencies: list[int],
    mode: Mode,
    seconds: float,
    rounds: int,
    log: Any,
) -> dict[str, Any]:
    raw: dict[str, list[dict[str, Any]]] = {}
    limits = list(servers)
    for r in range(rounds):
        shift = r % len(limits)
        for c in concurrencies:
            for limit in limits[shift:] + limits[:shift]:
                server, probe = servers[limit]
                figures = await _measured(server, probe, mode, c, seconds)
                raw.setdefault(f"c{c}/K{limit}", []).append(figures)
                log(f"round {r + 1} c={c} K={limit}: {figures}")
    rows = {}
    for key, reps in raw.items():
        names = [k for k in reps[0] if isinstance(reps[0][k], (int, float))]
        rows[key] = {n: summary([r[n] for r in reps if r[n] is not None])["median"] for n in names}
        rows[key]["raw"] = reps
    return rows


def markdown(out: dict[str, Any]) -> str:
    m, p = out["machine"], out["params"]
    lines = [
        "# The garbage collector's share of a served turn",
        "",
        f"`python -m bench.gc_share`, {m['started']}, commit `{m['commit']}`, path "
        f"`{p['path']}`, {p['rounds']} rounds × {p['seconds']:g} s, servers rotating; "
        "medians over rounds. The collector's CPU is the collecting thread's CPU time "
        "between `gc.callbacks`' start and stop, per turn with the clients' warm turns "
        "counted (they fall in the window). Sleeps and preemptions are the server "
        "process's voluntary and involuntary context switches (psutil), per turn alike. "
        "Load average "
        f"{m['load_before']} before, {m['load_after']} after, {m['cpus']} CPUs.",
        "",
        "| clients | admission limit | turns/s | p99 ms | server CPU ms/turn | GC ms/turn "
        "| gen0 / gen1 / gen2 ms | gen0 / gen1 / gen2 collections a turn "
        "| sleeps a turn | preempted a turn |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, row in out["rows"].items():
        c, k = key.split("/K")
        lines.append(
            f"| {c[1:]} | {k if k != '0' else 'none'} | {row['turns_per_s']} | {row['p99_ms']} "
            f"| {row['server_cpu_ms_per_turn']} | {row['gc_ms_per_turn']} "
            f"| {row['gc0_ms_per_turn']} / {row['gc1_ms_per_turn']} / {row['gc2_ms_per_turn']} "
            f"| {row['gc0_per_turn']} / {row['gc1_per_turn']} / {row['gc2_per_turn']} "
            f"| {row['sleeps_per_turn']} | {row['preempted_per_turn']} |"
        )
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", default="16,64")
    parser.add_argument("--limits", default="0", help="admission limits, comma-separated")
    parser.add_argument("--path", default="sse", choices=("sse", "ws", "ap"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stem", default="gc-share")
    args = parser.parse_args()
    limits = [int(x) for x in args.limits.split(",")]
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    mode: Mode = args.path
    started = time.monotonic()
    procs.pin_self(procs.cores()[1])

    def log(what: str) -> None:
        print(f"[gc-share {time.monotonic() - started:5.0f}s] {what}", flush=True)

    out: dict[str, Any] = {
        "machine": {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "load_before": round(os.getloadavg()[0], 2),
            "commit": os.popen(f"git -C {REPO} rev-parse --short HEAD").read().strip(),  # noqa: S605
        },
        "params": {
            "limits": limits,
            "concurrency": concurrencies,
            "path": mode,
            "rounds": args.rounds,
            "seconds": args.seconds,
        },
    }
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pam-gc-")))
        servers: dict[int, tuple[Server, Path]] = {}
        for limit in limits:
            url = stack.enter_context(bench_database())
            prepare_with(REPO, url)
            probe = tmp / f"gc-{limit}.json"
            env = {
                "PYTHONPATH": str(PROBE),
                "PAM_GC_PROBE": str(probe),
                "PAM_RUN_ADMISSION": str(limit),
            }
            server = stack.enter_context(pam_serve_from(REPO, f"k{limit}", url, "", env))  # type: ignore[arg-type]
            servers[limit] = (server, probe)
        for server, _probe in servers.values():
            server.wait_ready()
        out["rows"] = asyncio.run(
            measure(servers, concurrencies, mode, args.seconds, args.rounds, log)
        )
    out["machine"]["load_after"] = round(os.getloadavg()[0], 2)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.stem}.json").write_bytes(orjson.dumps(out, option=orjson.OPT_INDENT_2))
    (args.out / f"{args.stem}.md").write_text(markdown(out))
    print(markdown(out))


if __name__ == "__main__":
    main()
