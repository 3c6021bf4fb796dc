"""Benchmark 1: a turn's cost in-process, with Postgres checkpoints.

`python -m bench.turn_cost --turns 200 --model scripted|offline` prints JSON: p50/p95/p99
per turn (ms) and the share of time in router, model, tools and checkpoint writes.
Each turn: router -> wins subgraph -> add_expense (one write) -> reply.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage

from agent.context import Context
from agent.model import load_chat_model
from bench.timing import Spans, TimedSaver
from evals.scripted import ScriptedChatModel, call, route
from graph import build_graph
from tools.db.migrate import migrate
from tools.db.pool import open_pool
from tools.db.resolve import database_url

MESSAGE = "spent $12.50 on coffee"


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


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(url: str, model: BaseChatModel, turns: int, same_thread: bool) -> dict[str, Any]:
    await migrate(url)
    pool = await open_pool(url, min_size=2, max_size=4)
    try:
        saver = TimedSaver(pool)
        await saver.setup()
        graph = build_graph(saver, model=model)
        spans = Spans()
        ctx = Context(user_id=str(uuid.uuid4()), now="2026-03-10T09:00:00+11:00", pool=pool)
        thread = str(uuid.uuid4())
        costs = []
        for i in range(turns):
            config: Any = {
                "configurable": {"thread_id": thread if same_thread else f"{thread}-{i}"},
                "callbacks": [spans],
            }
            started = time.perf_counter()
            turn: Any = {"messages": [("user", MESSAGE)]}
            out = await graph.ainvoke(turn, config, context=ctx)
            costs.append((time.perf_counter() - started) * 1000)
            assert out["reply"], "every turn must reply"
        total_s = sum(costs) / 1000
        shares = {k: round(v / total_s, 3) for k, v in spans.totals.items()}
        shares["checkpoint_writes"] = round(saver.checkpoint_s / total_s, 3)
        return {
            "turns": turns,
            "p50_ms": round(statistics.median(costs), 2),
            "p95_ms": round(percentile(costs, 0.95), 2),
            "p99_ms": round(percentile(costs, 0.99), 2),
            "share": shares,
        }
    finally:
        await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--model", default="scripted", help="scripted | offline | openai:<m>")
    parser.add_argument("--same-thread", action="store_true", help="all turns in one thread")
    args = parser.parse_args()
    model = pam_shaped_model() if args.model == "scripted" else load_chat_model(args.model)
    data_dir = Path(os.environ.get("PAM_DATA_DIR", ".pam"))
    with database_url(os.environ.get("DATABASE_URL"), data_dir) as url:
        result = asyncio.run(measure(url, model, args.turns, args.same_thread))
    print(json.dumps({"model": args.model, **result}, indent=2))


if __name__ == "__main__":
    main()
