"""Logging and listing expenses, and the expense a fuel fill or a paid service also is (so
money views see vehicle costs)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import Field

from tools.db.scope import UserDb
from tools.format import money
from tools.profile import Profile, load_profile, local_today
from tools.types import Action, ActionResult, Args, Table
from tools.values import OptionalCurrency, SaneDate
from tools.wins.budget_math import BudgetLine, warning_sentence
from tools.wins.models import (
    AMOUNT,
    CATEGORY,
    DAY,
    DESCRIPTION,
    Amount,
    CategoryArg,
    ExpenseOut,
    OptionalText,
    expense_ui,
    json_row,
)
from tools.wins.queries import month_budget_line
from tools.wins.wording import category_label, day_label

EXPENSE_COLUMNS = "id, amount, currency, category, description, date"


class BudgetWarning(BudgetLine):
    message: str


class AddExpenseArgs(Args):
    amount: Amount = AMOUNT
    category: CategoryArg = CATEGORY
    description: OptionalText = DESCRIPTION
    date: SaneDate | None = DAY
    currency: OptionalCurrency = Field(
        default=None,
        description="ISO code, only when not the user's own currency.",
        examples=["NZD"],
    )


class ExpenseResult(ActionResult):
    expense: ExpenseOut
    budget_warning: BudgetWarning | None = None


def expense_phrase(expense: ExpenseOut, today: date) -> str:
    """`$85.40 for fuel on 9 Mar (Dubbo diesel)`."""
    text = (
        f"{money(expense.amount, expense.currency)} for {category_label(expense.category)}"
        f" on {day_label(expense.date, today)}"
    )
    return f"{text} ({expense.description})" if expense.description else text


async def budget_warning(db: UserDb, expense: ExpenseOut, profile: Profile) -> BudgetWarning | None:
    """A warning when the expense's month has reached the category's alert threshold.

    Budgets are in the profile currency, so spending in another currency never counts.
    """
    if expense.currency != profile.currency:
        return None
    line = await month_budget_line(db, expense.category, expense.date, profile.currency)
    message = warning_sentence(line, profile.currency) if line else None
    if line is None or message is None:
        return None
    return BudgetWarning(**line.model_dump(), message=message)


async def add_expense(db: UserDb, args: AddExpenseArgs) -> ExpenseResult:
    profile = await load_profile(db)
    today = local_today(db, profile)
    # clock_timestamp(), not now(): rows added in one transaction still list in order.
    cur = await db.conn.execute(
        "INSERT INTO expenses (user_id, amount, currency, category, description, date,"
        " created_at) VALUES (%s, %s, %s, %s, %s, %s, clock_timestamp())"
        f" RETURNING {EXPENSE_COLUMNS}",
        (
            db.user_id,
            args.amount,
            args.currency or profile.currency,
            args.category,
            args.description,
            args.date or today,
        ),
    )
    expense = ExpenseOut.model_validate(await cur.fetchone())
    warning = await budget_warning(db, expense, profile)
    summary = f"Logged {expense_phrase(expense, today)}."
    if warning:
        summary = f"{summary} {warning.message}"
    return ExpenseResult(
        summary=summary,
        ids=[expense.id],
        ui_actions=[expense_ui(expense, expense_phrase(expense, today))],
        expense=expense,
        budget_warning=warning,
    )


async def insert_linked_expense(
    db: UserDb,
    *,
    amount: Decimal,
    category: Literal["fuel", "maintenance"],
    description: str,
    spent_on: date,
    currency: str,
) -> UUID:
    """Insert the expense row; the caller links it inside the same transaction."""
    cur = await db.conn.execute(
        "INSERT INTO expenses (user_id, amount, currency, category, description, date)"
        " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (db.user_id, amount, currency, category, description[:500], spent_on),
    )
    row = await cur.fetchone()
    assert row is not None
    return UUID(str(row["id"]))


async def read_expenses(db: UserDb) -> list[dict[str, Any]]:
    cur = await db.conn.execute(
        "SELECT id, amount, category, description, date, currency FROM expenses"
        " WHERE user_id = %s ORDER BY date, created_at, id",
        (db.user_id,),
    )
    return [json_row(row) for row in await cur.fetchall()]


ACTIONS = [
    Action(
        name="add_expense",
        domain="wins",
        args=AddExpenseArgs,
        fn=add_expense,
        description="Log money the user spent, with a category; warns when a budget runs high.",
    ),
]
TABLES = [Table(name="expenses", create="add_expense", read=read_expenses)]
