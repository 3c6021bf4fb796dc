"""Chat threads: rows in `chat_threads`, read and written under the user's RLS scope.

Threads are per user (keyed by user_id and id): every route and protocol goes through
`owned_thread`, so an unknown id and another user's id are the same 404, and creating
a thread with an id another user also uses makes the caller's own, exactly as for an
unused id (tools/db/thread_keys.py keeps their checkpoints apart).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from uuid import UUID, uuid4
from weakref import WeakKeyDictionary

import orjson
from cachetools import LRUCache

from server.refusals import BadInput, Conflict, NotFound
from server.resources import Resources
from server.runs.user_graphs import users_graph
from tools.db.scope import UserDb, user_db
from tools.db.thread_keys import ThreadNamespaces, thread_key

COLUMNS = "id, user_id, title, metadata, created_at, updated_at"
OWNED_THREADS = 50_000

# Threads this process has seen to be the user's, per pool (one pool per database): a
# thread's owner never changes, so a turn on a known thread skips the ownership read (a
# round trip before the first token). A thread deleted here is forgotten at once; one
# deleted through another instance may still be remembered, which is why a run row is
# only inserted on a thread the user owns at that moment (store.insert_run: the 404).
_owned: WeakKeyDictionary[Any, LRUCache[tuple[UUID, UUID], bool]] = WeakKeyDictionary()


def _owned_threads(resources: Resources) -> LRUCache[tuple[UUID, UUID], bool]:
    known = _owned.get(resources.pool)
    if known is None:
        known = _owned[resources.pool] = LRUCache(OWNED_THREADS)
    return known


class ThreadNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("Thread not found.")


class ThreadExists(Conflict):
    def __init__(self) -> None:
        super().__init__("A thread with that id already exists.")


@dataclass(frozen=True)
class ThreadRow:
    id: UUID
    user_id: UUID
    title: str | None
    metadata: dict[str, Any]
    created_at: datetime
    updated_at: datetime

    @property
    def thread_id(self) -> str:
        return str(self.id)

    @property
    def key(self) -> str:
        """The thread's id where ids are not per user (runs, locks, checkpoints)."""
        return thread_key(self.user_id, self.thread_id)


def thread_namespaces(resources: Resources) -> ThreadNamespaces:
    """The server graph's checkpointer, every user's threads apart."""
    threads = resources.graph.checkpointer
    if not isinstance(threads, ThreadNamespaces):
        raise TypeError("the server graph is compiled with ThreadNamespaces (resources.py)")
    return threads


def user_graph(resources: Resources, user_id: UUID) -> Any:
    """The graph for a run or state call on the user's threads (their namespace)."""
    return users_graph(resources.graph, user_id)


class CheckpointNotFound(NotFound):
    def __init__(self, checkpoint_id: str) -> None:
        super().__init__(f"checkpoint_id: the thread has no checkpoint {checkpoint_id!r}.")


async def require_checkpoint(
    resources: Resources, user_id: UUID, thread_id: str, checkpoint_id: str
) -> None:
    """404 unless the user's thread has this root-graph checkpoint (redteam 9: an unknown
    id was read as "no state", and a run or update from it started the thread over)."""
    config: Any = {
        "configurable": {
            "thread_id": thread_id,
            "checkpoint_ns": "",
            "checkpoint_id": checkpoint_id,
        }
    }
    if await thread_namespaces(resources).of(user_id).aget_tuple(config) is None:
        raise CheckpointNotFound(checkpoint_id)


def parse_thread_id(thread_id: str | UUID) -> UUID | None:
    if isinstance(thread_id, UUID):
        return thread_id
    try:
        return UUID(thread_id)
    except (ValueError, TypeError, AttributeError):
        return None


async def find_thread(
    resources: Resources, user_id: UUID, thread_id: str | UUID
) -> ThreadRow | None:
    tid = parse_thread_id(thread_id)
    if tid is None:
        return None
    async with user_db(resources.pool, user_id) as db:
        row = await (
            await db.conn.execute(f"SELECT {COLUMNS} FROM chat_threads WHERE id = %s", (tid,))
        ).fetchone()
    return ThreadRow(**row) if row else None


async def owned_thread(resources: Resources, user_id: UUID, thread_id: str | UUID) -> ThreadRow:
    """The user's thread, or 404 for an unknown id, a malformed one, or anyone else's."""
    row = await find_thread(resources, user_id, thread_id)
    if row is None:
        raise ThreadNotFound()
    return row


