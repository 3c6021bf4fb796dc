"""LangGraph's Postgres checkpointer over the process's pool, without its global lock,
serialising inline.

The stock `AsyncPostgresSaver` takes one asyncio.Lock around every checkpoint read and
write of the instance. That lock exists for a single shared connection; over a pool,
every call borrows a connection of its own, so the lock only queues all concurrent runs
of the process behind each other (measured: 16 clients got 3 turns/s, one turn's
checkpoints waiting for every other turn's).

It also hands each checkpoint's (de)serialisation to a worker thread (`to_thread`).
PAM's checkpoints are small (the bounded message window), so encoding one takes tens of
microseconds while the hop costs a thread wake-up and a GIL hand-off, and under load
waits for the interpreter's switch interval: with a checkpoint per step (the Agent
Protocol's default durability) the hops were a fifth of the server's time. The saver's
module sees an `asyncio` whose `to_thread` runs the call in place.

And it reads a checkpoint's blobs by primary key (SELECT_SQL below), so a long thread's
read stays flat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import nullcontext
from types import ModuleType
from typing import Any, TypeVar

import langgraph.checkpoint.postgres.aio as saver_module
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from tools.db.pool import Pool

T = TypeVar("T")

# The stock query joins the checkpoint's channel versions to the blobs with a plain join,
# which Postgres plans as a hash join over every blob the thread has ever written: a
# read that grows with the thread (7.4 ms at 6,000 checkpoints, 92 ms cold). Each
# version is one primary-key lookup; the LIMIT keeps the lateral subquery from being
# flattened back into that join. Same rows, same order of columns.
SELECT_SQL = """
select
    thread_id, checkpoint, checkpoint_ns, checkpoint_id, parent_checkpoint_id, metadata,
    (
        select array_agg(array[bl.channel::bytea, bl.type::bytea, bl.blob])
        from jsonb_each_text(checkpoint -> 'channel_versions') as cv
        cross join lateral (
            select b.channel, b.type, b.blob
            from checkpoint_blobs b
            where b.thread_id = checkpoints.thread_id
                and b.checkpoint_ns = checkpoints.checkpoint_ns
                and b.channel = cv.key
                and b.version = cv.value
            limit 1
        ) as bl
    ) as channel_values,
    (
        select array_agg(array[
            cw.task_id::text::bytea, cw.channel::bytea, cw.type::bytea, cw.blob,
            convert_to(cw.task_path, 'UTF8'), cw.idx::text::bytea
        ])
        from checkpoint_writes cw
        where cw.thread_id = checkpoints.thread_id
            and cw.checkpoint_ns = checkpoints.checkpoint_ns
            and cw.checkpoint_id = checkpoints.checkpoint_id
    ) as pending_writes
from checkpoints """


class _InlineThreads(ModuleType):
    """`asyncio`, except that `to_thread` calls the function on the event loop."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    async def to_thread(func: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        return func(*args, **kwargs)


def serialise_inline() -> None:
    """Idempotent; process-wide (every AsyncPostgresSaver of the process)."""
    saver_module.asyncio = _InlineThreads("asyncio")  # type: ignore[attr-defined]


class PooledSaver(AsyncPostgresSaver):
    SELECT_SQL = SELECT_SQL

    def __init__(self, pool: Pool, **kwargs: Any) -> None:
        super().__init__(pool, **kwargs)
        self.lock: Any = nullcontext()
        serialise_inline()
