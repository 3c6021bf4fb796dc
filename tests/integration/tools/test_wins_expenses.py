"""add_expense, list_expenses, update_expense, delete_expense against the real database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.run import call_action
from tools.wins import ACTIONS
from tools.wins.expenses import read_expenses

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))
NASTY = "'); DROP TABLE expenses; --"
UNICODE = "露营地 🏕️ café"


async def call(db: UserDb, name: str, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[name], db, raw)


async def set_profile(db: UserDb, currency: str = "AUD", tz: str = "Australia/Sydney") -> None:
    await db.conn.execute(
        "INSERT INTO profiles (user_id, currency, timezone) VALUES (%s, %s, %s)",
        (db.user_id, currency, tz),
    )


async def test_add_expense_stores_and_returns_the_row(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(
            db,
            "add_expense",
            amount=85.4,
            category="fuel",
            date="2026-03-09",
            description="Dubbo diesel",
        )
        rows = await read_expenses(db)
    assert out["ok"] is True
    assert out["summary"] == "Logged $85.40 for fuel on 9 Mar (Dubbo diesel)."
    assert out["expense"]["amount"] == 85.4
    assert out["expense"]["currency"] == "AUD"
    assert out["budget_warning"] is None
    assert out["ids"] == [out["expense"]["id"]]
    assert out["ui_actions"][0]["type"] == "reload_expenses"
    assert out["ui_actions"][0]["entity_id"] == out["expense"]["id"]
    assert rows == [
        {
            "id": out["expense"]["id"],
            "amount": 85.4,
            "category": "fuel",
            "description": "Dubbo diesel",
            "date": "2026-03-09",
            "currency": "AUD",
        }
    ]


async def test_default_date_is_the_users_local_today_after_midnight(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    # 00:30 on 1 March in Sydney is still 28 February in UTC.
    now = datetime(2026, 2, 28, 13, 30, tzinfo=UTC)
    async with scoped(user_id, now=now) as db:
        sydney = await call(db, "add_expense", amount=5, category="food")
    other = uuid.uuid4()
    async with scoped(other, now=now) as db:
        await set_profile(db, tz="Europe/London")
        london = await call(db, "add_expense", amount=5, category="food")
    assert sydney["expense"]["date"] == "2026-03-01"
    assert london["expense"]["date"] == "2026-02-28"


async def test_currency_defaults_to_the_profile_and_can_be_given(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await set_profile(db, currency="NZD")
        own = await call(db, "add_expense", amount=12, category="food")
        usd = await call(db, "add_expense", amount="12.50", category="Groceries", currency="usd")
    assert own["expense"]["currency"] == "NZD"
    assert "NZ$12.00" in own["summary"]
    assert usd["expense"]["currency"] == "USD"
    assert usd["expense"]["category"] == "groceries"
    assert "US$12.50" in usd["summary"]


async def test_text_is_stored_verbatim(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        await call(db, "add_expense", amount=1, category="other", description=NASTY)
        await call(db, "add_expense", amount=2, category="camping", description=UNICODE)
        listed = await call(db, "list_expenses")
        left = await (await db.conn.execute("SELECT count(*) AS n FROM expenses")).fetchone()
    assert {e["description"] for e in listed["expenses"]} == {NASTY, UNICODE}
    assert left == {"n": 2}


async def _seed(db: UserDb) -> list[str]:
    ids = []
    for amount, category, day in [
        (10, "food", "2026-03-01"),
        (20, "fuel", "2026-03-05"),
        (30, "food", "2026-03-05"),  # same day, added later: listed first
        (40, "camping", "2026-02-28"),
    ]:
        out = await call(db, "add_expense", amount=amount, category=category, date=day)
        ids.append(out["expense"]["id"])
    return ids


async def test_list_expenses_newest_first_with_count_and_total(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        ids = await _seed(db)
        everything = await call(db, "list_expenses")
        march = await call(db, "list_expenses", start_date="2026-03-01", end_date="2026-03-31")
        food = await call(db, "list_expenses", category="food")
        two = await call(db, "list_expenses", limit=2)
    assert [e["id"] for e in everything["expenses"]] == [ids[2], ids[1], ids[0], ids[3]]
    assert everything["count"] == 4
    assert everything["total"] == 100
    assert everything["summary"] == "4 expenses totalling $100.00, newest first."
    assert [e["amount"] for e in march["expenses"]] == [30, 20, 10]
    assert march["total"] == 60
    assert {e["category"] for e in food["expenses"]} == {"food"}
    assert food["total"] == 40
    assert [e["id"] for e in two["expenses"]] == [ids[2], ids[1]]
    assert two["count"] == 4  # the summary still counts everything that matched
    assert "showing the 2 newest" in two["summary"]
    assert two["ids"] == []  # a read changes nothing


async def test_list_expenses_with_no_data_and_other_currencies(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        empty = await call(db, "list_expenses")
        await call(db, "add_expense", amount=15, category="food", currency="USD")
        foreign = await call(db, "list_expenses")
    assert (empty["count"], empty["total"], empty["expenses"]) == (0, 0, [])
    assert empty["summary"] == "No expenses found."
    assert foreign["total"] == 0
    assert foreign["other_currency_totals"] == {"USD": 15}
    assert foreign["summary"] == "1 expense totalling US$15.00, newest first."


async def test_list_expenses_never_shows_another_users_rows(scoped: ScopedDb) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    async with scoped(bob, now=NOW) as db:
        await call(db, "add_expense", amount=99, category="food")
    async with scoped(alice, now=NOW) as db:
        listed = await call(db, "list_expenses")
    assert listed["count"] == 0


async def test_list_expenses_rejects_bad_filters(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        backwards = await call(db, "list_expenses", start_date="2026-03-10", end_date="2026-03-01")
        too_many = await call(db, "list_expenses", limit=101)
        zero = await call(db, "list_expenses", limit=0)
        bad_category = await call(db, "list_expenses", category="beer")
        bad_date = await call(db, "list_expenses", start_date="last Tuesday")
    assert backwards["ok"] is False
    assert "start_date" in backwards["summary"]
    for out in (too_many, zero, bad_category, bad_date):
        assert out["ok"] is False
        assert out["error"] == "invalid"
