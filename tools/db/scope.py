"""User-scoped transactions: every query of an action runs as the RLS-bound role, for one user."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

import psycopg
from cachetools import LRUCache
from psycopg import sql
from psycopg.rows import DictRow
from psycopg_pool import AsyncConnectionPool

from tools.services import Services

APP_ROLE = "pam_app"
"""The role queries run under: no superuser, no BYPASSRLS, so the policies always apply."""
KNOWN_USERS = 50_000
SCOPE = "SELECT set_config('role', %s, true), set_config('pam.user_id', %s, true)"
SCOPE_NOT_DURABLE = SCOPE + ", set_config('synchronous_commit', 'off', true)"
Query = tuple[str, Sequence[Any]]  # SQL with %s placeholders, and its parameters
NEW_USER = "INSERT INTO users (id) VALUES (%s) ON CONFLICT (id) DO NOTHING"
Connection = psycopg.AsyncConnection[DictRow]

# Users whose row this process has already seen committed, per pool (one pool per
# database): their transactions skip the upsert, a round trip each (several per turn).
# A user whose row is found gone (a write's foreign key to users fails) is forgotten.
_known: WeakKeyDictionary[Any, LRUCache[UUID, bool]] = WeakKeyDictionary()


@dataclass(frozen=True)
class UserDb:
    """A connection inside a transaction scoped to one user, the run's clock, and the
    external services (weather, routing, cache) the action may call.

    The user id here comes from the verified token or the run's context, never from a
    model's arguments.
    """

    conn: psycopg.AsyncConnection[DictRow]
    user_id: UUID
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    services: Services = field(default_factory=Services)
    # The time zone the user is in now when their device said so (a traveller away from
    # the profile's zone): "today" and local times follow it (tools.profile).
    zone: str | None = None


async def one_writer(db: UserDb, what: str) -> None:
    """Wait until no other transaction of this user's is writing `what` (a name: "pantry",
    "crons"), and hold that until this transaction ends: a check for what is there and
    the write after it are then one step, so racing requests cannot both pass the check
    (two identical adds at once both adding, or a cap passed)."""
    await db.conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"{what}:{db.user_id}",)
    )


async def locked_row(db: UserDb, table: str, columns: str, row_id: UUID) -> DictRow | None:
    """The user's row `row_id` of `table` (its `columns`), locked for a change; None when
    there is none or it is another user's (the caller says so the same way for both)."""
    query = sql.SQL("SELECT {} FROM {} WHERE id = %s AND user_id = %s FOR UPDATE").format(
        sql.SQL(columns), sql.Identifier(table)
    )
    cur = await db.conn.execute(query, (row_id, db.user_id))
    return await cur.fetchone()


async def set_columns(
    db: UserDb, table: str, changes: dict[str, Any], row_id: UUID, returning: str
) -> DictRow:
    """One row's `changes` (column → value) written, the row read back as `returning`
    lists its columns; the caller has locked the row (SELECT … FOR UPDATE) and found it
    the user's."""
    sets = sql.SQL(", ").join(
        sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column))
        for column in changes
    )
    query = sql.SQL("UPDATE {} SET {} WHERE id = {} RETURNING {}").format(
        sql.Identifier(table), sets, sql.Placeholder("id"), sql.SQL(returning)
    )
    cur = await db.conn.execute(query, {**changes, "id": row_id})
    row = await cur.fetchone()
    assert row is not None  # locked by the caller
    return row


def begin_scoped(user_id: UUID, durable: bool = True) -> sql.Composed:
    """BEGIN and the scope in one simple-protocol message: one round trip instead of two,
    on every user-scoped transaction. The values are literals quoted by psycopg (our role
    name, and the text of a UUID object, never a caller's string)."""
    scope = (SCOPE if durable else SCOPE_NOT_DURABLE).replace("%s", "{}")
    return sql.SQL("BEGIN; " + scope).format(sql.Literal(APP_ROLE), sql.Literal(str(user_id)))


@asynccontextmanager
async def scoped_transaction(
    conn: Connection, user_id: UUID, durable: bool, first: Sequence[Query] = ()
) -> AsyncIterator[None]:
    """A transaction on `conn` (autocommit) with the user's scope set, and `first` run
    before the block: committed when the block ends, rolled back when it raises. Nested
    `conn.transaction()` blocks inside it are savepoints, as in any transaction."""
    # prepare=False: a multi-statement text cannot be a prepared statement.
    await conn.execute(begin_scoped(user_id, durable), prepare=False)
    try:
        for statement, params in first:
            await conn.execute(statement, params)
        yield
    except BaseException:
        with contextlib.suppress(psycopg.Error):  # a broken connection: the pool drops it
            await conn.rollback()
        raise
    await conn.commit()


@asynccontextmanager
async def pipelined_transaction(
    conn: Connection, user_id: UUID, durable: bool, first: Sequence[Query] = ()
) -> AsyncIterator[None]:
    """`scoped_transaction` as one pipeline: BEGIN, the scope, `first` (statements to
    run before the block's), the block's statements and COMMIT are sent as they come,
    and Postgres answers at the first fetch and at the end — one round trip for a
    transaction that reads nothing back. An error surfaces at that fetch or at the end,
    not at the statement that caused it."""
    try:
        async with conn.pipeline():
            await conn.execute("BEGIN")
            await conn.execute(SCOPE if durable else SCOPE_NOT_DURABLE, (APP_ROLE, str(user_id)))
            for statement, params in first:
                await conn.execute(statement, params)
            yield
            await conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(psycopg.Error):  # a broken connection: the pool drops it
            await conn.rollback()
        raise


