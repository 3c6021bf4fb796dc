"""A generated battery of value phrasings (branch i15-values9): each value kind said in many
shapes, crossed with a few requests of the tools that take it.

Nothing here is a development sentence: the forms are written from how numbers, days,
times, periods and lead times are said (digits, words, the two mixed, shorthand), and
the requests around them are plain ones, so a failure is the value's reading. Today is
the support module's (Tuesday 10 March 2026, Sydney).

`python -m tests.unit.brain.values_battery` prints the failures and the pass rate per
kind; `test_values_battery.py` asserts the cases that are read."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tests.unit.brain.battery_tally import tally

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int, *, and_: bool = True) -> str:
    """An integer below a million in words ("three hundred and twenty")."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _UNITS[n % 10])
    if n < 1000:
        rest = n % 100
        head = _UNITS[n // 100] + " hundred"
        return head if rest == 0 else f"{head} {'and ' if and_ else ''}{words(rest)}"
    rest = n % 1000
    head = words(n // 1000) + " thousand"
    if rest == 0:
        return head
    joint = " and " if rest < 100 and and_ else " "
    return head + joint + words(rest, and_=and_)


@dataclass(frozen=True)
class Case:
    kind: str
    domain: str
    text: str
    tool: str
    expect: dict[str, Any]


def amount_forms(value: float) -> Iterator[str]:
    """The ways one amount is said."""
    whole = int(value)
    cents = round((value - whole) * 100)
    if cents:
        yield f"{whole}.{cents:02d}"
        yield f"${whole}.{cents:02d}"
        yield f"{words(whole)} dollars {words(cents)}"
        yield f"{words(whole)} dollars and {words(cents)} cents"
        yield f"{whole} dollars {cents} cents"
        yield f"{whole} bucks {cents}"
        if whole > 20:
            yield f"{words(whole)} {words(cents)}"
        return
    yield f"{whole}"
    yield f"${whole}"
    yield f"{whole} bucks"
    yield f"{words(whole)} dollars"
    yield f"{words(whole, and_=False)} dollars"
    if whole >= 100:
        hundreds, rest = divmod(whole, 100)
        if whole < 1000 and rest:
            yield f"{hundreds} hundred and {rest} dollars"
            yield f"{hundreds} hundred {rest} bucks"
            yield f"{words(hundreds)} hundred and {rest} dollars"
        if 1000 < whole < 10000 and whole % 100 == 0:
            yield f"{words(whole // 100)} hundred dollars"
            yield f"{whole // 100} hundred bucks"
    if whole >= 1000:
        thousands, rest = divmod(whole, 1000)
        if rest == 0:
            yield f"{thousands}k"
            yield f"{words(thousands)} grand"
            yield f"{thousands} thousand dollars"
        elif rest % 100 == 0:
            tenth = rest // 100
            yield f"{thousands}.{tenth}k"
            yield f"{thousands}.{tenth} grand"
            yield f"{words(thousands)} point {words(tenth)} k"
            yield f"{words(thousands)} point {words(tenth)} grand"
            yield f"{thousands} point {tenth}k"
            yield f"{thousands} thousand {tenth} hundred dollars"
            yield f"{thousands} grand {tenth} hundred"
            if tenth == 5:
                yield f"{words(thousands)} and a half grand"
                yield f"{thousands} and a half thousand dollars"
        yield f"{thousands},{rest:03d} dollars"


_MONEY = [
    ("add_expense", "spent {a} on diesel", {"category": "fuel"}),
    ("add_expense", "paid {a} for the caravan park", {"category": "camping"}),
    ("add_expense", "{a} on groceries at coles", {"category": "groceries"}),
    ("add_income", "got paid {a} for fruit picking", {}),
    ("set_budget", "set my fuel budget to {a} a month", {"category": "fuel"}),
]
_AMOUNTS = [45, 87.5, 320, 1200, 2500, 3000, 15.95, 640]


def money_cases() -> Iterator[Case]:
    for value in _AMOUNTS:
        for form in amount_forms(value):
            for tool, template, extra in _MONEY:
                if tool == "set_budget" and value < 100:
                    continue
                key = "monthly_limit" if tool == "set_budget" else "amount"
                yield Case("amount", "wins", template.format(a=form), tool, {key: value, **extra})


# Days from Tuesday 10 March 2026.
_DAYS = [
    ("on friday", "2026-03-13"), ("this fri", "2026-03-13"), ("thurs", "2026-03-12"),
    ("tomorrow", "2026-03-11"), ("tmrw", "2026-03-11"), ("the day after tomorrow", "2026-03-12"),
    ("on the 14th", "2026-03-14"), ("on the fourteenth", "2026-03-14"),
    ("on 14 march", "2026-03-14"), ("on march 14th", "2026-03-14"),
    ("on the 14th of march", "2026-03-14"), ("on 14/3", "2026-03-14"),
    ("on saturday the 14th", "2026-03-14"), ("in 4 days", "2026-03-14"),
    ("in four days time", "2026-03-14"), ("4 days from now", "2026-03-14"),
    ("a week from today", "2026-03-17"), ("a week today", "2026-03-17"),
    ("in a week", "2026-03-17"), ("in a fortnight", "2026-03-24"),
    ("in two weeks", "2026-03-24"), ("in 2 weeks time", "2026-03-24"),
    ("on the 2nd of april", "2026-04-02"), ("on april 2", "2026-04-02"),
    ("on the second of april", "2026-04-02"), ("on 2 apr", "2026-04-02"),
    ("monday week", "2026-03-23"), ("friday week", "2026-03-20"),
    ("on monday next week", "2026-03-16"), ("next week on wednesday", "2026-03-18"),
    ("on wed the 18th", "2026-03-18"), ("on the 1st", "2026-04-01"),
    ("on the twenty first", "2026-03-21"), ("on the 21st", "2026-03-21"),
    ("three days from now", "2026-03-13"), ("in three days", "2026-03-13"),
    ("the day after tmrw", "2026-03-12"), ("this coming saturday", "2026-03-14"),
    ("this sunday", "2026-03-15"), ("end of the month", "2026-03-31"),
]  # fmt: skip
_DAY_TEMPLATES = [
    ("create_event", "book the dentist {d} at 10am", "start", "T10:00:00+11:00"),
    ("create_event", "{d} at 10am dentist", "start", "T10:00:00+11:00"),
    ("add_task", "add a task to ring the bank {d}", "due_date", ""),
]


def day_cases() -> Iterator[Case]:
    for said, iso in _DAYS:
        for tool, template, key, tail in _DAY_TEMPLATES:
            text = template.format(d=said)
            yield Case("day", "you", text, tool, {key: iso + tail})


# Times of day on Friday 13 March.
_TIMES = [
    ("at 3pm", "15:00"), ("at 3", "15:00"), ("at three", "15:00"), ("at 3:30pm", "15:30"),
    ("at half past three", "15:30"), ("at half three", "15:30"), ("at quarter to four", "15:45"),
    ("at quarter past 10", "10:15"), ("at 10.15am", "10:15"), ("at ten fifteen", "10:15"),
    ("at ten fifteen am", "10:15"), ("at 1015", "10:15"), ("at 10:15 in the morning", "10:15"),
    ("at 2 in the afternoon", "14:00"), ("at noon", "12:00"), ("at midday", "12:00"),
    ("at 0900", "09:00"), ("at oh nine hundred", "09:00"), ("at nine hundred hours", "09:00"),
    ("at 9 o'clock", "09:00"), ("at nine o'clock in the morning", "09:00"),
    ("at 9 in the morning", "09:00"), ("at 9am sharp", "09:00"), ("at twenty past nine", "09:20"),
    ("at 13:30", "13:30"), ("at 1:30 pm", "13:30"), ("at 1.30pm", "13:30"),
    ("at one thirty in the afternoon", "13:30"), ("at 4 p.m.", "16:00"),
    ("at 4 o'clock in the arvo", "16:00"), ("at 7 in the evening", "19:00"),
    ("at seven pm", "19:00"), ("at 11am", "11:00"), ("at eleven thirty", "11:30"),
    ("at 11 30", "11:30"), ("at 8:45am", "08:45"), ("at quarter to nine in the morning", "08:45"),
    ("at 14h30", "14:30"), ("at 2.30 in the afternoon", "14:30"), ("at 5 past 2", "14:05"),
    ("at ten to 3", "14:50"), ("at 10 to 3", "14:50"), ("at twenty five past 4", "16:25"),
    ("at quarter past two pm", "14:15"), ("at 1500 hrs", "15:00"), ("at fifteen hundred", "15:00"),
]  # fmt: skip
_TIME_TEMPLATES = [
    "vet appointment friday {t}",
    "book the vet for friday {t}",
    "put lunch with sue in for friday {t}",
]


def time_cases() -> Iterator[Case]:
    for said, hhmm in _TIMES:
        for template in _TIME_TEMPLATES:
            text = template.format(t=said)
            start = f"2026-03-13T{hhmm}:00+11:00"
            yield Case("time", "you", text, "create_event", {"start": start})


_LEADS = [
    ("30 minutes before", 30), ("half an hour before", 30), ("an hour before", 60),
    ("an hour ahead", 60), ("2 hours before", 120), ("two hours beforehand", 120),
    ("a day before", 1440), ("the day before", 1440), ("15 mins before", 15),
    ("fifteen minutes beforehand", 15), ("10 min prior", 10), ("1h before", 60),
    ("90 minutes before", 90), ("an hour and a half before", 90), ("45 min before", 45),
    ("a week before", 10080), ("two days before", 2880), ("2 days ahead", 2880),
    ("20 minutes early", 20), ("a couple of hours before", 120), ("1 hr before", 60),
    ("forty five minutes before", 45), ("one day before", 1440), ("24 hours before", 1440),
]  # fmt: skip
_LEAD_TEMPLATES = [
    "dentist friday at 3pm, remind me {l}",
    "book the dentist for friday at 3pm and remind me {l}",
    "dentist friday at 3pm with a reminder {l}",
]


def lead_cases() -> Iterator[Case]:
    for said, minutes in _LEADS:
        for template in _LEAD_TEMPLATES:
            text = template.format(l=said)
            expect = {"start": "2026-03-13T15:00:00+11:00", "reminder_minutes": minutes}
            yield Case("lead", "you", text, "create_event", expect)


# Periods asked of money (from Tuesday 10 March 2026). "The last N days" counts today as one
# of them (the brain's convention, which the development sets share); "last monday" said on
# a Tuesday is the day before.
_PERIODS = [
    ("last week", "2026-03-02", "2026-03-08"), ("in the last 10 days", "2026-03-01", "2026-03-10"),
    ("in the last ten days", "2026-03-01", "2026-03-10"),
    ("over the past 2 weeks", "2026-02-25", "2026-03-10"),
    ("over the past two weeks", "2026-02-25", "2026-03-10"),
    ("since the 1st", "2026-03-01", "2026-03-10"), ("since the first", "2026-03-01", "2026-03-10"),
    ("in february", "2026-02-01", "2026-02-28"), ("in feb", "2026-02-01", "2026-02-28"),
    ("from the 1st to the 7th", "2026-03-01", "2026-03-07"),
    ("between the 2nd and the 6th", "2026-03-02", "2026-03-06"),
    ("between 2 and 6 march", "2026-03-02", "2026-03-06"),
    ("from 2 march to 6 march", "2026-03-02", "2026-03-06"),
    ("from 2/3 to 6/3", "2026-03-02", "2026-03-06"),
    ("yesterday", "2026-03-09", "2026-03-09"), ("this month so far", "2026-03-01", "2026-03-10"),
    ("so far this month", "2026-03-01", "2026-03-10"), ("last month", "2026-02-01", "2026-02-28"),
    ("in the past month", "2026-02-09", "2026-03-10"),
    ("since last monday", "2026-03-09", "2026-03-10"),
    ("since the 3rd of feb", "2026-02-03", "2026-03-10"),
    ("over the last fortnight", "2026-02-25", "2026-03-10"),
    ("in january", "2026-01-01", "2026-01-31"),
    ("between jan and feb", "2026-01-01", "2026-02-28"),
    ("over the last three days", "2026-03-08", "2026-03-10"),
    ("the last 3 days", "2026-03-08", "2026-03-10"),
    ("for the first week of march", "2026-03-01", "2026-03-07"),
    ("in the last week of feb", "2026-02-22", "2026-02-28"),
    ("in the first half of feb", "2026-02-01", "2026-02-15"),
    ("in the second half of last month", "2026-02-16", "2026-02-28"),
    ("in early feb", "2026-02-01", "2026-02-10"), ("in mid-feb", "2026-02-11", "2026-02-20"),
    ("in late january", "2026-01-21", "2026-01-31"),
    ("this financial year", "2025-07-01", "2026-03-10"),
    ("last financial year", "2024-07-01", "2025-06-30"),
    ("the week before last", "2026-02-23", "2026-03-01"),
    ("over the last month and a half", "2026-01-25", "2026-03-10"),
    ("over the past week and a half", "2026-03-01", "2026-03-10"),
    ("in the past 48 hours", "2026-03-08", "2026-03-10"),
    ("yesterday and today", "2026-03-09", "2026-03-10"),
    ("from the 1st of feb until now", "2026-02-01", "2026-03-10"),
    ("from monday to wednesday", "2026-03-02", "2026-03-04"),
    ("between thurs and sun", "2026-03-05", "2026-03-08"),
]  # fmt: skip
_PERIOD_TEMPLATES = [
    ("list_expenses", "show my fuel expenses {p}", {"category": "fuel"}),
    ("list_expenses", "what did I spend on groceries {p}", {"category": "groceries"}),
    ("fuel_stats", "fuel economy {p}", {}),
]


def period_cases() -> Iterator[Case]:
    for said, start, end in _PERIODS:
        for tool, template, extra in _PERIOD_TEMPLATES:
            text = template.format(p=said)
            expect = {"start_date": start, "end_date": end, **extra}
            yield Case("period", "wins" if tool != "fuel_stats" else "wheels", text, tool, expect)


# Fuel: litres and price per litre said in many shapes.
_FILLS = [
    ("45 litres at 1.89 a litre", 45, 1.89), ("45L @ 1.89/L", 45, 1.89),
    ("forty five litres at one eighty nine a litre", 45, 1.89),
    ("45 litres at 189.9 cents a litre", 45, 1.899), ("45.5 litres at $1.89 per litre", 45.5, 1.89),
    ("forty five point five litres at 1.89", 45.5, 1.89), ("45 l at 1.89 per l", 45, 1.89),
    ("sixty litres at two oh five a litre", 60, 2.05), ("60 litres at 2.05 a liter", 60, 2.05),
    ("put in 60 ltrs, 2.05 a litre", 60, 2.05), ("60 litres of diesel at 205.9c/L", 60, 2.059),
    ("filled up 60 litres, $2.05/L", 60, 2.05), ("60 litres at 2 dollars 5 a litre", 60, 2.05),
    ("seventy two litres at one ninety nine", 72, 1.99),
    ("72 litres at a dollar ninety nine a litre", 72, 1.99),
]  # fmt: skip


def fuel_cases() -> Iterator[Case]:
    for said, litres, ppl in _FILLS:
        for template in ("{f}", "fuel: {f}", "filled up today, {f}"):
            text = template.format(f=said)
            expect = {"litres": litres, "price_per_litre": ppl}
            yield Case("fill", "wheels", text, "log_fuel", expect)


_PRIORITIES = [
    ("urgent", "high"), ("high priority", "high"), ("asap", "high"), ("top priority", "high"),
    ("it's important", "high"), ("low priority", "low"), ("no rush", "low"),
    ("whenever", "low"), ("not urgent", "low"), ("when I get a chance", "low"),
    ("medium priority", "normal"), ("priority high", "high"), ("priority: low", "low"),
]  # fmt: skip


def priority_cases() -> Iterator[Case]:
    for said, level in _PRIORITIES:
        for template in ("add a task to fix the awning, {p}", "todo: service the generator {p}"):
            text = template.format(p=said)
            yield Case("priority", "you", text, "add_task", {"priority": level})


# Days gone by, for money spent or received (Tuesday 10 March 2026).
_PAST_DAYS = [
    ("last tuesday", "2026-03-03"), ("3 days ago", "2026-03-07"), ("three days ago", "2026-03-07"),
    ("a week ago", "2026-03-03"), ("on the weekend", "2026-03-07"),
    ("over the weekend", "2026-03-07"),
    ("sunday just gone", "2026-03-08"), ("the day before yesterday", "2026-03-08"),
    ("on the 8th", "2026-03-08"), ("on monday", "2026-03-09"), ("friday before last", "2026-02-27"),
    ("last thurs", "2026-03-05"), ("this morning", "2026-03-10"), ("last night", "2026-03-09"),
    ("on 7/3", "2026-03-07"), ("on the seventh", "2026-03-07"), ("yesterday arvo", "2026-03-09"),
    ("on the 28th of feb", "2026-02-28"), ("a fortnight ago", "2026-02-24"),
]  # fmt: skip
_PAST_TEMPLATES = [
    ("add_expense", "spent 40 on diesel {d}", {"amount": 40}),
    ("add_expense", "{d} I paid 25 for a haircut", {"amount": 25}),
    ("add_income", "got paid 900 by the orchard {d}", {"amount": 900}),
]


def past_day_cases() -> Iterator[Case]:
    for said, iso in _PAST_DAYS:
        for tool, template, extra in _PAST_TEMPLATES:
            yield Case("past day", "wins", template.format(d=said), tool, {"date": iso, **extra})


# Other measures: a share of a budget, counts of a measure, tyre figures with no unit, when
# work on a vehicle is next due.
_OTHERS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("wins", "set_budget", "fuel budget 500 a month, warn me at three quarters",
     {"monthly_limit": 500, "alert_threshold": 0.75}),
    ("wins", "set_budget", "food budget 400, heads up when I'm halfway",
     {"monthly_limit": 400, "alert_threshold": 0.5}),
    ("wins", "set_budget", "groceries budget 600 a month, tell me at ninety per cent",
     {"monthly_limit": 600, "alert_threshold": 0.9}),
    ("you", "add_pantry_item", "add a couple of litres of milk to the pantry",
     {"quantity": 2, "unit": "litres"}),
    ("you", "add_pantry_item", "put a couple of tins of tomatoes in the pantry", {"quantity": 2}),
    ("you", "add_pantry_item", "2 dozen eggs in the fridge", {"quantity": 24}),
    ("you", "add_pantry_item", "three dozen eggs in the pantry", {"quantity": 36}),
    ("you", "add_pantry_item", "half a dozen eggs in the fridge", {"quantity": 6}),
    ("wheels", "log_tyre_pressures", "tyres 38 front 42 rear", {"unit": "psi"}),
    ("wheels", "log_tyre_pressures", "tyres 2.4 front 2.6 rear", {"unit": "bar"}),
    ("wheels", "log_tyre_pressures", "tyre pressures 36 36 40 40 cold", {"unit": "psi"}),
    ("wheels", "log_maintenance", "oil change 180, next one in 6 months",
     {"cost": 180, "next_due_date": "2026-09-10"}),
    ("wheels", "log_maintenance", "tyre rotation 60 today, next one by end of june",
     {"cost": 60, "next_due_date": "2026-06-30"}),
    ("wheels", "log_maintenance", "oil change at 145 thousand 2 hundred km, 180 bucks",
     {"cost": 180, "odometer_km": 145200}),
]  # fmt: skip


def other_cases() -> Iterator[Case]:
    for domain, tool, text, expect in _OTHERS:
        yield Case("other", domain, text, tool, expect)


def cases() -> list[Case]:
    return [
        *money_cases(), *day_cases(), *time_cases(), *lead_cases(), *period_cases(),
        *fuel_cases(), *priority_cases(), *past_day_cases(), *other_cases(),
    ]  # fmt: skip


def check(case: Case) -> tuple[bool, str]:
    from tests.unit.brain.support import step, subset

    answer = step(case.domain, case.text)
    calls = [c for c in answer.tool_calls if c["name"] == case.tool]
    if len(calls) != 1:
        return False, f"calls {[(c['name'], c['args']) for c in answer.tool_calls]}"
    args = dict(calls[0]["args"])
    return subset(args, case.expect), str(args)


def main(kinds: list[str]) -> None:
    tally(
        cases(),
        check,
        lambda case, got: f"FAIL {case.kind}: {case.text!r} want {case.expect} got {got}",
        kinds,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
