"""One category's budget against its month's spending: percent, remaining, status."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel

from tools.format import money, percent_label
from tools.wins.models import Category, Cents, category_label
from tools.wins.periods import cents

Status = Literal["ok", "warning", "over"]


class BudgetLine(BaseModel):
    category: Category
    limit: Cents
    alert_threshold: Cents
    spent: Cents
    remaining: Cents  # negative once over budget: how far over
    percent: Cents  # of the limit spent, one decimal, can pass 100
    status: Status


def budget_status_of(spent: Decimal, limit: Decimal, threshold: Decimal) -> Status:
    if spent > limit:
        return "over"
    return "warning" if spent >= limit * threshold else "ok"


def budget_line(
    category: Category, limit: Decimal, threshold: Decimal, spent: Decimal
) -> BudgetLine:
    percent = (spent * 100 / limit).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return BudgetLine(
        category=category,
        limit=cents(limit),
        alert_threshold=threshold,
        spent=cents(spent),
        remaining=cents(limit - spent),
        percent=percent,
        status=budget_status_of(spent, limit, threshold),
    )


def line_sentence(line: BudgetLine, currency: str) -> str:
    """`groceries $340.00 of $400.00 (85%, warning)`."""
    label = category_label(line.category)
    spent, limit = money(line.spent, currency), money(line.limit, currency)
    return f"{label} {spent} of {limit} ({percent_label(line.percent)}, {line.status})"


def warning_sentence(line: BudgetLine, currency: str) -> str | None:
    """The heads-up after spending in a category, or None while it is still ok."""
    label, limit = category_label(line.category), money(line.limit, currency)
    if line.status == "over":
        over = money(-line.remaining, currency)
        return (
            f"Heads up: {label} is over budget — {percent_label(line.percent)} of its "
            f"{limit} monthly budget ({over} over)."
        )
    if line.status == "warning":
        return (
            f"Heads up: {label} is at {percent_label(line.percent)} of its {limit} monthly budget."
        )
    return None
