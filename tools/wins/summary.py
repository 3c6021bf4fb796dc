"""Where the money went over a period: by category, against income, and at what pace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from tools.db.scope import UserDb
from tools.format import day_label, money
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table
from tools.values import SaneDate
from tools.wins.models import END_DATE, START_DATE, Category, Cents, category_label
from tools.wins.periods import (
    DateRange,
    Period,
    cents,
    daily_average,
    days_elapsed,
    month_end_projection,
    period_range,
)
from tools.wins.queries import income_total, spent_by_category, spent_in_other_currencies

_PERIOD_NAMES = {
    "this_week": "This week",
    "last_week": "Last week",
    "this_month": "This month",
    "last_month": "Last month",
    "last_30_days": "The last 30 days",
    "this_year": "This year",
}


class SpendingSummaryArgs(Args):
    period: Period | None = Field(
        default=None,
        description="A named period (weeks start Monday); or give start_date/end_date;"
        " neither means this_month.",
    )
    start_date: SaneDate | None = START_DATE
    end_date: SaneDate | None = END_DATE


class CategoryTotal(BaseModel):
    category: Category
    total: Cents


class SpendingSummaryResult(ActionResult):
    period: Period | None  # None for a start_date/end_date range
    start_date: date
    end_date: date
    currency: str
    by_category: list[CategoryTotal]  # largest first
    total_spent: Cents
    income_total: Cents
    net: Cents  # income minus spending
    days_elapsed: int
    daily_average: Cents
    projected_month_total: Cents | None  # only for a period inside this month, up to today
    other_currency_totals: dict[str, Cents]  # spending in other currencies, not in the totals


def summary_range(args: SpendingSummaryArgs, today: date) -> DateRange:
    """The named period, the given dates, or this month; one date alone is filled in."""
    if args.period and (args.start_date or args.end_date):
        raise ActionError("Give either a period or start_date/end_date, not both.", field="period")
    if args.period or not (args.start_date or args.end_date):
        return period_range(args.period or "this_month", today)
    if args.start_date and args.end_date:
        if args.start_date > args.end_date:
            raise ActionError("start_date must not be after end_date.", field="start_date")
        return DateRange(args.start_date, args.end_date)
    if args.start_date:
        return DateRange(args.start_date, max(args.start_date, today))
    assert args.end_date is not None  # one of the two dates is set here
    return DateRange(args.end_date.replace(day=1), args.end_date)


async def spending_summary(db: UserDb, args: SpendingSummaryArgs) -> SpendingSummaryResult:
    profile = await load_profile(db)
    today = local_today(db, profile)
    span = summary_range(args, today)
    by_category = await spent_by_category(db, profile.currency, span)
    spent = sum(by_category.values(), Decimal(0))
    income = await income_total(db, profile.currency, span)
    result = SpendingSummaryResult(
        summary="",
        period=args.period or (None if args.start_date or args.end_date else "this_month"),
        start_date=span.start,
        end_date=span.end,
        currency=profile.currency,
        by_category=[CategoryTotal(category=c, total=t) for c, t in by_category.items()],
        total_spent=cents(spent),
        income_total=cents(income),
        net=cents(income - spent),
        days_elapsed=days_elapsed(span, today),
        daily_average=daily_average(spent, span, today),
        projected_month_total=month_end_projection(spent, span, today),
        other_currency_totals=await spent_in_other_currencies(db, profile.currency, span),
    )
    result.summary = _summary_text(result, today)
    return result


def _summary_text(r: SpendingSummaryResult, today: date) -> str:
    def cash(value: Decimal) -> str:
        return money(value, r.currency)

    span = day_label(r.start_date, today)
    if r.end_date != r.start_date:  # one day is "6 Dec", not "6 Dec – 6 Dec"
        span += f" – {day_label(r.end_date, today)}"
    name = f"{_PERIOD_NAMES[r.period]} ({span})" if r.period else span
    if not r.by_category and not r.income_total:
        return f"{name}: no spending or income recorded."
    parts = ", ".join(f"{category_label(c.category)} {cash(c.total)}" for c in r.by_category)
    text = f"{name}: spent {cash(r.total_spent)}" + (f" ({parts})" if parts else "")
    text += f"; income {cash(r.income_total)}, net {cash(r.net)}."
    if r.days_elapsed > 1:  # one day's average is that day's total, said just before
        text += f" Daily average {cash(r.daily_average)}"
        if r.projected_month_total is not None:
            text += f"; at this pace about {cash(r.projected_month_total)} by month end"
        text += "."
    if r.other_currency_totals:
        others = ", ".join(money(v, c) for c, v in r.other_currency_totals.items())
        text += f" Not counted (other currencies): {others}."
    return text


ACTIONS = [
    Action(
        name="spending_summary",
        domain="wins",
        args=SpendingSummaryArgs,
        fn=spending_summary,
        description=(
            "Summarise spending by category with income, net, daily average and a month-end"
            " projection, for a named period or dates (default this month)."
        ),
        writes=False,
    ),
]
TABLES: list[Table] = []
