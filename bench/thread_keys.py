"""What per-user thread namespaces cost a turn: the server graph's turn made as the server
makes it, on `owned_graph(graph, user)` (tools/db/thread_keys.py: a copy of the graph per
call whose checkpointer is the user's view — the client id in, the user's key stored, the
client id out), against the same graph on the bare saver, side by side on one fresh
database in one run.

Each round runs one turn on a thread of each kind, alternating which goes first, with a
checkpoint per step (the Agent Protocol's "async" durability: the most saver calls a
turn makes), then reads each thread's state back; medians of the milliseconds, and their
ratio, go to bench/results/thread-keys.{md,json}.

    DATABASE_URL=postgresql://... python -m bench.thread_keys
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from agent.brain import OfflineBrain
from agent.context import Context
from bench.clients import MESSAGE, varied
from bench.db import bench_database, prepare
from bench.stats import ratio
from graph import build_graph
from server.runs.events import STREAM_MODES
from tools.db.checkpointer import PooledSaver
from tools.db.pool import open_pool
from tools.db.thread_keys import ThreadNamespaces, owned_graph

ROUNDS = 60
WARMUP = 5
RESULTS = Path(__file__).parent / "results"
SIDES = ("bare saver", "user's view")


async def measure(url: str) -> dict[str, Any]:
    await prepare(url)
    pool = await open_pool(url, min_size=2, max_size=4)
    try:
        saver = PooledSaver(pool)
        namespaces = ThreadNamespaces(saver)
        user = uuid.uuid4()
        server_graph = build_graph(namespaces, model=OfflineBrain())
        graphs: dict[str, Any] = {
            "bare saver": build_graph(saver, model=OfflineBrain()),
            "user's view": None,  # owned_graph per turn, as the server makes it
        }
        thread = str(uuid.uuid4())
        config: Any = {"configurable": {"thread_id": thread}}
        ctx = Context(user_id=str(user), pool=pool)
        turn_ms: dict[str, list[float]] = {s: [] for s in SIDES}
        read_ms: dict[str, list[float]] = {s: [] for s in SIDES}
        for n in range(WARMUP + ROUNDS):
            order = SIDES if n % 2 == 0 else SIDES[::-1]
            for side in order:
                started = time.perf_counter()
                graph = graphs[side] or owned_graph(server_graph, user)
                async for _ in graph.astream(
                    {"messages": [("user", varied(MESSAGE, n))]},
                    config,
                    context=ctx,
                    stream_mode=list(STREAM_MODES),
                    subgraphs=True,
                    durability="async",
                ):
                    pass
                turned = time.perf_counter()
                await (graphs[side] or owned_graph(server_graph, user)).aget_state(config)
                read = time.perf_counter()
                if n >= WARMUP:
                    turn_ms[side].append((turned - started) * 1000)
                    read_ms[side].append((read - turned) * 1000)
    finally:
        await pool.close()
    medians = {
        side: {
            "turn_ms": round(statistics.median(turn_ms[side]), 2),
            "state_read_ms": round(statistics.median(read_ms[side]), 3),
        }
        for side in SIDES
    }
    bare, view = medians["bare saver"], medians["user's view"]
    return {
        "rounds": ROUNDS,
        "medians": medians,
        "ratio_view_over_bare": {
            "turn_ms": ratio(view["turn_ms"], bare["turn_ms"]),
            "state_read_ms": ratio(view["state_read_ms"], bare["state_read_ms"]),
        },
    }


def report(found: dict[str, Any]) -> str:
    medians, ratios = found["medians"], found["ratio_view_over_bare"]
    lines = [
        "# Per-user thread namespaces: a turn's cost (`python -m bench.thread_keys`)",
        "",
        f"The offline brain's turn on one thread per side, {found['rounds']} alternating "
        "rounds, a checkpoint per step; then the thread's state read back. Medians.",
        "",
        "| measure | bare saver | user's view | view / bare |",
        "|---|---|---|---|",
    ]
    bare, view = medians["bare saver"], medians["user's view"]
    for key, name in (("turn_ms", "turn (ms)"), ("state_read_ms", "state read (ms)")):
        lines.append(f"| {name} | {bare[key]} | {view[key]} | {ratios[key]} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    with bench_database() as url:
        found = asyncio.run(measure(url))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "thread-keys.json").write_text(json.dumps(found, indent=2) + "\n")
    (RESULTS / "thread-keys.md").write_text(report(found))
    print(report(found))


if __name__ == "__main__":
    main()
