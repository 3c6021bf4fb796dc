"""The wins domain's actions (see TOOLS.md): expenses, income, budgets, summaries."""

from tools.types import Action, Table
from tools.wins import (
    budget_report,
    budgets,
    expense_edits,
    expense_list,
    expenses,
    incomes,
    summary,
)
from tools.wins.budget_report import budget_status
from tools.wins.budgets import set_budget
from tools.wins.expense_edits import delete_expense, update_expense
from tools.wins.expense_list import list_expenses
from tools.wins.expenses import add_expense
from tools.wins.incomes import add_income
from tools.wins.summary import spending_summary

_MODULES = (expenses, expense_list, expense_edits, incomes, budgets, budget_report, summary)
ACTIONS: list[Action] = [action for module in _MODULES for action in module.ACTIONS]
TABLES: list[Table] = [table for module in _MODULES for table in module.TABLES]

__all__ = [
    "ACTIONS",
    "TABLES",
    "add_expense",
    "add_income",
    "budget_status",
    "delete_expense",
    "list_expenses",
    "set_budget",
    "spending_summary",
    "update_expense",
]
