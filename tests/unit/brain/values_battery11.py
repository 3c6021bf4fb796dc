"""A third generated battery of value phrasings (branch i15-values11), from the census of
rounds 3–10's argument failures at landing (docs/brain-understanding.md): the kinds that came
back round after round — a price for each of several people, a bill shared, a period that
runs up to today or is named by the calendar's quarters, figures written with a decimal
comma or spaced thousands — said in shapes no round used.

Nothing here is a development sentence: the forms are written from how each value is said,
and the requests around them are plain. Today is the support module's (Tuesday 10 March 2026,
Sydney).

`python -m tests.unit.brain.values_battery11 [kind …]` prints the failures and the rate per
kind; `test_values_battery11.py` asserts every case."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from tests.unit.brain.values_battery10 import Case, main

# A price for each person times the people counted (what the user paid is the whole).
_PER_PERSON = [
    ("paid for the tour, 38 a head for the two of us", 76),
    ("tour tickets, 38 per person, 2 of us", 76),
    ("paid 38 pp for 2 people for the tour", 76),
    ("paid for both of us at the museum, 25 each", 50),
    ("museum entry 25 each for both of us", 50),
    ("museum entry, 25 a head, the 4 of us", 100),
    ("paid the ferry for the three of us, 30 each", 90),
    ("30 per person for the ferry and there were 3 of us", 90),
    ("paid the ferry, 30 each for the 3 of us", 90),
    ("paid the entry, 12 per adult, two adults", 24),
    ("spent 45 per head on lunch at the winery for the pair of us", 90),
    ("paid 18 a person for the hot springs for the 2 of us", 36),
]
# A bill shared: the user's part of it (what they spent).
_SHARED = [
    ("dinner was 80, split it 50/50", 40),
    ("dinner 80, we split it 50/50 with the neighbours", 40),
    ("dinner 120 shared 4 ways", 30),
    ("dinner was 120 divided between the 4 of us", 30),
    ("dinner 120, split between the three of us", 40),
    ("fuel 90, split evenly between 3 of us", 30),
    ("we split the 60 campsite fee in half", 30),
    ("the campsite was 60 and we halved it", 30),
    ("paid half of the 90 dollar power bill", 45),
    ("split the 150 petrol bill three ways", 50),
    ("pizza 48, shared between 2", 24),
    ("the 90 fish and chips, divided 3 ways", 30),
]
# The same words that name no people or share: the amount stays whole.
_WHOLE = [
    ("paid 40 for the 2 kids' haircuts", 40),
    ("bought 2 bags of ice, 12 all up", 12),
    ("paid 60 for the 3 kids' swimming lessons", 60),
]

# Periods that run up to today or that the calendar's quarters name (Tue 10 March 2026).
_PERIODS = [
    ("month to date", "2026-03-01", "2026-03-10"),
    ("year to date", "2026-01-01", "2026-03-10"),
    ("since the start of the year", "2026-01-01", "2026-03-10"),
    ("since the beginning of the month", "2026-03-01", "2026-03-10"),
    ("since the start of this week", "2026-03-09", "2026-03-10"),
    ("since the beginning of the year", "2026-01-01", "2026-03-10"),
    ("the month before last", "2026-01-01", "2026-01-31"),
    ("in the month before last", "2026-01-01", "2026-01-31"),
    ("the year before last", "2024-01-01", "2024-12-31"),
    ("in the first quarter", "2026-01-01", "2026-03-10"),
    ("in Q1", "2026-01-01", "2026-03-10"),
    ("in the second quarter", "2025-04-01", "2025-06-30"),
    ("in q3", "2025-07-01", "2025-09-30"),
    ("in the fourth quarter of last year", "2025-10-01", "2025-12-31"),
    ("in the 4th quarter", "2025-10-01", "2025-12-31"),
    ("in the first quarter of the financial year", "2025-07-01", "2025-09-30"),
    ("in the first half of the year", "2026-01-01", "2026-03-10"),
    ("in the second half of last year", "2025-07-01", "2025-12-31"),
    ("this time last month", "2026-02-01", "2026-02-10"),
    ("by this time last month", "2026-02-01", "2026-02-10"),
]
_PERIOD_TEMPLATES = [
    ("list_expenses", "show my fuel expenses {p}", {"category": "fuel"}),
    ("list_expenses", "what did I spend on groceries {p}", {"category": "groceries"}),
]

# Figures written as people in other countries write them.
_FIGURES: list[tuple[str, dict[str, Any]]] = [
    ("paid €12,5 for the museum", {"amount": 12.5, "currency": "EUR"}),
    ("paid 12,5 euros for the museum", {"amount": 12.5, "currency": "EUR"}),
    ("spent $1 234,50 on the new awning", {"amount": 1234.5}),
    ("spent 1 234,50 euros on the new awning", {"amount": 1234.5, "currency": "EUR"}),
    ("paid 2 350,75 for the new tyres", {"amount": 2350.75}),
    ("spent 9,9 euro on bread", {"amount": 9.9, "currency": "EUR"}),
    ("spent 1,5k on the solar setup", {"amount": 1500}),
    ("paid 35,- euro for the ferry", {"amount": 35, "currency": "EUR"}),
    ("spent 45.- on dinner at the pub", {"amount": 45}),
    ("spent 35€ on lunch", {"amount": 35, "currency": "EUR"}),
    ("spent 12,50€ on lunch", {"amount": 12.5, "currency": "EUR"}),
    ("paid 1'200 francs for the train passes", {"amount": 1200, "currency": "CHF"}),
    ("spent 1k2 on the new tyres", {"amount": 1200}),
    ("paid half a grand for the awning", {"amount": 500}),
    ("paid a grand and a half for the awning", {"amount": 1500}),
    ("spent 45 and 20 cents on dinner", {"amount": 45.2}),
]
# Currencies named by a word or a code the brain did not know, or by a country's capitals.
_CURRENCIES = [
    ("spent 4500 yen on lunch", {"amount": 4500, "currency": "JPY"}),
    ("spent 45 CHF on lunch", {"amount": 45, "currency": "CHF"}),
    ("paid 60 swiss francs for the cable car", {"amount": 60, "currency": "CHF"}),
    ("paid 200 rand for the tour", {"amount": 200, "currency": "ZAR"}),
    ("spent 45 US on lunch", {"amount": 45, "currency": "USD"}),
    ("paid 30 NZ for parking", {"amount": 30, "currency": "NZD"}),
]
# A budget said for another span than the month: the month's share of it.
_BUDGETS = [
    ("set a fuel budget of 1500 a quarter", 500),
    ("set a fuel budget of 6000 a year", 500),
    ("fuel budget 300 fortnightly", 650),
    ("set the fuel budget to 1200 per annum", 100),
    ("set a fuel budget of 120 a week", 520),
    ("set a fuel budget of 500 a month, it's about 6000 a year", 500),
]
_THRESHOLDS = [
    ("set a groceries budget of 400 a month, alert me at 80pc", 0.8),
    ("set a groceries budget of 400 a month, warn me at 85 pc", 0.85),
    ("set a groceries budget of 400 a month, warn me at 75 per cent", 0.75),
    ("set a groceries budget of 400 a month, heads up at 90 pct", 0.9),
]


# Days said by their place in a month, or by a weekday and a date that must agree, and
# deadlines said as a span (Tuesday 10 March 2026; 14 April 2026 is a Tuesday).
_DAYS = [
    ("on the first monday of next month", "2026-04-06"),
    ("on the last friday in march", "2026-03-27"),
    ("on the second thursday of april", "2026-04-09"),
    ("on the 3rd saturday in may", "2026-05-16"),
    ("next month on the 2nd", "2026-04-02"),
    ("on the 2nd next month", "2026-04-02"),
    ("on Tuesday the 14th", "2026-04-14"),
    ("on wed the 18th", "2026-03-18"),
    ("on thursday the 16th", "2026-04-16"),
]
_DAY_TEMPLATES = [
    ("create_event", "dentist {d} at 3pm", "T15:00:00+{tz}"),
    ("add_task", "add a task to ring the insurer {d}", ""),
]
_DEADLINES = [
    ("add a task to fix the awning within 2 weeks", "2026-03-24"),
    ("add a task to renew the rego within a month", "2026-04-10"),
    ("add a task to service the fridge within 10 days", "2026-03-20"),
]


def share_cases() -> Iterator[Case]:
    for text, amount in [*_PER_PERSON, *_SHARED, *_WHOLE]:
        yield Case("share", "wins", text, "add_expense", {"amount": amount})


def period_cases() -> Iterator[Case]:
    for said, start, end in _PERIODS:
        for tool, template, extra in _PERIOD_TEMPLATES:
            expect = {"start_date": start, "end_date": end, **extra}
            yield Case("period", "wins", template.format(p=said), tool, expect)


def figure_cases() -> Iterator[Case]:
    for text, limit in _BUDGETS:
        expect = {"monthly_limit": limit, "category": "fuel"}
        yield Case("figure", "wins", text, "set_budget", expect)
    for text, expect in [*_FIGURES, *_CURRENCIES]:
        yield Case("figure", "wins", text, "add_expense", expect)
    for text, share in _THRESHOLDS:
        expect = {"monthly_limit": 400, "category": "groceries", "alert_threshold": share}
        yield Case("figure", "wins", text, "set_budget", expect)


def day_cases() -> Iterator[Case]:
    for said, day in _DAYS:
        # (Sydney leaves daylight saving on the first Sunday of April)
        tz = "11:00" if day < "2026-04-05" else "10:00"
        for tool, template, clock in _DAY_TEMPLATES:
            key = "start" if tool == "create_event" else "due_date"
            value = day + clock.replace("{tz}", tz)
            yield Case("day", "you", template.format(d=said), tool, {key: value})
    for text, day in _DEADLINES:
        yield Case("day", "you", text, "add_task", {"due_date": day})


def cases() -> list[Case]:
    return [*share_cases(), *period_cases(), *figure_cases(), *day_cases()]


if __name__ == "__main__":
    main(sys.argv[1:], cases)
