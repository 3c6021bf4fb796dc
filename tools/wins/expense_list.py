"""Listing expenses: newest first, with the count and total of everything that matched."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from tools.db.scope import UserDb
from tools.format import money
from tools.profile import load_profile
from tools.types import Action, ActionError, ActionResult, Args, Table
from tools.values import SaneDate
from tools.wins.expenses import EXPENSE_COLUMNS
from tools.wins.models import END_DATE, START_DATE, CategoryArg, Cents, ExpenseOut
from tools.wins.wording import plural


class ListExpensesArgs(Args):
    start_date: SaneDate | None = START_DATE
    end_date: SaneDate | None = END_DATE
    category: CategoryArg | None = Field(default=None, description="Only this category.")
    limit: int = Field(default=20, ge=1, le=100, description="Most rows to return, newest first.")


class ExpenseListResult(ActionResult):
    expenses: list[ExpenseOut]
    count: int  # all matching expenses, which may be more than listed
    total: Cents  # of all matching expenses in the profile currency
    currency: str
    other_currency_totals: dict[str, Cents]


async def list_expenses(db: UserDb, args: ListExpensesArgs) -> ExpenseListResult:
    if args.start_date and args.end_date and args.start_date > args.end_date:
        raise ActionError("start_date must not be after end_date.", field="start_date")
    profile = await load_profile(db)
    where = (
        " WHERE user_id = %s AND (%s::date IS NULL OR date >= %s)"
        " AND (%s::date IS NULL OR date <= %s) AND (%s::text IS NULL OR category = %s)"
    )
    params = (
        db.user_id,
        args.start_date,
        args.start_date,
        args.end_date,
        args.end_date,
        args.category,
        args.category,
    )
    cur = await db.conn.execute(
        f"SELECT currency, count(*) AS n, sum(amount) AS total FROM expenses{where}"
        " GROUP BY currency",
        params,
    )
    totals = {row["currency"]: row for row in await cur.fetchall()}
    cur = await db.conn.execute(
        f"SELECT {EXPENSE_COLUMNS} FROM expenses{where}"
        " ORDER BY date DESC, created_at DESC, id LIMIT %s",
        (*params, args.limit),
    )
    expenses = [ExpenseOut.model_validate(row) for row in await cur.fetchall()]
    count = sum(row["n"] for row in totals.values())
    own = totals.pop(profile.currency, None)
    total = own["total"] if own else Decimal(0)
    others = {code: row["total"] for code, row in totals.items()}
    return ExpenseListResult(
        summary=_list_summary(count, len(expenses), total, others, profile.currency),
        expenses=expenses,
        count=count,
        total=total,
        currency=profile.currency,
        other_currency_totals=others,
    )


def _list_summary(
    count: int, shown: int, total: Decimal, others: dict[str, Decimal], currency: str
) -> str:
    if count == 0:
        return "No expenses found."
    parts = [money(total, currency)] if total or not others else []
    amounts = " + ".join(parts + [money(value, code) for code, value in others.items()])
    text = f"{plural(count, 'expense')} totalling {amounts}"
    return f"{text}; showing the {shown} newest." if shown < count else f"{text}, newest first."


ACTIONS = [
    Action(
        name="list_expenses",
        domain="wins",
        args=ListExpensesArgs,
        fn=list_expenses,
        description="List the user's expenses, newest first, optionally by dates or category.",
        writes=False,
    ),
]
TABLES: list[Table] = []
