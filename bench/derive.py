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
    if all("served_thread" in r for r in runs):  # the graph alone on the load's threads
        threads = [r["served_thread"] for r in runs]
        merged["served_thread"] = {
            "turns_per_thread": threads[0]["turns_per_thread"],
            "cpu_ms_per_turn": summary([t["cpu_ms_per_turn"] for t in threads])["median"],
            "by_position_cpu_ms": {
                p: summary([t["by_position_cpu_ms"][p] for t in threads])["median"]
                for p in threads[0]["by_position_cpu_ms"]
            },
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
        if positions := (inproc.get("served_thread") or {}).get("by_position_cpu_ms"):
            own_share_on_thread(load, positions)
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


def graph_on_threads(positions: dict[str, float], turns_per_thread: float) -> float | None:
    """The graph alone's CPU per turn over threads of `turns_per_thread` measured turns
    (a load run's turns, late ones included, over its clients): each thread's first three
    turns at their positions' cost, the rest at a full window's ("4+")."""
    if turns_per_thread <= 0 or any(p not in positions for p in ("1", "2", "3", "4+")):
        return None
    weights = {str(n): min(max(turns_per_thread - (n - 1), 0.0), 1.0) for n in (1, 2, 3)}
    weights["4+"] = max(turns_per_thread - 3, 0.0)
    return sum(positions[p] * w for p, w in weights.items()) / turns_per_thread


def own_share_on_thread(load: dict[str, Any], positions: dict[str, float]) -> None:
    """Beside the issue's share (never in its place): each row's graph alone on the
    served thread shape (`graph_on_thread_cpu_ms_per_turn`, its threads as long as that
    run's were) and the server's own share against it (`own_on_thread_cpu_ms_per_turn`,
    `own_vs_graph_on_thread`)."""
    for key, rows in load.items():
        clients = int(key[1:])
        for row in rows.values():
            served, turns = row.get("server_cpu_ms_per_turn"), row.get("turns_incl_late")
            if served is None or not turns:
                continue
            graph = graph_on_threads(positions, turns / clients)
            if not graph:
                continue
            row["graph_on_thread_cpu_ms_per_turn"] = round(graph, 2)
            row["own_on_thread_cpu_ms_per_turn"] = round(served - graph, 2)
            row["own_vs_graph_on_thread"] = round((served - graph) / graph, 2)


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