async def owned_thread_id(resources: Resources, user_id: UUID, thread_id: str | UUID) -> str:
    """`owned_thread(...).thread_id`, from memory for a thread seen before: for starting
    a run, whose row insert checks ownership again."""
    tid = parse_thread_id(thread_id)
    known = _owned_threads(resources)
    if tid is not None and (user_id, tid) in known:
        return str(tid)
    row = await owned_thread(resources, user_id, thread_id)
    known[(user_id, row.id)] = True
    return row.thread_id


async def create_thread(
    resources: Resources,
    user_id: UUID,
    *,
    thread_id: str | UUID | None = None,
    metadata: dict[str, Any] | None = None,
    if_exists: Literal["raise", "do_nothing"] = "raise",
) -> ThreadRow:
    """A new thread owned by the user. An id the user already has is 409 (`raise`) or
    that thread (`do_nothing`); other users' threads are never in the way."""
    tid = uuid4() if thread_id is None else parse_thread_id(thread_id)
    if tid is None:
        raise BadInput("thread_id must be a UUID.")
    async with user_db(resources.pool, user_id) as db:
        await _serialise_creates(db)
        row = await (
            await db.conn.execute(
                "INSERT INTO chat_threads (id, user_id, metadata) VALUES (%s, %s, %s::jsonb)"
                f" ON CONFLICT (user_id, id) DO NOTHING RETURNING {COLUMNS}",
                (tid, user_id, orjson.dumps(metadata or {}).decode()),
            )
        ).fetchone()
        if row is not None:  # a new thread (an existing one is never refused)
            await _within_cap(db, resources.settings.max_threads_per_user)
    if row is not None:
        made = ThreadRow(**row)
        if thread_id is not None:
            # A chosen id may have been a thread of the user's whose delete was cut off
            # after its row went: a new thread starts with no checkpoints.
            await thread_namespaces(resources).of(user_id).adelete_thread(made.thread_id)
        _owned_threads(resources)[(user_id, tid)] = True
        return made
    existing = await find_thread(resources, user_id, tid)
    if existing is None or if_exists == "raise":  # None: deleted this instant
        raise ThreadExists()
    return existing


class TooManyThreads(BadInput):
    def __init__(self, cap: int) -> None:
        super().__init__(f"A user may hold at most {cap} threads; delete one to start another.")


async def _serialise_creates(db: UserDb) -> None:
    """One thread create of a user at a time, so racing creates cannot pass the cap."""
    await db.conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"threads:{db.user_id}",)
    )


async def _within_cap(db: UserDb, cap: int) -> None:
    """TooManyThreads (the transaction, and with it the new thread, rolled back) when the
    user now holds more than `cap` threads (redteam 10: `POST /threads` took any number,
    64 KiB of metadata each, ~19 MB a minute at the API rate). The count stops past the
    cap: an index range of the user's own rows, under RLS."""
    count = "SELECT count(*) AS n FROM (SELECT 1 FROM chat_threads LIMIT %s) AS held"
    row = await (await db.conn.execute(count, (cap + 1,))).fetchone()
    if row is not None and row["n"] > cap:
        raise TooManyThreads(cap)


async def list_threads(
    resources: Resources, user_id: UUID, *, limit: int = 20, offset: int = 0
) -> list[ThreadRow]:
    """The user's threads, most recently active first."""
    async with user_db(resources.pool, user_id) as db:
        rows = await (
            await db.conn.execute(
                f"SELECT {COLUMNS} FROM chat_threads ORDER BY updated_at DESC, id"
                " LIMIT %s OFFSET %s",
                (limit, offset),
            )
        ).fetchall()
    return [ThreadRow(**r) for r in rows]


async def delete_thread(resources: Resources, user_id: UUID, thread_id: str | UUID) -> None:
    """The thread row (its transcript and run rows cascade) and its checkpoints."""
    row = await owned_thread(resources, user_id, thread_id)
    async with user_db(resources.pool, user_id) as db:
        await db.conn.execute("DELETE FROM chat_threads WHERE id = %s", (row.id,))
    _owned_threads(resources).pop((user_id, row.id), None)
    await thread_namespaces(resources).of(user_id).adelete_thread(row.thread_id)
