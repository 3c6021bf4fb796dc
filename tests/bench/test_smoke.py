"""`python -m bench --smoke`: every benchmark for a few seconds, so the harness cannot
rot. Checks that the run finished and wrote every figure the report promises — not the
figures' values, which belong to a quiet machine and `make bench`."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import orjson
import pytest

from bench.params import BENCHMARKS
from tests.servers import REPO

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
PROTOCOLS = ("sse", "ws", "ap", "langgraph_dev")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--out", str(out)],
        cwd=REPO,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    markdown = (out / "latest.md").read_text()
    data: dict[str, Any] = orjson.loads((out / "latest.json").read_bytes())
    return {"json": data, "md": markdown}


def test_every_benchmark_reports(report: dict[str, Any]) -> None:
    data = report["json"]
    assert set(BENCHMARKS) <= set(data)
    assert data["params"]["reps"] == 1
    assert data["machine"]["cpus"] == os.cpu_count()


def test_server_load_has_each_protocol_at_each_concurrency(report: dict[str, Any]) -> None:
    load = report["json"]["server_load"]
    for c in report["json"]["params"]["concurrencies"]:
        for protocol in PROTOCOLS:
            row = load[f"c{c}"][protocol]
            assert row["turns_per_s"] > 0, (c, protocol, row)
            assert row["errors"] == 0, (c, protocol, row)
            assert row["p50_ms"] <= row["p99_ms"]
            if protocol != "langgraph_dev":
                assert row["ratio_vs_langgraph_dev"] > 0


def test_other_benchmarks_measured_something(report: dict[str, Any]) -> None:
    data = report["json"]
    assert data["turn_cost"]["no_checkpointer"]["p50_ms"] > 0
    assert data["turn_cost"]["postgres_checkpointer"]["p50_ms"] > 0
    graph_cpu = data["turn_cost"]["no_checkpointer"]["cpu_ms_per_turn"]
    for where in data["turn_cost"]["where"].values():  # every sampled ms in one part
        parts = sum(p["ms"] for p in where["parts"].values())
        assert parts == pytest.approx(where["cpu_ms_per_turn"], rel=0.01, abs=0.05)
        assert where["round_trips_per_turn"] > 0
    assert 0 < graph_cpu <= data["turn_cost"]["no_checkpointer"]["p50_ms"] * 2
    ceiling = data["derived"]["ceiling"]
    assert ceiling["graph_cpu_ms_per_turn"] == graph_cpu
    for c in data["params"]["concurrencies"]:
        lg_cpu = data["server_load"][f"c{c}"]["langgraph_dev"]["server_cpu_ms_per_turn"]
        assert ceiling[f"c{c}_max_ratio"] == round(lg_cpu / graph_cpu, 2)
    assert data["floor"]["requests_per_s"] > 0
    assert data["ttft"]["c1_ws"]["ttft_p50_ms"] >= data["ttft"]["model_first_token_ms"]
    assert 0 < data["ttft"]["c1_ws"]["server_cpu_busy"] <= 1.5  # one worker: about a core
    assert data["idle_ws"]["sockets"] == data["params"]["idle_sockets"]
    assert data["long_thread"]["ratio_last_vs_first"] > 0
    assert data["soak"]["errors"] == 0
    assert data["soak"]["turns"] >= data["params"]["soak_turns"]


def test_markdown_states_each_target(report: dict[str, Any]) -> None:
    targets = report["json"]["targets"]
    assert len(targets) >= 15
    assert all(isinstance(t["met"], bool) for t in targets)
    for t in targets:
        assert t["target"] in report["md"]
    assert "ratio vs langgraph dev" in report["md"]
    assert "## Ceiling" in report["md"]
