"""Threads in bulk and by copy: `POST /threads/count`, `/threads/{id}/copy` and
`/threads/prune` — only ever the caller's threads."""

from __future__ import annotations

import contextlib
from typing import Any, Literal

import orjson
from fastapi import APIRouter
from pydantic import Field

from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.copy_budget import charge_copy, stored_bytes
from server.agent_protocol.schemas import Body, ThreadSearch, ThreadStatus
from server.agent_protocol.serialize import ProtocolJSON
from server.agent_protocol.thread_search import search_threads
from server.agent_protocol.thread_store import SCAN_LIMIT
from server.agent_protocol.thread_view import stored_filter
from server.agent_protocol.threads import thread_body
from server.deps import Res
from server.runs import RunManager, create_thread, owned_thread
from server.runs.deps import Runs
from server.runs.threads import (
    ThreadNotFound,
    ThreadRow,
    delete_thread,
    find_thread,
    thread_namespaces,
)
from tools.db.pool import Pool
from tools.db.scope import user_db

router = APIRouter(tags=["agent protocol"])
MAX_PRUNE = 1000
# Checkpoint tables (LangGraph's Postgres saver) and the columns copied as they are.
CHECKPOINT_COPIES = {
    "checkpoints": "checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata",
    "checkpoint_blobs": "checkpoint_ns, channel, version, type, blob",
    "checkpoint_writes": "checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob,"
    " task_path",
}


class ThreadCount(Body):
    metadata: dict[str, Any] | None = None
    values: dict[str, Any] | None = None
    status: ThreadStatus | None = None


class ThreadPrune(Body):
    thread_ids: list[str] = Field(min_length=1, max_length=MAX_PRUNE)
    strategy: Literal["delete", "keep_latest"] = "delete"


@router.post("/threads/count")
async def count(user: ProtocolUser, res: Res, runs: Runs, body: ThreadCount | None = None) -> int:
    body = body or ThreadCount()
    if body.status is not None or body.values is not None:  # state: read and filtered
        search = ThreadSearch(
            metadata=body.metadata, values=body.values, status=body.status, limit=SCAN_LIMIT
        )
        _, headers = await search_threads(res, runs, user, search)
        return int(headers["X-Pagination-Total"])
    metadata = stored_filter(user, body.metadata)
    if metadata is None:
        return 0
    async with user_db(res.pool, user) as db:
        row = await (
            await db.conn.execute(
                "SELECT count(*) AS n FROM chat_threads WHERE metadata @> %s::jsonb",
                (orjson.dumps(metadata).decode(),),
            )
        ).fetchone()
    return int((row or {}).get("n") or 0)


async def copy_checkpoints(pool: Pool, source: ThreadRow, target: ThreadRow) -> None:
    """Every checkpoint, blob and pending write of `source`, under `target`'s key, in one
    transaction (the whole parent chain, as LangGraph's copy_thread requires)."""
    async with pool.connection() as conn, conn.transaction():
        for table, columns in CHECKPOINT_COPIES.items():
            await conn.execute(
                f"INSERT INTO {table} (thread_id, {columns})"
                f" SELECT %s, {columns} FROM {table} WHERE thread_id = %s",
                (target.key, source.key),
            )
        await conn.execute(  # the metadata names the thread as its owner knows it
            "UPDATE checkpoints SET metadata ="
            " jsonb_set(metadata, '{thread_id}', to_jsonb(%s::text))"
            " WHERE thread_id = %s AND metadata ? 'thread_id'",
            (target.thread_id, target.key),
        )


COPY_LEAVES_OUT = ("values", "interrupts", "error")


@router.post("/threads/{thread_id}/copy", response_class=ProtocolJSON)
async def copy(thread_id: str, user: ProtocolUser, res: Res, runs: Runs) -> Any:
    source = await owned_thread(res, user, thread_id)
    await charge_copy(res, user, await stored_bytes(res.pool, source, list(CHECKPOINT_COPIES)))
    row = await create_thread(res, user, metadata=source.metadata)
    await copy_checkpoints(res.pool, source, row)
    # The new thread's record, as LangGraph's server answers a copy: its state (values,
    # interrupts, error) is read with threads.get or get_state.
    body = await thread_body(res, runs, user, row)
    return ProtocolJSON({k: v for k, v in body.items() if k not in COPY_LEAVES_OUT})


async def _stop_runs(runs: RunManager, thread_key: str) -> None:
    for run in runs.unfinished(thread_key):
        await runs.cancel(run.run_id)
    await runs.cancel_thread(thread_key)  # and any on other instances


@router.post("/threads/prune")
async def prune(body: ThreadPrune, user: ProtocolUser, res: Res, runs: Runs) -> dict[str, int]:
    """Ids that are not the caller's threads are passed over, as unknown ones are."""
    owned = [t for t in [await find_thread(res, user, i) for i in body.thread_ids] if t]
    for thread in owned:
        await _stop_runs(runs, thread.key)
    if body.strategy == "delete":
        for thread in owned:  # row, runs, checkpoints, and this process's ownership cache
            with contextlib.suppress(ThreadNotFound):  # deleted meanwhile: gone either way
                await delete_thread(res, user, thread.id)
    elif owned:
        mine = thread_namespaces(res).of(user)
        await mine.aprune([t.thread_id for t in owned], strategy="keep_latest")
    return {"pruned_count": len(owned)}