@asynccontextmanager
async def user_db(
    pool: AsyncConnectionPool[psycopg.AsyncConnection[DictRow]],
    user_id: UUID,
    *,
    now: datetime | None = None,
    services: Services | None = None,
    durable: bool = True,
    zone: str | None = None,
    pipelined: bool = False,
) -> AsyncIterator[UserDb]:
    """Open a transaction as `pam_app` with `pam.user_id` set; commit on success.

    Both settings are transaction-local, so a pooled connection never carries one
    user's identity into another's transaction. The user's row is created on first
    sight (users are whoever the verified token says they are).

    `durable=False` commits without waiting for the WAL flush (`synchronous_commit =
    off`): for bookkeeping a database crash may roll back by a moment. The commit order
    still holds, so such a write is durable as soon as any later durable commit is.

    `pipelined=True`: the transaction as one pipeline (`pipelined_transaction`), for
    writes that read nothing back: one round trip instead of one per statement.
    """
    async with _users_row(pool, user_id) as upsert, pool.connection() as conn:
        if pipelined:
            scope = pipelined_transaction(conn, user_id, durable, upsert)
        else:
            scope = scoped_transaction(conn, user_id, durable, upsert)
        async with scope:
            yield UserDb(
                conn=conn,
                user_id=user_id,
                now=now or datetime.now(UTC),
                services=services or Services(),
                zone=zone,
            )


@asynccontextmanager
async def _users_row(
    pool: AsyncConnectionPool[psycopg.AsyncConnection[DictRow]], user_id: UUID
) -> AsyncIterator[list[Query]]:
    """The statement that makes the user's row, when this process has not yet seen it
    committed; the row is remembered once the transaction commits, and forgotten when a
    write finds it gone (deleted since it was seen: made again next time)."""
    known = _known.get(pool)
    if known is None:
        known = _known[pool] = LRUCache(KNOWN_USERS)
    try:
        yield [] if user_id in known else [(NEW_USER, (user_id,))]
    except psycopg.errors.ForeignKeyViolation as exc:
        if user_row_missing(exc):
            known.pop(user_id, None)
        raise
    known[user_id] = True  # committed: the row exists from now on


def user_row_missing(exc: psycopg.errors.ForeignKeyViolation) -> bool:
    """Whether a write failed because the user's own row is gone (an operator deleted
    it while this process remembered it): every user-owned table references users.
    (Postgres leaves the key out of the detail for pam_app, so any missing user counts;
    in a user's own transaction the only one is, in practice, theirs.)"""
    return 'table "users"' in (exc.diag.message_detail or "")


async def user_reads(
    pool: AsyncConnectionPool[psycopg.AsyncConnection[DictRow]],
    user_id: UUID,
    queries: Sequence[Query],
) -> list[list[DictRow]]:
    """Each query's rows, read in one transaction scoped to the user (as `user_db`'s),
    sent as one pipeline: BEGIN, the scope, the reads and COMMIT in one round trip
    instead of one each. For reads only: nothing here creates the user's row."""
    async with pool.connection() as conn:
        async with pipelined_transaction(conn, user_id, durable=True):
            cursors = [await conn.execute(sql_text, params) for sql_text, params in queries]
        # The pipeline's end waited for every result: fetching sends nothing more.
        return [await cur.fetchall() for cur in cursors]


def folded(queries: Sequence[Query]) -> Query:
    """Several reads as one statement: a row of one column per read, its rows as a JSON
    array (`unfolded` reads it back). In a pipeline each statement costs psycopg its own
    Python (its send, its result, its cursor): one statement instead of several."""
    columns = ", ".join(
        f"(SELECT coalesce(json_agg(q), '[]')::text FROM ({text}) q) AS r{i}"
        for i, (text, _) in enumerate(queries)
    )
    return f"SELECT {columns}", [p for _, params in queries for p in params]


_exact = json.JSONDecoder(parse_float=Decimal)


def unfolded(row: DictRow) -> list[list[dict[str, Any]]]:
    """`folded`'s row as each read's rows. Types are JSON's: a uuid or a timestamp comes
    as its text; a number with a fraction as the Decimal a numeric column reads as (its
    scale kept: 7.50, not 7.5), so not for reads of jsonb or float columns."""
    return [_exact.decode(text) for text in row.values()]


async def user_writes(
    pool: AsyncConnectionPool[psycopg.AsyncConnection[DictRow]],
    user_id: UUID,
    queries: Sequence[Query],
    *,
    durable: bool = True,
) -> list[list[DictRow]]:
    """`user_db(pipelined=True)` for statements whose returned rows the caller needs:
    BEGIN, the scope, the user's row on first sight, the statements and COMMIT in one
    round trip; each statement's rows (RETURNING), read once the pipeline has ended. An
    error (a constraint, say) is raised at that end, the transaction rolled back."""
    async with _users_row(pool, user_id) as upsert, pool.connection() as conn:
        async with pipelined_transaction(conn, user_id, durable, upsert):
            cursors = [await conn.execute(sql_text, params) for sql_text, params in queries]
        return [await cur.fetchall() if cur.description else [] for cur in cursors]
