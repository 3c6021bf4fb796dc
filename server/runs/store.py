"""Run rows in `chat_runs`: written by the run manager, read by thread and run APIs; what
a run cut off by a crash is told (`LOST`); and the checkpoints of a run cancelled with
`rollback` deleted (`delete_run_checkpoints`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
import psycopg

from agent.flags import EXPERIMENT_KEYS
from server.runs.run import Run
from server.runs.threads import ThreadNotFound
from tools.db.checkpoint_batch import Statement
from tools.db.pool import Pool
from tools.db.scope import APP_ROLE, SCOPE, user_db, user_writes

# What a client is told about a turn whose server died mid-run (killed, crashed,
# restarted): it was not finished and is not run again (see orphans.py for why), and what
# to do about it. Stored as the run's error, so every instance and every later read tells
# the same.
LOST_CODE = "TURN_INTERRUPTED"
LOST = (
    "Your message was interrupted by a server restart before PAM finished it, and is not "
    "run again. Anything it had already saved is kept: check (for example your expenses) "
    "before sending it again as a new message."
)

COLUMNS = (
    "id, thread_id, user_id, status, message_id, metadata, result, error, created_at,"
    " updated_at, kwargs, assistant_id, multitask_strategy"
)
# Keys a run never inherits from its thread's metadata: the server sets them per run
# (the experiment arm too, from the user's flags: flags/apply.flagged_run).
NOT_INHERITED = [
    "run_id",
    "thread_id",
    "user_id",
    "assistant_id",
    "graph_id",
    *EXPERIMENT_KEYS,
]


class DuplicateMessage(Exception):
    """The thread already has a run for this client message_id."""

    def __init__(self, run_id: str) -> None:
        super().__init__(run_id)
        self.run_id = run_id


@dataclass(frozen=True)
class RunRow:
    id: UUID
    thread_id: UUID
    user_id: UUID
    status: str
    message_id: str | None
    metadata: dict[str, Any]
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    updated_at: datetime
    # An Agent Protocol run's (NULL for chat turns and rows from before 0022).
    kwargs: dict[str, Any] | None = None
    assistant_id: str | None = None
    multitask_strategy: str | None = None


# Run rows are bookkeeping: written without waiting for the WAL flush (user_db's
# durable=False). A run's own effects (tool writes, the transcript) commit durably after
# its row is inserted, which flushes that row too.


def _json(value: Any) -> str:
    # default=str: metadata and results come from clients and graph state; nothing in
    # them should make recording a run fail.
    return orjson.dumps(value, default=str).decode()


async def insert_run(pool: Pool, run: Run) -> None:
    """Record a new run; DuplicateMessage when its message_id was seen on the thread,
    ThreadNotFound when the thread is not (or no longer) the user's: the row is only
    inserted where the user's RLS scope sees the thread, so a remembered ownership
    (threads.owned_thread_id) never starts a run on a thread deleted since.

    An Agent Protocol run (`inherited_metadata` set) takes its thread's metadata under its
    own, as LangGraph's server merges them: read by the insert itself, from the thread row
    it already selects, so it costs no round trip; `run.metadata` is the merged one after.
    """
    inherit = run.inherited_metadata is not None
    metadata_sql = "%s::jsonb || (t.metadata - %s::text[]) || %s::jsonb" if inherit else "%s::jsonb"
    metadata_params: tuple[Any, ...] = (
        (_json(run.inherited_metadata), NOT_INHERITED, _json(run.metadata))
        if inherit
        else (_json(run.metadata),)
    )
    try:
        # BEGIN and the scope, the insert and COMMIT as one pipeline: one round trip
        # before the run starts, not three.
        (inserted,) = await user_writes(
            pool,
            run.user_id,
            [
                (
                    "INSERT INTO chat_runs (id, thread_id, user_id, status, message_id,"
                    " metadata, created_at, updated_at, kwargs, assistant_id,"
                    " multitask_strategy)"
                    f" SELECT %s, t.id, %s, %s, %s, {metadata_sql}, %s, %s, %s::jsonb, %s, %s"
                    " FROM chat_threads t WHERE t.id = %s RETURNING metadata",
                    (
                        UUID(run.run_id),
                        run.user_id,
                        run.status,
                        run.message_id,
                        *metadata_params,
                        run.created_at,
                        run.updated_at,
                        None if run.kwargs is None else _json(run.kwargs),
                        run.extras.get("assistant_id"),
                        run.extras.get("multitask_strategy"),
                        UUID(run.thread_id),
                    ),
                )
            ],
            durable=False,
        )
        if not inserted:
            raise ThreadNotFound()
    except psycopg.errors.UniqueViolation:
        if run.message_id is None:
            raise
        prior = await run_for_message(pool, run.user_id, run.thread_id, run.message_id)
        if prior is None:
            raise
        raise DuplicateMessage(str(prior.id)) from None
    if inherit:
        run.metadata = inserted[0]["metadata"]


UPDATE_RUN = (
    "UPDATE chat_runs SET status = %s, result = %s::jsonb, error = %s, updated_at = %s,"
    " metadata = %s::jsonb WHERE id = %s"
)


def _run_fields(run: Run) -> tuple[Any, ...]:
    return (
        run.status,
        None if run.result is None else _json(run.result),
        None if run.error is None else run.error[:500],
        run.updated_at,
        _json(run.metadata),
        UUID(run.run_id),
    )


async def update_run(pool: Pool, run: Run) -> None:
    async with user_db(pool, run.user_id, durable=False) as db:
        await db.conn.execute(UPDATE_RUN, _run_fields(run))


def run_update_statements(run: Run) -> list[Statement]:
    """`update_run` as statements for the run's checkpoint transaction (checkpoint_batch:
    `close_with`): the user's scope set first, so the row policies apply as in `user_db`
    (the settings are the transaction's; the checkpoints before them are written as
    before). The run's row exists, and with it its user's."""
    return [
        Statement("", SCOPE, [(APP_ROLE, str(run.user_id))]),
        Statement("", UPDATE_RUN, [_run_fields(run)]),
    ]


async def mark_lost(pool: Pool, user_id: UUID, run_id: str, error: str) -> RunRow | None:
    """End an unfinished run whose process died as `error`; None when it has ended
    meanwhile (a run that does end writes its own status over this one)."""
    async with user_db(pool, user_id) as db:
        row = await (
            await db.conn.execute(
                "UPDATE chat_runs SET status = 'error', error = %s, updated_at = now()"
                f" WHERE id = %s AND status IN ('pending', 'running') RETURNING {COLUMNS}",
                (error[:500], UUID(run_id)),
            )
        ).fetchone()
    return RunRow(**row) if row else None


async def run_for_message(
    pool: Pool, user_id: UUID, thread_id: str, message_id: str
) -> RunRow | None:
    async with user_db(pool, user_id) as db:
        row = await (
            await db.conn.execute(
                f"SELECT {COLUMNS} FROM chat_runs WHERE thread_id = %s AND message_id = %s",
                (UUID(thread_id), message_id),
            )
        ).fetchone()
    return RunRow(**row) if row else None


async def get_run_row(pool: Pool, user_id: UUID, thread_id: str, run_id: str) -> RunRow | None:
    try:
        rid, tid = UUID(run_id), UUID(thread_id)
    except ValueError:
        return None
    async with user_db(pool, user_id) as db:
        row = await (
            await db.conn.execute(
                f"SELECT {COLUMNS} FROM chat_runs WHERE id = %s AND thread_id = %s", (rid, tid)
            )
        ).fetchone()
    return RunRow(**row) if row else None


async def list_runs(
    pool: Pool, user_id: UUID, thread_id: str, *, limit: int = 10, offset: int = 0
) -> list[RunRow]:
    """A thread's runs, newest first (the caller checks the thread is the user's)."""
    async with user_db(pool, user_id) as db:
        rows = await (
            await db.conn.execute(
                f"SELECT {COLUMNS} FROM chat_runs WHERE thread_id = %s"
                " ORDER BY created_at DESC, id LIMIT %s OFFSET %s",
                (UUID(thread_id), limit, offset),
            )
        ).fetchall()
    return [RunRow(**r) for r in rows]


async def delete_run_row(pool: Pool, user_id: UUID, run_id: str) -> None:
    """Forget a run: one rolled back by a newer run on its thread (its checkpoints are
    deleted by the rollback itself), as LangGraph's server deletes it."""
    async with user_db(pool, user_id, durable=False) as db:
        await db.conn.execute("DELETE FROM chat_runs WHERE id = %s", (UUID(run_id),))


# Undo a cancelled run's effect on the thread: delete the checkpoints it wrote. Every
# checkpoint carries the run's id in its metadata (the executor puts `run_id` in the
# config's metadata, which LangGraph copies into each checkpoint, subgraphs included), so
# the run's checkpoints and the writes recorded against them can be found exactly. Rows in
# the app's own tables that tools already changed are not undone: a tool that ran, ran.
async def delete_run_checkpoints(pool: Pool, thread_id: str, run_id: str) -> None:
    async with pool.connection() as conn, conn.transaction():
        made = await (
            await conn.execute(
                "DELETE FROM checkpoints WHERE thread_id = %s AND metadata->>'run_id' = %s"
                " RETURNING checkpoint_ns, checkpoint_id",
                (thread_id, run_id),
            )
        ).fetchall()
        if not made:
            return
        async with conn.cursor() as cur:
            await cur.executemany(
                "DELETE FROM checkpoint_writes"
                " WHERE thread_id = %s AND checkpoint_ns = %s AND checkpoint_id = %s",
                [(thread_id, r["checkpoint_ns"], r["checkpoint_id"]) for r in made],
            )
