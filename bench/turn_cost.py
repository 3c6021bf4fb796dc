"""Benchmark 1: a turn's cost in-process.

Each turn: router -> wins subgraph -> add_expense (one write) -> reply, on a thread of its
own, with the offline brain (or the scripted model). Measured twice: with no checkpointer
(the graph's own cost, the baseline a served turn is compared with) and with the
server's Postgres checkpointer and durability; plus one pass with timing callbacks for
the share of time in router, model, tools and checkpoint writes.

Beside the issue's "graph alone" (every turn on a fresh thread), `served_thread`: the
graph alone, still with no checkpointer, on the thread shape of `make bench`'s load
(bench/load.py): a thread per client, begun by a set-up turn, whose measured turns each
run on the state the turns before left (the checkpointed window of four turns, the
summary, the dialogue), by position on the thread, so that bench/derive.py can weigh
them as each load run's threads were long.

`python -m bench.turn_cost --turns 200 --model offline|scripted` prints the JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage

from agent.context import Context
from agent.model import load_chat_model
from agent.state import PamState
from bench.client_base import VARIANTS, thread_messages
from bench.clients import MESSAGE, varied
from bench.cpu_sampler import CpuSampler
from bench.flags import evaluation_cost, rules_service
from bench.round_trips import counting_round_trips
from bench.stats import percentile
from bench.turn_parts import breakdown
from graph import build_graph
from server.runs.request import DURABILITY
from tests.fakes import ScriptedChatModel, call, route
from tools.db.checkpoint_batch import BatchedSaver, run_batch
from tools.db.embedded import database_url
from tools.db.migrate import migrate
from tools.db.pool import Pool, open_pool


def pam_shaped_model() -> ScriptedChatModel:
    """The same answers an LLM would give for MESSAGE, with no model cost."""
    return ScriptedChatModel(
        script=[
            route("wins"),
            call("add_expense", amount=12.5, category="food", description="coffee"),
            AIMessage("Logged $12.50 for food."),
        ],
        loop=True,
        keep_seen=False,
    )


async def _turns(graph: Any, pool: Pool, turns: int, callbacks: list[Any]) -> list[float]:
    return (await timed_turns(graph, pool, turns, callbacks))[0]


async def timed_turns(
    graph: Any, pool: Pool, turns: int, callbacks: list[Any]
) -> tuple[list[float], float]:
    """Each turn's wall time (ms), and this process's CPU time per turn (ms)."""
    ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    # The server's durability, as the run executor passes it (only with a checkpointer).
    options = {"durability": DURABILITY} if graph.checkpointer else {}
    costs = []
    cpu_started = time.process_time()
    for n in range(turns):
        config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}, "callbacks": callbacks}
        started = time.perf_counter()
        turn: Any = {"messages": [("user", varied(MESSAGE, n))]}
        # As the run core does: the turn's checkpoints written in one go at its end.
        async with run_batch(graph.checkpointer, config["configurable"]["thread_id"]):
            out = await graph.ainvoke(turn, config, context=ctx, **options)
        costs.append((time.perf_counter() - started) * 1000)
        assert out["reply"], "every turn must reply"
    return costs, (time.process_time() - cpu_started) * 1000 / turns


# A load client's thread: its window fills at the fourth measured turn (the set-up turn
# and three more: agent/finish.KEEP_TURNS), and every turn after is alike.
POSITIONS = ("1", "2", "3", "4+")
THREAD_TURNS = 20  # measured turns per thread here (after its set-up turn)


def position_of(n: int) -> str:
    """The position of a thread's nth measured turn (1-based), as `served_thread` keeps it."""
    return POSITIONS[min(n, len(POSITIONS)) - 1]


def thread_graph(graph: Any) -> Any:
    """The same graph (no checkpointer) taking a thread's whole state as its input: what a
    checkpointed thread holds, handed in, so that a turn runs on it with no checkpointer."""
    builder = copy.copy(graph.builder)
    builder.input_schema = PamState
    return builder.compile(name=graph.name)


