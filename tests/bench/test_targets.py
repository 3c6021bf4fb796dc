"""Issue 19's server-load targets, judged from a run's figures."""

from __future__ import annotations

from typing import Any

from bench.targets import targets


def _row(ratio: float, p99: float, own: float) -> dict[str, Any]:
    return {"ratio_vs_langgraph_dev": ratio, "p99_vs_langgraph_dev": p99, "own_vs_graph": own}


def _met(results: dict[str, Any]) -> dict[str, bool | None]:
    return {t["target"]: t["met"] for t in targets(results)}


def test_server_share_and_throughput_limits_differ_by_path() -> None:
    load = {
        "c16": {
            "sse": _row(2.3, 0.4, 0.55),
            "ws": _row(2.1, 0.4, 0.65),
            "ap": _row(1.9, 0.6, 1.15),
        }
    }
    met = _met({"server_load": load})
    assert met["sse turns/s vs langgraph dev, 16 clients"] is True
    assert met["ws turns/s vs langgraph dev, 16 clients"] is False  # 2.1 < 2.2
    assert met["ap turns/s vs langgraph dev, 16 clients"] is True  # the AP needs 1.8
    assert met["ap p99 vs langgraph dev, 16 clients"] is False  # p99 must be ≤ 0.5
    assert met["sse server's own CPU per turn × graph, 16 clients"] is True
    assert met["ws server's own CPU per turn × graph, 16 clients"] is False  # ≤ 0.6
    assert met["ap server's own CPU per turn × graph, 16 clients"] is True  # ≤ 1.2


def test_a_missing_figure_is_not_judged() -> None:
    met = _met({"server_load": {"c64": {"sse": {"ratio_vs_langgraph_dev": 2.5}}}})
    assert met["sse turns/s vs langgraph dev, 64 clients"] is True
    assert met["sse server's own CPU per turn × graph, 64 clients"] is None
