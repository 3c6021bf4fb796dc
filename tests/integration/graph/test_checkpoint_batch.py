"""The batched saver (tools/db/checkpoint_batch.py): a run's checkpoints held and written
in one transaction at its end leave the history LangGraph's saver leaves when it writes
each one as it comes — every checkpoint, parent, metadata, pending write, interrupt and
subgraph checkpoint — and a reader during the run still sees them."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import dataclasses
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import psycopg
import pytest
from langchain_core.messages import AIMessage
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.types import Command, Send
from psycopg.types.json import Jsonb

from agent.context import Context
from graph import build_graph
from tests.conftest import ScopedDb
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread
from tools.db.checkpoint_batch import (
    BatchedSaver,
    RunBatch,
    RunSerializer,
    Statement,
    _Recorder,
    run_batch,
    staged_rows,
)
from tools.db.checkpointer import PooledSaver
from tools.db.pool import Pool
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action

# Ids: uuids (checkpoints, tasks, messages, rows) and 32-hex hashes (interrupts).
UUIDISH = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b"
)
# A channel version: a counter, then a random fraction (the Postgres saver's
# get_next_version); the counter is what orders the history. The fraction is
# `random.random()` formatted `:016`: zero-padded when its repr is short
# ("00.2236260065526"), so two histories differed by chance.
VERSION = re.compile(r"^(\d{32})\.[0-9.e+-]+$")


def _script(expense_id: str) -> list[AIMessage]:
    """Turn 1 adds an expense; turn 2 deletes one (an approval interrupt inside the wins
    subgraph), resumed with approve; two domain subgraph runs, one across an interrupt."""
    return [
        route("wins"),
        call("add_expense", "a1", amount=12.5, category="fuel"),
        route("wins"),
        call("delete_expense", "d1", expense_id=expense_id),
        AIMessage("Deleted it."),
    ]


async def _expense(scoped: ScopedDb, user: str) -> str:
    async with scoped(uuid.UUID(user)) as db:
        result = await run_action(
            ACTIONS_BY_NAME["add_expense"], db, {"amount": 40, "category": "food"}
        )
    return str(result.ids[0])


def _turns() -> list[Any]:
    return [
        {"messages": [("user", "12.50 fuel")]},
        {"messages": [("user", "delete the food one")]},
        Command(resume={"decisions": [{"type": "approve"}]}),
    ]


async def _drive(saver: PooledSaver, model: ScriptedChatModel, context: Context) -> str:
    graph: Any = build_graph(checkpointer=saver, model=model)
    config = thread()
    tid = config["configurable"]["thread_id"]
    for payload in _turns():
        async with run_batch(saver, tid):
            async for _ in graph.astream(
                payload, config, context=context, durability="async", subgraphs=True
            ):
                pass
    return str(tid)


def _normalised(value: Any, ids: dict[str, str]) -> Any:
    """Ids (checkpoints, tasks, messages, rows) numbered by first appearance, times
    dropped: what two runs of the same turns can differ in and nothing else."""
    if isinstance(value, str) and VERSION.match(value):
        return VERSION.sub(r"\1", value)
    if isinstance(value, str):
        return UUIDISH.sub(lambda m: ids.setdefault(m.group(0), f"<id{len(ids)}>"), value)
    if isinstance(value, dict):
        return {
            _normalised(k, ids): _normalised(v, ids)
            for k, v in value.items()
            if k not in ("ts", "created_at", "updated_at", "spent_on", "thread_id")
        }
    if isinstance(value, list | tuple):
        return type(value)(_normalised(v, ids) for v in value)
    if hasattr(value, "model_dump"):
        return _normalised(value.model_dump(), ids)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return (type(value).__name__, _normalised(fields, ids))
    if isinstance(value, Send):
        return ("Send", value.node, _normalised(value.arg, ids))
    return value


async def _history(saver: PooledSaver, thread_id: str) -> list[Any]:
    """Every checkpoint of the thread, subgraphs' included, newest first, as read back."""
    ids: dict[str, str] = {}
    rows = []
    async for t in saver.alist({"configurable": {"thread_id": thread_id}}):
        rows.append(
            _normalised(
                {
                    "config": t.config,
                    "parent": t.parent_config,
                    "metadata": t.metadata,
                    "checkpoint": t.checkpoint,
                    "pending_writes": t.pending_writes,
                },
                ids,
            )
        )
    return rows


