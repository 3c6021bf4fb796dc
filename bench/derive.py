"""Figures across benchmarks: repetitions merged, a served turn in in-process turns and
in requests of the bare floor."""

from __future__ import annotations

from typing import Any

from bench.stats import ratio, summary


def merge_turn_costs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"turns": runs[0]["turns"], "reps": len(runs)}
    for kind in ("no_checkpointer", "postgres_checkpointer"):
        p50 = summary([r[kind]["p50_ms"] for r in runs])
        merged[kind] = {
            "p50_ms": p50["median"],
            "p50_spread": [p50["min"], p50["max"]],
            "p99_ms": summary([r[kind]["p99_ms"] for r in runs])["median"],
            "cpu_ms_per_turn": summary([r[kind]["cpu_ms_per_turn"] for r in runs])["median"],
        }
    merged["where"] = runs[len(runs) // 2]["where"]
    if all("flags" in r for r in runs):  # issue 21: a run start's flag evaluation
        merged["flags"] = runs[len(runs) // 2]["flags"]
    return merged


def derive(out: dict[str, Any]) -> None:
    """Cross-benchmark figures: a served turn in in-process turns and in floor requests."""
    load, inproc, floor = out.get("server_load"), out.get("turn_cost"), out.get("floor")
    if not load:
        return
    first, last = (
        sorted(load, key=lambda k: int(k[1:]))[0],
        sorted(load, key=lambda k: int(k[1:]))[-1],
    )
    derived: dict[str, Any] = {}
    for protocol in ("sse", "ws", "ap", "langgraph_dev"):
        row: dict[str, Any] = {}
        if inproc:
            base = inproc["no_checkpointer"]["p50_ms"]
            row["served_p50_vs_in_process"] = ratio(load[first][protocol]["p50_ms"], base)
        if floor:
            row[f"turn_in_floor_requests_{last}"] = ratio(
                floor["requests_per_s"], load[last][protocol]["turns_per_s"], 1
            )
        derived[protocol] = row
    if inproc:
        graph_cpu = inproc["no_checkpointer"]["cpu_ms_per_turn"]
        derived["ceiling"] = ceiling(load, graph_cpu)
        own_share(load, graph_cpu)
    out["derived"] = derived


def own_share(load: dict[str, Any], graph_cpu_ms: float) -> None:
    """Each row's `own_cpu_ms_per_turn`: what the server adds to a turn beyond the graph's
    own CPU (server CPU per turn − graph CPU per turn, in-process, no checkpointer), and
    `own_vs_graph`, that share over the graph's."""
    for rows in load.values():
        for row in rows.values():
            served = row.get("server_cpu_ms_per_turn")
            if served is None or not graph_cpu_ms:
                continue
            row["own_cpu_ms_per_turn"] = round(served - graph_cpu_ms, 2)
            row["own_vs_graph"] = round((served - graph_cpu_ms) / graph_cpu_ms, 2)


def ceiling(load: dict[str, Any], graph_cpu_ms: float) -> dict[str, Any]:
    """The turns/s ratio over `langgraph dev` that a server whose serving cost nothing
    would reach once the CPU is the limit: both servers run the same graph, so one
    turn costs at least the graph's own CPU time (in-process, no checkpointer)."""
    out: dict[str, Any] = {"graph_cpu_ms_per_turn": graph_cpu_ms}
    for key, rows in load.items():
        lg = (rows.get("langgraph_dev") or {}).get("server_cpu_ms_per_turn")
        out[f"{key}_langgraph_dev_cpu_ms_per_turn"] = lg
        out[f"{key}_max_ratio"] = ratio(lg, graph_cpu_ms)
    return out
