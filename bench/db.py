"""A fresh database for one benchmark run: on DATABASE_URL's server, or an embedded one."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from tools.db.checkpointer import PooledSaver
from tools.db.embedded import start_embedded
from tools.db.migrate import migrate
from tools.db.pool import open_pool

CHECKPOINT_TABLES = ("checkpoints", "checkpoint_blobs", "checkpoint_writes")


@contextmanager
def bench_database() -> Iterator[str]:
    """A database of its own (dropped afterwards), so runs never see each other's rows."""
    server = os.environ.get("DATABASE_URL")
    if not server:
        with tempfile.TemporaryDirectory(prefix="pam-bench-") as data:
            embedded = start_embedded(Path(data))
            try:
                yield embedded.url
            finally:
                embedded.stop()
        return
    name = f"pam_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def checkpoint_bytes(url: str) -> int:
    """Bytes on disk of the checkpoint tables (with indexes and TOAST)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT " + " + ".join(f"pg_total_relation_size('{t}')" for t in CHECKPOINT_TABLES)
        ).fetchone()
    return int(row[0]) if row else 0


async def prepare(url: str) -> None:
    """Migrations and the checkpoint tables, once, before servers start side by side (two
    servers setting the checkpointer up at the same moment would race)."""
    await migrate(url)
    pool = await open_pool(url, min_size=1, max_size=1)
    try:
        await PooledSaver(pool).setup()
    finally:
        await pool.close()
