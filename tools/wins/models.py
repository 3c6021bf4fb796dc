"""Value types and output rows shared by the wins (money) actions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, Field, PlainSerializer

from tools.types import UiAction
from tools.values import Money, ShortText

Category = Literal[
    "fuel",
    "food",
    "groceries",
    "camping",
    "maintenance",
    "insurance",
    "registration",
    "repairs",
    "entertainment",
    "shopping",
    "health",
    "phone_internet",
    "gas_lpg",
    "other",
]
CATEGORIES: tuple[str, ...] = get_args(Category)
_LABELS = {"phone_internet": "phone & internet", "gas_lpg": "gas/LPG"}


def category_label(category: str) -> str:
    """How a category reads in replies: `phone & internet`, `groceries`."""
    return _LABELS.get(category, category)


def _lower(value: Any) -> Any:
    # Models often capitalise ("Groceries"); the category itself is unambiguous.
    return value.strip().lower() if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    # An empty optional text means "no description", not an error.
    return None if isinstance(value, str) and not value.strip() else value


CategoryArg = Annotated[Category, BeforeValidator(_lower)]
Amount = Money
OptionalText = Annotated[ShortText | None, BeforeValidator(_blank_to_none)]

# Argument descriptions shared by several actions (the tool schema and the REST docs).
AMOUNT = Field(description="Amount in the user's currency, a plain number.", examples=[85.4])
CATEGORY = Field(description="Spending category.")
DESCRIPTION = Field(
    default=None, description="What it was for, in a few words.", examples=["diesel at Dubbo"]
)
DAY = Field(
    default=None,
    description="The day it happened, YYYY-MM-DD; omit for today.",
    examples=["2026-03-09"],
)
EXPENSE_ID = Field(
    description="The expense's id, from an earlier result (list_expenses finds it).",
    examples=["0f5b7c1e-3c2a-4d7e-9a51-6f1b2c3d4e5f"],
)
START_DATE = Field(default=None, description="First day, YYYY-MM-DD.", examples=["2026-03-01"])
END_DATE = Field(
    default=None, description="Last day (included), YYYY-MM-DD.", examples=["2026-03-31"]
)

# Amounts stay Decimal in Python and read as plain numbers in JSON.
Cents = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]


class ExpenseOut(BaseModel):
    id: UUID
    amount: Cents
    currency: str
    category: Category
    description: str | None
    date: date


class IncomeOut(BaseModel):
    id: UUID
    amount: Cents
    currency: str
    source: str
    description: str | None
    date: date


class BudgetOut(BaseModel):
    id: UUID
    category: Category
    monthly_limit: Cents
    alert_threshold: Cents


def expense_ui(expense: ExpenseOut, title: str) -> UiAction:
    return UiAction(
        type="reload_expenses", entity_type="expense", entity_id=str(expense.id), entity_title=title
    )


def json_row(row: dict[str, Any]) -> dict[str, Any]:
    """A database row as evals compare it: Decimal -> float, date -> ISO, UUID -> str."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, Decimal):
            out[key] = float(value)
        elif isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, UUID):
            out[key] = str(value)
        else:
            out[key] = value
    return out
