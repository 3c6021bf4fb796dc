"""Results do not depend on timing: the offline brain over the example dataset gives the
same turns run one at a time and four at a time, apart from latency and fresh row ids."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from evals.dataset import load_dataset
from evals.results import SuiteResult
from evals.runner import shares_rows
from evals.session import run_session

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _observed(suite: SuiteResult) -> list[str]:
    return [
        UUID.sub("<id>", repr((t.observed.route, t.observed.tools, t.observed.reply, t.score)))
        for run in suite.runs
        for t in run.turns
    ]


@pytest.mark.slow
async def test_concurrent_runs_give_the_same_results(
    repo_root: Path, migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", migrated_url)
    path = repo_root / "evals/datasets/smoke.jsonl"
    conversations = load_dataset(path)
    assert any(shares_rows(c) for c in conversations)  # both scheduling paths are used
    assert not all(shares_rows(c) for c in conversations)

    def run(concurrency: int) -> SuiteResult:
        return run_session(
            conversations, [str(path)], model_name="offline", repeat=2,
            concurrency=concurrency, scratch=True,
        )  # fmt: skip

    one, four = await asyncio.to_thread(run, 1), await asyncio.to_thread(run, 4)
    assert [r.conversation.id for r in one.runs] == [r.conversation.id for r in four.runs]
    assert _observed(one) == _observed(four)
