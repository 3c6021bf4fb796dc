"""A fresh database for one benchmark run: on DATABASE_URL's server, or an embedded one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from tests.servers import scratch_database
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
    with scratch_database(server, "pam_bench") as url:
        yield url


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
