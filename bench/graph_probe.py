"""A worker measuring the graph's own CPU per turn, for `bench.graph_steps`: run with
the working directory at the tree to measure (`python -c` puts it first on the path), so
the graph, agent and tools imported are that tree's. It imports only what every tree
since issue 19 began has.

    python -c "import runpy; runpy.run_path('<this file>', run_name='__main__')" URL

Warms up, prints `ready`, then for each line `N` read from stdin runs N turns and prints
one JSON line: CPU ms per turn of the graph alone (no checkpointer, as `make bench`'s
turn cost) and with the server's Postgres checkpointer and chat durability. With a second
argument `unique`, every turn's message is one this process never read before (its
amount counts up), so no per-text cache of the brain meets it from an earlier turn.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
import uuid
from typing import Any

import uvloop

from agent.brain import OfflineBrain
from agent.context import Context
from bench.clients import MESSAGE, varied
from graph import build_graph
from server.runs.request import DURABILITY
from tools.db.checkpoint_batch import BatchedSaver, run_batch
from tools.db.pool import Pool, open_pool

WARM_TURNS = 10
UNIQUE = sys.argv[2:3] == ["unique"]
_FRESH = itertools.count(1000)


def message(n: int) -> str:
    return f"spent ${next(_FRESH)}.50 on coffee" if UNIQUE else varied(MESSAGE, n)


async def cpu_per_turn(graph: Any, pool: Pool, turns: int, durability: str = DURABILITY) -> float:
    ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    options = {"durability": durability} if graph.checkpointer else {}
    started = time.process_time()
    for n in range(turns):
        thread_id = str(uuid.uuid4())
        config: Any = {"configurable": {"thread_id": thread_id}}
        async with run_batch(graph.checkpointer, thread_id):
            out = await graph.ainvoke(
                {"messages": [("user", message(n))]}, config, context=ctx, **options
            )
        assert out["reply"], "every turn must reply"
    return (time.process_time() - started) * 1000 / turns


async def serve(url: str) -> None:
    pool = await open_pool(url, min_size=2, max_size=4)
    try:
        saver = BatchedSaver(pool)
        bare = build_graph(None, model=OfflineBrain())
        saved = build_graph(saver, model=OfflineBrain())
        for graph in (bare, saved):
            await cpu_per_turn(graph, pool, WARM_TURNS)
        print("ready", flush=True)
        for line in sys.stdin:  # one measurement per line, when the harness asks
            turns = int(line)
            figures = {
                "graph_cpu_ms_per_turn": await cpu_per_turn(bare, pool, turns),
                "saved_cpu_ms_per_turn": await cpu_per_turn(saved, pool, turns),
                # LangGraph's default durability, an Agent Protocol run's unless it asks:
                # a checkpoint after every step of the outer graph.
                "ap_saved_cpu_ms_per_turn": await cpu_per_turn(saved, pool, turns, "async"),
            }
            print(json.dumps(figures), flush=True)
    finally:
        await pool.close()


if __name__ == "__main__":
    uvloop.run(serve(sys.argv[1]))
