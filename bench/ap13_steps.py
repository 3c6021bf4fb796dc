"""Issue 19, thirteenth round (i19-ap13): why the same graph costs more under an Agent
Protocol run than under a chat turn, in-process and paired (bench.stream_steps' method),
on a thread that goes on (bench.serve9_steps' window), with the server's checkpointer
holding the run's checkpoints for its end-of-run write (tools/db/checkpoint_batch.py).

Each "why" pair changes what an Agent Protocol run configures differently from a chat
turn (`values`, `updates`, `custom` from every subgraph, durability "exit", the reply's
tokens as `custom` chunks): the whole of it (`chat_to_ap`), then `durability` alone
("async": a checkpoint per step of the graph and of the domain subgraph, and every
task's writes; "exit": the run's last) and the `messages` mode alone (LangGraph's
callback handler, the model streamed). The cut: an Agent Protocol turn with LangGraph's
serializer as it is (`JsonPlusSerializer`) and with the run's message memo
(`RunSerializer`, tools/db/checkpoint_batch.py).

`python -m bench.ap13_steps [--rounds 10] [--profile FILE]` writes
bench/results/i19-ap13-steps.{json,md}; `--counts --out …/i19-ap13-counts.json` measures
the encoding alone (the CPU inside `dumps_typed` a turn, both serializers alternating
round by round) and counts Python calls, `model_dump`s and `dumps_typed`s a turn.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from agent.context import Context
from agent.model import load_chat_model
from bench.client_base import MESSAGE, varied
from bench.db import bench_database, prepare
from bench.stream_steps import Unit, _paired
from graph import build_graph
from server.metrics_callbacks import MetricsCallback
from tools.db.checkpoint_batch import BatchedSaver, RunSerializer, run_batch
from tools.db.pool import Pool, open_pool

RESULTS = Path(__file__).resolve().parent / "results"
STEM = "i19-ap13-steps"
PER_ROUND = 20
WARM = 100
AP = {"modes": ["values", "updates", "messages"], "subgraphs": False, "durability": "async"}
CHAT = {"modes": ["values", "updates", "custom"], "subgraphs": True, "durability": "exit"}


def _turn(graph: Any, saver: BatchedSaver, ctx: Context, how: dict[str, Any]) -> Unit:
    """Turns on one thread that goes on (its window bounded by the graph)."""
    thread = str(uuid.uuid4())
    count = iter(range(10**9))

    async def turn() -> None:
        config: Any = {"configurable": {"thread_id": thread}, "callbacks": [MetricsCallback()]}
        payload = {"messages": [("user", varied(MESSAGE, next(count)))]}
        async with run_batch(saver, thread):
            async for _ in graph.astream(
                payload,
                config,
                context=ctx,
                stream_mode=how["modes"],
                subgraphs=how["subgraphs"],
                durability=how["durability"],
            ):
                pass

    return turn


async def _pair(before: Unit, after: Unit, rounds: int) -> dict[str, Any]:
    for _ in range(WARM):
        await before()
        await after()
    return await _paired(before, after, rounds, PER_ROUND)


def _timed(base: type[JsonPlusSerializer]) -> JsonPlusSerializer:
    class Timed(base):  # type: ignore[valid-type, misc]
        cpu_s = 0.0

        def dumps_typed(self, obj: Any) -> tuple[str, bytes]:
            started = time.process_time()
            try:
                return super().dumps_typed(obj)  # type: ignore[no-any-return]
            finally:
                Timed.cpu_s += time.process_time() - started

    return Timed()


async def encoding(pool: Pool, rounds: int, turns: int = 20) -> dict[str, Any]:
    """The CPU of the encoding alone (every `dumps_typed` of an Agent Protocol turn's held
    checkpoints and writes), LangGraph's serializer against the run's message memo, the
    two alternating round by round; ms a turn."""
    ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    sides: dict[str, tuple[Any, Unit]] = {}
    for name, base in (("plain", JsonPlusSerializer), ("memo", RunSerializer)):
        serde = _timed(base)
        saver = BatchedSaver(pool, serde=serde)
        sides[name] = (
            serde,
            _turn(build_graph(saver, model=load_chat_model("offline")), saver, ctx, AP),
        )
    for _ in range(WARM):
        for _, unit in sides.values():
            await unit()
    per: dict[str, list[float]] = {"plain": [], "memo": []}
    for r in range(rounds):
        for name in ("plain", "memo") if r % 2 == 0 else ("memo", "plain"):
            serde, unit = sides[name]
            type(serde).cpu_s = 0.0
            for _ in range(turns):
                await unit()
            per[name].append(type(serde).cpu_s * 1000 / turns)
    ratios = [m / p for p, m in zip(per["plain"], per["memo"], strict=True)]
    return {
        "before_cpu_ms": round(statistics.median(per["plain"]), 3),
        "after_cpu_ms": round(statistics.median(per["memo"]), 3),
        "after_over_before": round(statistics.median(ratios), 3),
        "spread": [round(min(ratios), 3), round(max(ratios), 3)],
        "rounds": rounds,
        "per_round": turns,
    }


async def counts(pool: Pool, turns: int = 20) -> dict[str, Any]:
    """Python calls a turn (cProfile's count: the same on any machine, load or not) of an
    Agent Protocol turn with LangGraph's serializer and with the run's message memo, each
    on a thread of its own past the graph's bounded window."""
    out: dict[str, Any] = {}
    ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    for name, serde in (("plain", JsonPlusSerializer()), ("memo", None)):
        saver = BatchedSaver(pool) if serde is None else BatchedSaver(pool, serde=serde)
        unit = _turn(build_graph(saver, model=load_chat_model("offline")), saver, ctx, AP)
        for _ in range(WARM):
            await unit()
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(turns):
            await unit()
        prof.disable()
        stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
        calls = sum(v[1] for v in stats.values())

        def named(fn: str, stats: dict[Any, Any] = stats) -> int:
            return sum(v[1] for k, v in stats.items() if k[2] == fn)

        out[name] = {
            "python_calls_per_turn": round(calls / turns),
            "model_dump_per_turn": round(named("model_dump") / turns, 1),
            "dumps_typed_per_turn": round(named("dumps_typed") / turns, 1),
        }
    return out


async def measure(pool: Pool, rounds: int, profile: str | None) -> dict[str, Any]:
    saver = BatchedSaver(pool)
    await saver.setup()
    graph: Any = build_graph(saver, model=load_chat_model("offline"))
    ap_ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    chat_ctx = Context(user_id=str(uuid.uuid4()), pool=pool, reply_tokens=True)
    ap = _turn(graph, saver, ap_ctx, AP)
    if profile:
        for _ in range(WARM):
            await ap()
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(100):
            await ap()
        prof.disable()
        prof.dump_stats(profile)
    out: dict[str, Any] = {}
    plain = BatchedSaver(pool, serde=JsonPlusSerializer())
    plain_graph: Any = build_graph(plain, model=load_chat_model("offline"))
    out["ap_serializer_plain_to_memo"] = await _pair(
        _turn(plain_graph, plain, ap_ctx, AP), ap, rounds
    )
    out["chat_to_ap"] = await _pair(_turn(graph, saver, chat_ctx, CHAT), ap, rounds)
    out["ap_exit_to_async"] = await _pair(
        _turn(graph, saver, ap_ctx, {**AP, "durability": "exit"}), ap, rounds
    )
    out["ap_no_messages_to_messages"] = await _pair(
        _turn(graph, saver, ap_ctx, {**AP, "modes": ["values", "updates"]}), ap, rounds
    )
    return out


async def _main(rounds: int, profile: str | None, only_counts: bool) -> dict[str, Any]:
    with bench_database() as url:
        await prepare(url)
        pool = await open_pool(url)
        try:
            if only_counts:
                return {"encoding": await encoding(pool, rounds), "counts": await counts(pool)}
            return await measure(pool, rounds, profile)
        finally:
            await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--profile")
    parser.add_argument("--counts", action="store_true", help="only the call counts")
    parser.add_argument("--out", default=str(RESULTS / f"{STEM}.json"))
    args = parser.parse_args()
    out = asyncio.run(_main(args.rounds, args.profile, args.counts))
    if args.counts:
        Path(args.out).write_text(json.dumps(out, indent=2) + "\n")
        print(json.dumps(out, indent=2))
        return
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n")
    Path(args.out).with_suffix(".md").write_text(markdown(out))
    print(markdown(out))


def markdown(out: dict[str, Any]) -> str:
    lines = [
        "# Issue 19, thirteenth round (i19-ap13): an Agent Protocol turn in-process, paired",
        "",
        "`python -m bench.ap13_steps` (CPU ms a turn of this process, medians over rounds;",
        "a thread that goes on, the server's checkpointer holding the run's checkpoints).",
        "",
        "| pair | before ms | after ms | after ÷ before (min–max) | rounds × turns |",
        "|---|---|---|---|---|",
    ]
    for name, row in out.items():
        lo, hi = row["spread"]
        lines.append(
            f"| {name} | {row['before_cpu_ms']} | {row['after_cpu_ms']} | "
            f"**{row['after_over_before']}** ({lo}–{hi}) | {row['rounds']} × {row['per_round']} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
