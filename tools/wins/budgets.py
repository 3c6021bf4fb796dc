"""Budgets: set a monthly spending limit (and its alert threshold) for one category, and
how each stands in a month, with what was spent where no budget is set.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

from tools.db.scope import UserDb
from tools.format import money, percent_label
from tools.profile import load_profile, local_today
from tools.types import Action, ActionResult, Args, Table, UiAction
from tools.values import EARLIEST, LATEST
from tools.wins.budget_math import BudgetLine, budget_line, line_sentence
from tools.wins.models import (
    CATEGORY,
    Amount,
    BudgetOut,
    Category,
    CategoryArg,
    Cents,
    category_label,
    json_row,
)
from tools.wins.periods import cents, month_range
from tools.wins.queries import budget_rows, month_budget_line, spent_by_category


def _percent_as_fraction(value: Any) -> Any:
    """ "80%", or a whole 10 to 100, means that share (80 is 0.8): what people say. A
    number between 1 and 10 is more likely a mistake than a 2% warning: refused."""
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return Decimal(value.strip()[:-1]) / 100
        except ArithmeticError:
            return value
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if whole and not isinstance(value, bool) and 10 <= value <= 100:
        return Decimal(int(value)) / 100
    return value


def _threshold(value: Decimal) -> Decimal:
    if not value.is_finite() or not 0 <= value <= 1:
        raise ValueError("must be between 0 and 1 (0.8 means a warning at 80%)")
    return cents(value)


Threshold = Annotated[Decimal, BeforeValidator(_percent_as_fraction), AfterValidator(_threshold)]


class SetBudgetArgs(Args):
    category: CategoryArg = CATEGORY
    monthly_limit: Amount = Field(
        description="Most to spend in the category per calendar month.", examples=[400]
    )
    # None keeps an existing budget's threshold; a new budget gets 0.8.
    alert_threshold: Threshold | None = Field(
        default=None,
        description="Share of the limit that triggers a warning, a fraction 0-1 (0.8 = 80%);"
        " omit to keep the current one (new budgets: 0.8).",
        examples=[0.8],
    )


class BudgetResult(ActionResult):
    budget: BudgetOut
    created: bool
    this_month: BudgetLine


async def set_budget(db: UserDb, args: SetBudgetArgs) -> BudgetResult:
    profile = await load_profile(db)
    cur = await db.conn.execute(
        "INSERT INTO budgets (user_id, category, monthly_limit, alert_threshold)"
        " VALUES (%s, %s, %s, coalesce(%s, 0.80))"
        " ON CONFLICT (user_id, category) DO UPDATE SET monthly_limit = excluded.monthly_limit,"
        " alert_threshold = coalesce(%s, budgets.alert_threshold)"
        " RETURNING id, category, monthly_limit, alert_threshold, (xmax = 0) AS created",
        (db.user_id, args.category, args.monthly_limit, args.alert_threshold, args.alert_threshold),
    )
    row = await cur.fetchone()
    assert row is not None  # an upsert always returns its row
    budget = BudgetOut.model_validate(row)
    line = await month_budget_line(db, budget.category, local_today(db, profile), profile.currency)
    assert line is not None  # the budget was just written
    label, limit = category_label(budget.category), money(budget.monthly_limit, profile.currency)
    verb = "Set" if row["created"] else "Updated"
    warn_at = percent_label(budget.alert_threshold * 100)
    return BudgetResult(
        summary=(
            f"{verb} the {label} budget to {limit} a month; I'll warn you at {warn_at}. "
            f"This month so far: {money(line.spent, profile.currency)} ({line.status})."
        ),
        ids=[budget.id],
        ui_actions=[
            UiAction(
                type="reload_expenses",
                entity_type="budget",
                entity_id=str(budget.id),
                entity_title=f"{label} {limit}/month",
            )
        ],
        budget=budget,
        created=row["created"],
        this_month=line,
    )


async def read_budgets(db: UserDb) -> list[dict[str, Any]]:
    rows = await budget_rows(db)
    return [json_row(row) for row in rows]


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


ACTIONS: list[Action] = [
    Action(
        name="set_budget",
        domain="wins",
        args=SetBudgetArgs,
        fn=set_budget,
        description="Set or change the monthly spending limit for one expense category.",
    ),
    Action(
        name="budget_status",
        domain="wins",
        args=BudgetStatusArgs,
        fn=budget_status,
        description="Show each budget for a month: limit, spent, remaining, percent and status.",
        writes=False,
    ),
]


TABLES: list[Table] = [
    Table(name="budgets", create="set_budget", read=read_budgets),
]
