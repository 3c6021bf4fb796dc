"""Following a run that another instance executes: its Redis Stream replayed into a
local Run object, so that joins, waits, Last-Event-ID resumes and chat retries work the
same on every instance. The object is marked `remote`: cancelling it asks the owner.
"""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

import redis.asyncio as aioredis
import structlog

from server.runs.codec import events_key, head_key, read_end, read_event
from server.runs.locks import REDIS_ERRORS
from server.runs.run import ENDED, Run, RunStatus
from server.runs.store import LOST

log = structlog.get_logger("pam.runs")

BLOCK_MS = 1000  # between two checks that the owner is still alive
BATCH = 500
UNFOLLOWED = "The server running this turn stopped before it finished."


async def attach(redis: aioredis.Redis, run_id: str) -> Run | None:
    """A follower of the run, or None when no instance has announced it (or Redis is down)."""
    try:
        head: dict[bytes, bytes] = await redis.hgetall(head_key(run_id))  # type: ignore[assignment]
    except REDIS_ERRORS:
        return None
    if not head or b"thread_id" not in head:
        return None
    run = Run(
        run_id=run_id,
        thread_id=head[b"thread_id"].decode(),
        user_id=UUID(head[b"user_id"].decode()),
        metadata={},
        on_disconnect="continue",
        message_id=head.get(b"message_id", b"").decode() or None,
    )
    run.remote = True
    run.extras = {k[2:].decode(): v.decode() for k, v in head.items() if k.startswith(b"x:")}
    run.set_status("running")
    run.task = asyncio.create_task(follow(redis, run), name=f"follow-{run_id}")
    return run


async def follow(redis: aioredis.Redis, run: Run) -> None:
    key, last = events_key(run.run_id), "0-0"
    try:
        while True:
            found: Any = await redis.xread({key: last}, count=BATCH, block=BLOCK_MS)
            if not found:
                if not await redis.exists(head_key(run.run_id)):  # its owner died
                    run.end("error", LOST)
                    return
                continue
            for entry_id, fields in found[0][1]:
                last = entry_id
                if b"end" in fields:
                    finish(run, *read_end(fields))
                    return
                run.log.replay(read_event(fields))
    except REDIS_ERRORS as exc:
        log.warning("lost the run's shared events", run_id=run.run_id, error=str(exc))
        run.end("error", UNFOLLOWED)
    except asyncio.CancelledError:
        run.end("cancelled")  # this instance is shutting down; the run itself goes on


def finish(run: Run, status: str, error: str | None, outcome: dict[str, Any]) -> None:
    """End a follower as its run ended in its own process."""
    run.values = dict(outcome.get("values") or {})
    run.interrupts = list(outcome.get("interrupts") or [])
    run.result = outcome.get("result")
    ended: RunStatus = status if status in ENDED else "error"  # type: ignore[assignment]
    run.end(ended, error)
