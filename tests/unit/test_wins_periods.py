"""Pure calendar and budget arithmetic of the wins domain, on hand-made dates and sums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tools.format import day_label, percent_label
from tools.wins.budget_math import budget_line, budget_status_of, warning_sentence
from tools.wins.periods import (
    DateRange,
    daily_average,
    days_elapsed,
    month_end_projection,
    period_range,
)

D = Decimal


@pytest.mark.parametrize(
    ("period", "today", "start", "end"),
    [
        # 2026-03-10 is a Tuesday: weeks start on Monday the 9th.
        ("this_week", date(2026, 3, 10), date(2026, 3, 9), date(2026, 3, 15)),
        ("last_week", date(2026, 3, 10), date(2026, 3, 2), date(2026, 3, 8)),
        # A Sunday still belongs to the week that started the Monday before.
        ("this_week", date(2026, 3, 1), date(2026, 2, 23), date(2026, 3, 1)),
        ("this_week", date(2026, 1, 1), date(2025, 12, 29), date(2026, 1, 4)),
        ("last_week", date(2026, 1, 1), date(2025, 12, 22), date(2025, 12, 28)),
        ("this_month", date(2026, 3, 10), date(2026, 3, 1), date(2026, 3, 31)),
        ("this_month", date(2028, 2, 29), date(2028, 2, 1), date(2028, 2, 29)),
        ("this_month", date(2026, 2, 14), date(2026, 2, 1), date(2026, 2, 28)),
        ("last_month", date(2028, 3, 1), date(2028, 2, 1), date(2028, 2, 29)),
        ("last_month", date(2026, 1, 15), date(2025, 12, 1), date(2025, 12, 31)),
        ("last_30_days", date(2028, 3, 1), date(2028, 2, 1), date(2028, 3, 1)),
        ("last_30_days", date(2026, 3, 1), date(2026, 1, 31), date(2026, 3, 1)),
        ("this_year", date(2028, 2, 29), date(2028, 1, 1), date(2028, 12, 31)),
    ],
)
def test_period_range(period: str, today: date, start: date, end: date) -> None:
    span = period_range(period, today)  # type: ignore[arg-type]
    assert (span.start, span.end) == (start, end)


def test_range_lengths_know_leap_years() -> None:
    assert period_range("this_year", date(2028, 6, 1)).days == 366
    assert period_range("this_year", date(2026, 6, 1)).days == 365
    assert period_range("last_30_days", date(2026, 6, 1)).days == 30


def test_days_elapsed_counts_today_and_never_drops_below_one() -> None:
    march = DateRange(date(2026, 3, 1), date(2026, 3, 31))
    assert days_elapsed(march, date(2026, 3, 1)) == 1
    assert days_elapsed(march, date(2026, 3, 10)) == 10
    assert days_elapsed(march, date(2026, 5, 2)) == 31  # a past period counts in full
    assert days_elapsed(march, date(2026, 2, 1)) == 1  # a future one counts as one day


def test_daily_average_and_projection_round_to_cents() -> None:
    march, today = DateRange(date(2026, 3, 1), date(2026, 3, 31)), date(2026, 3, 10)
    assert daily_average(D("170.50"), march, today) == D("17.05")
    assert month_end_projection(D("170.50"), march, today) == D("528.55")
    # 100 / 7 = 14.2857..., rounded only at the end: 14.29 a day, 442.86 over 31 days.
    week_in = date(2026, 3, 7)
    assert daily_average(D(100), march, week_in) == D("14.29")
    assert month_end_projection(D(100), march, week_in) == D("442.86")


def test_fewer_than_seven_days_are_no_pace_to_project() -> None:
    march = DateRange(date(2026, 3, 1), date(2026, 3, 31))
    assert month_end_projection(D(171), march, date(2026, 3, 1)) is None  # one fill-up
    assert month_end_projection(D(171), march, date(2026, 3, 6)) is None
    assert month_end_projection(D(171), march, date(2026, 3, 7)) is not None


def test_projection_on_leap_day_uses_29_days() -> None:
    feb = DateRange(date(2028, 2, 1), date(2028, 2, 29))
    assert month_end_projection(D("290"), feb, date(2028, 2, 29)) == D("290.00")
    assert month_end_projection(D("100"), feb, date(2028, 2, 10)) == D("290.00")


def test_projection_is_none_outside_the_current_month() -> None:
    today = date(2026, 3, 10)
    assert (
        month_end_projection(D(50), DateRange(date(2026, 2, 1), date(2026, 2, 28)), today) is None
    )
    last_30 = period_range("last_30_days", today)  # reaches back into February
    assert month_end_projection(D(50), last_30, today) is None
    assert month_end_projection(D(50), period_range("this_year", today), today) is None
    # A week's pace over the month would leave out what the month spent before the week.
    week = period_range("this_week", today)
    assert month_end_projection(D(20), week, today) is None
    later_start = DateRange(date(2026, 3, 2), date(2026, 3, 31))
    assert month_end_projection(D(20), later_start, today) is None


def test_no_spending_is_zero_not_an_error() -> None:
    march = DateRange(date(2026, 3, 1), date(2026, 3, 31))
    assert daily_average(D(0), march, date(2026, 3, 1)) == D("0.00")
    assert month_end_projection(D(0), march, date(2026, 3, 8)) == D("0.00")


@pytest.mark.parametrize(
    ("spent", "status"),
    [("0", "ok"), ("319.99", "ok"), ("320", "warning"), ("400", "warning"), ("400.01", "over")],
)
def test_budget_status_thresholds(spent: str, status: str) -> None:
    assert budget_status_of(D(spent), D(400), D("0.80")) == status


def test_budget_line_arithmetic() -> None:
    line = budget_line("groceries", D(400), D("0.80"), D("340"))
    assert (line.spent, line.remaining, line.percent, line.status) == (
        D("340.00"),
        D("60.00"),
        D("85.0"),
        "warning",
    )
    over = budget_line("fuel", D(300), D("0.9"), D("333.33"))
    assert (over.remaining, over.percent, over.status) == (D("-33.33"), D("111.1"), "over")
    assert budget_line("food", D(3), D("0.8"), D(1)).percent == D("33.3")
    assert budget_line("food", D(3), D("0.8"), D(2)).percent == D("66.7")


def test_warning_sentences() -> None:
    near = budget_line("groceries", D(400), D("0.80"), D("340"))
    assert warning_sentence(near, "AUD") == (
        "Heads up: groceries is at 85% of its $400.00 monthly budget."
    )
    over = warning_sentence(budget_line("gas_lpg", D(100), D("0.8"), D("112.50")), "AUD")
    assert over is not None
    assert "over budget" in over
    assert "$12.50 over" in over
    assert "gas/LPG" in over
    assert warning_sentence(budget_line("fuel", D(400), D("0.8"), D(10)), "AUD") is None


def test_wording() -> None:
    assert day_label(date(2026, 3, 9), date(2026, 3, 10)) == "9 Mar"
    assert day_label(date(2025, 12, 31), date(2026, 1, 1)) == "31 Dec 2025"
    assert percent_label(D("85.0")) == "85%"
    assert percent_label(D("100.0")) == "100%"
    assert percent_label(D("85.5")) == "85.5%"


def test_one_days_spending_is_not_projected_to_the_month() -> None:
    today = date(2026, 3, 10)
    assert month_end_projection(D(80), DateRange(today, today), today) is None
