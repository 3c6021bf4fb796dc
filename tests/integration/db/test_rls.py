"""Row-level security proofs: a query that forgets `WHERE user_id` sees only own rows."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.conftest import ScopedDb
from tools.db.pool import Pool
from tools.db.scope import UserDb


async def _add_expense_in(db: UserDb, amount: str) -> uuid.UUID:
    """An expense added in the open scoped transaction `db`; its id."""
    cur = await db.conn.execute(
        "INSERT INTO expenses (user_id, amount, category, date)"
        " VALUES (%s, %s, 'food', '2026-03-01') RETURNING id",
        (db.user_id, amount),
    )
    row = await cur.fetchone()
    assert row is not None
    return uuid.UUID(str(row["id"]))


async def _add_expense(scoped: ScopedDb, uid: uuid.UUID, amount: str) -> uuid.UUID:
    async with scoped(uid) as db:
        return await _add_expense_in(db, amount)


async def test_select_without_where_sees_only_own_rows(scoped: ScopedDb) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    a_id = await _add_expense(scoped, alice, "10.00")
    b_id = await _add_expense(scoped, bob, "20.00")
    async with scoped(alice) as db:
        rows = await (await db.conn.execute("SELECT * FROM expenses")).fetchall()
    ids = {r["id"] for r in rows}
    assert a_id in ids
    assert b_id not in ids
    assert all(r["user_id"] == alice for r in rows)


async def test_update_and_delete_of_another_users_row_change_nothing(
    scoped: ScopedDb, pool: Pool
) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    b_id = await _add_expense(scoped, bob, "20.00")
    async with scoped(alice) as db:
        upd = await db.conn.execute("UPDATE expenses SET amount = 1 WHERE id = %s", (b_id,))
        assert upd.rowcount == 0
        dele = await db.conn.execute("DELETE FROM expenses WHERE id = %s", (b_id,))
        assert dele.rowcount == 0
    async with scoped(bob) as db:
        row = await (
            await db.conn.execute("SELECT amount FROM expenses WHERE id = %s", (b_id,))
        ).fetchone()
    assert row is not None
    assert str(row["amount"]) == "20.00"


async def test_cannot_insert_a_row_for_another_user(scoped: ScopedDb) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    async with scoped(bob):
        pass  # bob exists
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        async with scoped(alice) as db:
            await db.conn.execute(
                "INSERT INTO expenses (user_id, amount, category, date)"
                " VALUES (%s, 5, 'food', '2026-03-01')",
                (bob,),
            )


async def test_app_role_is_bound_by_rls(pool: Pool) -> None:
    async with pool.connection() as conn:
        row = await (
            await conn.execute(
                "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'pam_app'"
            )
        ).fetchone()
        assert row == {"rolsuper": False, "rolbypassrls": False}
        unforced = await (
            await conn.execute(
                "SELECT relname, relrowsecurity FROM pg_class WHERE relkind = 'r'"
                " AND relnamespace = 'public'::regnamespace"
                " AND NOT (relrowsecurity AND relforcerowsecurity)"
                " AND relname <> 'pam_migrations' AND relname NOT LIKE 'checkpoint%%'"
                " AND relname NOT LIKE 'store%%' AND relname NOT LIKE 'procrastinate%%'"
                " AND relname NOT LIKE 'feature_flag%%'"
                " ORDER BY relname"
            )
        ).fetchall()
        store_items = await (
            await conn.execute(
                "SELECT relrowsecurity FROM pg_class WHERE relname = 'store_items'"
                " AND relnamespace = 'public'::regnamespace"
            )
        ).fetchone()
        # The job queue's and the feature flags' tables hold no user data and pam_app
        # may not touch them.
        service_grants = await (
            await conn.execute(
                "SELECT count(*) AS n FROM information_schema.role_table_grants"
                " WHERE grantee = 'pam_app'"
                " AND (table_name LIKE 'procrastinate%%' OR table_name LIKE 'feature_flag%%')"
            )
        ).fetchone()
    assert service_grants == {"n": 0}
    # Tables the job worker reads across users as the table owner (reminders to relay,
    # crons due, thread TTLs run out, expired store items) have RLS enabled (binding
    # pam_app) but not forced on the owner; so has `identities`, read by the service
    # before any user is known (pam_app has no grant on it); every other table is forced.
    assert unforced == [
        {"relname": "crons", "relrowsecurity": True},
        {"relname": "identities", "relrowsecurity": True},
        {"relname": "reminders", "relrowsecurity": True},
        {"relname": "thread_ttls", "relrowsecurity": True},
    ]
    assert store_items == {"relrowsecurity": True}


async def test_no_user_means_no_rows(scoped: ScopedDb, pool: Pool) -> None:
    alice = uuid.uuid4()
    await _add_expense(scoped, alice, "10.00")
    async with pool.connection() as conn, conn.transaction():
        await conn.execute("SET LOCAL ROLE pam_app")
        rows = await (await conn.execute("SELECT * FROM expenses")).fetchall()
    assert rows == []


async def test_user_setting_does_not_leak_between_pooled_transactions(
    scoped: ScopedDb, pool: Pool
) -> None:
    alice = uuid.uuid4()
    async with scoped(alice):
        pass
    async with pool.connection() as conn:
        row = await (
            await conn.execute(
                "SELECT current_user AS role, current_setting('pam.user_id', true) AS uid"
            )
        ).fetchone()
    assert row is not None
    assert row["role"] != "pam_app"
    assert row["uid"] in (None, "")


async def test_a_failed_scoped_transaction_rolls_back_and_leaves_nothing_behind(
    scoped: ScopedDb, pool: Pool
) -> None:
    """BEGIN and the scope travel as one message (tools/db/scope.py): an error in the
    block rolls everything back, and the connection goes back to the pool clean."""
    alice = uuid.uuid4()
    with pytest.raises(psycopg.errors.CheckViolation):
        async with scoped(alice) as db:
            await _add_expense_in(db, "10.00")
            await _add_expense_in(db, "-1")  # amount must be positive
    with pytest.raises(RuntimeError):
        async with scoped(alice) as db:
            await _add_expense_in(db, "11.00")
            raise RuntimeError("the caller failed after writing")
    async with scoped(alice) as db:
        await _add_expense_in(db, "12.00")
        with pytest.raises(psycopg.errors.CheckViolation):
            async with db.conn.transaction():  # a savepoint inside the scoped transaction
                await _add_expense_in(db, "-2")
        amounts = await (await db.conn.execute("SELECT amount FROM expenses")).fetchall()
    assert [str(r["amount"]) for r in amounts] == ["12.00"]
    async with pool.connection() as conn:
        row = await (
            await conn.execute(
                "SELECT current_user AS role, current_setting('pam.user_id', true) AS uid"
            )
        ).fetchone()
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert row is not None and row["role"] != "pam_app" and row["uid"] in (None, "")


async def test_the_app_deletes_its_own_run_rows_only(scoped: ScopedDb) -> None:
    """Run rows are deletable (runs.delete, and a run rolled back by a newer one), by
    their user only: another user's delete changes nothing."""
    alice, bob = uuid.uuid4(), uuid.uuid4()
    ids = {}
    for user in (alice, bob):
        thread, run = uuid.uuid4(), uuid.uuid4()
        async with scoped(user) as db:
            await db.conn.execute(
                "INSERT INTO chat_threads (id, user_id) VALUES (%s, %s)", (thread, user)
            )
            await db.conn.execute(
                "INSERT INTO chat_runs (id, thread_id, user_id) VALUES (%s, %s, %s)",
                (run, thread, user),
            )
        ids[user] = run
    async with scoped(alice) as db:
        others = await db.conn.execute("DELETE FROM chat_runs WHERE id = %s", (ids[bob],))
        own = await db.conn.execute("DELETE FROM chat_runs WHERE id = %s", (ids[alice],))
    async with scoped(bob) as db:
        kept = await (
            await db.conn.execute("SELECT id FROM chat_runs WHERE id = %s", (ids[bob],))
        ).fetchone()
    assert (others.rowcount, own.rowcount) == (0, 1)
    assert kept is not None
