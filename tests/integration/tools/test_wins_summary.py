"""spending_summary and add_income on hand-made periods: totals, net, pace, projection."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.run import call_action
from tools.wins import ACTIONS
from tools.wins.incomes import read_incomes

ACTION = {a.name: a for a in ACTIONS}
SYDNEY = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=SYDNEY)  # a Tuesday


async def call(db: UserDb, name: str, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[name], db, raw)


async def seed(db: UserDb, rows: list[tuple[str, Any, str, str]]) -> None:
    for kind, amount, what, day in rows:
        if kind == "expense":
            out = await call(db, "add_expense", amount=amount, category=what, date=day)
        else:
            out = await call(db, "add_income", amount=amount, source=what, date=day)
        assert out["ok"] is True, out


MARCH = [
    ("expense", 100, "fuel", "2026-03-01"),
    ("expense", "50.50", "groceries", "2026-03-10"),
    ("expense", 20, "groceries", "2026-03-31"),
    ("expense", 30, "food", "2026-02-28"),
    ("income", 1000, "Pension", "2026-03-05"),
    ("income", 400, "Casual work", "2026-02-20"),
]


async def test_this_month_by_default(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        await seed(db, MARCH)
        out = await call(db, "spending_summary")
    assert (out["period"], out["start_date"], out["end_date"]) == (
        "this_month",
        "2026-03-01",
        "2026-03-31",
    )
    assert out["by_category"] == [
        {"category": "fuel", "total": 100},
        {"category": "groceries", "total": 70.5},
    ]
    assert (out["total_spent"], out["income_total"], out["net"]) == (170.5, 1000, 829.5)
    assert (out["days_elapsed"], out["daily_average"]) == (10, 17.05)
    assert out["projected_month_total"] == 528.55  # 170.50 / 10 * 31
    assert out["summary"] == (
        "This month (1 Mar – 31 Mar): spent $170.50 (fuel $100.00, groceries $70.50);"
        " income $1,000.00, net $829.50. Daily average $17.05; at this pace about $528.55"
        " by month end."
    )


async def test_last_month_and_weeks(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        await seed(db, MARCH)
        last_month = await call(db, "spending_summary", period="last_month")
        this_week = await call(db, "spending_summary", period="this_week")
        last_week = await call(db, "spending_summary", period="last_week")
    assert (last_month["total_spent"], last_month["income_total"], last_month["net"]) == (
        30,
        400,
        370,
    )
    assert (last_month["days_elapsed"], last_month["daily_average"]) == (28, 1.07)
    assert last_month["projected_month_total"] is None
    assert (this_week["start_date"], this_week["end_date"]) == ("2026-03-09", "2026-03-15")
    assert (this_week["total_spent"], this_week["days_elapsed"]) == (50.5, 2)
    assert this_week["daily_average"] == 25.25
    assert this_week["projected_month_total"] is None  # not the month to date
    assert (last_week["total_spent"], last_week["income_total"]) == (0, 1000)
    assert last_week["net"] == 1000


async def test_leap_february(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    now = datetime(2028, 3, 1, 8, 0, tzinfo=SYDNEY)
    async with scoped(user_id, now=now) as db:
        await seed(
            db,
            [("expense", 29, "camping", "2028-02-29"), ("expense", 10, "food", "2028-03-01")],
        )
        feb = await call(db, "spending_summary", period="last_month")
        days_30 = await call(db, "spending_summary", period="last_30_days")
        year = await call(db, "spending_summary", period="this_year")
    assert (feb["end_date"], feb["days_elapsed"], feb["total_spent"]) == ("2028-02-29", 29, 29)
    assert feb["daily_average"] == 1
    assert (days_30["start_date"], days_30["total_spent"]) == ("2028-02-01", 39)
    assert days_30["daily_average"] == 1.3
    assert days_30["projected_month_total"] is None
    assert (year["days_elapsed"], year["total_spent"], year["daily_average"]) == (61, 39, 0.64)


async def test_just_after_midnight_in_sydney(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    now = datetime(2026, 2, 28, 13, 30, tzinfo=UTC)  # 00:30 on 1 March in Sydney
    async with scoped(user_id, now=now) as db:
        await seed(
            db, [("expense", 31, "fuel", "2026-03-01"), ("expense", 5, "food", "2026-02-28")]
        )
        out = await call(db, "spending_summary")
    assert (out["start_date"], out["days_elapsed"]) == ("2026-03-01", 1)
    assert (out["total_spent"], out["daily_average"]) == (31, 31)
    assert out["projected_month_total"] is None  # one day is no month's pace
    assert out["summary"] == (  # no "Daily average $31.00": one day's is its total
        "This month (1 Mar – 31 Mar): spent $31.00 (fuel $31.00); income $0.00, net -$31.00."
    )


async def test_no_data(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "spending_summary")
    assert out["by_category"] == []
    assert (out["total_spent"], out["income_total"], out["net"]) == (0, 0, 0)
    assert (out["daily_average"], out["projected_month_total"]) == (0, 0)
    assert out["summary"] == "This month (1 Mar – 31 Mar): no spending or income recorded."


async def test_one_day_is_named_once(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    """ "what did I spend yesterday?" answered "6 Dec – 6 Dec: …" (a new user's try)."""
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "spending_summary", start_date="2026-03-09", end_date="2026-03-09")
    assert out["summary"] == "9 Mar: no spending or income recorded."


