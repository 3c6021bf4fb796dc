"""Arguments of the wins tools that ask about money: budgets, summaries, lists."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from agent.brain import figures, values
from agent.brain.categories import category_of, find_category
from agent.brain.convo import Env
from agent.brain.draft import Draft, blank
from agent.brain.money import spoken_pair
from agent.brain.triggers_wins import TOP_CATEGORY

_I = re.IGNORECASE


# "120 a week", "1500 a quarter", "6000 a year", "300 a fortnight": months of each span
_PER_SPAN = re.compile(
    r"\b(?:a|per|each|every|/)\s*(?P<span>week|fortnight|quarter|year|annum)\b"
    r"|\b(?P<span2>weekly|fortnightly|quarterly|yearly|annually)\b",
    _I,
)
_MONTHS_IN = {
    "week": Decimal(52) / 12, "fortnight": Decimal(26) / 12, "quarter": Decimal(1) / 3,
    "year": Decimal(1) / 12, "annum": Decimal(1) / 12, "annual": Decimal(1) / 12,
}  # fmt: skip


def set_budget(text: str, env: Env) -> Draft:
    draft = Draft("set_budget")
    pct = figures.percent(text)
    cut = blank(text, [(pct.start, pct.end)]) if pct else text
    # a monthly limit is never a few dollars: "two fifty" is 250, as after a budget was set
    amount = spoken_pair(cut, hundreds=True) or values.amount(cut, loose=True)
    if amount:
        value = amount.value
        # a limit said for another span is turned into the month's share of it
        per = _PER_SPAN.search(text)
        if per and not re.search(r"\b(?:a|per|each|every|/)\s*month\b|\bmonthly\b", text, _I):
            months = _MONTHS_IN[(per["span"] or per["span2"]).lower().removesuffix("ly")]
            value = (value * months).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        draft.put("monthly_limit", value)
    hit = find_category(cut)
    draft.put("category", hit[0] if hit else None)
    if pct:
        draft.put("alert_threshold", float(pct.value / 100))
    draft.missing = "category" if not hit else None if amount else "monthly_limit"
    return draft


def budget_status(text: str, env: Env) -> Draft:
    draft = Draft("budget_status")
    span = values.period(text, env.today)
    if span and span.start.month == span.end.month and (span.end - span.start).days >= 27:
        draft.put("month", span.start.strftime("%Y-%m"))
    return draft


# "biggest expense category": the top of the totals by category is the answer (said first,
# from the summary's own figures)
TOP = re.compile(TOP_CATEGORY, re.IGNORECASE)


def spending_summary(text: str, env: Env) -> Draft:
    draft = Draft("spending_summary")
    if TOP.search(text):
        draft.reads = "top"
    span = values.period(text, env.today)
    if span and span.period:
        draft.put("period", span.period)
    elif span:
        draft.put("start_date", span.start.isoformat())
        draft.put("end_date", span.end.isoformat())
    return draft


_WORKSHOP = ("maintenance", "repairs")


def list_expenses(text: str, env: Env) -> Draft:
    draft = Draft("list_expenses")
    span = values.period(text, env.today)
    if span:
        draft.put("start_date", span.start.isoformat())
        draft.put("end_date", min(span.end, env.today).isoformat())
    category = category_of(text, american=env.american)
    if category in _WORKSHOP and category_of(text, min_weight=3) is None:
        # "at the mechanic": a workshop does repairs and services alike, so the place
        # alone filters nothing (the list shows the day's rows to choose from)
        category = None
    draft.put("category", category)
    draft.put("limit", figures.newest_count(text))
    return draft
