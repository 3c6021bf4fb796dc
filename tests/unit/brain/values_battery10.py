"""A second generated battery of value phrasings (branch i15-values10): what a value is
relative to. A reminder said by the part of the day before the event ("the night before") or
at a moment of its own ("on Thursday at 6pm"); an event's end said by its length or its last
hour; a price times a count, a bill split between people, a fill's litres from its total and
price; periods named by the calendar (quarters, Easter, a year, days of a month); gallons.

Nothing here is a development sentence: the forms are written from how each value is said,
and the requests around them are plain. Today is the support module's (Tuesday 10 March 2026,
Sydney); the event is the dentist on Friday 13 March at 10 am.

`python -m tests.unit.brain.values_battery10 [kind …]` prints the failures and the rate per
kind; `test_values_battery10.py` asserts every case."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.unit.brain.battery_tally import tally

# "the night before" is 8 pm the day before (the brain's night, as "tonight" is), "the
# evening before" 6 pm, "the arvo before" 3 pm, "that morning" 9 am unless a time is said.
_FRIDAY_10 = "2026-03-13T10:00:00+11:00"
_REMINDERS = [
    ("the night before", 14 * 60), ("the night before at 7", 15 * 60),
    ("the night before at 7pm", 15 * 60), ("the evening before", 16 * 60),
    ("the arvo before", 19 * 60), ("the afternoon before", 19 * 60),
    ("the day before at 5pm", 17 * 60), ("the day before at 9am", 25 * 60),
    ("on thursday at 6pm", 16 * 60), ("thursday night", 14 * 60),
    ("thursday at 8 in the morning", 26 * 60), ("wednesday at noon", 46 * 60),
    ("at 8 that morning", 120), ("that morning at 7", 180), ("at 7am on the day", 180),
    ("on the day at 8am", 120), ("2 days out", 2880), ("a week out", 10080),
    ("a day out", 1440), ("two days out", 2880), ("48 hours before", 2880),
    ("a couple of days before", 2880), ("the day before", 1440), ("3 hours out", 180),
]  # fmt: skip
_REMINDER_TEMPLATES = [
    "dentist friday at 10am, remind me {r}",
    "book the dentist for friday at 10am and remind me {r}",
    "dentist on friday 10am with a reminder {r}",
]

# Ends of an event said by its length or by its last hour (Friday 10 am).
_LENGTHS = [
    ("for two hours", "12:00"), ("for 2 hrs", "12:00"), ("for an hour and a half", "11:30"),
    ("for half an hour", "10:30"), ("for 90 minutes", "11:30"),
    ("for a couple of hours", "12:00"), ("for three and a half hours", "13:30"),
    ("till 3", "15:00"), ("until 3pm", "15:00"), ("til noon", "12:00"),
    ("till half past 12", "12:30"), ("until quarter to 11", "10:45"),
    ("should take 3 hours", "13:00"), ("it'll take about an hour", "11:00"),
    ("runs for 45 mins", "10:45"), ("for 40 minutes", "10:40"),
    ("for a few hours", "13:00"), ("for 1.5 hours", "11:30"),
]  # fmt: skip
_LENGTH_TEMPLATES = ["dentist friday at 10am {l}", "book the dentist on friday 10am {l}"]

# Ranges of the day said without a clock (Friday).
_SPANS_OF_DAY: list[tuple[str, dict[str, Any]]] = [
    ("all morning", {"start": "2026-03-13T09:00:00+11:00", "end": "2026-03-13T12:00:00+11:00"}),
    ("all afternoon", {"start": "2026-03-13T12:00:00+11:00", "end": "2026-03-13T17:00:00+11:00"}),
    ("all day", {"start": "2026-03-13", "all_day": True}),
    ("from 10 till 3", {"start": "2026-03-13T10:00:00+11:00", "end": "2026-03-13T15:00:00+11:00"}),
    ("from 12 to 1.30", {"start": "2026-03-13T12:00:00+11:00", "end": "2026-03-13T13:30:00+11:00"}),
    ("at 12 for half an hour",
     {"start": "2026-03-13T12:00:00+11:00", "end": "2026-03-13T12:30:00+11:00"}),
]  # fmt: skip
_SPAN_TEMPLATES = [
    "put the working bee in for friday {s}",
    "put the working bee in the calendar for friday {s}",
]

# Money: a rate times a count, each price times the things, a bill split, a total said.
_RATES = [
    ("paid 45 a night for three nights at the caravan park", 135),
    ("3 nights at the caravan park at 45 a night", 135),
    ("caravan park 45 per night x 3 nights", 135),
    ("caravan park, 45 a night, 3 nights", 135),
    ("2 tanks of gas at 80 each", 160), ("two gas bottles at 35 each", 70),
    ("3 coffees at 4.50", 13.5), ("bought 4 tickets to the show at 25 each", 100),
    ("spent 45 each on 2 tickets to the show", 90), ("two pies at 6.50", 13),
    ("dinner was 120, split 3 ways", 40), ("dinner was 120 split three ways", 40),
    ("paid my share of a 150 dinner, split 3 ways", 50),
    ("dinner at the pub 90 between the three of us, log my share", 30),
    ("dinner 80, we went halves", 40), ("campsite 60, split it in half with Jo", 30),
    ("ninety eight all up for groceries", 98), ("2 nights at the caravan park, 90 all up", 90),
    ("45 a night for 3 nights, 135 all up, caravan park", 135),
    ("groceries: 3 bags, 98 all up", 98),
]  # fmt: skip

# Fills: two of litres, price and total said; the third follows (log_fuel takes litres).
_FILLS: list[tuple[str, dict[str, Any]]] = [
    ("filled up, $102.50 at 2.05 a litre", {"litres": 50, "total_cost": 102.5}),
    ("diesel: 98 dollars at 1.96 a litre", {"litres": 50, "total_cost": 98}),
    ("filled up 55 litres, ninety eight all up", {"litres": 55, "total_cost": 98}),
    ("filled up 12 gallons at 4.50 a gallon", {"litres": 45.42, "price_per_litre": 1.19}),
    ("fuel: 15 gallons at $5.20 per gallon", {"litres": 56.78, "price_per_litre": 1.37}),
    ("filled up 12 gallons for 54 dollars", {"litres": 45.42, "total_cost": 54}),
    ("filled up 10 imperial gallons for 60 quid", {"litres": 45.46}),
    ("filled up 10 uk gallons, 60 all up", {"litres": 45.46, "total_cost": 60}),
]

# Periods named by the calendar, asked of money (Tuesday 10 March 2026).
_PERIODS = [
    ("over easter", "2025-04-18", "2025-04-21"), ("at easter", "2025-04-18", "2025-04-21"),
    ("this quarter", "2026-01-01", "2026-03-10"), ("last quarter", "2025-10-01", "2025-12-31"),
    ("in 2025", "2025-01-01", "2025-12-31"), ("for 2025", "2025-01-01", "2025-12-31"),
    ("between christmas and new year", "2025-12-25", "2026-01-01"),
    ("over the last 2 fortnights", "2026-02-11", "2026-03-10"),
    ("in the first 10 days of the month", "2026-03-01", "2026-03-10"),
    ("in the first 10 days of feb", "2026-02-01", "2026-02-10"),
    ("in the last 5 days of feb", "2026-02-24", "2026-02-28"),
    ("on christmas day", "2025-12-25", "2025-12-25"),
    ("on new year's eve", "2025-12-31", "2025-12-31"),
    ("in the last fortnight", "2026-02-25", "2026-03-10"),
]  # fmt: skip
_PERIOD_TEMPLATES = [
    ("list_expenses", "show my fuel expenses {p}", {"category": "fuel"}),
    ("list_expenses", "what did I spend on groceries {p}", {"category": "groceries"}),
]
# Words that name no day: what follows them is not a date.
_NOT_DATES = [
    "since we left Broome",
    "since we got the van",
    "since the kids went home",
]


@dataclass(frozen=True)
class Case:
    kind: str
    domain: str
    text: str
    tool: str
    expect: dict[str, Any]
    extra: dict[str, str] = field(default_factory=dict)


def reminder_cases() -> Iterator[Case]:
    for said, minutes in _REMINDERS:
        for template in _REMINDER_TEMPLATES:
            expect = {"start": _FRIDAY_10, "reminder_minutes": minutes, "title": "Dentist"}
            yield Case("reminder", "you", template.format(r=said), "create_event", expect)


def length_cases() -> Iterator[Case]:
    for said, hhmm in _LENGTHS:
        for template in _LENGTH_TEMPLATES:
            end = f"2026-03-13T{hhmm}:00+11:00"
            expect = {"start": _FRIDAY_10, "end": end, "title": "Dentist"}
            yield Case("length", "you", template.format(l=said), "create_event", expect)
    for said, expect in _SPANS_OF_DAY:
        for template in _SPAN_TEMPLATES:
            text = template.format(s=said)
            yield Case("length", "you", text, "create_event", {**expect, "title": "Working bee"})


def rate_cases() -> Iterator[Case]:
    for text, amount in _RATES:
        yield Case("rate", "wins", text, "add_expense", {"amount": amount})
    for text, expect in _FILLS:
        yield Case("rate", "wheels", text, "log_fuel", expect)


def period_cases() -> Iterator[Case]:
    for said, start, end in _PERIODS:
        for tool, template, extra in _PERIOD_TEMPLATES:
            expect = {"start_date": start, "end_date": end, **extra}
            yield Case("period", "wins", template.format(p=said), tool, expect)
    for said in _NOT_DATES:
        text = f"what have we spent on fuel {said}"
        yield Case("period", "wins", text, "list_expenses", {"start_date": None})
    # "this week" asked at the weekend, of money: the week that is ending (Monday to today)
    for now, today in (("2026-03-14T10:00:00+11:00", "2026-03-14"),
                       ("2026-03-15T10:00:00+11:00", "2026-03-15")):  # fmt: skip
        for tool, template, extra in _PERIOD_TEMPLATES:
            expect = {"start_date": "2026-03-09", "end_date": today, **extra}
            text = template.format(p="this week")
            yield Case("period", "wins", text, tool, expect, {"now": now})


def cases() -> list[Case]:
    return [*reminder_cases(), *length_cases(), *rate_cases(), *period_cases()]


def check(case: Case) -> tuple[bool, str]:
    from tests.unit.brain.support import step, subset

    answer = step(case.domain, case.text, **case.extra)
    calls = [c for c in answer.tool_calls if c["name"] == case.tool]
    if len(answer.tool_calls) != 1 or len(calls) != 1:
        return False, f"calls {[(c['name'], c['args']) for c in answer.tool_calls]}"
    args = dict(calls[0]["args"])
    return subset(args, case.expect), str(args)


def main(kinds: list[str], battery: Callable[[], list[Case]] = cases) -> None:
    tally(
        battery(),
        check,
        lambda case, got: f"FAIL {case.kind}: {case.text!r} want {case.expect} got {got}",
        kinds,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