async def served_thread(
    graph: Any, pool: Pool, turns: int, per_thread: int = THREAD_TURNS
) -> dict[str, Any]:
    """CPU ms per turn of the graph alone on the load's thread shape: a thread per user,
    its set-up turn unmeasured (as the load's clients' are), then `per_thread` turns each
    given the state the thread's turns before left, by position on the thread."""
    on_thread = thread_graph(graph)
    by_position: dict[str, list[float]] = {p: [] for p in POSITIONS}
    done = 0
    while done < turns:
        ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
        config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
        messages = thread_messages()
        state = await on_thread.ainvoke(
            {"messages": [HumanMessage(next(messages))]}, config, context=ctx
        )
        for n in range(1, min(per_thread, turns - done) + 1):
            turn = {**state, "messages": [*state["messages"], HumanMessage(next(messages))]}
            started = time.process_time()
            state = await on_thread.ainvoke(turn, config, context=ctx)
            by_position[position_of(n)].append((time.process_time() - started) * 1000)
            assert state["reply"], "every turn must reply"
            done += 1
    every = [ms for costs in by_position.values() for ms in costs]
    return {
        "turns": len(every),
        "turns_per_thread": per_thread,
        "cpu_ms_per_turn": round(sum(every) / len(every), 2),
        "by_position_cpu_ms": {p: round(sum(c) / len(c), 2) for p, c in by_position.items() if c},
    }


def _figures(timed: tuple[list[float], float]) -> dict[str, Any]:
    costs, cpu_ms = timed
    return {
        "p50_ms": round(statistics.median(costs), 2),
        "p95_ms": round(percentile(costs, 0.95), 2),
        "p99_ms": round(percentile(costs, 0.99), 2),
        # CPU, not wall: the part of a turn that no server can overlap with other turns.
        "cpu_ms_per_turn": round(cpu_ms, 2),
    }


async def turn_cost(pool: Pool, model: BaseChatModel, turns: int) -> dict[str, Any]:
    """{"no_checkpointer": {...}, "postgres_checkpointer": {...}, "where": {...}}."""
    saver = BatchedSaver(pool)
    await saver.setup()
    bare = build_graph(None, model=model)
    saved = build_graph(saver, model=model)
    # Warm, as the served windows are (bench/server_load.py): imports, prepared statements,
    # and the brain's per-text caches over every text of the load's message (a smoke run's
    # few turns only need their own).
    warm = min(VARIANTS, turns)
    await _turns(bare, pool, warm, [])
    await _turns(saved, pool, warm, [])
    result = {
        "turns": turns,
        "no_checkpointer": _figures(await timed_turns(bare, pool, turns, [])),
        "postgres_checkpointer": _figures(await timed_turns(saved, pool, turns, [])),
        # After the fresh threads' turns, so it meets the brain's per-text caches warm, as
        # a served process's are after its first 90 turns.
        "served_thread": await served_thread(bare, pool, turns),
    }
    result["where"] = {
        "no_checkpointer": await where_it_goes(bare, pool, turns),
        "postgres_checkpointer": await where_it_goes(saved, pool, turns),
    }
    # What starting a run with its user's flags adds (issue 21's budget: 0.1 ms).
    result["flags"] = await evaluation_cost(rules_service(pool, ""), Context(pool=pool))
    return result


async def where_it_goes(graph: Any, pool: Pool, turns: int) -> dict[str, Any]:
    """The turn's CPU by part of the graph (ms per turn, summing to the whole), by whose
    code it is, and the round trips to Postgres per turn."""
    sampler = CpuSampler()
    with counting_round_trips() as trips, sampler.sampling():
        await _turns(graph, pool, turns, [])
    return {**breakdown(sampler.samples, turns), "round_trips_per_turn": trips[0] / turns}


async def _main(url: str, model: BaseChatModel, turns: int) -> dict[str, Any]:
    await migrate(url)
    pool = await open_pool(url, min_size=2, max_size=4)
    try:
        return await turn_cost(pool, model, turns)
    finally:
        await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--model", default="offline", help="scripted | offline | openai:<m>")
    args = parser.parse_args()
    model = pam_shaped_model() if args.model == "scripted" else load_chat_model(args.model)
    data_dir = Path(os.environ.get("PAM_DATA_DIR", ".pam"))
    with database_url(os.environ.get("DATABASE_URL"), data_dir) as url:
        result = asyncio.run(_main(url, model, args.turns))
    print(json.dumps({"model": args.model, **result}, indent=2))


if __name__ == "__main__":
    main()
