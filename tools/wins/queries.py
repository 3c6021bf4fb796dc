"""Reads shared by several wins actions: spending per category, budgets, incomes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tools.db.scope import UserDb
from tools.wins.budget_math import BudgetLine, budget_line
from tools.wins.periods import DateRange, month_range


async def spent_by_category(db: UserDb, currency: str, span: DateRange) -> dict[str, Decimal]:
    """Spending in one currency per category over the inclusive range, largest first."""
    cur = await db.conn.execute(
        "SELECT category, sum(amount) AS total FROM expenses"
        " WHERE user_id = %s AND currency = %s AND date BETWEEN %s AND %s"
        " GROUP BY category ORDER BY total DESC, category",
        (db.user_id, currency, span.start, span.end),
    )
    return {row["category"]: row["total"] for row in await cur.fetchall()}


async def spent_in_other_currencies(
    db: UserDb, currency: str, span: DateRange
) -> dict[str, Decimal]:
    """Totals of expenses not in `currency`: reported, never added to its sums."""
    cur = await db.conn.execute(
        "SELECT currency, sum(amount) AS total FROM expenses"
        " WHERE user_id = %s AND currency <> %s AND date BETWEEN %s AND %s"
        " GROUP BY currency ORDER BY currency",
        (db.user_id, currency, span.start, span.end),
    )
    return {row["currency"]: row["total"] for row in await cur.fetchall()}


async def income_total(db: UserDb, currency: str, span: DateRange) -> Decimal:
    cur = await db.conn.execute(
        "SELECT coalesce(sum(amount), 0) AS total FROM incomes"
        " WHERE user_id = %s AND currency = %s AND date BETWEEN %s AND %s",
        (db.user_id, currency, span.start, span.end),
    )
    row = await cur.fetchone()
    return row["total"] if row else Decimal(0)


async def budget_rows(db: UserDb, category: str | None = None) -> list[dict[str, Any]]:
    cur = await db.conn.execute(
        "SELECT id, category, monthly_limit, alert_threshold FROM budgets"
        " WHERE user_id = %s AND (%s::text IS NULL OR category = %s) ORDER BY category",
        (db.user_id, category, category),
    )
    return await cur.fetchall()


async def month_budget_line(
    db: UserDb, category: str, day: date, currency: str
) -> BudgetLine | None:
    """The category's budget for the month containing `day`, or None without a budget."""
    budgets = await budget_rows(db, category)
    if not budgets:
        return None
    spent = await spent_by_category(db, currency, month_range(day.year, day.month))
    budget = budgets[0]
    return budget_line(
        budget["category"],
        budget["monthly_limit"],
        budget["alert_threshold"],
        spent.get(category, Decimal(0)),
    )
