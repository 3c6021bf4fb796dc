"""`pam serve --workers`: more than one worker deciding alone (PAM_COORDINATION=local)
refuses to start and names what is wrong; the default is one worker outside production,
every core in it, with or without Redis; without Redis the workers coordinate through
Postgres (tests/scale/test_workers.py runs them both ways)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from server.runs.coordinator import coordinator_kind
from server.settings import Settings
from server.workers import default_workers, refusal, worker_environment
from tests.servers import REPO, free_port


def test_more_than_one_worker_deciding_alone_refuses_to_start(migrated_url: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": migrated_url,
        "REDIS_URL": "",
        "PAM_COORDINATION": "local",
        "ENVIRONMENT": "test",
    }
    done = subprocess.run(
        [sys.executable, "-m", "server", "serve", "--workers", "2", "--port", str(free_port())],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "--workers 2 cannot run with PAM_COORDINATION=local" in done.stderr


def test_default_is_one_worker_in_development_and_every_core_in_production(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PAM_JWT_SECRET", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/pam")
    assert default_workers(Settings(environment="development")) == 1
    cores = len(os.sched_getaffinity(0))
    # Production's other rules (secrets, database) are not this test's subject.
    production = Settings.model_construct(environment="production", redis_url="redis://r:6379/0")
    assert default_workers(production) == cores
    # Without Redis too: the workers then coordinate through Postgres.
    alone = Settings.model_construct(
        environment="production", redis_url=None, pam_coordination="auto"
    )
    assert default_workers(alone) == cores


def test_workers_coordinate_through_redis_or_else_postgres() -> None:
    with_redis = Settings(redis_url="redis://127.0.0.1:6379/0")
    without = Settings(redis_url=None)
    assert worker_environment(with_redis) == {}
    assert coordinator_kind(with_redis) == "redis"
    assert worker_environment(without) == {"PAM_COORDINATION": "postgres"}
    assert coordinator_kind(without.model_copy(update={"pam_coordination": "postgres"})) == (
        "postgres"
    )
    # One process alone, unless told otherwise.
    assert coordinator_kind(without) == "local"
    chosen = Settings(redis_url=None, pam_coordination="postgres")
    assert worker_environment(chosen) == {}


def test_one_worker_needs_no_redis_and_zero_is_refused() -> None:
    settings = Settings(redis_url=None)
    assert refusal(1, settings) is None
    assert refusal(2, settings) is None
    assert refusal(2, Settings(redis_url="redis://127.0.0.1:6379/0")) is None
    assert "at least 1" in (refusal(0, settings) or "")


def test_redis_coordination_without_redis_is_a_settings_error() -> None:
    with pytest.raises(ValueError, match="PAM_COORDINATION=redis needs REDIS_URL"):
        Settings(redis_url=None, pam_coordination="redis")
