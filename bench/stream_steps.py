"""Issue 19's steps, each measured alone in-process: before and after alternating within
one run, CPU ms per unit (this process's user + system time), medians over rounds and the
spread of the paired ratios after ÷ before.

Fifth round (`--round 5`; bench/results/i19-ap3-steps.{json,md}), the Agent Protocol path:

- `ap_model_path`: an Agent Protocol turn (values, updates, messages; no subgraph chunks,
  no checkpointer; the metrics callback) under LangGraph's `messages` mode, the domain and
  general models called as always (create_agent's handler, `ainvoke`) and through their
  `astream` as chat turns call them (agent/reply_stream.py `streamed_call`);
- `ap_flush`: what an Agent Protocol turn (durability "async") holds for its end-of-run
  write, written as LangGraph's rows in one pipeline (`BatchedSaver.write_pipelined`) and
  by binary COPY (`BatchedSaver.write`, tools/db/checkpoint_batch.py);
- `ap_flush_postgres`: the same two writes over one connection, the CPU of its Postgres
  backend (read from /proc: Postgres on this machine, as `make bench` runs it);
- `chat_flush`: a chat turn's end-of-run write (durability "exit": one checkpoint, and the
  run row's end in the same transaction), written both ways.

The prototype of `messages` built from PAM's own chunks (commit 5f32b8c, reverted) was
measured by this module at that commit (`ap_messages`, bench/results/i19-ap3-messages-*).

Third round (`--round 3`, the default; bench/results/i19-serve-steps.{json,md}):

- `reply_chunks`: a streamed turn (values, updates, messages, custom, subgraphs; no
  checkpointer; the metrics callback) with the offline brain's reply streamed word by word
  (as it was) and in one chunk per reply step (agent/brain/streaming.py);
- `reply_events`: what the server does with that turn's run events, without the graph:
  the run's event log (a yield per token, as server/runs/execute.py), a chat reader
  translating them to SSE frames (server/chat/stream.py, server/sse.py) and writing each
  batch to a socket whose other end a thread drains; recorded once from each brain, the
  reply word by word and in one chunk (with the writes per turn);
- `callbacks`: the same turn with the metrics callback (server/metrics_callbacks.py) and
  with no callback of the run's own (LangGraph's `messages` handler remains);
- `messages_mode`: the same turn without a callback of its own, streamed without and with
  the `messages` mode (the callback manager's work for a turn whose client reads tokens);
- `mirror` (with BENCH_REDIS_URL or REDIS_URL): a chat turn's run events (recorded once,
  the reply word by word as a streaming model sends it, 1 ms apart) through the Redis
  mirror as it was (a write per batch as they come) and as it is when nobody follows the
  run (one write with the end), the owner's CPU per turn (server/runs/over_redis.py).

Second round (`--round 2`; bench/results/i19-stream-steps.{json,md}):

- `metrics_callback`: a streamed turn (values, updates, messages, custom, subgraphs; no
  checkpointer, offline brain) with the metrics callback run as LangChain runs a handler
  that is not inline (a task per callback event) and inline (server/metrics_callbacks.py);
- `run_end`: a chat turn's end-of-run write: the checkpoint flush and the run row's
  update in two transactions, or the update in the flush's (server/runs/store.py:
  `run_update_statements`);
- `rate_counter`: two rate-limit hits a request, requests 5 ms apart: `limits`' memory
  storage (a timer thread after nearly every hit) and `MemoryCounter` (server/ratelimit.py).

`python -m bench.stream_steps [--rounds 10] [--round 2|3]` writes the round's results.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from limits import RateLimitItem, parse, strategies
from limits import storage as sync_storage

from agent.brain import OfflineBrain
from agent.context import Context
from agent.model import load_chat_model
from bench.clients import MESSAGE, varied
from bench.db import bench_database, prepare
from graph import build_graph
from server.chat.rejoin import event_id
from server.chat.stream import merged_tokens
from server.chat.translate import chat_events
from server.metrics_callbacks import MetricsCallback
from server.ratelimit import MemoryCounter
from server.runs.events import EventLog
from server.runs.over_redis import MirroredLog
from server.runs.run import Run
from server.runs.store import UPDATE_RUN
from server.sse import sse_frame, with_heartbeats
from tests.fakes import word_chunks
from tools.db.checkpoint_batch import BatchedSaver, Statement, run_batch
from tools.db.pool import Pool, open_pool
from tools.db.scope import APP_ROLE, SCOPE, user_db

RESULTS = Path(__file__).resolve().parent / "results"
STEMS = {2: "i19-stream-steps", 3: "i19-serve-steps", 5: "i19-ap3-steps"}
Unit = Callable[[], Awaitable[None]]
CHAT_MODES = ["values", "updates", "messages", "custom"]


class WordByWord(OfflineBrain):
    """The offline brain as it streamed before the third round: a chunk per word."""

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        for piece in word_chunks(self.answer(messages, kwargs.get("tools"))):
            chunk = ChatGenerationChunk(message=piece)
            if run_manager:
                await run_manager.on_llm_new_token(str(piece.content), chunk=chunk)
            yield chunk


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


def _streamed_turn(
    pool: Pool,
    callback: type[MetricsCallback] | None = MetricsCallback,
    model: BaseChatModel | None = None,
    modes: list[str] = CHAT_MODES,
    subgraphs: bool = True,
    reply_tokens: bool = False,
) -> Unit:
    graph: Any = build_graph(None, model=model or load_chat_model("offline"))
    context = Context(user_id=str(uuid.uuid4()), pool=pool, reply_tokens=reply_tokens)
    count = iter(range(10**9))

    async def turn() -> None:
        config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
        if callback is not None:
            config["callbacks"] = [callback()]
        payload = {"messages": [("user", varied(MESSAGE, next(count)))]}
        async for _ in graph.astream(
            payload, config, context=context, stream_mode=modes, subgraphs=subgraphs
        ):
            pass

    return turn


async def _held_turn(
    pool: Pool, saver: BatchedSaver, user: uuid.UUID, durability: str = "exit"
) -> list[Statement]:
    """What a turn holds for its end-of-run write: a chat turn's (durability "exit") or
    an Agent Protocol turn's (LangGraph's default, "async")."""
    graph: Any = build_graph(saver, model=load_chat_model("offline"))
    config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
    async with run_batch(saver, config["configurable"]["thread_id"]) as batch:
        assert batch is not None
        async for _ in graph.astream(
            {"messages": [("user", MESSAGE)]},
            config,
            context=Context(user_id=str(user), pool=pool),
            durability=durability,
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


async def _sse_frames(log: EventLog) -> AsyncIterator[bytes]:
    async for batch in log.batches():
        numbered = (
            (name, data, event_id(event.seq, part))
            for event in batch
            for part, (name, data) in enumerate(chat_events(event))
        )
        for name, data, number in merged_tokens(numbered):
            yield sse_frame(name, data, str(number))


class _Socket:
    """A connected socket whose other end a thread reads and drops."""

    def __init__(self) -> None:
        self.ours, theirs = socket.socketpair()
        self.writes = 0
        self._drain = threading.Thread(target=self._read, args=(theirs,), daemon=True)
        self._drain.start()

    @staticmethod
    def _read(theirs: socket.socket) -> None:
        while theirs.recv(65536):
            pass

    def write(self, data: bytes) -> None:
        self.ours.sendall(data)
        self.writes += 1


def _served(events: list[Any], sink: _Socket) -> Unit:
    async def turn() -> None:
        log = EventLog()

        async def reader() -> None:
            async for data in with_heartbeats(_sse_frames(log)):
                sink.write(data)

        reading = asyncio.create_task(reader())
        await asyncio.sleep(0)
        for mode, namespace, data in events:
            log.append(mode, namespace, data)
            if mode == "messages":
                await asyncio.sleep(0)
        log.close()
        await reading

    return turn


async def _reply_events(pool: Pool, rounds: int) -> dict[str, Any]:
    words, whole = _Socket(), _Socket()
    before = _served(await _recorded_events(pool), words)
    after = _served(await _recorded_events(pool, load_chat_model("offline")), whole)
    out = await _paired(before, after, rounds, 100)
    turns = out["rounds"] * out["per_round"] * 2 + 2 * max(2, out["per_round"] // 5)
    out["writes_per_turn"] = [round(words.writes / turns, 1), round(whole.writes / turns, 1)]
    return out


class LiveMirror(MirroredLog):
    """The Redis mirror as it was: every batch copied as it comes, followed or not."""

    on_request = False


async def _recorded_events(
    pool: Pool, model: BaseChatModel | None = None
) -> list[tuple[Any, tuple[str, ...], Any]]:
    graph: Any = build_graph(None, model=model or WordByWord())
    context = Context(user_id=str(uuid.uuid4()), pool=pool)
    config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
    payload = {"messages": [("user", MESSAGE)]}
    return [
        (mode, tuple(namespace), data)
        async for namespace, mode, data in graph.astream(
            payload, config, context=context, stream_mode=CHAT_MODES, subgraphs=True
        )
    ]


def _mirrored(redis: aioredis.Redis, events: list[Any], log: type[MirroredLog]) -> Unit:
    async def turn() -> None:
        run = Run(
            run_id=str(uuid.uuid4()),
            thread_id=str(uuid.uuid4()),
            user_id=uuid.uuid4(),
            metadata={},
            on_disconnect="continue",
        )
        mirror = log(redis, run)
        for mode, namespace, data in events:
            mirror.append(mode, namespace, data)
            await asyncio.sleep(0.001)  # the graph's work between two events
        run.status = "success"
        mirror.close()
        await mirror.flushed.wait()

    return turn


async def _mirror_step(pool: Pool, rounds: int) -> dict[str, Any] | None:
    url = os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL")
    if not url:
        return None
    redis = aioredis.from_url(url)
    try:
        events = await _recorded_events(pool)
        return await _paired(
            _mirrored(redis, events, LiveMirror), _mirrored(redis, events, MirroredLog), rounds, 20
        )
    finally:
        await redis.aclose()


async def measure_third(url: str, rounds: int) -> dict[str, Any]:
    await prepare(url)
    pool = await open_pool(url, min_size=1, max_size=4)
    try:
        mirror = await _mirror_step(pool, rounds)
        return ({"mirror": mirror} if mirror else {}) | {
            "reply_events": await _reply_events(pool, rounds),
            "reply_chunks": await _paired(
                _streamed_turn(pool, model=WordByWord()), _streamed_turn(pool), rounds, 20
            ),
            "callbacks": await _paired(
                _streamed_turn(pool), _streamed_turn(pool, callback=None), rounds, 20
            ),
            "messages_mode": await _paired(
                _streamed_turn(pool, callback=None, modes=["values", "updates", "custom"]),
                _streamed_turn(pool, callback=None),
                rounds,
                20,
            ),
        }
    finally:
        await pool.close()


def _backend_cpu_ms(pid: int) -> float:
    """A Postgres backend's user + system CPU (it runs on this machine: /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


