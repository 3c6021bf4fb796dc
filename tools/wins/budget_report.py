"""How each budget stands in a month, and what was spent where no budget is set."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from tools.db.scope import UserDb
from tools.format import money
from tools.profile import load_profile, local_today
from tools.types import Action, ActionResult, Args, Table
from tools.values import EARLIEST, LATEST
from tools.wins.budget_math import BudgetLine, budget_line, line_sentence
from tools.wins.models import Category, Cents
from tools.wins.periods import month_range
from tools.wins.queries import budget_rows, spent_by_category
from tools.wins.wording import category_label


def _month(value: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError("must be a month like 2026-03")
    if not EARLIEST.year <= int(match[1]) <= LATEST.year:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return value


Month = Annotated[str, AfterValidator(_month)]


class BudgetStatusArgs(Args):
    month: Month | None = Field(
        default=None,
        description="Calendar month, YYYY-MM; omit for this month.",
        examples=["2026-03"],
    )


class CategorySpend(BaseModel):
    category: Category
    spent: Cents


class BudgetStatusResult(ActionResult):
    month: str
    currency: str
    budgets: list[BudgetLine]
    unbudgeted: list[CategorySpend] = Field(description="spending in categories with no budget")


async def budget_status(db: UserDb, args: BudgetStatusArgs) -> BudgetStatusResult:
    profile = await load_profile(db)
    month = args.month or local_today(db, profile).strftime("%Y-%m")
    span = month_range(int(month[:4]), int(month[5:]))
    spent = await spent_by_category(db, profile.currency, span)
    budgets = await budget_rows(db)
    lines = [
        budget_line(
            b["category"],
            b["monthly_limit"],
            b["alert_threshold"],
            spent.get(b["category"], Decimal(0)),
        )
        for b in budgets
    ]
    budgeted = {b["category"] for b in budgets}
    unbudgeted = [
        CategorySpend(category=c, spent=total) for c, total in spent.items() if c not in budgeted
    ]
    return BudgetStatusResult(
        summary=_status_summary(span.start, lines, unbudgeted, profile.currency),
        month=month,
        currency=profile.currency,
        budgets=lines,
        unbudgeted=unbudgeted,
    )


def _status_summary(
    month: date, lines: list[BudgetLine], unbudgeted: list[CategorySpend], currency: str
) -> str:
    title = f"{month:%B %Y}"
    if not lines:
        text = f"No budgets are set, so there is nothing to compare for {title}."
    else:
        text = f"{title}: " + "; ".join(line_sentence(line, currency) for line in lines) + "."
    if unbudgeted:
        extra = ", ".join(
            f"{category_label(s.category)} {money(s.spent, currency)}" for s in unbudgeted
        )
        text += f" Spent without a budget: {extra}."
    return text


ACTIONS = [
    Action(
        name="budget_status",
        domain="wins",
        args=BudgetStatusArgs,
        fn=budget_status,
        description="Show each budget for a month: limit, spent, remaining, percent and status.",
        writes=False,
    ),
]
TABLES: list[Table] = []
