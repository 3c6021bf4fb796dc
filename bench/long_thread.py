"""Benchmark 6: long threads. Threads driven to 1,000 turns through the server's graph
(Postgres checkpoints, the run executor's durability); turn cost near turns 10, 100, 300
and 1,000, and the checkpoint bytes each of those turns added.

Several threads advance in lockstep (one turn each, in turn), so a noisy moment of the
machine lands on all of them alike; the figures are medians across the threads.
"""

from __future__ import annotations

import statistics
import time
import uuid
from typing import Any

from agent.brain import OfflineBrain
from agent.context import Context
from bench.clients import MESSAGE, varied
from bench.db import CHECKPOINT_TABLES
from bench.stats import ratio, summary
from graph import build_graph
from server.runs.events import STREAM_MODES
from server.runs.request import DURABILITY
from tools.db.checkpointer import PooledSaver
from tools.db.pool import Pool

WINDOW = 8  # a mark's cost is the median of the WINDOW turns ending at it
THREAD_BYTES = (
    "SELECT "
    + " + ".join(
        f"(SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM {table} t WHERE thread_id = %(t)s)"
        for table in CHECKPOINT_TABLES
    )
    + " AS bytes"
)


async def thread_bytes(pool: Pool, thread_id: str) -> int:
    async with pool.connection() as conn:
        row = await (await conn.execute(THREAD_BYTES, {"t": thread_id})).fetchone()
    return int(row["bytes"]) if row else 0


async def long_threads(pool: Pool, marks: list[int], threads: int = 3) -> dict[str, Any]:
    saver = PooledSaver(pool)
    await saver.setup()
    graph: Any = build_graph(saver, model=OfflineBrain())
    ids = [str(uuid.uuid4()) for _ in range(threads)]
    ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    costs: dict[str, list[float]] = {t: [] for t in ids}
    added: dict[int, int] = {}
    for turn in range(1, max(marks) + 1):
        for t in ids:
            measured = t == ids[0] and turn in marks
            before = await thread_bytes(pool, t) if measured else 0
            config: Any = {"configurable": {"thread_id": t}}
            started = time.perf_counter()
            async for _ in graph.astream(
                {"messages": [("user", varied(MESSAGE, turn))]},
                config,
                context=ctx,
                stream_mode=list(STREAM_MODES),
                subgraphs=True,
                durability=DURABILITY,
            ):
                pass
            costs[t].append((time.perf_counter() - started) * 1000)
            if measured:
                added[turn] = await thread_bytes(pool, t) - before
    out: dict[str, Any] = {"threads": threads, "turns": max(marks)}
    for mark in marks:
        lo = max(2, mark - WINDOW + 1)  # turn 1 starts the thread: not a steady turn
        per_thread = [statistics.median(costs[t][lo - 1 : mark]) for t in ids]
        spread = summary(per_thread)
        out[f"turn_{mark}"] = {
            "ms": spread["median"],
            "ms_spread": [spread["min"], spread["max"]],
            "checkpoint_bytes": added[mark],
        }
    first, last = f"turn_{min(marks)}", f"turn_{max(marks)}"
    out["ratio_last_vs_first"] = ratio(out[last]["ms"], out[first]["ms"])
    out["bytes_ratio_last_vs_first"] = ratio(
        out[last]["checkpoint_bytes"], out[first]["checkpoint_bytes"]
    )
    return out
