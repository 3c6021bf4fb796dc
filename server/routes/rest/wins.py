"""Wins over REST: expenses, income, budgets and the spending summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from server.routes.rest.common import ActionDb, perform, without
from tools.wins import budgets, expenses, incomes
from tools.wins import summary as spending
from tools.wins.models import CategoryArg

if TYPE_CHECKING:  # mypy knows the action's args; FastAPI gets them without the path's id
    ExpenseUpdate = expenses.UpdateExpenseArgs
    BudgetSet = budgets.SetBudgetArgs
else:
    ExpenseUpdate = without(expenses.UpdateExpenseArgs, "expense_id", name="ExpenseUpdate")
    BudgetSet = without(budgets.SetBudgetArgs, "category", name="BudgetSet")

router = APIRouter(prefix="/wins", tags=["wins"])


@router.get("/expenses")
async def read_expenses(
    query: Annotated[expenses.ListExpensesArgs, Query()], db: ActionDb
) -> expenses.ExpenseListResult:
    """The user's expenses, newest first (`limit` 1..100), with the count and total of
    everything that matched."""
    return await perform(db, expenses.list_expenses, query)


@router.post("/expenses", status_code=201)
async def create_expense(body: expenses.AddExpenseArgs, db: ActionDb) -> expenses.ExpenseResult:
    return await perform(db, expenses.add_expense, body)


@router.patch("/expenses/{expense_id}")
async def update_expense(
    expense_id: UUID, body: ExpenseUpdate, db: ActionDb
) -> expenses.ExpenseResult:
    return await perform(db, expenses.update_expense, body, expense_id=expense_id)


@router.delete("/expenses/{expense_id}")
async def delete_expense(expense_id: UUID, db: ActionDb) -> expenses.DeletedExpenseResult:
    """Deletes at once: the user asked for it here, so no approval step as in chat."""
    return await perform(db, expenses.delete_expense, expense_id=expense_id)


@router.post("/incomes", status_code=201)
async def create_income(body: incomes.AddIncomeArgs, db: ActionDb) -> incomes.IncomeResult:
    return await perform(db, incomes.add_income, body)


@router.put("/budgets/{category}")
async def set_budget(category: CategoryArg, body: BudgetSet, db: ActionDb) -> budgets.BudgetResult:
    """Create or change the category's monthly budget."""
    return await perform(db, budgets.set_budget, body, category=category)


@router.get("/budgets/status")
async def read_budget_status(
    query: Annotated[budgets.BudgetStatusArgs, Query()], db: ActionDb
) -> budgets.BudgetStatusResult:
    return await perform(db, budgets.budget_status, query)


@router.get("/summary")
async def read_summary(
    query: Annotated[spending.SpendingSummaryArgs, Query()], db: ActionDb
) -> spending.SpendingSummaryResult:
    return await perform(db, spending.spending_summary, query)
