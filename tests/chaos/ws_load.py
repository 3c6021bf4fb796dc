"""Load: many WebSocket clients chatting at once against two `pam serve` instances
that share one PostgreSQL and one Redis. Each client is a user on a thread of its own,
sending a turn as soon as the last one is answered; a reply that never comes is lost.
Figures: turns, turns/s, p50/p99 latency, errors (error frames or broken sockets)."""

from __future__ import annotations

import asyncio
import resource
import statistics
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from tests.chaos.turns import Outcome, ws_turn
from tests.tokens import token_for

TURN_TIMEOUT_S = 180.0
MESSAGES = (
    "add an expense of {n} dollars for groceries described as {token}",
    "how much did I spend this week?",
    "add a task to check the tyre pressure {token}",
    "what's on my shopping list?",
)


@dataclass
class LoadTally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    sent: int = 0
    answered: int = 0
    lost: int = 0  # no reply and no error: the socket broke or the reply never came
    connect_failures: int = 0


def raise_fd_limit() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


async def _client(ws_base: str, index: int, until: float, tally: LoadTally) -> None:
    user = f"load-{uuid.uuid4().hex[:10]}"
    try:
        ws: ClientConnection = await connect(
            f"{ws_base}/api/v1/pam/ws?token={token_for(user)}", open_timeout=60, max_size=2**22
        )
    except Exception:
        tally.connect_failures += 1
        return
    thread_id: str | None = None
    n = 0
    try:
        await ws.recv()  # connected
        while time.monotonic() < until:
            token = f"load-{uuid.uuid4().hex[:12]}"
            message = MESSAGES[(index + n) % len(MESSAGES)].format(n=n % 50 + 3, token=token)
            n += 1
            tally.sent += 1
            outcome: Outcome = await ws_turn(ws, message, f"m-{token}", thread_id, TURN_TIMEOUT_S)
            if outcome.kind == "completed":
                tally.answered += 1
                tally.latencies.append(outcome.seconds)
                thread_id = outcome.thread_id
            elif outcome.kind == "error":
                tally.errors[str(outcome.code)] += 1
            else:
                tally.lost += 1
                return
    finally:
        await ws.close()


async def ws_load(
    ws_bases: list[str], *, clients: int = 500, duration_s: float = 60.0, ramp_s: float = 10.0
) -> dict[str, Any]:
    """Clients spread evenly over the instances; the clock starts once all have been
    launched (connections open over `ramp_s`, as users arrive)."""
    fd_limit = raise_fd_limit()
    tally = LoadTally()
    started = time.monotonic()
    until = started + ramp_s + duration_s
    tasks = []
    for i in range(clients):
        tasks.append(asyncio.create_task(_client(ws_bases[i % len(ws_bases)], i, until, tally)))
        await asyncio.sleep(ramp_s / clients)
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - started
    lat = sorted(tally.latencies)
    return {
        "clients": clients,
        "instances": len(ws_bases),
        "duration_s": round(elapsed, 1),
        "turns": tally.answered,
        "turns_per_s": round(tally.answered / elapsed, 2),
        "p50_s": round(statistics.median(lat), 3) if lat else None,
        "p99_s": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 3) if lat else None,
        "sent": tally.sent,
        "lost_replies": tally.lost,
        "errors": sum(tally.errors.values()) + tally.connect_failures,
        "error_kinds": dict(tally.errors),
        "connect_failures": tally.connect_failures,
        "fd_limit": fd_limit,
    }
