"""`python -m bench`: every benchmark in one run (bench/suite.py), then the report.

The load generator (this process) pins itself to one core; every server under test and
the in-process benchmarks run on the other.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uvloop

from bench import procs
from bench.db import bench_database, prepare
from bench.idle_ws import raise_fd_limit
from bench.params import BENCHMARKS, FULL, SMOKE
from bench.report import write
from bench.suite import run_all
from bench.targets import targets

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny parameters (tests)")
    parser.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated benchmarks")
    parser.add_argument("--reps", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stem", default="latest")
    args = parser.parse_args()
    base = SMOKE if args.smoke else FULL
    changes: dict[str, Any] = {"only": tuple(args.only.split(","))}
    if args.reps:
        changes["reps"] = args.reps
    if args.seconds:
        changes["seconds"] = args.seconds
    p = dataclasses.replace(base, **changes)
    raise_fd_limit(p.idle_sockets * 2 + 1024)
    procs.pin_self(procs.cores()[1])
    started = time.monotonic()
    out: dict[str, Any] = {
        "machine": {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "cores_server_client": list(procs.cores()),
            "load_before": round(os.getloadavg()[0], 2),
        },
        "params": dataclasses.asdict(p),
    }

    def log(what: str) -> None:
        print(f"[bench {time.monotonic() - started:6.0f}s] {what}", flush=True)

    with bench_database() as url:
        asyncio.run(prepare(url))
        uvloop.run(run_all(url, p, out, log))
    out["machine"]["load_after"] = round(os.getloadavg()[0], 2)
    out["machine"]["seconds"] = round(time.monotonic() - started)
    out["targets"] = targets(out)
    json_path, md_path = write(out, args.out, args.stem)
    log(f"wrote {json_path} and {md_path}")
