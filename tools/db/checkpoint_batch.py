"""A run's checkpoints written in one transaction when the run stops, not one per step.

Under LangGraph's default durability ("async") a turn saves a checkpoint after every
step of the graph and of each subgraph, and the pending writes of every task: a dozen
checkpoints and about twenty write batches a turn, each its own round trip and
transaction. PAM never runs a turn again after its process died (server/runs/orphans.py:
such a run ends as an error), so the checkpoints between a run's first step and its
last have no recovery value; they are kept for history and time travel. `BatchedSaver`
therefore keeps the statements LangGraph's saver would send for a run (the very same
SQL and parameters, encoded when LangGraph hands them over) and sends them in one
pipelined transaction when the run ends, is interrupted, fails or is cancelled
(`run_batch`). The history that lands is the one today's saver writes, statement for
statement; a process killed mid-run writes none of it (the thread stays at its previous
turn, as a chat turn's "exit" durability leaves it).

The write itself (`BatchedSaver.write`) sends the rows by one binary COPY into a staging
table and moves them with one statement per table carrying LangGraph's ON CONFLICT
clauses (`staged_rows` keeps statement-by-statement semantics for a key written twice):
psycopg then encodes each row once into the COPY stream, where a pipelined
`executemany` built and sent a Bind/Execute per row (bench/stream_steps.py `ap_flush`).

Readers keep seeing what they saw: a read of a thread in this process (the run's own,
or a request's `GET .../state` while it runs) first sends what the run holds for the
namespace read, so it reads what an unbatched saver would have written. A process that
does not run the turn reads the database, where the run's checkpoints appear when it
stops (its events reach other instances through the run's Redis mirror, as before).

Only writes made inside `run_batch` (the run's task and the tasks LangGraph starts from
it; a context variable) and for the run's own thread are held; every other write goes
straight through, as before.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import orjson
import ormsgpack
from langchain_core.messages import BaseMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import (
    ChannelVersions,
    Checkpoint,
    CheckpointMetadata,
    CheckpointTuple,
)
from langgraph.checkpoint.serde.jsonplus import (
    EXT_PYDANTIC_V2,
    JsonPlusSerializer,
    _msgpack_default,
    _msgpack_enc,
    _option,
)
from psycopg.pq import TransactionStatus
from psycopg.types.json import Jsonb

from tools.db.checkpointer import PooledSaver
from tools.db.pool import Pool

log = logging.getLogger(__name__)

# LangGraph's configurable keys for a subgraph's parents' checkpoints and for a replay
# (langgraph._internal._constants), and its namespace separator.
CHECKPOINT_MAP = "checkpoint_map"
REPLAY_STATE = "__pregel_replay_state"
NS_SEP = "|"


@dataclass(frozen=True)
class Statement:
    """One `executemany` LangGraph's saver would have sent, for namespace `ns`."""

    ns: str
    query: str
    rows: list[tuple[Any, ...]]


def _verbatim(text: str) -> str:
    return text


