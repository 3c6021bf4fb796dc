"""Database outage: a private embedded PostgreSQL stopped for 10 s under load, then
started again. Meanwhile clients get clear errors (503 / `error` frames, no
tracebacks; a chat sent a second in gets its 503 within the pool timeout) and
`/health/ready` names the database; afterwards turns complete again within seconds,
and nothing acknowledged is lost or written twice."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from tests.chaos.audit import stored_tokens, summarise, threads_read_back
from tests.chaos.report import FaultSummary
from tests.chaos.workload import TurnRecord, Worker, make_workers, run_workers
from tests.servers import PamProcess, PrivatePostgres, private_postgres, server_env
from tests.tokens import auth

RECOVERY_LIMIT_S = 10.0


async def db_outage_run(
    workdir: Path,
    *,
    clients: int = 6,
    outage_s: float = 10.0,
    warmup_s: float = 3.0,
    after_s: float = 8.0,
) -> FaultSummary:
    with private_postgres() as pg:
        env = server_env(pg.url, workdir / "data")
        server = PamProcess(env, workdir / "pam-db-outage.log")
        await asyncio.to_thread(server.start)
        try:
            return await _outage(server, pg, clients, outage_s, warmup_s, after_s)
        finally:
            await asyncio.to_thread(server.stop)


async def _outage(
    server: PamProcess,
    pg: PrivatePostgres,
    clients: int,
    outage_s: float,
    warmup_s: float,
    after_s: float,
) -> FaultSummary:
    workers = make_workers(server.url, server.ws_url, clients, "dbdown")
    stop = asyncio.Event()
    load = asyncio.create_task(run_workers(workers, stop))
    await asyncio.sleep(warmup_s)
    down_at = time.monotonic()
    await asyncio.to_thread(pg.stop)
    await asyncio.sleep(1.0)
    ready_during = await _ready(server.url)
    chat_during = await _chat_probe(server.url)
    await asyncio.sleep(max(0.0, outage_s - (time.monotonic() - down_at)))
    await asyncio.to_thread(pg.start)
    up_at = time.monotonic()
    ready_after_s = await _seconds_until_ready(server.url, RECOVERY_LIMIT_S * 3)
    await asyncio.sleep(after_s)
    stop.set()
    await load
    records = [r for w in workers for r in w.records]
    summary = summarise("database outage", records, await asyncio.to_thread(stored_tokens, pg.url))
    threads, broken, problems = await threads_read_back(server.url, records)
    recovered = _first_completion_after(workers, up_at)
    # Turns that ended while the database was down (a second in, so that nothing
    # finished just before the stop counts): each must have been a clear error.
    during = [r for r in records if down_at + 1.0 <= r.ended <= up_at]
    summary.checks.update(
        outage_s=round(up_at - down_at, 1),
        ready_during=ready_during,
        chat_during=chat_during,
        ready_again_after_s=ready_after_s,
        first_turn_completed_after_restart_s=recovered,
        turns_during_outage=len(during),
        outcomes_during_outage=sorted({_described(r) for r in during}),
        threads_read_back=threads,
        threads_unreadable=broken,
        thread_problems=problems[:5],
        server_tracebacks_logged=server.tracebacks(),
    )
    summary.require(ready_during == (503, ["database"]), "/health/ready did not name the database")
    summary.require(
        chat_during[:2] == (503, "unavailable") and chat_during[2] < outage_s - 1,
        "a chat during the outage did not get a prompt 503",
    )
    summary.require(
        all(r.outcome.kind == "error" for r in during), "a turn ended without a clear error"
    )
    summary.require(
        recovered is not None and recovered <= RECOVERY_LIMIT_S, "no recovery within 10 s"
    )
    summary.require(broken == 0, f"{broken} thread(s) did not read back")
    return summary.judge()


async def _ready(url: str) -> tuple[int, list[str]]:
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        response = await http.get("/health/ready")
    return response.status_code, list(response.json().get("failing", []))


async def _chat_probe(url: str) -> tuple[int, str, float]:
    """(status, code, seconds) of one chat sent while the database is down."""
    started = time.monotonic()
    async with httpx.AsyncClient(base_url=url, headers=auth("outage-probe"), timeout=30) as http:
        response = await http.post("/api/v1/pam/chat", json={"message": "hello"})
    code = str(response.json().get("code", "")) if response.status_code != 200 else ""
    return response.status_code, code, round(time.monotonic() - started, 2)


async def _seconds_until_ready(url: str, limit_s: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        try:
            if (await _ready(url))[0] == 200:
                return round(time.monotonic() - started, 2)
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.2)
    return None


def _described(record: TurnRecord) -> str:
    return f"{record.outcome.kind} {record.outcome.code or ''}".strip()


def _first_completion_after(workers: list[Worker], since: float) -> float | None:
    done = [
        r.ended - since
        for w in workers
        for r in w.records
        if r.outcome.kind == "completed" and r.ended > since
    ]
    return round(min(done), 2) if done else None
