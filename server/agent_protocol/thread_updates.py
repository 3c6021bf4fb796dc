"""State updates on a thread, for the thread streams that listen for them (`state_update`,
LangGraph's third thread stream mode): each `update_state` publishes the thread's new
state to the streams joined to that thread through this process.

Per process, as the thread stream finds runs on this instance: an update made through
another instance (`pam serve --workers N`, several instances) is not seen by a stream
joined here. A stream that reads too slowly loses the oldest updates, never blocks one.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import Any
from weakref import WeakKeyDictionary

# Updates waiting in one stream's queue: past this, the oldest is dropped.
QUEUED = 100

_listeners: WeakKeyDictionary[Any, dict[str, set[asyncio.Queue[dict[str, Any]]]]] = (
    WeakKeyDictionary()
)


def _of(pool: Any) -> dict[str, set[asyncio.Queue[dict[str, Any]]]]:
    found = _listeners.get(pool)
    if found is None:
        found = _listeners[pool] = {}
    return found


@contextlib.contextmanager
def listening(pool: Any, thread_key: str) -> Iterator[asyncio.Queue[dict[str, Any]]]:
    """A queue of the thread's state updates while the block runs."""
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(QUEUED)
    threads = _of(pool)
    threads.setdefault(thread_key, set()).add(queue)
    try:
        yield queue
    finally:
        queues = threads.get(thread_key, set())
        queues.discard(queue)
        if not queues:
            threads.pop(thread_key, None)


def has_listeners(pool: Any, thread_key: str) -> bool:
    """Whether a stream here listens (so an update reads the new state only then)."""
    return bool(_of(pool).get(thread_key))


def publish(pool: Any, thread_key: str, event: dict[str, Any]) -> None:
    for queue in _of(pool).get(thread_key, set()):
        if queue.full():
            queue.get_nowait()
        queue.put_nowait(event)
