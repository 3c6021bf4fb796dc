"""This process's own Postgres session, for coordination without Redis: it names the
process (its pid and start time, in each of its runs' `coordinated_runs` rows) and holds
the process's advisory locks, so Postgres frees them, and `pg_stat_activity` tells the
process is dead, when it dies (server/runs/over_postgres.py).
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
import structlog
from psycopg.rows import DictRow, dict_row
from psycopg_pool import PoolTimeout

from tools.db.pool import Pool

log = structlog.get_logger("pam.runs")

DB_ERRORS = (psycopg.Error, PoolTimeout, OSError)
# The session named in a run's row (`r`) is still connected: the run's process is alive.
ALIVE = (
    "EXISTS (SELECT 1 FROM pg_stat_activity a"
    " WHERE a.pid = r.owner_pid AND a.backend_start = r.owner_started)"
)


class Session:
    """This process's own database session: it holds the advisory locks of its runs'
    threads and its users' presence, and names the process in `coordinated_runs`.
    Reconnected once on failure; the locks it held are then taken again."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._conn: psycopg.AsyncConnection[DictRow] | None = None
        self._connecting = asyncio.Lock()
        self.pid = 0
        self.started: datetime | None = None
        self.on_reconnect: list[Any] = []

    async def connect(self) -> None:
        async with self._connecting:
            if self._conn is not None and not self._conn.closed:
                return
            conn = await psycopg.AsyncConnection.connect(
                self._url, autocommit=True, row_factory=dict_row, connect_timeout=5
            )
            me = await (
                await conn.execute(
                    "SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()"
                )
            ).fetchone()
            assert me is not None  # a session sees itself
            old = (self.pid, self.started)
            self._conn, self.pid, self.started = conn, me["pid"], me["backend_start"]
            if old[1] is not None:
                # Its runs live on in this process: name the new session as their owner.
                # The old session's locks went with it.
                await conn.execute(
                    "UPDATE coordinated_runs SET owner_pid = %s, owner_started = %s,"
                    " holds_thread = false WHERE owner_pid = %s AND owner_started = %s",
                    (self.pid, self.started, old[0], old[1]),
                )
                log.warning("coordination session reconnected; taking its locks again")
                for retake in self.on_reconnect:
                    await retake()

    async def fetch(self, query: str, params: tuple[Any, ...] | dict[str, Any]) -> DictRow:
        for attempt in (1, 2):
            conn = self._conn
            if conn is None or conn.closed:
                await self.connect()
                conn = self._conn
            assert conn is not None
            try:
                row = await (await conn.execute(query, params)).fetchone()
                assert row is not None  # every query here selects one row
                return row
            except psycopg.OperationalError:
                if attempt == 2:
                    raise
                with contextlib.suppress(Exception):
                    await conn.close()
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        if self._conn is not None:
            await self._conn.close()


async def run_alive(pool: Pool, run_id: UUID) -> bool:
    """Whether the process that announced the run is still connected."""
    async with pool.connection() as conn:
        row = await (
            await conn.execute(
                f"SELECT {ALIVE} AS alive FROM coordinated_runs r WHERE r.run_id = %s",
                (run_id,),
            )
        ).fetchone()
    return bool(row and row["alive"])
