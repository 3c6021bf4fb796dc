"""`python -m bench.http_path` end to end for a second, with this tree as its own baseline
(the `after` side on h11 through `--env`): the harness must start both servers, drive
them and write every row it promises (the figures belong to a real run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.servers import REPO

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def test_writes_both_trees_for_every_client_count(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "bench.http_path", "--baseline", str(REPO)]
    argv += ["--rounds", "1", "--seconds", "1", "--concurrency", "1,4", "--out", str(tmp_path)]
    argv += ["--env", "after:HTTP_PROTOCOL=h11"]
    done = subprocess.run(
        argv, cwd=REPO, env=os.environ.copy(), capture_output=True, text=True, timeout=280
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    data = orjson.loads((tmp_path / "http-path.json").read_bytes())
    assert data["params"]["env"]["after"] == {"HTTP_PROTOCOL": "h11"}
    assert set(data["rows"]) == {"c1", "c4"}
    for row in data["rows"].values():
        for tree in ("before", "after"):
            assert row[tree]["requests_per_s"] > 0
            assert row[tree]["server_cpu_us_per_request"] > 0
        assert row["server_cpu_us_per_request_after_over_before"] > 0
    markdown = (tmp_path / "http-path.md").read_text()
    assert "\n| 1 |" in markdown and "\n| 4 |" in markdown
