"""Schemathesis over the live server's /openapi.json (the sweep `make chaos` runs with
more examples): no 5xx, and every response matches the documented schema."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evals.weather import forecast_url, serve_recorded_forecast
from tests.chaos.schema_fuzz import run_schemathesis
from tests.servers import pam_process
from tests.tokens import token_for

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]


async def test_generated_requests_get_no_5xx_and_conform(migrated_url: str, tmp_path: Path) -> None:
    # No internet here: the weather route answers from the recorded forecast, as in the
    # evals, so a 503 for an unreachable forecast service is not counted as the server's.
    today = datetime.now(UTC).date()
    with (
        serve_recorded_forecast() as forecast,
        pam_process(migrated_url, tmp_path, WEATHER_URL=forecast_url(forecast, today)) as pam,
    ):
        result = await asyncio.to_thread(
            run_schemathesis,
            pam.url,
            token_for("schemathesis-smoke"),
            max_examples=6,
            phases="fuzzing",
            timeout_s=300,
        )
    assert result.ok, result.output_tail
    assert result.operations >= 60
    assert result.generated >= 300
