"""run_action: what Postgres refuses comes back as the caller's error, with nothing written."""

from __future__ import annotations

import uuid

from bench.round_trips import counting_round_trips
from tests.conftest import ScopedDb
from tools.db.pool import Pool
from tools.db.scope import UserDb, user_db
from tools.registry import ACTIONS_BY_NAME
from tools.run import call_action, call_alone
from tools.types import Action, ActionResult, Args


async def test_a_nul_character_is_an_invalid_argument_not_a_crash(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    """Refused by the arguments, naming the field (try15: it reached the write, which
    answered in psycopg's words, "PostgreSQL text fields cannot contain NUL")."""
    async with scoped(user_id) as db:
        out = await call_action(
            ACTIONS_BY_NAME["add_expense"],
            db,
            {"amount": 5, "category": "food", "description": "pie\x00chips"},
        )
        count = await (await db.conn.execute("SELECT count(*) AS n FROM expenses")).fetchone()
    assert out["ok"] is False
    assert out["error"] == "invalid"
    assert out["field"] == "description" and "NUL" in out["summary"]
    assert "PostgreSQL" not in out["summary"]
    assert count == {"n": 0}


async def _write_what_postgres_refuses(db: UserDb, _args: Args) -> ActionResult:
    await db.conn.execute(
        "INSERT INTO tasks (user_id, title) VALUES (%s, %s)", (db.user_id, "fine")
    )
    await db.conn.execute(
        "INSERT INTO tasks (user_id, title) VALUES (%s, %s)", (db.user_id, "pie\x00chips")
    )
    return ActionResult(summary="unreachable")


# Every action's arguments refuse what Postgres cannot store; this one writes it anyway,
# so the refusal of the write itself (run_action's DataError) is still tested.
REFUSED_WRITE = Action(
    name="write_what_postgres_refuses",
    domain="you",
    args=Args,
    fn=_write_what_postgres_refuses,
    description="A test action whose second write Postgres refuses.",
)


async def test_what_postgres_refuses_is_the_callers_error_with_nothing_written(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id) as db:
        out = await call_action(REFUSED_WRITE, db, {})
        count = await (await db.conn.execute("SELECT count(*) AS n FROM tasks")).fetchone()
    assert out["ok"] is False
    assert out["error"] == "invalid"
    assert "can't be stored" in out["summary"]
    assert count == {"n": 0}  # the savepoint undid the first insert too


async def test_the_transaction_stays_usable_after_a_refused_action(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id) as db:
        bad = await call_action(ACTIONS_BY_NAME["add_task"], db, {"title": "a\x00b"})
        good = await call_action(ACTIONS_BY_NAME["add_task"], db, {"title": "Check tyres"})
    assert bad["ok"] is False
    assert good["ok"] is True


async def test_an_action_alone_in_its_transaction_writes_nothing_when_refused(
    pool: Pool, user_id: uuid.UUID
) -> None:
    """`call_alone` (the agent's tools): no savepoint; a refusal rolls the whole
    transaction back, so nothing is written, as with one."""
    add = ACTIONS_BY_NAME["add_expense"]
    bad = {"amount": 5, "category": "food", "description": "pie\x00chips"}
    out = await call_alone(add, user_db(pool, user_id), bad)
    good = await call_alone(add, user_db(pool, user_id), {"amount": 5, "category": "food"})
    async with user_db(pool, user_id) as db:
        count = await (await db.conn.execute("SELECT count(*) AS n FROM expenses")).fetchone()
    assert out["ok"] is False
    assert out["error"] == "invalid"
    assert good["ok"] is True
    assert count == {"n": 1}


async def test_an_action_alone_in_its_transaction_takes_two_round_trips_fewer(
    pool: Pool, user_id: uuid.UUID
) -> None:
    args = {"title": "Check tyres"}
    add = ACTIONS_BY_NAME["add_task"]
    await call_alone(add, user_db(pool, user_id), args)  # the user's row, once
    with counting_round_trips() as alone:
        await call_alone(add, user_db(pool, user_id), args)
    with counting_round_trips() as savepointed:
        async with user_db(pool, user_id) as db:
            await call_action(add, db, args)
    assert alone[0] == savepointed[0] - 2  # no SAVEPOINT, no RELEASE