async def test_history_is_identical_to_the_unbatched_savers(
    pool: Pool, context: Context, scoped: ScopedDb
) -> None:
    direct, batched = PooledSaver(pool), BatchedSaver(pool)
    await direct.setup()
    first = await _expense(scoped, context.user_id)
    plain = await _drive(direct, ScriptedChatModel(script=_script(first)), context)
    second = await _expense(scoped, context.user_id)
    held = await _drive(batched, ScriptedChatModel(script=_script(second)), context)

    before, after = await _history(direct, plain), await _history(batched, held)
    assert after == before
    namespaces = {row["config"]["configurable"]["checkpoint_ns"] for row in after}
    assert any(ns.startswith("wins:") for ns in namespaces)  # subgraph checkpoints kept
    assert any(row["pending_writes"] for row in after)  # and pending writes
    interrupted = [w for row in after for w in row["pending_writes"] if w[1] == "__interrupt__"]
    assert interrupted  # the approval's interrupt is a pending write like before
    assert len(after) > 10

    # Time travel reads the same state at every checkpoint of the parent graph.
    graph: Any = build_graph(checkpointer=batched, model=ScriptedChatModel(script=[]))
    states = [s async for s in graph.aget_state_history({"configurable": {"thread_id": held}})]
    parent_rows = [r for r in after if r["config"]["configurable"]["checkpoint_ns"] == ""]
    assert len(states) == len(parent_rows)
    interrupt_state = next(s for s in states if s.interrupts)
    assert interrupt_state.interrupts[0].value["action_requests"][0]["name"] == "delete_expense"


async def test_a_run_is_one_transaction_and_nothing_is_written_before_it_ends(
    pool: Pool, context: Context
) -> None:
    saver = BatchedSaver(pool)
    model = ScriptedChatModel(
        script=[route("wins"), call("list_expenses", "l1"), AIMessage("Nothing yet.")]
    )
    graph: Any = build_graph(checkpointer=saver, model=model)
    config = thread()
    tid = config["configurable"]["thread_id"]
    unbatched = PooledSaver(pool)  # reads the database only
    async with run_batch(saver, tid) as batch:
        assert batch is not None
        async for _ in graph.astream(
            {"messages": [("user", "my expenses")]}, config, context=context, durability="async"
        ):
            assert await unbatched.aget_tuple(config) is None  # held, not written
        assert batch.statements
    assert batch.transactions == 1
    assert not batch.statements
    found = await unbatched.aget_tuple(config)
    assert found is not None and found.metadata["step"] > 0


async def test_a_reader_during_the_run_sees_what_the_run_has_made(
    pool: Pool, context: Context
) -> None:
    saver = BatchedSaver(pool)
    model = ScriptedChatModel(
        script=[route("wins"), call("list_expenses", "l1"), AIMessage("Nothing yet.")]
    )
    graph: Any = build_graph(checkpointer=saver, model=model)
    config = thread()
    tid = config["configurable"]["thread_id"]
    seen: list[int] = []

    async def outside_read() -> None:  # another request: not in the run's context
        state = await graph.aget_state(config)
        seen.append(state.metadata["step"])

    async with run_batch(saver, tid) as batch:
        assert batch is not None
        async for _ in graph.astream(
            {"messages": [("user", "my expenses")]}, config, context=context, durability="async"
        ):
            await asyncio.create_task(outside_read(), context=contextvars.Context())
    assert seen and seen[-1] >= 0
    assert seen == sorted(seen)
    assert batch.transactions >= 2  # the reads made the run write what it held


