"""add_expense's argument checks, and that wins fixture tables read back as evals expect."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.run import call_action
from tools.wins import ACTIONS, TABLES
from tools.wins.expenses import read_expenses

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))


async def call(db: UserDb, name: str, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[name], db, raw)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"category": "fuel"}, "amount"),
        ({"amount": 10}, "category"),
        ({"amount": "ten", "category": "fuel"}, "amount"),
        ({"amount": True, "category": "fuel"}, "amount"),
        ({"amount": 0, "category": "fuel"}, "amount"),
        ({"amount": -85.4, "category": "fuel"}, "amount"),
        ({"amount": 0.001, "category": "fuel"}, "amount"),
        ({"amount": "NaN", "category": "fuel"}, "amount"),
        ({"amount": 25_000_000, "category": "fuel"}, "amount"),
        ({"amount": 10, "category": "beer"}, "category"),
        ({"amount": 10, "category": 7}, "category"),
        ({"amount": 10, "category": "fuel", "date": "1850-01-01"}, "date"),
        ({"amount": 10, "category": "fuel", "date": "2026-02-30"}, "date"),
        ({"amount": 10, "category": "fuel", "date": "yesterday"}, "date"),
        ({"amount": 10, "category": "fuel", "description": "x" * 501}, "description"),
        ({"amount": 10, "category": "fuel", "currency": "dollars"}, "currency"),
        ({"amount": 10, "category": "fuel", "currency": "A$D"}, "currency"),
        ({"amount": 10, "category": "fuel", "user_id": str(uuid.uuid4())}, "user_id"),
    ],
)
async def test_add_expense_rejects_bad_input_and_writes_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "add_expense", **raw)
        rows = await read_expenses(db)
    assert out["ok"] is False
    assert out["error"] == "invalid"
    assert out["field"] == field
    assert out["summary"].startswith("Invalid arguments")
    assert rows == []


async def test_blank_description_means_none_and_text_is_trimmed(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        blank = await call(db, "add_expense", amount=1, category="food", description="  ")
        padded = await call(db, "add_expense", amount=1, category=" FOOD ", description=" pie ")
    assert blank["expense"]["description"] is None
    assert (padded["expense"]["category"], padded["expense"]["description"]) == ("food", "pie")


async def test_amounts_round_to_cents(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "add_expense", amount="85.405", category="fuel")
        big = await call(db, "add_expense", amount=1_000_000, category="other")
    assert out["expense"]["amount"] == 85.41
    assert big["summary"].startswith("Logged $1,000,000.00 for other")


async def test_tables_read_rows_keyed_by_the_create_actions_arguments(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    tables = {t.name: t for t in TABLES}
    assert {name: t.create for name, t in tables.items()} == {
        "expenses": "add_expense",
        "incomes": "add_income",
        "budgets": "set_budget",
    }
    fixtures: dict[str, dict[str, Any]] = {
        "expenses": {"amount": 20, "category": "food", "date": "2026-03-09"},
        "incomes": {"amount": 500, "source": "Pension", "date": "2026-03-01"},
        "budgets": {"category": "food", "monthly_limit": 300, "alert_threshold": 0.75},
    }
    async with scoped(user_id, now=NOW) as db:
        for name, row in fixtures.items():
            created = await call(db, tables[name].create, **row)
            assert created["ok"] is True, created
        read = {name: await tables[name].read(db) for name in tables}
    for name, row in fixtures.items():
        assert len(read[name]) == 1
        got = read[name][0]
        assert {k: got[k] for k in row} == row
        args = ACTION[tables[name].create].args.model_fields
        assert set(got) - {"id"} <= set(args)
        assert isinstance(got["id"], str)
