"""set_budget, budget_status, and add_expense's budget warnings on hand-made months."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.run import call_action
from tools.wins import ACTIONS
from tools.wins.budgets import read_budgets

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))


async def call(db: UserDb, name: str, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[name], db, raw)


async def spend(db: UserDb, amount: Any, category: str, day: str, **more: Any) -> dict[str, Any]:
    out = await call(db, "add_expense", amount=amount, category=category, date=day, **more)
    assert out["ok"] is True, out
    return out


async def test_set_budget_creates_then_updates_one_row(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        first = await call(db, "set_budget", category="groceries", monthly_limit=400)
        tuned = await call(
            db, "set_budget", category="groceries", monthly_limit=400, alert_threshold=0.9
        )
        raised = await call(db, "set_budget", category="Groceries", monthly_limit="500")
        rows = await read_budgets(db)
    assert first["created"] is True
    assert first["summary"].startswith(
        "Set the groceries budget to $400.00 a month; I'll warn you at 80%."
    )
    assert first["ui_actions"][0]["entity_type"] == "budget"
    assert tuned["created"] is False
    assert raised["summary"].startswith("Updated the groceries budget to $500.00 a month")
    assert "warn you at 90%" in raised["summary"]  # an omitted threshold is kept
    assert rows == [
        {
            "id": first["budget"]["id"],
            "category": "groceries",
            "monthly_limit": 500.0,
            "alert_threshold": 0.9,
        }
    ]


async def test_set_budget_reports_this_months_spending(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await spend(db, 350, "fuel", "2026-03-02")
        out = await call(db, "set_budget", category="fuel", monthly_limit=300)
    assert out["this_month"]["status"] == "over"
    assert "This month so far: $350.00 (over)." in out["summary"]


async def test_set_budget_rejects_bad_input(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    bad: list[dict[str, Any]] = [
        {"monthly_limit": 100},
        {"category": "fuel"},
        {"category": "fuel", "monthly_limit": 0},
        {"category": "fuel", "monthly_limit": -1},
        {"category": "fuel", "monthly_limit": "lots"},
        {"category": "fuel", "monthly_limit": 100, "alert_threshold": 1.5},
        {"category": "fuel", "monthly_limit": 100, "alert_threshold": -0.1},
        {"category": "fuel", "monthly_limit": 100, "alert_threshold": "NaN"},
        {"category": "beer", "monthly_limit": 100},
        {"category": "fuel", "monthly_limit": 100, "month": "2026-03"},
    ]
    async with scoped(user_id, now=NOW) as db:
        outs = [await call(db, "set_budget", **b) for b in bad]
        rows = await read_budgets(db)
    for out in outs:
        assert out["ok"] is False
        assert out["error"] == "invalid"
    assert "between 0 and 1" in outs[5]["summary"]
    assert rows == []


async def test_add_expense_warns_at_threshold_and_over_budget(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await call(db, "set_budget", category="groceries", monthly_limit=400)
        calm = await spend(db, 300, "groceries", "2026-03-02")
        near = await spend(db, 40, "groceries", "2026-03-09")
        over = await spend(db, 100, "groceries", "2026-03-10")
    assert calm["budget_warning"] is None
    assert "Heads up" not in calm["summary"]
    assert near["summary"].endswith("Heads up: groceries is at 85% of its $400.00 monthly budget.")
    assert near["budget_warning"]["status"] == "warning"
    assert near["budget_warning"]["spent"] == 340
    assert over["budget_warning"]["status"] == "over"
    assert over["budget_warning"]["remaining"] == -40
    assert "over budget" in over["summary"]


async def test_warning_uses_the_expenses_own_month_and_currency(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await call(db, "set_budget", category="fuel", monthly_limit=100)
        await spend(db, 90, "fuel", "2026-02-28")
        march = await spend(db, 10, "fuel", "2026-03-01")  # February's 90 does not count
        feb = await spend(db, 5, "fuel", "2026-02-01")  # but it does for February
        usd = await spend(db, 500, "fuel", "2026-03-02", currency="USD")
        other_category = await spend(db, 500, "food", "2026-03-02")
    assert march["budget_warning"] is None
    assert feb["budget_warning"]["percent"] == 95
    assert usd["budget_warning"] is None
    assert other_category["budget_warning"] is None


async def test_budget_status_per_category(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        await call(db, "set_budget", category="groceries", monthly_limit=400)
        await call(db, "set_budget", category="fuel", monthly_limit=300, alert_threshold=0.5)
        await call(db, "set_budget", category="camping", monthly_limit="33.33")
        await spend(db, 340, "groceries", "2026-03-31")
        await spend(db, "100.10", "fuel", "2026-03-01")
        await spend(db, 999, "fuel", "2026-02-28")  # the months either side never count
        await spend(db, 999, "fuel", "2026-04-01")
        await spend(db, 999, "fuel", "2026-03-15", currency="USD")
        await spend(db, "33.33", "camping", "2026-03-05")  # exactly the limit: not over
        await spend(db, "12.5", "food", "2026-03-05")
        out = await call(db, "budget_status")
    assert out["month"] == "2026-03"
    lines = {line["category"]: line for line in out["budgets"]}
    assert lines["groceries"] == {
        "category": "groceries",
        "limit": 400,
        "alert_threshold": 0.8,
        "spent": 340,
        "remaining": 60,
        "percent": 85,
        "status": "warning",
    }
    assert (lines["fuel"]["spent"], lines["fuel"]["remaining"]) == (100.1, 199.9)
    assert (lines["fuel"]["percent"], lines["fuel"]["status"]) == (33.4, "ok")
    assert (lines["camping"]["percent"], lines["camping"]["status"]) == (100, "warning")
    assert out["unbudgeted"] == [{"category": "food", "spent": 12.5}]
    assert out["summary"].startswith("March 2026: camping $33.33 of $33.33 (100%, warning);")
    assert "groceries $340.00 of $400.00 (85%, warning)" in out["summary"]
    assert out["summary"].endswith("Spent without a budget: food $12.50.")


async def test_budget_status_with_no_data(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        nothing = await call(db, "budget_status", month="2026-01")
        await call(db, "set_budget", category="health", monthly_limit=50)
        quiet = await call(db, "budget_status", month="2026-01")
    assert nothing["budgets"] == []
    assert nothing["unbudgeted"] == []
    assert (
        nothing["summary"] == "No budgets are set, so there is nothing to compare for January 2026."
    )
    assert quiet["budgets"][0] == {
        "category": "health",
        "limit": 50,
        "alert_threshold": 0.8,
        "spent": 0,
        "remaining": 50,
        "percent": 0,
        "status": "ok",
    }


async def test_budget_status_leap_february(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        await call(db, "set_budget", category="fuel", monthly_limit=200)
        await spend(db, 150, "fuel", "2028-02-29")
        await spend(db, 150, "fuel", "2028-03-01")
        out = await call(db, "budget_status", month="2028-02")
    assert out["budgets"][0]["spent"] == 150
    assert out["budgets"][0]["status"] == "ok"


async def test_budget_status_default_month_is_local(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    # 00:30 on 1 March in Sydney; UTC still says 28 February.
    now = datetime(2026, 2, 28, 13, 30, tzinfo=UTC)
    async with scoped(user_id, now=now) as db:
        await call(db, "set_budget", category="food", monthly_limit=100)
        await spend(db, 90, "food", "2026-02-28")
        today = await spend(db, 10, "food", "2026-03-01")
        out = await call(db, "budget_status")
    assert today["budget_warning"] is None
    assert out["month"] == "2026-03"
    assert out["budgets"][0]["spent"] == 10


async def test_budget_status_rejects_bad_months(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        outs = [
            await call(db, "budget_status", month=month)
            for month in ["2026-13", "2026-00", "March", "2026-3", "1850-01", "2026-03-01", 202603]
        ]
    for out in outs:
        assert out["ok"] is False
        assert out["error"] == "invalid"
    assert "like 2026-03" in outs[0]["summary"]
