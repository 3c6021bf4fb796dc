"""`python -m bench.ap_before_after` end to end for a second, with this tree as its own
baseline: the harness must keep starting both servers and writing every row it promises
(the figures themselves belong to a real run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.servers import REPO

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def test_writes_both_trees_for_every_path(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "bench.ap_before_after", "--baseline", str(REPO)]
    argv += ["--rounds", "1", "--seconds", "1", "--concurrency", "1", "--out", str(tmp_path)]
    argv += ["--paths", "ap,values,sse,ws", "--graph-turns", "5"]
    done = subprocess.run(
        argv, cwd=REPO, env=os.environ.copy(), capture_output=True, text=True, timeout=280
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    data = orjson.loads((tmp_path / "ap-before-after.json").read_bytes())
    paths = ("ap", "values", "sse", "ws")
    assert set(data["rows"]) == {f"{p}/c1" for p in paths}
    assert data["graph_cpu_ms_per_turn"] > 0  # the graph alone, for the server's own share
    for row in data["rows"].values():
        for tree in ("before", "after"):
            assert row[tree]["turns"] > 0
            assert row[tree]["errors"] == 0
            assert row[tree]["server_cpu_ms_per_turn"] > 0
            assert "own_vs_graph" in row[tree]
        assert row["server_cpu_ms_per_turn_after_over_before"] > 0
    markdown = (tmp_path / "ap-before-after.md").read_text()
    assert markdown.count("\n| values |") == 2  # the own-share table and the figures
    assert markdown.count("\n| sse |") == 2
