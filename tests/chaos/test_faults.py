"""The fault runs of `make chaos` (tests/chaos/test_full_runs.py), small: one crash,
short outages.

Each run drives real `pam serve` processes with real clients, then audits what the
clients were told against what the database holds (tests/chaos/audit.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.chaos.crash import crash_run
from tests.chaos.db_outage import db_outage_run
from tests.chaos.redis_outage import redis_outage_run
from tests.chaos.report import FaultSummary

pytestmark = pytest.mark.slow


def assert_survived(summary: FaultSummary) -> None:
    assert summary.failures == [], summary.as_dict()
    assert summary.attempted > 0
    assert summary.completed > 0
    assert summary.lost == 0
    assert summary.duplicated == 0
    assert summary.tracebacks_to_clients == 0


async def test_sigkill_mid_turn_loses_nothing_and_writes_nothing_twice(
    migrated_url: str, tmp_path: Path
) -> None:
    summary = await crash_run(migrated_url, tmp_path, cycles=1, clients=3, settle_s=2.0)
    assert_survived(summary)
    assert summary.checks["turns_in_flight_at_each_kill"][0] > 0
    assert summary.checks["answered_messages_resent"] > 0


@pytest.mark.redis
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
async def test_redis_killed_under_load_chats_go_on(migrated_url: str, tmp_path: Path) -> None:
    summary = await redis_outage_run(migrated_url, tmp_path, clients=2, outage_s=2.0)
    assert_survived(summary)
    assert summary.checks["ready_during"] == (503, ["redis"])
    assert summary.checks["turns_completed_during_outage"] > 0


async def test_database_stopped_under_load_gives_clear_errors_then_recovers(
    tmp_path: Path,
) -> None:
    summary = await db_outage_run(tmp_path, clients=2, outage_s=7.0, warmup_s=2.0, after_s=3.0)
    assert_survived(summary)
    assert summary.checks["ready_during"] == (503, ["database"])
    assert summary.failed_clear + summary.completed == summary.attempted
