"""Issue 19, eighth round (i19-serve9): in-process, paired (bench.stream_steps' method),
what a served turn does that the graph alone (`make bench`'s turn cost: fresh threads,
no checkpointer, `ainvoke`) does not, and two cuts measured and not made:

- `history_checkpointer`: a turn on a fresh thread against one on a thread that goes on
  (its checkpointed window of four earlier turns read, grown and written back), both
  with the server's Postgres checkpointer and a chat turn's durability ("exit");
- `history_graph`: the graph alone (no checkpointer) given the same message alone, or
  after that window of earlier messages (16) passed in: the graph's own reading of a
  thread's history, without its checkpoints;
- `metrics_callback`: a chat turn (`values`, `updates`, `custom` from every subgraph,
  reply tokens, the checkpointer, a thread that goes on) with and without PAM's
  metrics callback (LangChain's callback manager has no other handler for a chat turn);
- `values_mode`: the same turn with and without LangGraph's `values` mode.

The brain's per-text caches are warmed first (the benchmark message's 90 variants), as
a served process's are after its first 90 turns. `python -m bench.serve9_steps
[--rounds 10]` writes bench/results/i19-serve9-steps.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

from langchain_core.messages import AnyMessage, HumanMessage

from agent.context import Context
from agent.model import load_chat_model
from bench.client_base import MESSAGE, varied
from bench.db import bench_database, prepare
from bench.stream_steps import Unit, _paired
from graph import build_graph
from server.metrics_callbacks import MetricsCallback
from tools.db.checkpoint_batch import BatchedSaver, run_batch
from tools.db.pool import Pool, open_pool

RESULTS = Path(__file__).resolve().parent / "results"
STEM = "i19-serve9-steps"
CHAT_MODES = ["values", "updates", "custom"]
PER_ROUND = 20
WARM = 100  # > the message's 90 variants: the brain's caches hold every one


def _saved_turn(
    graph: Any,
    saver: BatchedSaver,
    ctx: Context,
    *,
    fresh: bool,
    modes: list[str] | None = None,
    callback: bool = True,
) -> Unit:
    threads = [str(uuid.uuid4())]
    count = iter(range(10**9))

    async def turn() -> None:
        if fresh:
            threads[0] = str(uuid.uuid4())
        thread = threads[0]
        config: Any = {"configurable": {"thread_id": thread}}
        if callback:
            config["callbacks"] = [MetricsCallback()]
        payload = {"messages": [("user", varied(MESSAGE, next(count)))]}
        async with run_batch(saver, thread):
            if modes is None:
                await graph.ainvoke(payload, config, context=ctx, durability="exit")
                return
            async for _ in graph.astream(
                payload, config, context=ctx, stream_mode=modes, subgraphs=True, durability="exit"
            ):
                pass

    return turn


def _bare_turn(graph: Any, ctx: Context, history: list[AnyMessage]) -> Unit:
    count = iter(range(10**9))

    async def turn() -> None:
        new = HumanMessage(varied(MESSAGE, next(count)), id=str(uuid.uuid4()))
        config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
        await graph.ainvoke({"messages": [*history, new]}, config, context=ctx)

    return turn


async def _window(graph: Any, saver: BatchedSaver, ctx: Context) -> list[AnyMessage]:
    """The checkpointed messages of a thread eight turns on (its bounded window)."""
    thread = str(uuid.uuid4())
    config: Any = {"configurable": {"thread_id": thread}}
    for n in range(8):
        async with run_batch(saver, thread):
            payload = {"messages": [("user", varied(MESSAGE, n))]}
            await graph.ainvoke(payload, config, context=ctx, durability="exit")
    return list((await graph.aget_state(config)).values["messages"])


async def _pair(before: Unit, after: Unit, rounds: int) -> dict[str, Any]:
    for _ in range(WARM):
        await before()
        await after()
    return await _paired(before, after, rounds, PER_ROUND)


async def measure(pool: Pool, rounds: int) -> dict[str, Any]:
    saver = BatchedSaver(pool)
    await saver.setup()
    model = load_chat_model("offline")
    saved: Any = build_graph(saver, model=model)
    bare: Any = build_graph(None, model=model)
    ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    chat = Context(user_id=str(uuid.uuid4()), pool=pool, reply_tokens=True)
    window = await _window(saved, saver, ctx)
    out: dict[str, Any] = {"window_messages": len(window)}
    out["history_checkpointer"] = await _pair(
        _saved_turn(saved, saver, ctx, fresh=True, callback=False),
        _saved_turn(saved, saver, ctx, fresh=False, callback=False),
        rounds,
    )
    out["history_graph"] = await _pair(
        _bare_turn(bare, ctx, []), _bare_turn(bare, ctx, window), rounds
    )
    out["metrics_callback"] = await _pair(
        _saved_turn(saved, saver, chat, fresh=False, modes=CHAT_MODES),
        _saved_turn(saved, saver, chat, fresh=False, modes=CHAT_MODES, callback=False),
        rounds,
    )
    out["values_mode"] = await _pair(
        _saved_turn(saved, saver, chat, fresh=False, modes=CHAT_MODES),
        _saved_turn(saved, saver, chat, fresh=False, modes=["updates", "custom"]),
        rounds,
    )
    return out


ROWS = {
    "history_checkpointer": "a fresh thread → a thread that goes on (Postgres checkpointer)",
    "history_graph": "the graph alone: the message alone → after the window (no checkpointer)",
    "metrics_callback": "a chat turn with → without PAM's metrics callback",
    "values_mode": "a chat turn with → without LangGraph's `values` mode",
}


def markdown(out: dict[str, Any]) -> str:
    lines = [
        "# Issue 19, eighth round: what a served turn does beyond the graph alone",
        "",
        "`python -m bench.serve9_steps`: in-process, before and after alternating, CPU ms of"
        " this process per turn, after ÷ before as the median of paired ratios (min–max);"
        f" the window: {out['window_messages']} messages.",
        "",
        "| step | before ms | after ms | after ÷ before |",
        "|---|---|---|---|",
    ]
    for key, label in ROWS.items():
        row = out[key]
        spread = "–".join(str(x) for x in row["spread"])
        lines.append(
            f"| {label} | {row['before_cpu_ms']} | {row['after_cpu_ms']}"
            f" | {row['after_over_before']} ({spread}) |"
        )
    return "\n".join(lines) + "\n"


async def _main(rounds: int) -> dict[str, Any]:
    with bench_database() as url:
        await prepare(url)
        pool = await open_pool(url, min_size=2, max_size=4)
        try:
            return await measure(pool, rounds)
        finally:
            await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--stem", default=STEM)
    args = parser.parse_args()
    out = asyncio.run(_main(args.rounds))
    (RESULTS / f"{args.stem}.json").write_text(json.dumps(out, indent=2))
    (RESULTS / f"{args.stem}.md").write_text(markdown(out))
    print(markdown(out))


if __name__ == "__main__":
    main()