def _json_text(value: Any) -> str:
    """`value` as JSON text, for a jsonb column: orjson (a fifth of json.dumps' time),
    and json.dumps, psycopg's default, for what orjson refuses (integers past 64 bits),
    so nothing the stock saver stores is refused. jsonb keeps the parsed value, not the
    text, so both store the same."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(value)


def _encoded(value: Any) -> Any:
    """A Jsonb parameter encoded now: LangGraph may change the dict once aput returns
    (the stock saver encodes it before returning, when it executes)."""
    if isinstance(value, Jsonb) and value.dumps is not _verbatim:
        return Jsonb(_json_text(value.obj), dumps=_verbatim)
    return value


def _fields(message: BaseMessage) -> dict[str, Any]:
    return {**message.__dict__, **(message.__pydantic_extra__ or {})}


class MessageMemo:
    """A run's messages as LangGraph's serializer encodes them, each encoded once.

    Under "async" durability every step's checkpoint holds the whole message window
    again (the parent's and the domain subgraph's, and the writes of the tasks that
    return it): a turn encodes the same ~20 messages about ten times. A message already
    encoded by this run is taken from here while its fields still equal what was
    encoded (`model_dump`'s output, compared with the fields as they are now): a message
    changed in place since (LangChain's human-in-the-loop middleware edits an AIMessage's
    `tool_calls`) is encoded again. Equal but differently typed values (1 and 1.0) are
    the one change the comparison cannot see; nothing in the graph makes such a change.
    A message whose fields do not compare equal with their dump (nested models) is
    simply encoded every time, as before."""

    def __init__(self) -> None:
        # id → (the message, held so the id is not reused; its dump; its encoding)
        self._seen: dict[int, tuple[BaseMessage, dict[str, Any], ormsgpack.Ext]] = {}

    def default(self, obj: Any) -> Any:
        """ormsgpack's `default`: LangGraph's `_msgpack_default`, a message remembered."""
        if not isinstance(obj, BaseMessage):
            return _msgpack_default(obj)
        seen = self._seen.get(id(obj))
        if seen is not None and seen[0] is obj and _fields(obj) == seen[1]:
            return seen[2]
        dumped = obj.model_dump()
        cls = obj.__class__
        # As `_msgpack_default` encodes a pydantic v2 model (tests compare the bytes).
        ext = ormsgpack.Ext(
            EXT_PYDANTIC_V2,
            _msgpack_enc((cls.__module__, cls.__name__, dumped, "model_validate_json")),
        )
        self._seen[id(obj)] = (obj, dumped, ext)
        return ext

    def clear(self) -> None:
        self._seen.clear()


class RunSerializer(JsonPlusSerializer):
    """LangGraph's serializer; for a write held for a run (`BatchedSaver.aput` and
    `aput_writes` inside `run_batch`), its messages through the run's `MessageMemo`.
    The same bytes either way."""

    def dumps_typed(self, obj: Any) -> tuple[str, bytes]:
        batch = _run_batch.get()
        if (
            batch is None
            or _recording.get() is None
            or obj is None
            or isinstance(obj, bytes | bytearray)
        ):
            return super().dumps_typed(obj)
        try:
            return "msgpack", ormsgpack.packb(obj, default=batch.memo.default, option=_option)
        except ormsgpack.MsgpackEncodeError:
            return super().dumps_typed(obj)  # its own error or fallback, as without us


@dataclass(eq=False)  # one batch per run, found by identity
class RunBatch:
    """The statements held for one run of one thread, in the order LangGraph made them."""

    saver: BatchedSaver
    thread_id: str
    statements: list[Statement] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    discarded: bool = False
    closed: bool = False  # the run's block has ended: later writes go straight through
    transactions: int = 0  # how many flushes wrote something (tests, metrics)
    # Sent after the checkpoints, in their transaction (`close_with`): the run's own end,
    # recorded with its checkpoints instead of in a transaction of its own.
    closing: list[Statement] = field(default_factory=list)
    closing_written: bool = False

    # Namespaces the run has written to (held or sent), and the checkpoint ids it read
    # from the database: what `is_new_subgraph` needs.
    written: set[str] = field(default_factory=set)
    loaded: set[str] = field(default_factory=set)
    memo: MessageMemo = field(default_factory=MessageMemo)

    def holds(self, ns: str | None) -> bool:
        """Whether anything is held for namespace `ns` (None: for any)."""
        return any(ns is None or s.ns == ns for s in self.statements)

    def add(self, statements: Iterable[Statement]) -> None:
        if not self.discarded:
            for statement in statements:
                self.statements.append(statement)
                self.written.add(statement.ns)

    def is_new_subgraph(self, config: RunnableConfig) -> bool:
        """Whether `config` asks for the latest checkpoint of a subgraph namespace that
        cannot have any in the database: a subgraph's namespace ends in its task's id,
        which LangGraph derives from the parent's checkpoint id, and that parent
        checkpoint was made by this run (it was not read from the database), so no
        earlier run can have written under it, and this run has not either. A domain
        subgraph starting within a turn is this case: its read is skipped."""
        configurable = config.get("configurable") or {}
        ns = configurable.get("checkpoint_ns") or ""
        if (
            not ns
            or ns in self.written
            or configurable.get("checkpoint_id")
            or configurable.get(REPLAY_STATE) is not None
            or str(configurable.get("thread_id")) != self.thread_id
        ):
            return False
        parent_ns = ns.rpartition(NS_SEP)[0]
        parent_id = (configurable.get(CHECKPOINT_MAP) or {}).get(parent_ns)
        return parent_id is not None and parent_id not in self.loaded

    def discard(self) -> None:
        """The thread was deleted: nothing of this run may bring its rows back."""
        self.discarded = True
        self.statements.clear()
        self.closing.clear()

    def close_with(self, statements: Iterable[Statement]) -> None:
        """Statements for the next flush to send last, in the same transaction as the
        checkpoints held (`closing_written` once they are committed)."""
        if not self.discarded:
            self.closing.extend(statements)

    async def flush(self) -> None:
        """Send what is held in one transaction. On failure it stays held (in order, ahead
        of anything newer), so a later flush writes all of it or nothing."""
        async with self.lock:
            taken, self.statements = self.statements, []
            closing, self.closing = self.closing, []
            if not taken and not closing:
                return
            try:
                await self.saver.write(taken, closing)
            except BaseException:
                self.statements[:0] = taken
                self.closing[:0] = closing
                raise
            self.transactions += 1
            self.closing_written = self.closing_written or bool(closing)


class _Recorder:
    """Stands in for the cursor inside LangGraph's aput/aput_writes: keeps the statements."""

    def __init__(self, ns: str) -> None:
        self.ns = ns
        self.kept: list[Statement] = []

    async def execute(self, query: str, params: Sequence[Any] | None = None, **_: Any) -> None:
        self.kept.append(Statement(self.ns, query, [tuple(map(_encoded, params or ()))]))

    async def executemany(self, query: str, params_seq: Iterable[Sequence[Any]], **_: Any) -> None:
        rows = [tuple(map(_encoded, params)) for params in params_seq]
        if rows:
            self.kept.append(Statement(self.ns, query, rows))


