"""The issues' targets, checked against one run's figures: measured ratio, limit, met.

Server load is judged by issue 19's targets (they replace issue 8's "3 × langgraph dev",
shown out of reach by the ceiling): the server's own CPU per turn over the graph's, and
turns/s and p99 against `langgraph dev` at 16 and more clients."""

from __future__ import annotations

from typing import Any

from bench.stats import ratio

PAM = ("sse", "ws", "ap")
# Issue 19: what the server may add to a turn beyond the graph's own CPU, and the
# throughput that gives against `langgraph dev`.
OWN_SHARE = {"sse": 0.6, "ws": 0.6, "ap": 1.2}
THROUGHPUT = {"sse": 2.2, "ws": 2.2, "ap": 1.8}


def _check(name: str, measured: float | None, limit: float, at_most: bool) -> dict[str, Any]:
    met = None if measured is None else (measured <= limit if at_most else measured >= limit)
    return {"target": name, "measured": measured, "limit": limit, "at_most": at_most, "met": met}


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    load = results.get("server_load") or {}
    keys = sorted(load, key=lambda k: int(k[1:]))
    for key in keys:
        c = int(key[1:])
        for p in PAM:
            row = load[key].get(p) or {}
            if c == 1:
                out.append(
                    _check(
                        f"{p} p50 vs langgraph dev, 1 client",
                        row.get("p50_vs_langgraph_dev"),
                        0.1,
                        True,
                    )
                )
            else:
                out.append(
                    _check(
                        f"{p} turns/s vs langgraph dev, {c} clients",
                        row.get("ratio_vs_langgraph_dev"),
                        THROUGHPUT[p],
                        False,
                    )
                )
                out.append(
                    _check(
                        f"{p} p99 vs langgraph dev, {c} clients",
                        row.get("p99_vs_langgraph_dev"),
                        0.5,
                        True,
                    )
                )
            out.append(
                _check(
                    f"{p} server's own CPU per turn × graph, {c} client{'s' if c > 1 else ''}",
                    row.get("own_vs_graph"),
                    OWN_SHARE[p],
                    True,
                )
            )
    inproc = (results.get("turn_cost") or {}).get("no_checkpointer", {}).get("p50_ms")
    if keys and inproc:
        one = load[keys[0]]
        for p in PAM:
            served = (one.get(p) or {}).get("p50_ms")
            out.append(
                _check(
                    f"{p} served turn vs in-process, no checkpointer",
                    ratio(served, inproc),
                    3.0,
                    True,
                )
            )
    flags = (results.get("turn_cost") or {}).get("flags") or {}
    if "evaluation_warm" in flags:
        # A turn's flags (the cold figure, a user's first run after a rule change, is
        # reported beside it in turn_cost.flags).
        out.append(
            _check(
                "flag evaluation per turn, p50 ms (issue 21)",
                flags["evaluation_warm"]["p50_ms"],
                0.1,
                True,
            )
        )
    long = results.get("long_thread") or {}
    if long:
        out.append(
            _check("long thread: last turn vs turn 10", long.get("ratio_last_vs_first"), 1.3, True)
        )
        out.append(
            _check(
                "long thread: checkpoint bytes, last turn vs turn 10",
                long.get("bytes_ratio_last_vs_first"),
                1.1,
                True,
            )
        )
    ttft = results.get("ttft") or {}
    for key, row in ttft.items():
        if isinstance(row, dict):
            out.append(
                _check(
                    f"time to first token vs model, {key}", row.get("ratio_vs_model"), 1.05, True
                )
            )
    idle = results.get("idle_ws") or {}
    if idle:
        out.append(
            _check(
                f"KiB per idle WebSocket at {idle.get('sockets')}",
                idle.get("kib_per_socket"),
                64.0,
                True,
            )
        )
    soak = results.get("soak") or {}
    if soak:
        out.append(
            _check("soak: RSS growth after warm-up, %", soak.get("rss_growth_pct"), 5.0, True)
        )
    return out
