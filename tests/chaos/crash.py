"""Crash: SIGKILL `pam serve` mid-turn, again and again, under load; start it again on
the same database each time. Then: nothing acknowledged is lost, nothing is written
twice (retries after the crash included, and a deliberate re-send of answered
messages), every thread reads back and its checkpointed state loads."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from tests.chaos.audit import stored_tokens, summarise, threads_read_back
from tests.chaos.report import FaultSummary
from tests.chaos.workload import TurnRecord, Worker, make_workers, run_workers
from tests.servers import PamProcess, server_env


async def crash_run(
    database_url: str,
    workdir: Path,
    *,
    cycles: int = 5,
    clients: int = 6,
    gap_s: tuple[float, float] = (1.5, 3.0),
    settle_s: float = 3.0,
    seed: int = 9,
) -> FaultSummary:
    server = PamProcess(server_env(database_url, workdir / "data"), workdir / "pam-crash.log")
    await asyncio.to_thread(server.start)
    try:
        workers = make_workers(server.url, server.ws_url, clients, "crash")
        stop = asyncio.Event()
        load = asyncio.create_task(run_workers(workers, stop))
        in_flight: list[int] = []
        rng = random.Random(seed)
        for _ in range(cycles):
            await asyncio.sleep(rng.uniform(*gap_s))
            in_flight.append(sum(w.busy for w in workers))
            await asyncio.to_thread(server.kill)
            await asyncio.to_thread(server.start)
        await asyncio.sleep(settle_s)
        stop.set()
        await load
        resent = await _resend_answered(workers)
        records = [r for w in workers for r in w.records]
        summary = summarise("crash", records, await asyncio.to_thread(stored_tokens, database_url))
        threads, broken, problems = await threads_read_back(server.url, records)
    finally:
        await asyncio.to_thread(server.stop)
    summary.checks.update(
        kills=cycles,
        turns_in_flight_at_each_kill=in_flight,
        threads_read_back=threads,
        threads_unreadable=broken,
        thread_problems=problems[:5],
        answered_messages_resent=len(resent),
        resend_outcomes=sorted({o for o in resent}),
    )
    summary.require(all(n > 0 for n in in_flight), "a kill landed with no turn in flight")
    summary.require(broken == 0, f"{broken} thread(s) did not read back")
    return summary.judge()


async def _resend_answered(workers: list[Worker]) -> list[str]:
    """Re-send each worker's first answered message with its message_id; the audit's
    duplicate count then covers these too."""
    outcomes = []
    for worker in workers:
        answered: list[TurnRecord] = [r for r in worker.records if r.outcome.kind == "completed"]
        if answered:
            outcome = await worker.resend(answered[0])
            outcomes.append(outcome.kind if outcome.kind != "error" else f"error {outcome.code}")
    return outcomes
