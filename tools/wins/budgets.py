"""Setting a monthly spending limit (and its alert threshold) for one category."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from tools.db.scope import UserDb
from tools.format import money
from tools.profile import load_profile, local_today
from tools.types import Action, ActionResult, Args, Table, UiAction
from tools.wins.budget_math import BudgetLine
from tools.wins.models import CATEGORY, Amount, BudgetOut, CategoryArg, json_row
from tools.wins.periods import cents
from tools.wins.queries import budget_rows, month_budget_line
from tools.wins.wording import category_label, percent_label


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


ACTIONS = [
    Action(
        name="set_budget",
        domain="wins",
        args=SetBudgetArgs,
        fn=set_budget,
        description="Set or change the monthly spending limit for one expense category.",
    ),
]
TABLES = [Table(name="budgets", create="set_budget", read=read_budgets)]
