"""`python -m bench.chaos [--only STEP,...] [--quick]`, STEP one of crash, db, redis,
schema, isolation, hardening, wsfuzz, injection, load.

Runs the fault runs, the schemathesis sweep, the isolation matrix, the WebSocket fuzzer,
the injection corpus and the WebSocket load, each against fresh `pam serve` processes
on private (temporary) PostgreSQL and Redis servers; prints the summary and writes
bench/results/{chaos,load}.json and bench/results/isolation.md. Exit status 1 when any
criterion fails.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

import orjson

from bench.chaos import steps
from tests.chaos.report import RESULTS, FaultSummary, table, write_json

ALL = ("crash", "db", "redis", "schema", "isolation", "hardening", "wsfuzz", "injection", "load")


async def main(only: list[str], quick: bool) -> bool:
    results: dict[str, Any] = {}
    faults: list[FaultSummary] = []

    def record(name: str, value: Any) -> None:
        """Written after every step, so a run cut short keeps what it measured."""
        results[name] = value
        write_json("chaos.json", merged(results))

    with tempfile.TemporaryDirectory(prefix="pam-chaos-") as tmp:
        work = Path(tmp)
        if {"crash", "redis"} & set(only):
            with steps.shared_postgres(work / "shared") as url:
                if "crash" in only:
                    faults.append(await steps.crash(url, work / "crash", quick))
                    record("faults", [f.as_dict() for f in faults])
                if "redis" in only:
                    faults.append(await steps.redis(url, work / "redis", quick))
                    record("faults", [f.as_dict() for f in faults])
        if "db" in only:
            faults.append(await steps.db(work / "db", quick))
            record("faults", [f.as_dict() for f in faults])
        if faults:
            print("\n## Faults\n" + table(faults))
        passed = [f.ok for f in faults]
        for name, step in (
            ("schema", steps.schema),
            ("isolation", steps.isolation),
            ("hardening", steps.hardening),
            ("wsfuzz", steps.wsfuzz),
            ("injection", steps.injection),
        ):
            if name in only:
                figures, ok = await step(work / name, quick)
                record(name, figures)
                passed.append(ok)
        if "load" in only:
            figures, ok = await steps.load(work / "load", quick)
            record("load", figures)
            passed.append(ok)
    record("ok", all(passed))
    print(f"\nwrote {RESULTS / 'chaos.json'}")
    return all(passed)


def merged(results: dict[str, Any]) -> dict[str, Any]:
    """This run's steps over the last run's file, so a partial run (`--only isolation`)
    keeps the other steps' figures; `ok` is this run's."""
    path = RESULTS / "chaos.json"
    earlier: dict[str, Any] = orjson.loads(path.read_bytes()) if path.exists() else {}
    merged = {**earlier, **results}
    if "faults" in results:  # fault by fault, too
        by_name = {f["name"]: f for f in [*earlier.get("faults", []), *results["faults"]]}
        merged["faults"] = list(by_name.values())
    if "ok" in results:
        merged["ok"] = all(f["ok"] for f in merged.get("faults", [])) and results["ok"]
    return {**merged, "steps_in_last_run": sorted(k for k in results if k != "ok")}


def cli() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.chaos", description=__doc__)
    parser.add_argument("--only", default=",".join(ALL), help=f"comma-separated: {ALL}")
    parser.add_argument("--quick", action="store_true", help="one crash, short runs")
    args = parser.parse_args()
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(only) - set(ALL)
    if unknown:
        parser.error(f"unknown step(s): {', '.join(sorted(unknown))}")
    sys.exit(0 if asyncio.run(main(only, args.quick)) else 1)


if __name__ == "__main__":
    cli()
