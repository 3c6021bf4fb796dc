"""Closed-loop load: C clients, each sending its next turn as soon as the last one ended,
for T seconds; with the server's resident memory sampled all along."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.clients import MESSAGE, Client, varied
from bench.procs import Server
from bench.stats import percentile

RSS_SAMPLE_S = 0.25
DRAIN_S = 60.0


@dataclass
class LoadRun:
    latencies_s: list[float] = field(default_factory=list)
    ttfts_s: list[float] = field(default_factory=list)
    errors: int = 0
    # Every turn started inside the window and finished, the late ones (ended while the
    # clients drain) included: the server's CPU is read after the drain, so it pays for
    # them too (at 64 clients a turn takes seconds, and dividing by the window's turns
    # alone would count up to a turn per client of CPU twice).
    finished: int = 0
    elapsed_s: float = 0.0
    peak_rss: int = 0
    server_cpu_s: float = 0.0

    def figures(self) -> dict[str, Any]:
        ms = [x * 1000 for x in self.latencies_s]
        ttft = [x * 1000 for x in self.ttfts_s]
        return {
            "turns": len(ms),
            "turns_per_s": round(len(ms) / self.elapsed_s, 2) if self.elapsed_s else 0.0,
            "p50_ms": round(percentile(ms, 0.5), 1),
            "p99_ms": round(percentile(ms, 0.99), 1),
            "ttft_p50_ms": round(percentile(ttft, 0.5), 1) if ttft else None,
            "ttft_p99_ms": round(percentile(ttft, 0.99), 1) if ttft else None,
            "errors": self.errors,
            "turns_incl_late": self.finished,
            "server_cpu_ms_per_turn": (
                round(self.server_cpu_s * 1000 / self.finished, 2) if self.finished else None
            ),
            "peak_rss_mb": round(self.peak_rss / 2**20, 1),
        }


async def _sample_rss(server: Server, run: LoadRun, stop: asyncio.Event) -> None:
    while not stop.is_set():
        run.peak_rss = max(run.peak_rss, server.rss())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), RSS_SAMPLE_S)


async def _user(client: Client, run: LoadRun, deadline: float, message: str) -> None:
    n = 0
    while time.perf_counter() < deadline:
        n += 1
        started = time.perf_counter()
        try:
            first = await client.turn(varied(message, n))
        except Exception:
            run.errors += 1
            await asyncio.sleep(0.05)  # a failing server is not hammered in a tight loop
            continue
        ended = time.perf_counter()
        run.finished += 1
        if ended <= deadline:
            run.latencies_s.append(ended - started)
            if first is not None:
                run.ttfts_s.append(first - started)


async def closed_loop(
    server: Server,
    make: Callable[[str], Client],
    concurrency: int,
    seconds: float,
    message: str = MESSAGE,
) -> LoadRun:
    """Set the clients up (a thread each, one warm turn), then measure for `seconds`."""
    tag = uuid.uuid4().hex[:8]
    clients = [make(f"bench-{tag}-{i}") for i in range(concurrency)]
    run = LoadRun()
    try:
        await asyncio.gather(*(c.setup() for c in clients))
        stop = asyncio.Event()
        sampler = asyncio.create_task(_sample_rss(server, run, stop))
        cpu_before = server.cpu_s()
        started = time.perf_counter()
        deadline = started + seconds
        users = [_user(c, run, deadline, message) for c in clients]
        try:
            await asyncio.wait_for(asyncio.gather(*users), seconds + DRAIN_S)
        finally:
            run.elapsed_s = min(time.perf_counter(), deadline) - started
            run.server_cpu_s = server.cpu_s() - cpu_before
            stop.set()
            await sampler
    finally:
        await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
    return run