async def test_custom_dates_and_other_currencies(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        await seed(db, MARCH)
        await call(db, "add_expense", amount=7, category="food", date="2026-03-02", currency="USD")
        given = await call(db, "spending_summary", start_date="2026-02-28", end_date="2026-03-01")
        from_start = await call(db, "spending_summary", start_date="2026-03-02")
        to_end = await call(db, "spending_summary", end_date="2026-03-05")
    assert given["period"] is None
    assert (given["total_spent"], given["days_elapsed"], given["daily_average"]) == (130, 2, 65)
    assert given["projected_month_total"] is None  # reaches into February
    assert (from_start["start_date"], from_start["end_date"]) == ("2026-03-02", "2026-03-10")
    assert from_start["total_spent"] == 50.5
    assert from_start["other_currency_totals"] == {"USD": 7}
    assert "Not counted (other currencies): US$7.00" in from_start["summary"]
    assert (to_end["start_date"], to_end["total_spent"], to_end["income_total"]) == (
        "2026-03-01",
        100,
        1000,
    )


async def test_summary_rejects_bad_input(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        both = await call(db, "spending_summary", period="this_month", start_date="2026-03-01")
        backwards = await call(
            db, "spending_summary", start_date="2026-03-10", end_date="2026-03-01"
        )
        unknown = await call(db, "spending_summary", period="fortnight")
        ancient = await call(db, "spending_summary", start_date="1850-01-01")
    assert "not both" in both["summary"]
    assert "start_date" in backwards["summary"]
    for out in (both, backwards, unknown, ancient):
        assert out["ok"] is False
        assert out["error"] == "invalid"


async def test_add_income(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "add_income", amount="1234.5", source="Age pension 养老金 👵")
        rows = await read_incomes(db)
    assert out["summary"] == "Logged $1,234.50 from Age pension 养老金 👵 on 10 Mar."
    assert out["income"]["currency"] == "AUD"
    assert out["ui_actions"][0]["entity_type"] == "income"
    assert rows == [
        {
            "id": out["income"]["id"],
            "amount": 1234.5,
            "source": "Age pension 养老金 👵",
            "description": None,
            "date": "2026-03-10",
        }
    ]


async def test_add_income_rejects_bad_input(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    bad: list[dict[str, Any]] = [
        {"source": "Pension"},
        {"amount": 100},
        {"amount": 100, "source": "   "},
        {"amount": 100, "source": "x" * 201},
        {"amount": -100, "source": "Pension"},
        {"amount": 100, "source": "Pension", "date": "1850-06-01"},
        {"amount": 100, "source": "Pension", "currency": "USD"},
        {"amount": 100, "source": "Pension", "description": "d" * 501},
    ]
    async with scoped(user_id, now=NOW) as db:
        outs = [await call(db, "add_income", **b) for b in bad]
        nasty = await call(db, "add_income", amount=1, source="'); DROP TABLE incomes; --")
        rows = await read_incomes(db)
    for out in outs:
        assert out["ok"] is False
        assert out["error"] == "invalid"
    assert [r["source"] for r in rows] == [nasty["income"]["source"]]
    assert nasty["income"]["source"] == "'); DROP TABLE incomes; --"
