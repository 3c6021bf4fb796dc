"""Issue 19's sixth round (i19-own8), each step alone in-process, before and after
alternating in one run; CPU ms of this process per unit, medians and the spread of the
paired ratios (bench.stream_steps' method):

- `run_insert`: a run row's insert as it was (BEGIN with the user's scope, the INSERT …
  RETURNING, COMMIT: three round trips, `user_db`) and as `store.insert_run` sends it
  now (one pipeline over `user_writes`: one round trip), 1 insert at a time and 16 at
  once;
- `graph_collector`: the graph alone (bench.turn_cost's turn, no checkpointer) under
  CPython's collector thresholds and under `pam serve`'s (Settings.pam_gc_thresholds):
  how much of the served gain of the thresholds is the graph's own objects.

`python -m bench.own_steps [--rounds 10]` writes bench/results/i19-own8-steps.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import uuid
from pathlib import Path
from typing import Any
from uuid import UUID

from agent.model import load_chat_model
from bench.db import bench_database, prepare
from bench.stream_steps import Unit, _paired
from bench.turn_cost import timed_turns
from graph import build_graph
from server.runs import store
from server.runs.run import Run
from server.runs.threads import ThreadNotFound
from server.settings import Settings
from tools.db.pool import Pool, open_pool
from tools.db.scope import user_db

RESULTS = Path(__file__).resolve().parent / "results"
STEM = "i19-own8-steps"
CPYTHON_THRESHOLDS = (700, 10, 10)
WRITERS = (1, 16)


async def three_round_trips(pool: Pool, run: Run) -> None:
    """`store.insert_run` before the pipeline (its refusals apart)."""
    async with user_db(pool, run.user_id, durable=False) as db:
        inserted = await (
            await db.conn.execute(
                "INSERT INTO chat_runs (id, thread_id, user_id, status, message_id,"
                " metadata, created_at, updated_at)"
                " SELECT %s, t.id, %s, %s, %s, %s::jsonb, %s, %s"
                " FROM chat_threads t WHERE t.id = %s RETURNING id",
                (
                    UUID(run.run_id),
                    run.user_id,
                    run.status,
                    run.message_id,
                    store._json(run.metadata),
                    run.created_at,
                    run.updated_at,
                    UUID(run.thread_id),
                ),
            )
        ).fetchone()
    if inserted is None:
        raise ThreadNotFound()


async def measure(url: str, rounds: int) -> dict[str, Any]:
    await prepare(url)
    pool = await open_pool(url, min_size=max(WRITERS), max_size=max(WRITERS))
    try:
        owners: list[tuple[UUID, str]] = []
        for _ in range(max(WRITERS)):
            user, thread = uuid.uuid4(), uuid.uuid4()
            async with user_db(pool, user) as db:
                await db.conn.execute(
                    "INSERT INTO chat_threads (id, user_id) VALUES (%s, %s)", (thread, user)
                )
            owners.append((user, str(thread)))

        def inserts(insert: Any, writers: int) -> Unit:
            async def unit() -> None:
                runs = [
                    Run(
                        run_id=str(uuid.uuid4()),
                        thread_id=thread,
                        user_id=user,
                        metadata={"assistant_id": "agent"},
                        on_disconnect="continue",
                    )
                    for user, thread in owners[:writers]
                ]
                await asyncio.gather(*(insert(pool, run) for run in runs))

            return unit

        out: dict[str, Any] = {}
        for writers in WRITERS:
            paired = await _paired(
                inserts(three_round_trips, writers),
                inserts(store.insert_run, writers),
                rounds,
                max(200 // writers, 10),
            )
            paired["unit"] = f"{writers} insert(s) at once"
            out[f"run_insert_{writers}"] = paired
        out["graph_collector"] = await _paired(
            _graph_turns(pool, CPYTHON_THRESHOLDS),
            _graph_turns(pool, Settings().pam_gc_thresholds),
            rounds,
            3,
        )
        out["graph_collector"]["unit"] = "10 turns of the graph alone"
        return out
    finally:
        gc.set_threshold(*CPYTHON_THRESHOLDS)
        await pool.close()


def _graph_turns(pool: Pool, thresholds: tuple[int, int, int]) -> Unit:
    graph = build_graph(None, model=load_chat_model("offline"))

    async def unit() -> None:
        gc.set_threshold(*thresholds)
        await timed_turns(graph, pool, 10, [])

    return unit


def markdown(out: dict[str, Any]) -> str:
    lines = [
        "# Issue 19, sixth round (i19-own8), in-process (`python -m bench.own_steps`)",
        "",
        "CPU ms of this process per unit, medians over rounds; after ÷ before is the median"
        " of the paired ratios, with their spread. `run_insert`: three round trips before,"
        " one pipeline after (each insert its own user and thread). `graph_collector`:"
        " CPython's collector thresholds before, `pam serve`'s after.",
        "",
        "| step | unit | before ms | after ms | after ÷ before | rounds |",
        "|---|---|---|---|---|---|",
    ]
    for name, entry in out["steps"].items():
        spread = entry["spread"]
        lines.append(
            f"| {name} | {entry['unit']} | {entry['before_cpu_ms']} | {entry['after_cpu_ms']} |"
            f" **{entry['after_over_before']}** ({spread[0]}–{spread[1]}) | {entry['rounds']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with bench_database() as url:
        steps = asyncio.run(measure(url, args.rounds))
    out = {"steps": steps}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{STEM}.json").write_text(json.dumps(out, indent=2) + "\n")
    (args.out / f"{STEM}.md").write_text(markdown(out))
    print(markdown(out))


if __name__ == "__main__":
    main()
