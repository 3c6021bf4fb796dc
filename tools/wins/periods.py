"""Calendar arithmetic for budgets and summaries: months, named periods, daily rates.

Pure functions of a `today` that callers take from the user's local clock, so the same
instant can be Sunday in Sydney and Saturday in UTC without anything here caring.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Period = Literal["this_week", "last_week", "this_month", "last_month", "last_30_days", "this_year"]
CENT = Decimal("0.01")


@dataclass(frozen=True)
class DateRange:
    """Both ends inclusive."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_range(year: int, month: int) -> DateRange:
    return DateRange(date(year, month, 1), date(year, month, days_in_month(year, month)))


def previous_month(day: date) -> DateRange:
    last_of_previous = day.replace(day=1) - timedelta(days=1)
    return month_range(last_of_previous.year, last_of_previous.month)


def period_range(period: Period, today: date) -> DateRange:
    """The named period around `today`; weeks run Monday to Sunday."""
    monday = today - timedelta(days=today.weekday())
    if period == "this_week":
        return DateRange(monday, monday + timedelta(days=6))
    if period == "last_week":
        return DateRange(monday - timedelta(days=7), monday - timedelta(days=1))
    if period == "this_month":
        return month_range(today.year, today.month)
    if period == "last_month":
        return previous_month(today)
    if period == "last_30_days":
        return DateRange(today - timedelta(days=29), today)
    return DateRange(date(today.year, 1, 1), date(today.year, 12, 31))


DAYS_FOR_A_PACE = 7


def days_elapsed(span: DateRange, today: date) -> int:
    """Days of the period up to and including today; at least 1 (a future period too)."""
    return max(1, (min(span.end, today) - span.start).days + 1)


def daily_average(spent: Decimal, span: DateRange, today: date) -> Decimal:
    return cents(spent / days_elapsed(span, today))


def month_end_projection(spent: Decimal, span: DateRange, today: date) -> Decimal | None:
    """The month's spending so far at its pace over the whole current month, or None.
    Only a period that starts on the 1st of this month and contains today is the month to
    date (a week's pace times the month leaves out what the month spent before the week),
    and only after a week of it (a few days' spending, one fill-up, is no month's pace)."""
    month = month_range(today.year, today.month)
    if not (span.start == month.start and today <= span.end <= month.end):
        return None
    if days_elapsed(span, today) < DAYS_FOR_A_PACE:
        return None
    return cents(spent / days_elapsed(span, today) * month.days)