# The batch of the run whose task (or a task started from it) is executing.
_run_batch: ContextVar[RunBatch | None] = ContextVar("pam_run_batch", default=None)
# Set only while LangGraph's aput/aput_writes body runs for a held write.
_recording: ContextVar[_Recorder | None] = ContextVar("pam_recording", default=None)


class BatchedSaver(PooledSaver):
    def __init__(self, pool: Pool, **kwargs: Any) -> None:
        kwargs.setdefault("serde", RunSerializer())
        super().__init__(pool, **kwargs)
        self.pool = pool
        self._batches: dict[str, set[RunBatch]] = {}

    # -- the run's side ---------------------------------------------------------------

    def begin(self, thread_id: str) -> RunBatch:
        batch = RunBatch(self, thread_id)
        self._batches.setdefault(thread_id, set()).add(batch)
        return batch

    def end(self, batch: RunBatch) -> None:
        batch.closed = True
        batch.memo.clear()  # the run's messages go when it does
        held = self._batches.get(batch.thread_id)
        if held is not None:
            held.discard(batch)
            if not held:
                del self._batches[batch.thread_id]

    async def write(self, statements: list[Statement], closing: Sequence[Statement] = ()) -> None:
        """Statements in order, then `closing`: one transaction."""
        rows = staged_rows(self, statements)
        if not rows:  # not LangGraph's statements, or none but `closing`
            await self.write_pipelined(statements, closing)
        else:
            await self.write_copied(rows, closing)

    async def write_copied(self, rows: list[tuple[Any, ...]], closing: Sequence[Statement]) -> None:
        """The rows of `staged_rows` by one binary COPY into a staging table, moved into
        the checkpoint tables by one statement (LangGraph's ON CONFLICT clauses); then
        `closing` and the COMMIT, pipelined. The staging table is made (if the session
        lacks it) inside the transaction, so a pooler that hands each transaction to
        another session (PgBouncer in transaction mode) still finds it."""
        async with self.pool.connection() as conn:
            try:
                await conn.execute(BEGIN_STAGE)  # one simple query: three statements
                async with conn.cursor(binary=True) as cur:
                    async with cur.copy(COPY_STAGE) as copy:
                        copy.set_types(STAGE_TYPES)
                        for row in rows:
                            await copy.write_row(row)
                    async with conn.pipeline():
                        await cur.execute(MOVE_STAGE)
                        for statement in closing:
                            await cur.executemany(statement.query, statement.rows)
                        await cur.execute("COMMIT")
            except BaseException:
                if conn.info.transaction_status != TransactionStatus.IDLE and not conn.closed:
                    await conn.execute("ROLLBACK")
                raise

    async def write_pipelined(
        self, statements: list[Statement], closing: Sequence[Statement] = ()
    ) -> None:
        """Statements in order, then `closing`: one transaction, pipelined (one round
        trip's wait)."""
        async with (
            self.pool.connection() as conn,
            conn.pipeline(),
            conn.transaction(),
            conn.cursor(binary=True) as cur,
        ):
            for statement in [*_merged(statements), *closing]:
                await cur.executemany(statement.query, statement.rows)

    def _held_by(self, config: RunnableConfig) -> RunBatch | None:
        batch = _run_batch.get()
        if batch is None or batch.discarded or batch.closed:
            return None
        if str(config["configurable"]["thread_id"]) != batch.thread_id:
            return None
        return batch

    async def aput(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        batch = self._held_by(config)
        if batch is None:
            return await super().aput(config, checkpoint, metadata, new_versions)
        recorder = _Recorder(config["configurable"].get("checkpoint_ns", ""))
        token = _recording.set(recorder)
        try:
            next_config = await super().aput(config, checkpoint, metadata, new_versions)
        finally:
            _recording.reset(token)
        batch.add(recorder.kept)  # a whole checkpoint at a time: no flush splits one
        return next_config

    async def aput_writes(
        self,
        config: RunnableConfig,
        writes: Sequence[tuple[str, Any]],
        task_id: str,
        task_path: str = "",
    ) -> None:
        batch = self._held_by(config)
        if batch is None:
            await super().aput_writes(config, writes, task_id, task_path)
            return
        recorder = _Recorder(config["configurable"].get("checkpoint_ns", ""))
        token = _recording.set(recorder)
        try:
            await super().aput_writes(config, writes, task_id, task_path)
        finally:
            _recording.reset(token)
        batch.add(recorder.kept)

    @asynccontextmanager
    async def _cursor(self, *, pipeline: bool = False) -> AsyncIterator[Any]:
        recorder = _recording.get()
        if recorder is not None:
            yield recorder
            return
        async with super()._cursor(pipeline=pipeline) as cur:
            yield cur

    # -- readers ----------------------------------------------------------------------

    async def _settle(self, config: RunnableConfig | None) -> None:
        """Send what runs hold for what `config` reads, so the read sees it."""
        if config is None:
            batches = [b for held in self._batches.values() for b in held]
            ns: str | None = None
        else:
            configurable = config.get("configurable") or {}
            batches = list(self._batches.get(str(configurable.get("thread_id")), ()))
            ns = configurable.get("checkpoint_ns")  # absent: every namespace
        for batch in batches:
            if batch.holds(ns):
                await batch.flush()

    async def aget_tuple(self, config: RunnableConfig) -> CheckpointTuple | None:
        batch = _run_batch.get()
        if batch is not None and not batch.closed and batch.is_new_subgraph(config):
            return None
        if self._batches:
            await self._settle(config)
        found = await super().aget_tuple(config)
        if batch is not None and found is not None:
            batch.loaded.add(found.checkpoint["id"])
        return found

    async def alist(
        self,
        config: RunnableConfig | None,
        *,
        filter: dict[str, Any] | None = None,
        before: RunnableConfig | None = None,
        limit: int | None = None,
    ) -> AsyncIterator[CheckpointTuple]:
        if self._batches:
            await self._settle(config)
        async for item in super().alist(config, filter=filter, before=before, limit=limit):
            yield item

    async def adelete_thread(self, thread_id: str) -> None:
        for batch in self._batches.get(str(thread_id), ()):
            batch.discard()
        await super().adelete_thread(thread_id)


def _merged(statements: list[Statement]) -> list[Statement]:
    """Consecutive statements with the same SQL as one executemany (the order kept)."""
    out: list[Statement] = []
    for statement in statements:
        if out and out[-1].query == statement.query:
            last = out[-1]
            out[-1] = Statement(last.ns, last.query, last.rows + statement.rows)
        else:
            out.append(statement)
    return out


@asynccontextmanager
async def run_batch(checkpointer: Any, thread_id: str) -> AsyncIterator[RunBatch | None]:
    """Hold the checkpoints the block's graph run writes for `thread_id`; send them when
    the block ends. A clean end whose write fails raises (the run did not save); after a
    failure or a cancel, what was held is still written (as an unbatched saver would
    have by then) and a failing write is left to the run's own error. Without a
    BatchedSaver (another checkpointer, none), a no-op."""
    if not isinstance(checkpointer, BatchedSaver):
        yield None
        return
    saver = checkpointer
    batch = saver.begin(str(thread_id))
    token = _run_batch.set(batch)
    try:
        try:
            yield batch
        finally:
            _run_batch.reset(token)
    except BaseException:
        try:
            await batch.flush()
        except Exception as exc:  # the run already fails with its own error
            log.warning("checkpoints of a stopped run not written: %s", exc)
        finally:
            saver.end(batch)
        raise
    try:
        await batch.flush()
    finally:
        saver.end(batch)


# The staging table of `write_copied`: one per session, emptied at every commit. A row
# per checkpoint, blob or write, `kind` saying which and how it conflicts.
STAGE = "pam_checkpoint_stage"
BEGIN_STAGE = f"""
BEGIN;
SET LOCAL client_min_messages = warning;
CREATE TEMP TABLE IF NOT EXISTS {STAGE} (
    kind int2, thread_id text, checkpoint_ns text, checkpoint_id text,
    t1 text, t2 text, t3 text, t4 text, idx int4, blob bytea, doc1 text, doc2 text
) ON COMMIT DELETE ROWS"""
STAGE_TYPES = ["int2", *["text"] * 7, "int4", "bytea", "text", "text"]
COPY_STAGE = f"COPY {STAGE} FROM STDIN (FORMAT BINARY)"
BLOB, CHECKPOINT, WRITE_UPDATE, WRITE_KEEP = 0, 1, 2, 3
WRITE_COLUMNS = (
    "(thread_id, checkpoint_ns, checkpoint_id, task_id, task_path, idx, channel, type, blob)"
)
WRITE_KEY = "(thread_id, checkpoint_ns, checkpoint_id, task_id, idx)"
WRITE_SELECT = (
    f"SELECT thread_id, checkpoint_ns, checkpoint_id, t1, t2, idx, t3, t4, blob FROM {STAGE}"
)
MOVE_STAGE = f"""
WITH blobs AS (
    INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
    SELECT thread_id, checkpoint_ns, t1, t2, t3, blob FROM {STAGE} WHERE kind = {BLOB}
    ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING
), checkpoints AS (
    INSERT INTO checkpoints
        (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
    SELECT thread_id, checkpoint_ns, checkpoint_id, t1, doc1::jsonb, doc2::jsonb
    FROM {STAGE} WHERE kind = {CHECKPOINT}
    ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
    DO UPDATE SET checkpoint = EXCLUDED.checkpoint, metadata = EXCLUDED.metadata
), updated AS (
    INSERT INTO checkpoint_writes {WRITE_COLUMNS}
    {WRITE_SELECT} WHERE kind = {WRITE_UPDATE}
    ON CONFLICT {WRITE_KEY}
    DO UPDATE SET channel = EXCLUDED.channel, type = EXCLUDED.type, blob = EXCLUDED.blob
)
INSERT INTO checkpoint_writes {WRITE_COLUMNS}
{WRITE_SELECT} WHERE kind = {WRITE_KEEP}
ON CONFLICT {WRITE_KEY} DO NOTHING"""


def _text(value: Any) -> Any:
    """A jsonb parameter's JSON text (held encoded already, `_encoded`), anything else as
    it is."""
    if isinstance(value, Jsonb):
        return value.obj if value.dumps is _verbatim else _json_text(value.obj)
    return value


def staged_rows(saver: PooledSaver, statements: list[Statement]) -> list[tuple[Any, ...]] | None:
    """The held statements as staging rows with the same end state: statement after
    statement, a row whose key an earlier one wrote replaces it under DO UPDATE and is
    dropped under DO NOTHING (one INSERT may not touch a row twice). None if a statement
    is not one of LangGraph's four."""
    blobs: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    checkpoints: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    writes: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for statement in statements:
        query = statement.query
        if query == saver.UPSERT_CHECKPOINT_BLOBS_SQL:
            for t, ns, channel, version, kind, blob in statement.rows:
                key = (t, ns, channel, version)
                if key not in blobs:
                    blobs[key] = (
                        BLOB,
                        t,
                        ns,
                        None,
                        channel,
                        version,
                        kind,
                        None,
                        None,
                        blob,
                        None,
                        None,
                    )
        elif query == saver.UPSERT_CHECKPOINTS_SQL:
            for t, ns, cid, parent, checkpoint, metadata in statement.rows:
                checkpoints[(t, ns, cid)] = (
                    CHECKPOINT,
                    t,
                    ns,
                    cid,
                    parent,
                    None,
                    None,
                    None,
                    None,
                    None,
                    _text(checkpoint),
                    _text(metadata),
                )
        elif query in (saver.UPSERT_CHECKPOINT_WRITES_SQL, saver.INSERT_CHECKPOINT_WRITES_SQL):
            update = query == saver.UPSERT_CHECKPOINT_WRITES_SQL
            for t, ns, cid, task, path, idx, channel, kind, blob in statement.rows:
                wkey = (t, ns, cid, task, idx)
                row = (t, ns, cid, task, path, channel, kind, idx, blob, None, None)
                if update:
                    writes[wkey] = (WRITE_UPDATE, *row)
                elif wkey not in writes:
                    writes[wkey] = (WRITE_KEEP, *row)
        else:
            return None
    return [*blobs.values(), *checkpoints.values(), *writes.values()]
