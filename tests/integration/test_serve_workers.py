"""`pam serve --workers`: more than one worker without REDIS_URL refuses to start and
names what is missing; the default is one worker outside production (or without Redis),
every core in it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from server.settings import Settings
from server.workers import default_workers, refusal
from tests.servers import REPO, free_port


def test_more_than_one_worker_without_redis_refuses_to_start(migrated_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": migrated_url, "REDIS_URL": "", "ENVIRONMENT": "test"}
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
    assert "--workers 2 needs REDIS_URL" in done.stderr


def test_default_is_one_worker_in_development_and_every_core_in_production_with_redis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PAM_JWT_SECRET", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/pam")
    assert default_workers(Settings(environment="development")) == 1
    cores = len(os.sched_getaffinity(0))
    # Production's other rules (secrets, database) are not this test's subject.
    production = Settings.model_construct(environment="production", redis_url="redis://r:6379/0")
    assert default_workers(production) == cores
    # Without Redis the workers could share nothing: one, so production still starts.
    alone = Settings.model_construct(environment="production", redis_url=None)
    assert default_workers(alone) == 1


def test_one_worker_needs_no_redis_and_zero_is_refused() -> None:
    settings = Settings(redis_url=None)
    assert refusal(1, settings) is None
    assert refusal(2, Settings(redis_url="redis://127.0.0.1:6379/0")) is None
    assert "at least 1" in (refusal(0, settings) or "")
