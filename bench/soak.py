"""Benchmark 7: soak. N turns over many threads (each client starts a new thread every
TURNS_PER_THREAD turns), the three PAM protocols mixed; server memory after warm-up and
at the end, and how much the checkpoint tables grew per turn."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from bench.clients import MESSAGE, Client, make_client, varied
from bench.db import checkpoint_bytes
from bench.procs import Server
from bench.stats import ratio

TURNS_PER_THREAD = 20
WARMUP_SHARE = (
    0.2  # past the 1,000 ended runs the run table keeps (server/runs/manager.py RunTable)
)
PROTOCOLS = ("sse", "ws", "ap")


async def soak(server: Server, database_url: str, turns: int, concurrency: int) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    clients: list[Client] = [
        make_client(PROTOCOLS[i % len(PROTOCOLS)], server, f"soak-{tag}-{i}")
        for i in range(concurrency)
    ]
    await asyncio.gather(*(c.setup() for c in clients))
    warmup = max(1, int(turns * WARMUP_SHARE))
    done, errors = [0], [0]
    samples: dict[int, int] = {}
    marks = {warmup, *range(warmup, turns + 1, max(1, turns // 10))}
    bytes_before = checkpoint_bytes(database_url)

    async def user(client: Client) -> None:
        mine = 0
        while done[0] < turns:
            try:
                await client.turn(varied(MESSAGE, done[0]))
            except Exception:
                errors[0] += 1
                continue
            done[0] += 1
            mine += 1
            if done[0] in marks:
                samples[done[0]] = server.rss()
            if mine % TURNS_PER_THREAD == 0:
                await client.new_thread()

    try:
        await asyncio.gather(*(user(c) for c in clients))
    finally:
        await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
    end_rss = server.rss()
    warm_rss = samples.get(warmup, end_rss)
    grown = checkpoint_bytes(database_url) - bytes_before
    return {
        "turns": done[0],
        "errors": errors[0],
        "concurrency": concurrency,
        "threads": concurrency * (1 + done[0] // (concurrency * TURNS_PER_THREAD)),
        "rss_after_warmup_mb": round(warm_rss / 2**20, 1),
        "rss_end_mb": round(end_rss / 2**20, 1),
        "rss_growth_pct": round((end_rss - warm_rss) * 100 / warm_rss, 2) if warm_rss else None,
        "rss_samples_mb": {str(k): round(v / 2**20, 1) for k, v in sorted(samples.items())},
        "checkpoint_table_growth_mb": round(grown / 2**20, 2),
        "checkpoint_bytes_per_turn": ratio(grown, done[0], 0),
    }
