"""`make chaos`: every fault, attack and load at full size, each against fresh `pam serve`
processes on private, temporary PostgreSQL and Redis servers (`pytest -m chaos`; one run
alone with `make chaos CHAOS_ARGS="-k isolation"`).

Each run records its figures in bench/results/chaos.json (tests/chaos/conftest.py), then
asserts its pass criteria. The small versions of the same runs are in `make test`
(tests/chaos/test_faults.py, tests/security)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evals.weather import forecast_url, serve_recorded_forecast
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
from tests.chaos.report import RESULTS, ChaosReport, FaultSummary, write_json
from tests.chaos.schema_fuzz import run_schemathesis
from tests.chaos.two_instances import load_run
from tests.chaos.ws_fuzz import fuzz_ws
from tests.servers import pam_process, private_postgres
from tests.tokens import token_for

pytestmark = [pytest.mark.chaos, pytest.mark.timeout(1800)]

SCHEMA_MIN_REQUESTS = 1000
FUZZ_ENV = {"RATE_LIMIT_WS_FRAMES": "120/minute"}  # the harness's default is unlimited
NO_WEATHER = {"WEATHER_URL": "http://127.0.0.1:9/v1/forecast"}  # no network, ever
needs_redis_server = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server"
)


@pytest.fixture(scope="module")
def shared_postgres() -> Iterator[str]:
    """One private PostgreSQL for the fault runs that do not break the database itself."""
    with private_postgres() as pg:
        yield pg.url


def judged(report: ChaosReport, summary: FaultSummary) -> FaultSummary:
    report.fault(summary)
    return summary


async def test_crash(shared_postgres: str, tmp_path: Path, chaos_report: ChaosReport) -> None:
    """SIGKILL mid-turn, 5 times with 8 turns in flight: nothing lost or written twice."""
    summary = judged(chaos_report, await crash_run(shared_postgres, tmp_path, cycles=5, clients=8))
    assert summary.failures == [], summary.as_dict()


@needs_redis_server
async def test_redis_outage(
    shared_postgres: str, tmp_path: Path, chaos_report: ChaosReport
) -> None:
    summary = judged(chaos_report, await redis_outage_run(shared_postgres, tmp_path, outage_s=10.0))
    assert summary.failures == [], summary.as_dict()


async def test_database_outage(tmp_path: Path, chaos_report: ChaosReport) -> None:
    summary = judged(chaos_report, await db_outage_run(tmp_path, outage_s=10.0, clients=8))
    assert summary.failures == [], summary.as_dict()


async def test_schemathesis(tmp_path: Path, chaos_report: ChaosReport) -> None:
    # No internet here: the weather route answers from the recorded forecast (as in the
    # evals and the small sweep), so an unreachable forecast service's 503 is not the
    # server's own.
    today = datetime.now(UTC).date()
    with (
        serve_recorded_forecast() as forecast,
        private_postgres() as pg,
        pam_process(pg.url, tmp_path / "server", WEATHER_URL=forecast_url(forecast, today)) as pam,
    ):
        result = await asyncio.to_thread(
            run_schemathesis, pam.url, token_for("schemathesis"), max_examples=8
        )
    figures = {
        "operations": result.operations,
        "requests_generated": result.generated,
        "failures": result.failures,
        "errors": result.errors,
        "exit_code": result.exit_code,
    }
    enough = result.generated >= SCHEMA_MIN_REQUESTS
    chaos_report.record("schema", figures, result.ok and enough)
    assert result.ok, result.output_tail
    assert enough, figures


async def test_isolation_matrix(tmp_path: Path, chaos_report: ChaosReport) -> None:
    key = new_rsa_key()
    with (
        private_postgres() as pg,
        jwks_server(key) as jwks,
        pam_process(pg.url, tmp_path / "server", PAM_JWKS_URL=jwks, **BOTH_ALGORITHMS) as pam,
    ):
        probes, problems = await isolation_matrix(pam.url, pam.ws_url)
        probes += await jwt_probes(pam.url, pam.ws_url, "victim", key)
    write_isolation_md(probes, problems)
    figures = {"probes": len(probes), "as_expected": sum(p.ok for p in probes)}
    passed = all(p.ok for p in probes) and not problems
    chaos_report.record("isolation", {**figures, "problems": problems}, passed)
    assert problems == []
    assert [p for p in probes if not p.ok] == []


def write_isolation_md(probes: list[Probe], problems: list[str]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "isolation.md").write_text(
        f"# Isolation matrix\n\n{sum(p.ok for p in probes)} of {len(probes)} probes as "
        f"expected (`make chaos`, written by tests/chaos/test_full_runs.py).\n\n"
        f"{markdown(probes)}\n" + "".join(f"\nPROBLEM: {p}" for p in problems)
    )
    (RESULTS / "isolation-summary.md").write_text(condensed(probes) + "\n")


async def test_hardening(tmp_path: Path, chaos_report: ChaosReport) -> None:
    """Issue 14's findings, probed against production mode with JWKS and "change-me"."""
    key = new_rsa_key()
    env = {"LOG_LEVEL": "INFO", **HARDENING_ENV}
    with (
        private_postgres() as pg,
        jwks_server(key) as jwks,
        pam_process(pg.url, tmp_path / "server", PAM_JWKS_URL=jwks, **env) as pam,
    ):
        probes = await hardening_probes(
            pam.url, pam.ws_url, key, lambda: pam.log.read_text(errors="replace")
        )
    figures = {"probes": len(probes), "as_expected": sum(p.ok for p in probes)}
    chaos_report.record(
        "hardening", {**figures, "results": as_rows(probes)}, all(p.ok for p in probes)
    )
    assert [p for p in probes if not p.ok] == []


async def test_websocket_fuzzer(tmp_path: Path, chaos_report: ChaosReport) -> None:
    with (
        private_postgres() as pg,
        pam_process(pg.url, tmp_path / "pam", **FUZZ_ENV) as pam,
    ):
        report = await fuzz_ws(pam.url, pam.ws_url, token_for, count=3000)
        figures = {**report.as_dict(), "server_tracebacks": pam.tracebacks()}
    chaos_report.record("wsfuzz", figures, report.ok and figures["server_tracebacks"] == 0)
    assert report.ok, figures
    assert figures["server_tracebacks"] == 0


async def test_injection_corpus(tmp_path: Path, chaos_report: ChaosReport) -> None:
    """The whole corpus, with the offline brain and with the hostile replay model."""
    runs = []
    with private_postgres() as pg, hostile_replay() as (hostile, replay_env):
        for model, env, source in (
            ("offline", {}, None),
            ("replay (hostile)", replay_env, hostile),
        ):
            with pam_process(pg.url, tmp_path / model.split()[0], **env, **NO_WEATHER) as pam:
                runs.append(
                    await injection_run(pam.url, pam.ws_url, pg.url, model=model, hostile=source)
                )
    figures = summary(runs)
    chaos_report.record("injection", figures, bool(figures["ok"]))
    assert figures["ok"], figures


@needs_redis_server
async def test_websocket_load(tmp_path: Path, chaos_report: ChaosReport) -> None:
    """500 WebSocket clients for 60 s on two instances sharing Postgres and Redis."""
    figures = await load_run(tmp_path, clients=500, duration_s=60.0)
    write_json("load.json", figures)
    chaos_report.record("load", figures, bool(figures["ok"]))
    assert figures["ok"], figures
