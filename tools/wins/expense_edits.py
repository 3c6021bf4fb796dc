"""Correcting and deleting an expense the user already logged."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pydantic import Field

from tools.db.scope import UserDb
from tools.format import money
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, not_found
from tools.values import SaneDate
from tools.wins.expenses import (
    EXPENSE_COLUMNS,
    BudgetWarning,
    ExpenseResult,
    budget_warning,
    expense_phrase,
)
from tools.wins.models import (
    DESCRIPTION,
    EXPENSE_ID,
    Amount,
    CategoryArg,
    ExpenseOut,
    OptionalText,
    expense_ui,
)
from tools.wins.wording import category_label, day_label


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
    cur = await db.conn.execute(
        f"SELECT {EXPENSE_COLUMNS} FROM expenses WHERE id = %s AND user_id = %s FOR UPDATE",
        (expense_id, db.user_id),
    )
    row = await cur.fetchone()
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
    detail = f" ({'; '.join(changes)})" if changes else " (nothing was different)"
    summary = f"Updated the expense: now {expense_phrase(after, today)}{detail}."
    warning: BudgetWarning | None = await budget_warning(db, after, profile)
    if warning:
        summary = f"{summary} {warning.message}"
    return ExpenseResult(
        summary=summary,
        ids=[after.id],
        ui_actions=[expense_ui(after, expense_phrase(after, today))],
        expense=after,
        budget_warning=warning,
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


ACTIONS = [
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
TABLES: list[Table] = []
