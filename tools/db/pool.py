"""The one async connection pool a process opens (in the app's lifespan or a CLI command),
and the one exception type for every way the database can be unusable at start-up."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import pq
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

Pool = AsyncConnectionPool[psycopg.AsyncConnection[DictRow]]


class DatabaseError(RuntimeError):
    """The database cannot be used; the message is one line a person can act on."""


def check_url(url: str) -> None:
    """Raise a one-line DatabaseError when `url` is not a usable libpq URL."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise DatabaseError(f"DATABASE_URL is malformed: {str(exc).strip()}") from None
    port = str(info.get("port") or "5432")
    if not all(p.isdigit() for p in port.split(",")):
        raise DatabaseError(f"DATABASE_URL is malformed: port {port!r} is not a number")


def connection_kwargs(prepare_threshold: int | None = 5) -> dict[str, Any]:
    # autocommit + dict_row is what LangGraph's Postgres saver and store expect, so the
    # checkpointer can share this pool; our own writes open explicit transactions.
    return {"autocommit": True, "row_factory": dict_row, "prepare_threshold": prepare_threshold}


async def discard_pipelined(conn: psycopg.AsyncConnection[Any]) -> None:
    """The pool's `reset`: a connection given back still in pipeline mode is discarded
    (raising here makes the pool close it). Seen under `langgraph dev` while the
    conformance suite cancelled runs (which psycopg path leaves one is not pinned down):
    the next transaction on it went through the stale pipeline, and its `BEGIN; ...`
    (tools.db.scope) failed with "cannot insert multiple commands into a prepared
    statement", in a run that was never cancelled."""
    # `_pipeline` is psycopg's own mark of an open pipeline; libpq's status is the other.
    left = getattr(conn, "_pipeline", None) is not None
    if not conn.closed and (left or conn.pgconn.pipeline_status != pq.PipelineStatus.OFF):
        raise psycopg.InterfaceError("connection returned in pipeline mode: discarded")


async def open_pool(
    url: str,
    *,
    min_size: int = 2,
    max_size: int = 20,
    prepare_threshold: int | None = 5,
    open_timeout_s: float = 10.0,
    timeout_s: float = 30.0,
) -> Pool:
    """Open a pool and prove it can reach the server, or raise a one-line DatabaseError."""
    check_url(url)
    pool: Pool = AsyncConnectionPool(
        url,
        min_size=min_size,
        max_size=max_size,
        kwargs=connection_kwargs(prepare_threshold),
        connection_class=psycopg.AsyncConnection[DictRow],
        reset=discard_pipelined,
        # How long a checkout waits for a connection before PoolTimeout (the server
        # answers 503 then: the database is down or every connection is busy).
        timeout=timeout_s,
        open=False,
        name="pam",
    )
    try:
        await pool.open(wait=True, timeout=open_timeout_s)
    except Exception as exc:
        await pool.close()
        raise DatabaseError(f"cannot reach the database at {redact(url)}: {exc}") from None
    return pool


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "<malformed url>"
    info.pop("password", None)
    return psycopg.conninfo.make_conninfo(**{k: str(v) for k, v in info.items()})
