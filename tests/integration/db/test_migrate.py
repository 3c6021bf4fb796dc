"""Migrations: ordered, recorded, idempotent, atomic per file, safe under concurrency."""

from __future__ import annotations

import asyncio
from contextlib import ExitStack
from pathlib import Path

import httpx
import psycopg
import pytest

from tools.db.migrate import available, migrate, status
from tools.db.pool import DatabaseError

BROKEN = "tests.integration.db.broken_migrations"


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    return {r[0] for r in rows}


async def test_migrate_applies_all_then_nothing(fresh_database_url: str) -> None:
    ran = await migrate(fresh_database_url)
    assert [m.version for m in ran] == [m.version for m in available()]
    assert await migrate(fresh_database_url) == []
    assert all(s.applied for s in await status(fresh_database_url))
    assert {"expenses", "posts", "chat_threads", "pam_migrations"} <= _tables(fresh_database_url)


async def test_status_on_an_empty_database_lists_all_pending(fresh_database_url: str) -> None:
    rows = await status(fresh_database_url)
    assert rows
    assert not any(r.applied for r in rows)


async def test_two_processes_migrating_at_once_apply_each_file_once(
    fresh_database_url: str,
) -> None:
    results = await asyncio.gather(*(migrate(fresh_database_url) for _ in range(4)))
    applied = sorted(m.version for ran in results for m in ran)
    assert applied == [m.version for m in available()]


async def test_a_failing_migration_leaves_the_database_as_it_was(
    fresh_database_url: str,
) -> None:
    with pytest.raises(DatabaseError, match="0002_fails_halfway failed and was rolled back"):
        await migrate(fresh_database_url, package=BROKEN)
    tables = _tables(fresh_database_url)
    assert "first_table" in tables
    assert "half_table" not in tables
    rows = await status(fresh_database_url, package=BROKEN)
    assert [(r.version, r.applied) for r in rows] == [(1, True), (2, False)]


async def test_unreachable_database_is_one_clear_line() -> None:
    with pytest.raises(DatabaseError, match="cannot reach the database") as info:
        await migrate("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2")
    assert "\n" not in str(info.value)


async def test_malformed_url_is_one_clear_line() -> None:
    with pytest.raises(DatabaseError, match="malformed"):
        await migrate("postgresql://host:notaport/db")


async def test_unknown_url_option_is_malformed() -> None:
    with pytest.raises(DatabaseError, match="malformed"):
        await migrate("postgresql://127.0.0.1/db?no_such_option=1")


@pytest.mark.hardening  # issue 14's start-up race
async def test_migrate_creates_the_checkpointer_tables(fresh_database_url: str) -> None:
    """Issue 14: LangGraph's checkpoint tables are made under the migrations' lock."""
    await asyncio.gather(*(migrate(fresh_database_url) for _ in range(4)))
    tables = _tables(fresh_database_url)
    assert {"checkpoints", "checkpoint_blobs", "checkpoint_writes"} <= tables
    with psycopg.connect(fresh_database_url) as conn:
        versions = conn.execute("SELECT v FROM checkpoint_migrations ORDER BY v").fetchall()
    assert [v[0] for v in versions] == list(range(len(versions)))


@pytest.mark.slow
@pytest.mark.hardening  # issue 14's start-up race
def test_four_servers_starting_at_once_on_an_empty_database(
    fresh_database_url: str, tmp_path: Path
) -> None:
    """Issue 14: four `pam serve` processes on a new database all come up."""
    from tests.servers import pam_server

    env = {
        "DATABASE_URL": fresh_database_url,
        "PAM_JWT_SECRET": "race-test-secret-that-is-long-enough-0123456789",
        "PAM_WORKER": "false",
        "ENVIRONMENT": "test",
    }
    with ExitStack() as stack:
        started = [
            stack.enter_context(
                pam_server(
                    {**env, "PAM_DATA_DIR": str(tmp_path / f"pam{n}")},
                    start_only=True,
                    ready_timeout_s=240,  # four start-ups on a shared machine
                )
            )
            for n in range(4)
        ]
        for server in started:
            server.wait_live()
            assert httpx.get(f"{server.url}/health/ready").status_code == 200
