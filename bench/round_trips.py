"""Counting a process's round trips to Postgres (psycopg's async connections)."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import Any

from psycopg import AsyncConnection
from psycopg.waiting import Ready


@contextmanager
def counting_round_trips() -> Iterator[list[int]]:
    """Counts the process's round trips to Postgres: psycopg's exchanges with the server
    that read an answer from the socket (a commit with no transaction open reads none,
    nor does a statement queued in a pipeline: the pipeline's sync reads its answer)."""
    count = [0]
    wait = AsyncConnection.wait

    async def counted(self: Any, gen: Any, *args: Any, **kwargs: Any) -> Any:
        return await wait(self, _observed(gen, count), *args, **kwargs)

    AsyncConnection.wait = counted  # type: ignore[method-assign]
    try:
        yield count
    finally:
        AsyncConnection.wait = wait  # type: ignore[method-assign]


def _observed(gen: Generator[Any, Any, Any], count: list[int]) -> Generator[Any, Any, Any]:
    """`gen`, counted once if the socket was ever read for it."""
    read = False
    try:
        request = next(gen)
        while True:
            try:
                reply = yield request
            except BaseException as exc:  # handed on to psycopg's generator
                request = gen.throw(exc)
                continue
            read = read or bool(reply & Ready.R)
            request = gen.send(reply)
    except StopIteration as done:
        return done.value
    finally:
        count[0] += read
