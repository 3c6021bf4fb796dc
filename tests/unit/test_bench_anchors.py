"""The report's anchors and the server's own share of a turn's CPU (bench/derive.py,
bench/report.py), and `langgraph dev` started with the jobs it is said to run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import launch
from bench.derive import own_share
from bench.report import markdown


def _load() -> dict[str, Any]:
    return {
        "c16": {
            "sse": {"turns_per_s": 30.0, "server_cpu_ms_per_turn": 30.0},
            "langgraph_dev": {"turns_per_s": 20.0, "server_cpu_ms_per_turn": 50.0},
            "runtime_pg": {"turns_per_s": 9.0, "server_cpu_ms_per_turn": None},
        }
    }


def test_own_share_is_server_cpu_less_the_graphs_and_over_it() -> None:
    load = _load()
    own_share(load, graph_cpu_ms=12.5)
    sse, lg = load["c16"]["sse"], load["c16"]["langgraph_dev"]
    assert (sse["own_cpu_ms_per_turn"], sse["own_vs_graph"]) == (17.5, 1.4)
    assert (lg["own_cpu_ms_per_turn"], lg["own_vs_graph"]) == (37.5, 3.0)
    assert "own_cpu_ms_per_turn" not in load["c16"]["runtime_pg"]  # no turns, no figure


def test_report_names_each_anchor_shows_the_share_and_says_what_was_skipped() -> None:
    load = _load()
    own_share(load, graph_cpu_ms=12.5)
    results = {
        "machine": {"started": "now", "cpus": 2, "load_before": 1, "load_after": 1},
        "params": {"reps": 1},
        "server_load": load,
        "skipped": {"runtime_pg": "needs Redis: set BENCH_REDIS_URL (or REDIS_URL)"},
    }
    text = markdown(results)
    assert "server's own ms/turn (× graph)" in text
    assert "| 16 | PAM SSE | 30.0 |" in text and "17.5 (1.4 ×)" in text
    assert "langgraph dev, 10 jobs (SDK)" in text
    assert "Skipped stock Agent Server on Postgres (SDK): needs Redis" in text


def test_langgraph_dev_is_told_its_jobs_per_worker_unless_asked_for_its_default() -> None:
    told = launch.langgraph_dev_argv(Path("langgraph.json"), launch.JOBS_PER_WORKER)
    assert told[-2:] == ["--n-jobs-per-worker", "10"]
    default = launch.langgraph_dev_argv(Path("langgraph.json"), None)
    assert "--n-jobs-per-worker" not in default