async def test_a_failed_write_at_the_end_fails_the_block_and_keeps_nothing_half_written(
    pool: Pool, context: Context
) -> None:
    saver = BatchedSaver(pool)
    model = ScriptedChatModel(script=[route("general"), AIMessage("Hello.")])
    graph: Any = build_graph(checkpointer=saver, model=model)
    config = thread()
    tid = config["configurable"]["thread_id"]
    failed = False
    try:
        async with run_batch(saver, tid) as batch:
            assert batch is not None
            async for _ in graph.astream(
                {"messages": [("user", "hi")]}, config, context=context, durability="async"
            ):
                pass
            # A statement that fails inside the run's transaction, after the others.
            batch.statements.append(batch.statements[-1].__class__("", "SELECT 1/0", [()]))
    except Exception as exc:
        failed = "division by zero" in str(exc)
    assert failed
    assert await PooledSaver(pool).aget_tuple(config) is None  # all or nothing


async def test_closing_statements_are_written_last_in_the_same_transaction(
    pool: Pool, context: Context
) -> None:
    """What a run closes its batch with (its run row's end) commits with its checkpoints
    or not at all."""
    saver = BatchedSaver(pool)
    failing = Statement("", "SELECT 1/0", [()])
    for closing, written in (([failing], False), ([Statement("", "SELECT 1", [()])], True)):
        graph: Any = build_graph(
            checkpointer=saver, model=ScriptedChatModel(script=[route("general"), AIMessage("Hi.")])
        )
        config = thread()
        held: list[RunBatch] = []
        with contextlib.suppress(Exception):
            async with run_batch(saver, config["configurable"]["thread_id"]) as batch:
                assert batch is not None
                held.append(batch)
                async for _ in graph.astream(
                    {"messages": [("user", "hi")]}, config, context=context, durability="exit"
                ):
                    pass
                batch.close_with(closing)
        [batch] = held
        assert batch.closing_written is written
        assert (await PooledSaver(pool).aget_tuple(config) is not None) is written
        assert batch.transactions == int(written)


class CountingSaver(BatchedSaver):
    """Counts the reads that reach the database."""

    reads = 0

    @contextlib.asynccontextmanager
    async def _cursor(self, *, pipeline: bool = False) -> AsyncIterator[Any]:
        async with super()._cursor(pipeline=pipeline) as cur:
            if not pipeline and not isinstance(cur, _Recorder):
                self.reads += 1
            yield cur


async def test_a_domain_subgraph_starting_in_a_turn_reads_nothing(
    pool: Pool, context: Context, scoped: ScopedDb
) -> None:
    """Its namespace hangs off a checkpoint the run made, so the database cannot hold
    one: the turn reads the thread's checkpoint once. A subgraph resumed after its
    approval hangs off a checkpoint read back, so it is read (and found)."""
    saver = CountingSaver(pool)
    expense = await _expense(scoped, context.user_id)
    graph: Any = build_graph(checkpointer=saver, model=ScriptedChatModel(script=_script(expense)))
    config = thread()
    tid = config["configurable"]["thread_id"]
    reads = []
    for payload in _turns():
        saver.reads = 0
        async with run_batch(saver, tid):
            async for _ in graph.astream(
                payload, config, context=context, durability="async", subgraphs=True
            ):
                pass
        reads.append(saver.reads)
    assert reads == [1, 1, 2]
    state = await graph.aget_state(config)
    assert "Deleted" in state.values["reply"]


# -- the end-of-run write by binary COPY (BatchedSaver.write_copied) -------------------

TABLES = {
    "checkpoints": "checkpoint_ns, checkpoint_id",
    "checkpoint_blobs": "checkpoint_ns, channel, version",
    "checkpoint_writes": "checkpoint_ns, checkpoint_id, task_id, idx",
}


def _as_thread(statements: list[Statement], thread_id: str) -> list[Statement]:
    """The same rows for another thread (the thread id is every row's first column)."""
    return [Statement(s.ns, s.query, [(thread_id, *row[1:]) for row in s.rows]) for s in statements]


async def _rows(pool: Pool, thread_id: str) -> dict[str, list[Any]]:
    """Every column of every row the thread has, thread id aside, in key order."""
    out: dict[str, list[Any]] = {}
    async with pool.connection() as conn:
        for table, order in TABLES.items():
            cur = await conn.execute(
                f"SELECT * FROM {table} WHERE thread_id = %s ORDER BY {order}",
                (thread_id,),
            )
            out[table] = [
                {k: v for k, v in row.items() if k != "thread_id"} for row in await cur.fetchall()
            ]
    return out


