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
    def __init__(self, pool: Pool, **kwargs: Any) -> None:
        super().__init__(pool, **kwargs)
        self.lock: Any = nullcontext()
        serialise_inline()
