"""Expenses: log one, list them (newest first, with the count and total of everything that
matched), correct or delete one the user already logged; and the expense a fuel fill or a
paid service also is (so money views see vehicle costs).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import Field

from tools.db.scope import UserDb, locked_row
from tools.format import counted, day_label, money
from tools.profile import Profile, load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, not_found
from tools.values import OptionalCurrency, SaneDate
from tools.wins.budget_math import BudgetLine, warning_sentence
from tools.wins.models import (
    AMOUNT,
    CATEGORY,
    DAY,
    DESCRIPTION,
    END_DATE,
    EXPENSE_ID,
    START_DATE,
    Amount,
    CategoryArg,
    Cents,
    ExpenseOut,
    OptionalText,
    category_label,
    expense_ui,
    json_row,
)
from tools.wins.queries import month_budget_line

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
    text = f"{counted(count, 'expense')} totalling {amounts}"
    return f"{text}; showing the {shown} newest." if shown < count else f"{text}, newest first."


class UpdateExpenseArgs(Args):
    expense_id: UUID = EXPENSE_ID
    amount: Amount | None = Field(default=None, description="New amount.", examples=[42.5])
    category: CategoryArg | None = Field(default=None, description="New category.")
    description: OptionalText = DESCRIPTION
    date: SaneDate | None = Field(
        default=None, description="New day, YYYY-MM-DD.", examples=["2026-03-08"]
    )


async def _own_expense(db: UserDb, expense_id: UUID) -> ExpenseOut:
    """The user's expense, locked for the change; another user's id reads as unknown."""
    row = await locked_row(db, "expenses", EXPENSE_COLUMNS, expense_id)
    if row is None:
        raise not_found("expense", expense_id)
    return ExpenseOut.model_validate(row)


def _changes(before: ExpenseOut, after: ExpenseOut, today: date) -> list[str]:
    changes = []
    if before.amount != after.amount:
        old, new = money(before.amount, before.currency), money(after.amount, after.currency)
        changes.append(f"amount {old} → {new}")
    if before.category != after.category:
        old, new = category_label(before.category), category_label(after.category)
        changes.append(f"category {old} → {new}")
    if before.date != after.date:
        changes.append(f"date {day_label(before.date, today)} → {day_label(after.date, today)}")
    if before.description != after.description:
        changes.append(f"description “{after.description}”")
    return changes


async def update_expense(db: UserDb, args: UpdateExpenseArgs) -> ExpenseResult:
    if args.model_dump(exclude={"expense_id"}, exclude_none=True) == {}:
        raise ActionError(
            "Tell me what to change on the expense: amount, category, description or date."
        )
    profile = await load_profile(db)
    today = local_today(db, profile)
    before = await _own_expense(db, args.expense_id)
    cur = await db.conn.execute(
        "UPDATE expenses SET amount = coalesce(%s, amount), category = coalesce(%s, category),"
        " description = coalesce(%s, description), date = coalesce(%s, date)"
        f" WHERE id = %s AND user_id = %s RETURNING {EXPENSE_COLUMNS}",
        (args.amount, args.category, args.description, args.date, before.id, db.user_id),
    )
    after = ExpenseOut.model_validate(await cur.fetchone())
    changes = _changes(before, after, today)
    summary = (
        f"Updated the expense: now {expense_phrase(after, today)} ({'; '.join(changes)})."
        if changes
        else f"Nothing to change: the expense is already {expense_phrase(after, today)}."
    )
    warning: BudgetWarning | None = await budget_warning(db, after, profile)
    if warning:
        summary = f"{summary} {warning.message}"
    return ExpenseResult(
        summary=summary,
        ids=[after.id],
        ui_actions=[expense_ui(after, expense_phrase(after, today))],
        expense=after,
        budget_warning=warning,
        changed=bool(changes),
    )


class DeleteExpenseArgs(Args):
    expense_id: UUID = EXPENSE_ID


class DeletedExpenseResult(ActionResult):
    expense: ExpenseOut


async def delete_expense(db: UserDb, args: DeleteExpenseArgs) -> DeletedExpenseResult:
    profile = await load_profile(db)
    today = local_today(db, profile)
    cur = await db.conn.execute(
        f"DELETE FROM expenses WHERE id = %s AND user_id = %s RETURNING {EXPENSE_COLUMNS}",
        (args.expense_id, db.user_id),
    )
    row = await cur.fetchone()
    if row is None:
        raise not_found("expense", args.expense_id)
    expense = ExpenseOut.model_validate(row)
    amount = money(expense.amount, expense.currency)
    label, day = category_label(expense.category), day_label(expense.date, today)
    return DeletedExpenseResult(
        summary=f"Deleted the {amount} {label} expense from {day}.",
        ids=[expense.id],
        ui_actions=[expense_ui(expense, f"{amount} {label}")],
        expense=expense,
    )


async def delete_question(db: UserDb, args: DeleteExpenseArgs) -> str:
    """ "Delete the $38.00 camping expense of 5 Dec (Cobar showground)?" """
    profile = await load_profile(db)
    cur = await db.conn.execute(
        f"SELECT {EXPENSE_COLUMNS} FROM expenses WHERE id = %s AND user_id = %s",
        (args.expense_id, db.user_id),
    )
    row = await cur.fetchone()
    if row is None:
        return "Delete an expense I can't find (it may already be gone)?"
    expense = ExpenseOut.model_validate(row)
    amount = money(expense.amount, expense.currency)
    label, day = category_label(expense.category), day_label(expense.date, local_today(db, profile))
    what = f" ({expense.description})" if expense.description else ""
    return f"Delete the {amount} {label} expense of {day}{what}?"


ACTIONS: list[Action] = [
    Action(
        name="add_expense",
        domain="wins",
        args=AddExpenseArgs,
        fn=add_expense,
        description="Log money the user spent, with a category; warns when a budget runs high.",
    ),
    Action(
        name="list_expenses",
        domain="wins",
        args=ListExpensesArgs,
        fn=list_expenses,
        description="List the user's expenses, newest first, optionally by dates or category.",
        writes=False,
    ),
    Action(
        name="update_expense",
        domain="wins",
        args=UpdateExpenseArgs,
        fn=update_expense,
        description="Change the amount, category, description or date of a logged expense.",
    ),
    Action(
        name="delete_expense",
        domain="wins",
        args=DeleteExpenseArgs,
        fn=delete_expense,
        description="Delete one logged expense by its id (the user must approve).",
        needs_approval=lambda _args: True,
        approval_text=delete_question,
    ),
]


TABLES: list[Table] = [
    Table(name="expenses", create="add_expense", read=read_expenses),
]
