"""The CI gate of issue 5: every dataset in evals/datasets runs through the eval runner with
the offline brain, against the test database server (a scratch database on it), and the
conversation pass rate must be at least 0.95. The summary and failures are printed; the
JSON and Markdown reports are written to a temporary folder (paths printed too).

The weather tool answers from the recorded forecast (evals/datasets/weather), served
locally by the runner, and trips use the great-circle estimate: nothing here needs the
network, and the result does not depend on the day the test runs.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from evals.dataset import load_datasets
from evals.metrics import document
from evals.publish import publish
from evals.results import SuiteResult
from evals.session import run_session
from evals.weather import RECORDED_FORECAST, forecast_url, serve_recorded_forecast

MIN_PASS = 0.95
MIN_CONVERSATIONS = 150
# Two at a time overlap the database round trips (results are the same as one at a time,
# tests/evals/test_determinism.py); latency figures are `make evals`' to report.
CONCURRENCY = 2


async def run_offline(
    files: list[Path], migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, SuiteResult]:
    """Every conversation of `files` through the offline brain, offline: how many
    conversations, and the result."""
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    for name in ("WEATHER_URL", "ROUTING_URL"):  # the recorded forecast, great-circle trips
        monkeypatch.delenv(name, raising=False)
    conversations = load_datasets(files)
    assert len(conversations) >= MIN_CONVERSATIONS
    suite = await asyncio.to_thread(
        run_session,
        conversations,
        [str(f) for f in files],
        model_name="offline",
        repeat=1,
        concurrency=CONCURRENCY,
        scratch=True,
    )
    return len(conversations), suite


@pytest.mark.slow
@pytest.mark.timeout(600)  # about two minutes on a loaded 2-core machine; see evals/README.md
async def test_the_offline_brain_passes_the_eval_datasets(
    repo_root: Path,
    migrated_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _count, suite = await run_offline(
        sorted((repo_root / "evals/datasets").glob("*.jsonl")), migrated_url, monkeypatch
    )
    json_path, report = tmp_path / "evals.json", tmp_path / "evals.md"
    rate = publish(suite, json_path, report)
    with capsys.disabled():
        print(f"\neval reports: {json_path} {report}")
        print(json.dumps(json.loads(json_path.read_text())["summary"], indent=2))
    assert rate >= MIN_PASS, f"conversation pass rate {rate:.3f} is under {MIN_PASS}"


def test_the_recorded_forecast_is_served_for_any_place_and_day() -> None:
    recorded = json.loads(RECORDED_FORECAST.read_text())
    with serve_recorded_forecast() as root:
        query: dict[str, str | float | int] = {
            "latitude": -23.44,
            "longitude": 144.25,
            "daily": "temperature_2m_max,temperature_2m_min,weather_code",
            "forecast_days": 3,
            "timezone": "auto",
        }
        plain = httpx.get(forecast_url(root), params=query).json()
        dated = httpx.get(forecast_url(root, start=date(2026, 3, 15)), params=query).json()
        bad = httpx.get(forecast_url(root), params={**query, "daily": "snowfall_sum"})
    assert (plain["latitude"], plain["longitude"]) == (-23.44, 144.25)
    assert plain["daily"]["time"] == recorded["daily"]["time"][:3]
    assert plain["daily"]["temperature_2m_max"] == recorded["daily"]["temperature_2m_max"][:3]
    assert set(plain["daily"]) == {"time", "temperature_2m_max", "temperature_2m_min",
                                   "weather_code"}  # fmt: skip
    assert dated["daily"]["time"] == ["2026-03-15", "2026-03-16", "2026-03-17"]
    assert dated["daily"]["weather_code"] == plain["daily"]["weather_code"]
    assert bad.status_code == 400


# Aggregates only: the held-out set is written blind and never read by whoever tunes the
# brain, so its conversations, ids and failures are not printed.
HELDOUT_FIGURES = (
    "conversations", "conversation_pass_rate", "route_accuracy", "tool_accuracy",
    "args_accuracy", "refusal_rate", "unrequested_writes",
)  # fmt: skip


@pytest.mark.slow
@pytest.mark.timeout(600)
async def test_the_held_out_set_is_reported(
    repo_root: Path,
    migrated_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Reported, not gated: the gate is the tuning set's; issue 15's targets for this set
    are in docs/brain-understanding.md."""
    count, suite = await run_offline(
        sorted((repo_root / "evals/heldout").glob("*.jsonl")), migrated_url, monkeypatch
    )
    summary = document(suite)["summary"]
    with capsys.disabled():
        print("\nheld-out set:", json.dumps({k: summary[k] for k in HELDOUT_FIGURES}))
    assert summary["conversations"] == count
    assert summary["turns"] >= count