async def _backend_paired(
    pid: int, before: Unit, after: Unit, rounds: int, n: int
) -> dict[str, Any]:
    """As `_paired`, the CPU of Postgres's backend `pid` (the pool's one connection)."""
    b: list[float] = []
    a: list[float] = []
    for r in range(rounds):
        order = ((before, b), (after, a)) if r % 2 == 0 else ((after, a), (before, b))
        for unit, out in order:
            started = _backend_cpu_ms(pid)
            for _ in range(n):
                await unit()
            out.append((_backend_cpu_ms(pid) - started) / n)
    ratios = [y / x for x, y in zip(b, a, strict=True) if x]
    return {
        "before_cpu_ms": round(statistics.median(b), 3),
        "after_cpu_ms": round(statistics.median(a), 3),
        "after_over_before": round(statistics.median(ratios), 3),
        "spread": [round(min(ratios), 3), round(max(ratios), 3)],
        "rounds": rounds,
        "per_round": n,
    }


def _ap_flushes(
    saver: BatchedSaver, held: list[Statement], closing: list[Statement] | None = None
) -> tuple[Unit, Unit]:
    async def pipelined() -> None:
        await saver.write_pipelined(_on_new_thread(held), closing or ())

    async def copied() -> None:
        await saver.write(_on_new_thread(held), closing or ())

    return pipelined, copied


