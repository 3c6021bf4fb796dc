"""Numbered SQL migrations, applied in order, each in its own transaction, under a lock.

The ledger table records what ran. A session-level advisory lock serialises processes
that start together; each file runs inside a transaction, so a failing file leaves the
database exactly as the previous file left it. LangGraph's checkpointer tables are
created under the same lock (its own `setup()` is not safe for processes starting
together: they raced on `checkpoint_migrations_pkey`).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import psycopg

from tools.db.pool import DatabaseError, check_url

MIGRATIONS_PACKAGE = "tools.db.migrations"
LOCK_KEY = 0x5A4D_0001  # arbitrary, fixed: "PAM migrations"
LOCK_POLL_S = 0.05
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@dataclass(frozen=True)
class MigrationStatus:
    version: int
    name: str
    applied: bool


def available(package: str = MIGRATIONS_PACKAGE) -> list[Migration]:
    found = []
    for entry in resources.files(package).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise DatabaseError(f"duplicate migration numbers in {package}: {versions}")
    return found


async def _connect(url: str) -> psycopg.AsyncConnection[Any]:
    check_url(url)
    try:
        return await psycopg.AsyncConnection.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        raise DatabaseError(f"cannot reach the database: {first}") from None


async def _applied(conn: psycopg.AsyncConnection[Any]) -> set[int]:
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS pam_migrations ("
        " version integer PRIMARY KEY, name text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())"
    )
    cur = await conn.execute("SELECT version FROM pam_migrations")
    return {row[0] for row in await cur.fetchall()}


async def _take_lock(conn: psycopg.AsyncConnection[Any]) -> None:
    """Wait for the migrations lock by polling, holding no snapshot in between: the
    checkpointer's CREATE INDEX CONCURRENTLY waits for every open snapshot, so a process
    blocked in pg_advisory_lock() would deadlock with the one holding the lock."""
    while True:
        row = await (await conn.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))).fetchone()
        if row is not None and row[0]:
            return
        await asyncio.sleep(LOCK_POLL_S)


async def _setup_checkpointer(url: str) -> None:
    """LangGraph's checkpoint tables and their own migrations ledger (idempotent)."""
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

    try:
        async with AsyncPostgresSaver.from_conn_string(url) as saver:
            await saver.setup()
    except psycopg.Error as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        raise DatabaseError(f"the checkpointer's tables could not be created: {detail}") from None


async def migrate(url: str, package: str = MIGRATIONS_PACKAGE) -> list[Migration]:
    """Apply every pending migration; return the ones this call applied."""
    pending_all = available(package)
    conn = await _connect(url)
    try:
        await _take_lock(conn)
        try:
            done = await _applied(conn)
            ran = []
            for migration in pending_all:
                if migration.version in done:
                    continue
                try:
                    async with conn.transaction():
                        await conn.execute(migration.sql.encode())
                        await conn.execute(
                            "INSERT INTO pam_migrations (version, name) VALUES (%s, %s)",
                            (migration.version, migration.name),
                        )
                except psycopg.Error as exc:
                    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
                    raise DatabaseError(
                        f"migration {migration.version:04d}_{migration.name} failed and was "
                        f"rolled back: {detail}"
                    ) from None
                ran.append(migration)
            if package == MIGRATIONS_PACKAGE:
                await _setup_checkpointer(url)
            return ran
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
    finally:
        await conn.close()


async def status(url: str, package: str = MIGRATIONS_PACKAGE) -> list[MigrationStatus]:
    conn = await _connect(url)
    try:
        exists = await (await conn.execute("SELECT to_regclass('pam_migrations')")).fetchone()
        done: set[int] = set()
        if exists and exists[0] is not None:
            cur = await conn.execute("SELECT version FROM pam_migrations")
            done = {row[0] for row in await cur.fetchall()}
    finally:
        await conn.close()
    return [MigrationStatus(m.version, m.name, m.version in done) for m in available(package)]
