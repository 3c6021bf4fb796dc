"""The wins domain's actions (see TOOLS.md): expenses, income, budgets, summaries."""

from tools.types import Action, Table
from tools.wins import budgets, expenses, incomes, summary
from tools.wins.budgets import budget_status, set_budget
from tools.wins.expenses import add_expense, delete_expense, list_expenses, update_expense
from tools.wins.incomes import add_income
from tools.wins.summary import spending_summary

_MODULES = (expenses, incomes, budgets, summary)
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