async def measure_fifth(url: str, rounds: int) -> dict[str, Any]:
    await prepare(url)
    pool = await open_pool(url, min_size=1, max_size=4)
    try:
        saver = BatchedSaver(pool)
        held = await _held_turn(pool, saver, uuid.uuid4(), durability="async")
        pipelined, copied = _ap_flushes(saver, held)
        streamed = await _paired(
            _streamed_turn(pool, modes=["values", "updates", "messages"], subgraphs=False),
            _streamed_turn(
                pool, modes=["values", "updates", "messages"], subgraphs=False, reply_tokens=True
            ),
            rounds,
            20,
        )
        flush = await _paired(pipelined, copied, rounds, 50)
        # A chat turn's write (durability "exit": its last checkpoint) with its run row.
        user = uuid.uuid4()
        chat_held = await _held_turn(pool, saver, user)
        closing = [
            Statement("", SCOPE, [(APP_ROLE, str(user))]),
            Statement("", UPDATE_RUN, [_row_fields()]),
        ]
        chat = await _paired(*_ap_flushes(saver, chat_held, closing), rounds, 50)
        chat["rows"] = sum(len(s.rows) for s in chat_held)
        # Postgres's side of the same writes: one connection, so one backend to read.
        alone = await open_pool(url, min_size=1, max_size=1)
        try:
            single = BatchedSaver(alone)
            async with alone.connection() as conn:
                pid = conn.info.backend_pid
            backend = await _backend_paired(pid, *_ap_flushes(single, held), rounds, 50)
        finally:
            await alone.close()
        flush["statements"] = len(held)
        flush["rows"] = sum(len(s.rows) for s in held)
        return {
            "ap_model_path": streamed,
            "ap_flush": flush,
            "ap_flush_postgres": backend,
            "chat_flush": chat,
        }
    finally:
        await pool.close()


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


