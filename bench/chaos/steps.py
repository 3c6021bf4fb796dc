"""Each step of `python -m bench.chaos`: run it, print its figures, say if it passed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.chaos.crash import crash_run
from tests.chaos.db_outage import db_outage_run
from tests.chaos.hardening import HARDENING_ENV, as_rows, hardening_probes
from tests.chaos.hostile import hostile_replay
from tests.chaos.injection import injection_run
from tests.chaos.injection_report import summary
from tests.chaos.isolation import isolation_matrix
from tests.chaos.jwks import jwks_server, new_rsa_key
from tests.chaos.jwt_matrix import BOTH_ALGORITHMS, jwt_probes
from tests.chaos.probes import Probe, condensed, markdown
from tests.chaos.redis_outage import redis_outage_run
from tests.chaos.report import RESULTS, FaultSummary, write_json
from tests.chaos.schema_fuzz import run_schemathesis
from tests.chaos.two_instances import load_run
from tests.chaos.ws_fuzz import fuzz_ws
from tests.servers import pam_process as server
from tests.servers import private_postgres
from tests.tokens import token_for

SCHEMA_MIN_REQUESTS = 1000
FUZZ_ENV = {"RATE_LIMIT_WS_FRAMES": "120/minute"}  # the harness's default is unlimited


@contextmanager
def shared_postgres(directory: Path) -> Iterator[str]:
    """One private PostgreSQL for the steps that do not break the database itself."""
    directory.mkdir(parents=True)
    with private_postgres(directory) as pg:
        yield pg.url


def fresh(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return directory


async def crash(url: str, work: Path, quick: bool) -> FaultSummary:
    return await crash_run(url, fresh(work), cycles=1 if quick else 5, clients=4 if quick else 8)


async def redis(url: str, work: Path, quick: bool) -> FaultSummary:
    return await redis_outage_run(url, fresh(work), outage_s=3.0 if quick else 10.0)


async def db(work: Path, quick: bool) -> FaultSummary:
    return await db_outage_run(fresh(work), outage_s=10.0, clients=4 if quick else 8)


async def schema(work: Path, quick: bool) -> tuple[dict[str, Any], bool]:
    with shared_postgres(work) as url, server(url, work / "server") as pam:
        result = await asyncio.to_thread(
            run_schemathesis, pam.url, token_for("schemathesis"), max_examples=3 if quick else 8
        )
    figures = {
        "operations": result.operations,
        "requests_generated": result.generated,
        "failures": result.failures,
        "errors": result.errors,
        "exit_code": result.exit_code,
    }
    enough = quick or result.generated >= SCHEMA_MIN_REQUESTS
    print(f"\n## Schemathesis\n{figures}")
    if not result.ok:
        print(result.output_tail)
    return figures, result.ok and enough


async def isolation(work: Path, quick: bool = False) -> tuple[dict[str, Any], bool]:
    key = new_rsa_key()
    with (
        shared_postgres(work) as url,
        jwks_server(key) as jwks,
        server(url, work / "server", PAM_JWKS_URL=jwks, **BOTH_ALGORITHMS) as pam,
    ):
        probes, problems = await isolation_matrix(pam.url, pam.ws_url)
        probes += await jwt_probes(pam.url, pam.ws_url, "victim", key)
    passed = all(p.ok for p in probes) and not problems
    write_isolation_md(probes, problems)
    print(f"\n## Isolation: {sum(p.ok for p in probes)}/{len(probes)} as expected")
    for p in [p for p in probes if not p.ok]:
        print(f"FAILED {p}")
    for problem in problems:
        print(f"PROBLEM {problem}")
    figures = {"probes": len(probes), "as_expected": sum(p.ok for p in probes)}
    return {**figures, "problems": problems}, passed


def write_isolation_md(probes: list[Probe], problems: list[str]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "isolation.md").write_text(
        f"# Isolation matrix\n\n{sum(p.ok for p in probes)} of {len(probes)} probes as "
        f"expected (`make chaos`, written by tests/chaos/steps.py).\n\n{markdown(probes)}\n"
        + "".join(f"\nPROBLEM: {p}" for p in problems)
    )
    (RESULTS / "isolation-summary.md").write_text(condensed(probes) + "\n")


async def hardening(work: Path, quick: bool = False) -> tuple[dict[str, Any], bool]:
    """Issue 14's findings, probed against production mode with JWKS and "change-me"."""
    key = new_rsa_key()
    with (
        shared_postgres(work) as url,
        jwks_server(key) as jwks,
        server(url, work / "server", PAM_JWKS_URL=jwks, LOG_LEVEL="INFO", **HARDENING_ENV) as pam,
    ):
        probes = await hardening_probes(
            pam.url, pam.ws_url, key, lambda: pam.log.read_text(errors="replace")
        )
    print(f"\n## Hardening: {sum(p.ok for p in probes)}/{len(probes)} as expected")
    for p in probes:
        print(f"{'ok' if p.ok else 'FAILED'} {p.surface}: {p.tried} -> {p.got}")
    figures = {"probes": len(probes), "as_expected": sum(p.ok for p in probes)}
    return {**figures, "results": as_rows(probes)}, all(p.ok for p in probes)


async def load(work: Path, quick: bool) -> tuple[dict[str, Any], bool]:
    clients, seconds = (50, 10.0) if quick else (500, 60.0)
    figures = await load_run(fresh(work), clients=clients, duration_s=seconds)
    print(f"\n## WebSocket load\n{figures}")
    print(f"wrote {write_json('load.json', figures)}")
    return figures, bool(figures["ok"])


async def wsfuzz(work: Path, quick: bool) -> tuple[dict[str, Any], bool]:
    with shared_postgres(work) as url, server(url, work / "pam", **FUZZ_ENV) as pam:
        report = await fuzz_ws(pam.url, pam.ws_url, token_for, count=300 if quick else 3000)
        figures = {**report.as_dict(), "server_tracebacks": pam.tracebacks()}
    print(f"\n## WebSocket fuzzer\n{figures}")
    return figures, report.ok and figures["server_tracebacks"] == 0


async def injection(work: Path, quick: bool) -> tuple[dict[str, Any], bool]:
    subset: dict[str, Any] = {"prompts": 6, "sql": 4} if quick else {}  # else all of it
    no_weather = {"WEATHER_URL": "http://127.0.0.1:9/v1/forecast"}  # no network, ever
    runs = []
    with shared_postgres(work) as url, hostile_replay() as (hostile, replay_env):
        for model, env, source in (
            ("offline", {}, None),
            ("replay (hostile)", replay_env, hostile),
        ):
            with server(url, work / model.split()[0], **env, **no_weather) as pam:
                run = injection_run(pam.url, pam.ws_url, url, model=model, hostile=source, **subset)
                runs.append(await run)
    figures = summary(runs)
    print(f"\n## Injection corpus\n{figures}")
    return figures, bool(figures["ok"])
