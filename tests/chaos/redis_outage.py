"""Redis outage: a private `redis-server` killed under load, then started again. Chats
go on meanwhile; rate limiting falls back to this instance's memory (a burst past the
limit still gets 429, and nothing 5xx); `/health/ready` names Redis (503, failing
["redis"]) until it is back."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx

from tests.chaos.audit import stored_tokens, summarise
from tests.chaos.report import FaultSummary
from tests.chaos.workload import make_workers, run_workers
from tests.servers import PamProcess, private_redis, server_env
from tests.tokens import auth

API_LIMIT = 40  # per user per minute on ordinary API routes, for the fallback probe


async def redis_outage_run(
    database_url: str,
    workdir: Path,
    *,
    clients: int = 4,
    outage_s: float = 6.0,
    warmup_s: float = 2.0,
) -> FaultSummary:
    with private_redis(workdir) as redis:
        env = server_env(
            database_url,
            workdir / "data",
            REDIS_URL=redis.url,
            RATE_LIMIT_API=f"{API_LIMIT}/minute",
        )
        server = PamProcess(env, workdir / "pam-redis-outage.log")
        await asyncio.to_thread(server.start)
        try:
            workers = make_workers(server.url, server.ws_url, clients, "redisdown")
            stop = asyncio.Event()
            load = asyncio.create_task(run_workers(workers, stop))
            await asyncio.sleep(warmup_s)
            ready_before = await _ready(server.url)
            redis.kill()
            down_at = time.monotonic()
            await asyncio.sleep(1.0)
            ready_during = await _ready(server.url)
            burst = await _burst(server.url, API_LIMIT + 10)
            await asyncio.sleep(max(0.0, outage_s - (time.monotonic() - down_at)))
            up_at = time.monotonic()
            await asyncio.to_thread(redis.start)
            ready_after = await _ready_within(server.url, 10.0)
            await asyncio.sleep(2.0)
            stop.set()
            await load
        finally:
            await asyncio.to_thread(server.stop)
    records = [r for w in workers for r in w.records]
    summary = summarise(
        "Redis outage", records, await asyncio.to_thread(stored_tokens, database_url)
    )
    during = [r for r in records if down_at <= r.started and r.ended <= up_at]
    summary.checks.update(
        ready_before=ready_before,
        ready_during=ready_during,
        ready_after=ready_after,
        turns_during_outage=len(during),
        turns_completed_during_outage=sum(r.outcome.kind == "completed" for r in during),
        rate_limit_burst_statuses={str(status): n for status, n in sorted(burst.items())},
        server_tracebacks_logged=server.tracebacks(),
    )
    summary.require(ready_before[0] == 200, "not ready before the outage")
    summary.require(ready_during == (503, ["redis"]), "/health/ready did not name Redis")
    summary.require(ready_after[0] == 200, "not ready again after Redis came back")
    summary.require(
        len(during) > 0 and all(r.outcome.kind == "completed" for r in during),
        "chats did not go on during the outage",
    )
    summary.require(
        burst[429] > 0 and set(burst) <= {200, 429}, "no per-instance rate limit (or a 5xx)"
    )
    summary.require(summary.failed_clear == 0, "a chat failed although only Redis was down")
    return summary.judge()


async def _ready(url: str) -> tuple[int, list[str]]:
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        response = await http.get("/health/ready")
    return response.status_code, list(response.json().get("failing", []))


async def _ready_within(url: str, limit_s: float) -> tuple[int, list[str]]:
    deadline = time.monotonic() + limit_s
    while True:
        status = await _ready(url)
        if status[0] == 200 or time.monotonic() > deadline:
            return status
        await asyncio.sleep(0.2)


async def _burst(url: str, count: int) -> Counter[int]:
    """One fresh user's requests past the API limit, while Redis is down."""
    headers = auth(f"burst-{uuid.uuid4().hex[:8]}")
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=10) as http:
        statuses = [(await http.get("/api/v1/you/tasks")).status_code for _ in range(count)]
    return Counter(statuses)
