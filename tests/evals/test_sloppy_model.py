"""The eval suites against the sloppy model (evals/replay/sloppy.py) through the real
`openai:` path: no wrong write, no turn over the deadline, ≥ 0.90 of the conversations
correct or correctly declined, and every kind of mistake actually made."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.replay.sloppy import RATES
from evals.sloppy import DEFAULT_DATASETS, run_sloppy

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.mark.usefixtures("migrated_url")
def test_pam_copes_with_a_sloppy_model(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    result, _suite = run_sloppy(list(DEFAULT_DATASETS), deadline_s=4.0)
    assert result.conversations >= 300
    assert result.wrong_writes == [], result.wrong_writes
    assert result.over_deadline == [], result.over_deadline
    assert result.correct_or_declined >= 0.90, result.failures
    assert set(result.mistakes) == set(RATES), result.mistakes  # each mistake was made
    assert result.declined >= 1 and result.apologies >= result.declined


def test_the_datasets_are_the_eval_datasets() -> None:
    assert {p.name for p in DEFAULT_DATASETS} == {
        p.name for p in (Path(__file__).parents[2] / "evals" / "datasets").glob("*.jsonl")
    }
