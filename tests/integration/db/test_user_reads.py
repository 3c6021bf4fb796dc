"""Pipelined user-scoped transactions (`user_reads`, `user_db(pipelined=True)`): row-level
security as in any `user_db`, one round trip for all of it, nothing left half-written."""

from __future__ import annotations

import uuid
from decimal import Decimal

import psycopg
import pytest

from bench.round_trips import counting_round_trips
from tests.conftest import ScopedDb
from tools.db.pool import Pool, open_pool
from tools.db.scope import folded, unfolded, user_db, user_reads


async def _add_expense(scoped: ScopedDb, uid: uuid.UUID, amount: str) -> None:
    async with scoped(uid) as db:
        await db.conn.execute(
            "INSERT INTO expenses (user_id, amount, category, date)"
            " VALUES (%s, %s, 'food', '2026-03-01')",
            (uid, amount),
        )


async def test_reads_see_only_the_users_rows_without_a_where(scoped: ScopedDb, pool: Pool) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    await _add_expense(scoped, alice, "10.00")
    await _add_expense(scoped, bob, "20.00")
    mine, role = await user_reads(
        pool, alice, [("SELECT user_id, amount FROM expenses", ()), ("SELECT current_user", ())]
    )
    assert [r["user_id"] for r in mine] == [alice]
    assert role == [{"current_user": "pam_app"}]
    # Outside the pipeline's transaction the scope is gone: the pooled connection sees
    # no user's rows.
    async with pool.connection() as conn:
        row = await (await conn.execute("SELECT current_setting('pam.user_id', true)")).fetchone()
    assert row is not None
    assert not row["current_setting"]


async def test_reads_take_one_round_trip(pool: Pool, user_id: uuid.UUID) -> None:
    queries = [("SELECT count(*) AS n FROM expenses WHERE user_id = %s", (user_id,))] * 4
    with counting_round_trips() as trips:
        found = await user_reads(pool, user_id, queries)
    assert found == [[{"n": 0}]] * 4
    # Before: BEGIN with the scope, each read, COMMIT — six.
    assert trips[0] == 1


async def test_a_failing_read_raises_and_leaves_no_transaction_open(
    pool: Pool, user_id: uuid.UUID
) -> None:
    with pytest.raises(psycopg.errors.UndefinedTable):
        await user_reads(pool, user_id, [("SELECT * FROM no_such_table", ())])
    assert await user_reads(pool, user_id, [("SELECT 1 AS one", ())]) == [[{"one": 1}]]


async def test_a_pipelined_transaction_writes_as_the_user_in_one_round_trip(
    scoped: ScopedDb, pool: Pool
) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    await _add_expense(scoped, bob, "20.00")
    async with user_db(pool, alice):  # the user's row, once
        pass
    with counting_round_trips() as trips:
        async with user_db(pool, alice, pipelined=True) as db:
            await db.conn.execute(
                "INSERT INTO expenses (user_id, amount, category, date)"
                " VALUES (%s, 7, 'food', '2026-03-01')",
                (alice,),
            )
            # RLS holds in the pipeline: bob's row is not there to change.
            await db.conn.execute("UPDATE expenses SET amount = 1")
    assert trips[0] == 1
    async with scoped(bob) as db:
        bobs = await (await db.conn.execute("SELECT amount FROM expenses")).fetchall()
    async with scoped(alice) as db:
        alices = await (await db.conn.execute("SELECT amount FROM expenses")).fetchall()
    assert [str(r["amount"]) for r in bobs] == ["20.00"]
    assert [str(r["amount"]) for r in alices] == ["1.00"]


async def test_a_failing_pipelined_transaction_writes_nothing(scoped: ScopedDb, pool: Pool) -> None:
    """The error surfaces at the pipeline's end, and the rows before it are rolled back;
    a user first seen in it is not remembered as known, so the next transaction creates
    their row again."""
    carol = uuid.uuid4()
    with pytest.raises(psycopg.errors.CheckViolation):
        async with user_db(pool, carol, pipelined=True) as db:
            await db.conn.execute(
                "INSERT INTO expenses (user_id, amount, category, date)"
                " VALUES (%s, 7, 'food', '2026-03-01')",
                (carol,),
            )
            await db.conn.execute(
                "INSERT INTO expenses (user_id, amount, category, date)"
                " VALUES (%s, -1, 'food', '2026-03-01')",
                (carol,),
            )
    await _add_expense(scoped, carol, "3.00")
    async with scoped(carol) as db:
        rows = await (await db.conn.execute("SELECT amount FROM expenses")).fetchall()
    assert [str(r["amount"]) for r in rows] == ["3.00"]


async def test_folded_reads_are_one_statement_with_the_columns_values(
    scoped: ScopedDb, pool: Pool
) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    await _add_expense(scoped, alice, "10.50")
    await _add_expense(scoped, bob, "20.00")
    reads = [
        ("SELECT user_id, amount FROM expenses WHERE amount > %s", (1,)),
        ("SELECT amount FROM expenses WHERE amount > %s", (100,)),
        ("SELECT current_user", ()),
    ]
    with counting_round_trips() as trips:
        ((row,),) = await user_reads(pool, alice, [folded(reads)])
    assert trips[0] == 1
    mine, none, role = unfolded(row)
    # RLS holds inside the one statement; a numeric keeps its scale, as psycopg reads it.
    assert mine == [{"user_id": str(alice), "amount": Decimal("10.50")}]
    assert str(mine[0]["amount"]) == "10.50"
    assert none == []
    assert role == [{"current_user": "pam_app"}]


async def test_a_connection_given_back_in_pipeline_mode_is_not_handed_out_again(
    migrated_url: str,
) -> None:
    """A connection given back still in pipeline mode, as one was under `langgraph dev`
    while runs were cancelled: it was handed on, and the next transaction on it failed
    with "cannot insert multiple commands into a prepared statement"
    (tools.db.pool.discard_pipelined)."""
    pool = await open_pool(migrated_url, min_size=1, max_size=1)
    try:
        async with pool.connection() as conn:
            left = conn.pipeline()
            await left.__aenter__()  # entered, never left
        async with user_db(pool, uuid.uuid4()) as db:
            row = await (await db.conn.execute("SELECT current_user")).fetchone()
        assert row == {"current_user": "pam_app"}
        assert db.conn is not conn
    finally:
        await pool.close()
