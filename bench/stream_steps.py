"""Issue 19's streaming-round steps, each measured alone in-process: before and after
alternating within one run, CPU ms per unit (this process's user + system time), medians
over rounds and the spread of the paired ratios after ÷ before.

- `metrics_callback`: a streamed turn (values, updates, messages, custom, subgraphs; no
  checkpointer, offline brain) with the metrics callback run as LangChain runs a handler
  that is not inline (a task per callback event) and inline (server/metrics_callbacks.py);
- `run_end`: a chat turn's end-of-run write: the checkpoint flush and the run row's
  update in two transactions, or the update in the flush's (server/runs/store.py:
  `run_update_statements`);
- `rate_counter`: two rate-limit hits a request, requests 5 ms apart: `limits`' memory
  storage (a timer thread after nearly every hit) and `MemoryCounter` (server/ratelimit.py).

`python -m bench.stream_steps [--rounds 10]` writes bench/results/i19-stream-steps.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from limits import RateLimitItem, parse, strategies
from limits import storage as sync_storage

from agent.context import Context
from agent.model import load_chat_model
from bench.clients import MESSAGE, varied
from bench.db import bench_database, prepare
from graph import build_graph
from server.metrics_callbacks import MetricsCallback
from server.ratelimit import MemoryCounter
from server.runs.store import UPDATE_RUN
from tools.db.checkpoint_batch import BatchedSaver, Statement, run_batch
from tools.db.pool import Pool, open_pool
from tools.db.scope import APP_ROLE, SCOPE, user_db

RESULTS = Path(__file__).resolve().parent / "results"
STEM = "i19-stream-steps"
Unit = Callable[[], Awaitable[None]]


class TaskPerEvent(MetricsCallback):
    """The metrics callback as it was: LangChain starts a task for each of its events."""

    run_inline = False


async def _cpu_ms(unit: Unit, n: int) -> float:
    started = time.process_time()
    for _ in range(n):
        await unit()
    return (time.process_time() - started) * 1000 / n


async def _paired(before: Unit, after: Unit, rounds: int, n: int) -> dict[str, Any]:
    for unit in (before, after):  # warm
        await _cpu_ms(unit, max(2, n // 5))
    b: list[float] = []
    a: list[float] = []
    for r in range(rounds):
        order = ((before, b), (after, a)) if r % 2 == 0 else ((after, a), (before, b))
        for unit, out in order:
            out.append(await _cpu_ms(unit, n))
    ratios = [y / x for x, y in zip(b, a, strict=True)]
    return {
        "before_cpu_ms": round(statistics.median(b), 3),
        "after_cpu_ms": round(statistics.median(a), 3),
        "after_over_before": round(statistics.median(ratios), 3),
        "spread": [round(min(ratios), 3), round(max(ratios), 3)],
        "rounds": rounds,
        "per_round": n,
    }


def _streamed_turn(pool: Pool, callback: type[MetricsCallback]) -> Unit:
    graph: Any = build_graph(None, model=load_chat_model("offline"))
    context = Context(user_id=str(uuid.uuid4()), pool=pool)
    count = iter(range(10**9))

    async def turn() -> None:
        config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}, "callbacks": [callback()]}
        payload = {"messages": [("user", varied(MESSAGE, next(count)))]}
        async for _ in graph.astream(
            payload,
            config,
            context=context,
            stream_mode=["values", "updates", "messages", "custom"],
            subgraphs=True,
        ):
            pass

    return turn


async def _held_turn(pool: Pool, saver: BatchedSaver, user: uuid.UUID) -> list[Statement]:
    """What a chat turn (durability "exit") holds for its end-of-run write."""
    graph: Any = build_graph(saver, model=load_chat_model("offline"))
    config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
    async with run_batch(saver, config["configurable"]["thread_id"]) as batch:
        assert batch is not None
        async for _ in graph.astream(
            {"messages": [("user", MESSAGE)]},
            config,
            context=Context(user_id=str(user), pool=pool),
            durability="exit",
        ):
            pass
        held = list(batch.statements)
        batch.statements.clear()
    return held


def _on_new_thread(held: list[Statement]) -> list[Statement]:
    thread = str(uuid.uuid4())  # every write lands as a new thread's, as a turn's would
    return [Statement(s.ns, s.query, [(thread, *row[1:]) for row in s.rows]) for s in held]


def _row_fields() -> tuple[Any, ...]:
    # A run id no row has: the same statement, scope and policies, no row to lock.
    return ("success", '{"reply": "Logged."}', None, datetime.now(UTC), "{}", uuid.uuid4())


def _run_ends(
    pool: Pool, saver: BatchedSaver, held: list[Statement], user: uuid.UUID
) -> tuple[Unit, Unit]:
    async def two_transactions() -> None:
        await saver.write(_on_new_thread(held))
        async with user_db(pool, user, durable=False) as db:
            await db.conn.execute(UPDATE_RUN, _row_fields())

    async def one_transaction() -> None:
        closing = [
            Statement("", SCOPE, [(APP_ROLE, str(user))]),
            Statement("", UPDATE_RUN, [_row_fields()]),
        ]
        await saver.write(_on_new_thread(held), closing)

    return two_transactions, one_transaction


def _rate_counters() -> tuple[Unit, Unit]:
    rate: RateLimitItem = parse("100000/minute")
    limits_memory = strategies.MovingWindowRateLimiter(sync_storage.MemoryStorage())
    ours = MemoryCounter()
    count = iter(range(10**9))

    async def with_limits() -> None:
        n = next(count)
        limits_memory.hit(rate, f"user-{n % 16}")
        limits_memory.hit(rate, f"ip-{n % 16}")
        await asyncio.sleep(0.005)

    async def with_ours() -> None:
        n = next(count)
        await ours.hit(rate, f"user-{n % 16}")
        await ours.hit(rate, f"ip-{n % 16}")
        await asyncio.sleep(0.005)

    return with_limits, with_ours


async def measure(url: str, rounds: int) -> dict[str, Any]:
    await prepare(url)
    pool = await open_pool(url, min_size=1, max_size=4)
    try:
        saver = BatchedSaver(pool)
        user = uuid.uuid4()
        held = await _held_turn(pool, saver, user)
        two, one = _run_ends(pool, saver, held, user)
        limits_hit, our_hit = _rate_counters()
        return {
            "metrics_callback": await _paired(
                _streamed_turn(pool, TaskPerEvent),
                _streamed_turn(pool, MetricsCallback),
                rounds,
                20,
            ),
            "run_end": await _paired(two, one, rounds, 50),
            "rate_counter": await _paired(limits_hit, our_hit, rounds, 100),
        }
    finally:
        await pool.close()


def markdown(out: dict[str, Any]) -> str:
    lines = [
        "# Issue 19, streaming round: each step alone, in-process",
        "",
        f"`python -m bench.stream_steps --rounds {out['rounds']}`, {out['started']}: before and "
        "after alternating within one run; CPU ms per unit (median of rounds), after ÷ before "
        "(median of the paired ratios, with their spread). The machine was shared (load "
        f"average {out['load']}).",
        "",
        "| step | unit | before | after | after ÷ before |",
        "|---|---|---|---|---|",
    ]
    units = {
        "metrics_callback": "a streamed turn, no checkpointer",
        "run_end": "a chat turn's end-of-run write",
        "rate_counter": "a request's two rate-limit hits",
    }
    for name, unit in units.items():
        row = out["steps"][name]
        lines.append(
            f"| {name} | {unit} | {row['before_cpu_ms']} | {row['after_cpu_ms']} "
            f"| **{row['after_over_before']}** ({row['spread'][0]}–{row['spread'][1]}) |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    with bench_database() as url:
        steps = asyncio.run(measure(url, args.rounds))
    out = {
        "started": started,
        "rounds": args.rounds,
        "load": round(os.getloadavg()[0], 2),
        "steps": steps,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{STEM}.json").write_text(json.dumps(out, indent=2) + "\n")
    (args.out / f"{STEM}.md").write_text(markdown(out))
    print(markdown(out))


if __name__ == "__main__":
    main()
