"""Benchmark 2: PAM (SSE, WebSocket, Agent Protocol) against the anchors (`langgraph dev`
with 10 jobs per worker and with its default of 1, the stock Agent Server on Postgres),
same graph, same model, C concurrent clients for T seconds; repeated, interleaved, so
every server sees the same machine at the same moments. Ratios are over `langgraph dev`
with 10 jobs per worker."""

from __future__ import annotations

from typing import Any

from bench.clients import make_client
from bench.load import closed_loop
from bench.procs import Server
from bench.stats import aggregate_runs, ratio

PAM_PROTOCOLS = ("sse", "ws", "ap")
FIGURES = (
    "turns_per_s",
    "p50_ms",
    "p99_ms",
    "errors",
    "peak_rss_mb",
    "server_cpu_ms_per_turn",
    # the turns the server's CPU is divided by: over the clients, how long a thread ran
    "turns_incl_late",
)


# Every server meets its first measured window warm, as a long-running one is: its
# imports done and the brain's per-text caches filled by the load's message variants (the
# graph-alone figure the shares divide by is measured warm too, bench/turn_cost.py). A
# fresh process's first window cost 1.13-1.21x its next (bench/README.md, eleventh round).
WARM_SECONDS = 10.0

BASE = "langgraph_dev"
# Every anchor speaks the Agent Protocol without sign-in, as `langgraph dev` does.
ANCHOR_CLIENT = "langgraph_dev"


async def one(server: Server, protocol: str, concurrency: int, seconds: float) -> dict[str, Any]:
    kind = protocol if protocol in PAM_PROTOCOLS else ANCHOR_CLIENT
    run = await closed_loop(server, lambda u: make_client(kind, server, u), concurrency, seconds)
    return run.figures()


def _aggregate(reps: list[dict[str, Any]]) -> dict[str, Any]:
    return aggregate_runs(reps, FIGURES) | {"reps": len(reps)}


async def server_load(
    pam: Server, anchors: dict[str, Server], concurrencies: list[int], seconds: float, reps: int
) -> dict[str, Any]:
    """{"c1": {"sse": {...}, "ws": ..., "ap": ..., "langgraph_dev": ..., <anchor>: ...}, ...};
    `anchors` holds "langgraph_dev" and any of "langgraph_dev_default", "runtime_pg"."""
    raw: dict[int, dict[str, list[dict[str, Any]]]] = {c: {} for c in concurrencies}
    warm = min(WARM_SECONDS, seconds)
    for protocol in PAM_PROTOCOLS:
        await one(pam, protocol, 1, warm)
    for name, anchor in anchors.items():
        await one(anchor, name, 1, warm)
    for _ in range(reps):
        for c in concurrencies:
            for protocol in PAM_PROTOCOLS:
                raw[c].setdefault(protocol, []).append(await one(pam, protocol, c, seconds))
            for name, anchor in anchors.items():
                raw[c].setdefault(name, []).append(await one(anchor, name, c, seconds))
    result: dict[str, Any] = {}
    for c, by_protocol in raw.items():
        table = {p: _aggregate(reps_) for p, reps_ in by_protocol.items()}
        base = table[BASE]
        for p in [*PAM_PROTOCOLS, *(a for a in anchors if a != BASE)]:
            row = table[p]
            row["ratio_vs_langgraph_dev"] = ratio(row["turns_per_s"], base["turns_per_s"])
            # Per repetition, so the spread of the ratio is the spread of paired runs.
            paired = [
                ratio(a["turns_per_s"], b["turns_per_s"])
                for a, b in zip(by_protocol[p], by_protocol[BASE], strict=True)
            ]
            known = [x for x in paired if x is not None]
            row["ratio_vs_langgraph_dev_spread"] = [min(known), max(known)] if known else None
            row["p50_vs_langgraph_dev"] = ratio(row["p50_ms"], base["p50_ms"], 3)
            row["p99_vs_langgraph_dev"] = ratio(row["p99_ms"], base["p99_ms"], 3)
        result[f"c{c}"] = table
    return result