UNITS = {
    2: {
        "metrics_callback": "a streamed turn, no checkpointer",
        "run_end": "a chat turn's end-of-run write",
        "rate_counter": "a request's two rate-limit hits",
    },
    3: {
        "reply_chunks": "a streamed turn, no checkpointer: reply word by word → one chunk",
        "reply_events": "a chat turn's events to SSE on a socket: word by word → one chunk",
        "callbacks": "a streamed turn: metrics callback → none",
        "messages_mode": "a streamed turn, no callback: without → with `messages`",
        "mirror": "a chat turn's events to Redis, nobody following: as they come → at the end",
    },
    5: {
        "ap_model_path": "the same turn under LangGraph's `messages` mode: the model called "
        "through create_agent's handler → through its `astream` (reply_stream.streamed_call)",
        "ap_flush": "an Agent Protocol turn's end-of-run write: pipelined rows → binary COPY",
        "ap_flush_postgres": "the same writes, the Postgres backend's CPU (not this process's)",
        "chat_flush": "a chat turn's end-of-run write (its one checkpoint, the run row): "
        "pipelined → binary COPY",
    },
}
TITLES = {2: "streaming round", 3: "third round (serving)", 5: "fifth round (Agent Protocol)"}


def markdown(out: dict[str, Any]) -> str:
    number = out.get("round", 2)
    lines = [
        f"# Issue 19, {TITLES[number]}: each step alone, in-process",
        "",
        f"`python -m bench.stream_steps --round {number} --rounds {out['rounds']}`, "
        f"{out['started']}: before and "
        "after alternating within one run; CPU ms per unit (median of rounds), after ÷ before "
        "(median of the paired ratios, with their spread). The machine was shared (load "
        f"average {out['load']}).",
        "",
        "| step | unit | before | after | after ÷ before |",
        "|---|---|---|---|---|",
    ]
    notes: list[str] = []
    for name, unit in UNITS[number].items():
        if name not in out["steps"]:
            continue
        row = out["steps"][name]
        lines.append(
            f"| {name} | {unit} | {row['before_cpu_ms']} | {row['after_cpu_ms']} "
            f"| **{row['after_over_before']}** ({row['spread'][0]}–{row['spread'][1]}) |"
        )
        if "writes_per_turn" in row:
            before, after = row["writes_per_turn"]
            notes.append(f"`{name}`: {before} → {after} socket writes per turn.")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--round", type=int, choices=sorted(STEMS), default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    run = {2: measure, 3: measure_third, 5: measure_fifth}[args.round]
    with bench_database() as url:
        steps = asyncio.run(run(url, args.rounds))
    out = {
        "round": args.round,
        "started": started,
        "rounds": args.rounds,
        "load": round(os.getloadavg()[0], 2),
        "steps": steps,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    stem = STEMS[args.round]
    (args.out / f"{stem}.json").write_text(json.dumps(out, indent=2) + "\n")
    (args.out / f"{stem}.md").write_text(markdown(out))
    print(markdown(out))


if __name__ == "__main__":
    main()