async def _read_back(saver: PooledSaver, thread_id: str) -> list[Any]:
    """The thread's history as LangGraph reads it (every namespace), thread id aside."""
    rows = []
    async for t in saver.alist({"configurable": {"thread_id": thread_id}}):
        rows.append(
            (
                {**t.config["configurable"], "thread_id": None},
                t.parent_config and {**t.parent_config["configurable"], "thread_id": None},
                t.metadata,
                t.checkpoint,
                t.pending_writes,
            )
        )
    return rows


async def _recorded_turns(saver: BatchedSaver, context: Context, scoped: ScopedDb) -> list[Any]:
    """What each of the three turns (an interrupt inside the subgraph, its resume) held
    for its end-of-run write, taken before the write."""
    expense = await _expense(scoped, context.user_id)
    graph: Any = build_graph(checkpointer=saver, model=ScriptedChatModel(script=_script(expense)))
    config = thread()
    per_turn: list[list[Statement]] = []
    for payload in _turns():
        async with run_batch(saver, config["configurable"]["thread_id"]) as batch:
            assert batch is not None
            async for _ in graph.astream(
                payload, config, context=context, durability="async", subgraphs=True
            ):
                pass
            per_turn.append(list(batch.statements))
    return per_turn


async def test_the_copied_write_leaves_the_rows_and_history_the_pipelined_one_leaves(
    pool: Pool, context: Context, scoped: ScopedDb
) -> None:
    """The same held statements, turn after turn, written row by row in a pipeline (as
    LangGraph's saver sends them) for one thread and by COPY for another: every column
    of every row, and the history read back, are equal."""
    saver = BatchedSaver(pool)
    turns = await _recorded_turns(saver, context, scoped)
    assert sum(1 for turn in turns for s in turn if s.query == saver.UPSERT_CHECKPOINT_WRITES_SQL)
    piped, copied = str(uuid.uuid4()), str(uuid.uuid4())
    for held in turns:  # each turn's write lands on the rows of the turns before it
        await saver.write_pipelined(_as_thread(held, piped))
        await saver.write(_as_thread(held, copied))
    before, after = await _rows(pool, piped), await _rows(pool, copied)
    assert after == before
    assert all(before.values())  # checkpoints, blobs and writes all compared
    assert await _read_back(saver, copied) == await _read_back(saver, piped)
    graph: Any = build_graph(checkpointer=saver, model=ScriptedChatModel(script=[]))
    states = {
        tid: [
            (s.values, s.next, s.metadata, s.config["configurable"]["checkpoint_id"], s.interrupts)
            async for s in graph.aget_state_history({"configurable": {"thread_id": tid}})
        ]
        for tid in (piped, copied)
    }
    assert states[copied] == states[piped]
    assert any(state[4] for state in states[copied])  # the approval's interrupt read back


