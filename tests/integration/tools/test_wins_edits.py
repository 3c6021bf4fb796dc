"""update_expense and delete_expense: changes, wording, and ids that are not yours."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.run import call_action
from tools.wins import ACTIONS
from tools.wins.expenses import read_expenses

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))


async def call(db: UserDb, name: str, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[name], db, raw)


async def _one_expense(scoped: ScopedDb, uid: uuid.UUID) -> dict[str, Any]:
    async with scoped(uid, now=NOW) as db:
        out = await call(
            db,
            "add_expense",
            amount=85.4,
            category="fuel",
            date="2026-03-09",
            description="Dubbo",
        )
    return dict(out["expense"])


async def _rows(scoped: ScopedDb, uid: uuid.UUID) -> list[dict[str, Any]]:
    async with scoped(uid, now=NOW) as db:
        return await read_expenses(db)


async def test_update_changes_only_the_given_fields(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    expense = await _one_expense(scoped, user_id)
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "update_expense", expense_id=expense["id"], amount="90")
    assert out["ok"] is True
    assert out["expense"] == {**expense, "amount": 90.0}
    assert out["ids"] == [expense["id"]]
    assert out["ui_actions"][0]["type"] == "reload_expenses"
    assert "amount $85.40 → $90.00" in out["summary"]
    assert out["summary"].startswith("Updated the expense: now $90.00 for fuel on 9 Mar")


async def test_update_every_field(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    expense = await _one_expense(scoped, user_id)
    async with scoped(user_id, now=NOW) as db:
        out = await call(
            db,
            "update_expense",
            expense_id=expense["id"],
            category="repairs",
            date="2028-02-29",
            description="新轮胎 🛞",
        )
    rows = await _rows(scoped, user_id)
    assert rows == [
        {
            "id": expense["id"],
            "amount": 85.4,
            "category": "repairs",
            "description": "新轮胎 🛞",
            "date": "2028-02-29",
            "currency": "AUD",
        }
    ]
    assert "category fuel → repairs" in out["summary"]
    assert "date 9 Mar → 29 Feb 2028" in out["summary"]


async def test_update_warns_when_it_pushes_a_budget_over(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    expense = await _one_expense(scoped, user_id)
    async with scoped(user_id, now=NOW) as db:
        await call(db, "set_budget", category="fuel", monthly_limit=100)
        out = await call(db, "update_expense", expense_id=expense["id"], amount=120)
    assert out["budget_warning"]["status"] == "over"
    assert "over budget" in out["summary"]


async def test_an_update_to_what_it_already_is_says_so(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    expense = await _one_expense(scoped, user_id)
    async with scoped(user_id, now=NOW) as db:
        out = await call(
            db, "update_expense", expense_id=expense["id"], amount=85.4, category="fuel"
        )
        moved = await call(db, "update_expense", expense_id=expense["id"], amount=90)
    assert out["changed"] is False
    assert out["summary"].startswith("Nothing to change: the expense is already $85.40")
    assert moved["changed"] is True
    assert moved["summary"].startswith("Updated the expense")


async def test_update_needs_something_to_change(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    expense = await _one_expense(scoped, user_id)
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "update_expense", expense_id=expense["id"])
    assert out["ok"] is False
    assert "what to change" in out["summary"]
    assert (await _rows(scoped, user_id))[0]["amount"] == 85.4


async def test_update_rejects_bad_values_and_writes_nothing(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    expense = await _one_expense(scoped, user_id)
    bad: list[dict[str, Any]] = [
        {"amount": -5},
        {"amount": 0},
        {"category": "beer"},
        {"date": "1850-01-01"},
        {"description": "x" * 501},
        {"currency": "USD"},  # not an argument of update_expense
    ]
    async with scoped(user_id, now=NOW) as db:
        outs = [await call(db, "update_expense", expense_id=expense["id"], **b) for b in bad]
        missing_id = await call(db, "update_expense", amount=5)
        bad_id = await call(db, "update_expense", expense_id="1234", amount=5)
    for out in [*outs, missing_id, bad_id]:
        assert out["ok"] is False
        assert out["error"] == "invalid"
    assert (await _rows(scoped, user_id))[0] == expense


async def test_update_of_unknown_or_another_users_expense(scoped: ScopedDb) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    bobs = await _one_expense(scoped, bob)
    unknown = str(uuid.uuid4())
    async with scoped(alice, now=NOW) as db:
        theirs = await call(db, "update_expense", expense_id=bobs["id"], amount=1)
        nobody = await call(db, "update_expense", expense_id=unknown, amount=1)
    assert theirs == {**nobody, "summary": f"I couldn't find expense {bobs['id']}."}
    assert theirs["error"] == "not_found"
    assert (await _rows(scoped, bob))[0]["amount"] == 85.4


async def test_delete_expense(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    expense = await _one_expense(scoped, user_id)
    approval = ACTION["delete_expense"].needs_approval
    assert approval is not None
    assert approval({"expense_id": expense["id"]}) is True
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "delete_expense", expense_id=expense["id"])
        again = await call(db, "delete_expense", expense_id=expense["id"])
    assert out["summary"] == "Deleted the $85.40 fuel expense from 9 Mar."
    assert out["ids"] == [expense["id"]]
    assert out["ui_actions"][0]["entity_id"] == expense["id"]
    assert again["error"] == "not_found"
    assert await _rows(scoped, user_id) == []


async def test_delete_of_another_users_expense_changes_nothing(scoped: ScopedDb) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    bobs = await _one_expense(scoped, bob)
    async with scoped(alice, now=NOW) as db:
        out = await call(db, "delete_expense", expense_id=bobs["id"])
        nonsense = await call(db, "delete_expense", expense_id="'); DROP TABLE expenses; --")
        missing = await call(db, "delete_expense")
    assert out["ok"] is False
    assert out["error"] == "not_found"
    assert nonsense["error"] == "invalid"
    assert missing["error"] == "invalid"
    assert [r["id"] for r in await _rows(scoped, bob)] == [bobs["id"]]


async def test_only_delete_needs_approval() -> None:
    approvals = {a.name for a in ACTIONS if a.needs_approval and a.needs_approval({})}
    assert approvals == {"delete_expense"}
