"""The run's checkpoint serializer, A/B in one process: LangGraph's JsonPlusSerializer
against RunSerializer (tools/db/checkpoint_batch.py: each message encoded once per run).

`python -m bench.run_serializer_ab --turns 40 --reps 5` runs the server's graph (offline
brain) on the server's checkpointer (user namespaces over BatchedSaver, a run's
checkpoints written at its end) the way an Agent Protocol run drives it: LangGraph's
default durability ("async": a checkpoint per step), `values`, `updates` and `messages`
streamed, one thread per arm growing turn by turn. The two arms alternate within each
repetition (which goes first alternates too); each gives this process's CPU per turn and
the CPU spent in the saver's aput/aput_writes (where checkpoints are recorded and
serialised). The report gives medians and the per-repetition ratios RunSerializer ÷
LangGraph's.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from agent.context import Context
from agent.model import load_chat_model
from bench.db import bench_database, prepare
from bench.stats import summary
from graph import build_graph
from tools.db.checkpoint_batch import BatchedSaver, RunSerializer, run_batch
from tools.db.pool import Pool, open_pool
from tools.db.thread_keys import ThreadNamespaces, owned_graph, thread_key

RESULTS = Path(__file__).resolve().parent / "results"
MODES = ["values", "updates", "messages"]
ARMS = ("langgraph", "run_serializer")


class Recording:
    """CPU seconds spent inside one saver's aput and aput_writes."""

    def __init__(self, saver: BatchedSaver) -> None:
        self.seconds = 0.0
        for name in ("aput", "aput_writes"):
            setattr(saver, name, self._timed(getattr(saver, name)))

    def _timed(self, method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @functools.wraps(method)
        async def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return await method(*args, **kwargs)
            finally:
                self.seconds += time.process_time() - started

        return timed


class Arm:
    def __init__(self, pool: Pool, serde: JsonPlusSerializer) -> None:
        self.pool = pool
        self.saver = BatchedSaver(pool, serde=serde)
        self.recording = Recording(self.saver)
        self.graph = build_graph(ThreadNamespaces(self.saver), model=load_chat_model("offline"))
        self.user = uuid.uuid4()
        self.thread = str(uuid.uuid4())
        self.turn = 0

    async def turns(self, count: int) -> dict[str, float]:
        graph = owned_graph(self.graph, self.user)
        context = Context(user_id=str(self.user), pool=self.pool)
        self.recording.seconds = 0.0
        started = time.process_time()
        for _ in range(count):
            self.turn += 1
            turn: Any = {"messages": [("user", f"spent {self.turn + 2} dollars on coffee")]}
            config: Any = {"configurable": {"thread_id": self.thread}}
            async with run_batch(self.saver, thread_key(self.user, self.thread)):
                async for _chunk in graph.astream(
                    turn, config, context=context, stream_mode=MODES, durability="async"
                ):
                    pass
        total = time.process_time() - started
        return {
            "cpu_ms_per_turn": round(total * 1000 / count, 3),
            "recording_ms_per_turn": round(self.recording.seconds * 1000 / count, 3),
        }


async def measure(url: str, turns: int, reps: int, log: Callable[[str], None]) -> dict[str, Any]:
    pool = await open_pool(url, min_size=1, max_size=4)
    try:
        arms = {
            "langgraph": Arm(pool, JsonPlusSerializer()),
            "run_serializer": Arm(pool, RunSerializer()),
        }
        for arm in arms.values():
            await arm.turns(3)  # warm: imports, prepared statements
        raw: dict[str, list[dict[str, float]]] = {name: [] for name in ARMS}
        for rep in range(reps):
            for name in ARMS if rep % 2 == 0 else ARMS[::-1]:
                figures = await arms[name].turns(turns)
                raw[name].append(figures)
                log(f"rep {rep + 1} {name}: {figures}")
    finally:
        await pool.close()
    out: dict[str, Any] = {"raw": raw}
    for figure in ("cpu_ms_per_turn", "recording_ms_per_turn"):
        for name in ARMS:
            out[f"{name}_{figure}"] = summary([r[figure] for r in raw[name]])["median"]
        ratios = [
            round(a[figure] / b[figure], 3)
            for a, b in zip(raw["run_serializer"], raw["langgraph"], strict=True)
            if b[figure]
        ]
        out[f"{figure}_ratio"] = summary(ratios)["median"]
        out[f"{figure}_ratio_spread"] = [min(ratios), max(ratios)]
    return out


def markdown(out: dict[str, Any]) -> str:
    p = out["params"]
    lines = [
        "# RunSerializer against LangGraph's serializer, one process",
        "",
        f"`python -m bench.run_serializer_ab`, {out['started']}: {p['reps']} repetitions × "
        f"{p['turns']} turns per arm, the arms alternating; the server's graph and "
        "checkpointer, durability async, `values`/`updates`/`messages` streamed, one "
        "growing thread per arm. Medians; ratios RunSerializer ÷ LangGraph's per "
        "repetition (spread).",
        "",
        "| figure | LangGraph's | RunSerializer | ratio (spread) |",
        "|---|---|---|---|",
    ]
    for figure, label in (
        ("cpu_ms_per_turn", "process CPU ms per turn"),
        ("recording_ms_per_turn", "CPU ms per turn in aput/aput_writes"),
    ):
        spread = out[f"{figure}_ratio_spread"]
        lines.append(
            f"| {label} | {out[f'langgraph_{figure}']} | {out[f'run_serializer_{figure}']} "
            f"| **{out[f'{figure}_ratio']}** ({spread[0]}–{spread[1]}) |"
        )
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stem", default="run-serializer-ab")
    args = parser.parse_args()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    with bench_database() as url:
        asyncio.run(prepare(url))
        out = asyncio.run(measure(url, args.turns, args.reps, print))
    out["started"] = started
    out["params"] = {"turns": args.turns, "reps": args.reps}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.stem}.json").write_bytes(orjson.dumps(out, option=orjson.OPT_INDENT_2))
    (args.out / f"{args.stem}.md").write_text(markdown(out))
    print(markdown(out))


if __name__ == "__main__":
    main()