async def test_the_copied_write_keeps_the_statements_order_for_a_key_written_twice(
    pool: Pool,
) -> None:
    """Within one write, and against rows already there: a checkpoint and an upserted
    write take the last values, a blob and an inserted write keep the first."""
    saver = BatchedSaver(pool)
    blob, cp = saver.UPSERT_CHECKPOINT_BLOBS_SQL, saver.UPSERT_CHECKPOINTS_SQL
    upsert, insert = saver.UPSERT_CHECKPOINT_WRITES_SQL, saver.INSERT_CHECKPOINT_WRITES_SQL

    def checkpoint(n: int) -> tuple[Any, ...]:
        return ("t", "", "c1", None, Jsonb({"n": n}), Jsonb({"step": n}))

    def write(task: str, idx: int, value: bytes) -> tuple[Any, ...]:
        return ("t", "", "c1", task, "", idx, "ch", "bytes", value)

    earlier = [
        Statement("", cp, [checkpoint(0)]),
        Statement("", upsert, [write("k", -1, b"old")]),
        Statement("", insert, [write("i", 0, b"old")]),
        Statement("", blob, [("t", "", "ch", "1", "bytes", b"old")]),
    ]
    now = [
        Statement(
            "", blob, [("t", "", "ch", "1", "bytes", b"new"), ("t", "", "ch", "2", "bytes", b"a")]
        ),
        Statement("", cp, [checkpoint(1)]),
        Statement("", blob, [("t", "", "ch", "2", "bytes", b"b")]),
        Statement("", insert, [write("i", 0, b"new"), write("j", 0, b"first")]),
        Statement("", upsert, [write("k", -1, b"mid"), write("u", -2, b"first")]),
        Statement("", insert, [write("j", 0, b"second"), write("u", -2, b"kept?")]),
        Statement("", upsert, [write("k", -1, b"last"), write("j", 0, b"updated")]),
        Statement("", cp, [checkpoint(2)]),
    ]
    assert staged_rows(saver, now) is not None  # the COPY path, not the fallback
    piped, copied = str(uuid.uuid4()), str(uuid.uuid4())
    for held in (earlier, now):
        await saver.write_pipelined(_as_thread(held, piped))
        await saver.write(_as_thread(held, copied))
    after = await _rows(pool, copied)
    assert after == await _rows(pool, piped)
    assert [r["checkpoint"] for r in after["checkpoints"]] == [{"n": 2}]
    assert [(r["version"], r["blob"]) for r in after["checkpoint_blobs"]] == [
        ("1", b"old"),
        ("2", b"a"),
    ]
    assert {(r["task_id"], r["blob"]) for r in after["checkpoint_writes"]} == {
        ("i", b"old"),
        ("j", b"updated"),
        ("k", b"last"),
        ("u", b"first"),
    }


async def test_a_failing_copied_write_writes_nothing_and_keeps_it_held(
    pool: Pool, context: Context
) -> None:
    saver = BatchedSaver(pool)
    graph: Any = build_graph(
        checkpointer=saver, model=ScriptedChatModel(script=[route("general"), AIMessage("Hi.")])
    )
    config = thread()
    tid = config["configurable"]["thread_id"]
    held: list[RunBatch] = []
    with pytest.raises(psycopg.errors.NotNullViolation):
        async with run_batch(saver, tid) as batch:
            assert batch is not None
            held.append(batch)
            async for _ in graph.astream(
                {"messages": [("user", "hi")]}, config, context=context, durability="async"
            ):
                pass
            # A checkpoint row without its id: Postgres refuses it after the others moved.
            bad = (tid, "", None, None, Jsonb({}), Jsonb({}))
            batch.statements.append(Statement("", saver.UPSERT_CHECKPOINTS_SQL, [bad]))
            assert staged_rows(saver, batch.statements) is not None
    [batch] = held
    assert batch.transactions == 0
    assert batch.statements  # held still, for a later flush
    assert await _rows(pool, tid) == {table: [] for table in TABLES}


class ComparingSerializer(RunSerializer):
    """The run's serializer, each held encoding compared, as it is made, with what
    LangGraph's own serializer makes of the same value at that moment."""

    def __init__(self) -> None:
        super().__init__()
        self.plain = JsonPlusSerializer()
        self.compared = 0
        self.differing: list[Any] = []

    def dumps_typed(self, obj: Any) -> tuple[str, bytes]:
        encoded = super().dumps_typed(obj)
        if encoded != self.plain.dumps_typed(obj):
            self.differing.append(obj)
        self.compared += 1
        return encoded


async def test_held_writes_encode_each_value_as_langgraphs_serializer_does(
    pool: Pool, context: Context, scoped: ScopedDb
) -> None:
    """Every blob and write a run holds (three turns: an interrupt inside the domain
    subgraph, its resume) is, byte for byte, what LangGraph's serializer makes of it,
    although each message is encoded once a run (MessageMemo)."""
    serde = ComparingSerializer()
    saver = BatchedSaver(pool, serde=serde)
    assert isinstance(BatchedSaver(pool).serde, RunSerializer)  # the default
    turns = await _recorded_turns(saver, context, scoped)
    assert all(turns)
    assert serde.compared > 50
    assert serde.differing == []
