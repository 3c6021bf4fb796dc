"""Values read by kind (branch i15-values9), beside the generated battery: the look-alikes
each new form must leave alone, and the kinds found in round 9 and by the lead's try of a
fresh clone. The sentences are written for these tests."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from agent.brain import numbers, values
from agent.brain.dates import find_day
from agent.brain.figures import percent, reminder_before
from agent.brain.slots_tyres import unit_by_size
from agent.brain.textutil import normalise
from agent.brain.times import find_time
from tests.unit.brain.support import TODAY, only_call, result, step


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("paid 4 hundred and 75 for the tow", "paid 475 for the tow"),
        ("rego was 8 hundred 12 dollars", "rego was 812 dollars"),
        ("a 1 thousand 5 hundred dollar bill", "a 1500 dollar bill"),
        ("sold it for 3 grand 4 hundred", "sold it for 3400"),
        ("four and a half grand for the solar", "4.5 grand for the solar"),
        ("7 and a half thousand km", "7500 km"),
        ("one point five k on the awning", "1.5k on the awning"),
        ("two point three thousand dollars", "2300 dollars"),
    ],
)
def test_figures_half_in_digits_half_in_words(said: str, read: str) -> None:
    assert normalise(said) == read


@pytest.mark.parametrize(
    "said",
    [
        "45 and a hundred more to come",  # two figures: only a digit next to a scale joins
        "page 3 of the manual",
        "38 38 42 42",
        "we were 2 and a half hours late",
    ],
)
def test_figures_that_are_not_one_stay_apart(said: str) -> None:
    assert normalise(said) == said or "1000" not in normalise(said)
    assert "45" in normalise("45 and a hundred more to come")


def test_spelt_reads_every_small_figure() -> None:
    assert numbers.spelt(7) == "seven"
    assert numbers.spelt(40) == "forty"
    assert numbers.spelt(999) == "nine hundred and ninety nine"


@pytest.mark.parametrize(
    ("said", "clock"),
    [
        ("meet at oh eight hundred", time(8, 0)),
        ("start from oh seven thirty", time(7, 30)),
        ("briefing at fourteen hundred hours", time(14, 0)),
        ("vet 22/04 0830", time(8, 30)),
        ("the 3rd of may 1015 at the clinic", time(10, 15)),
    ],
)
def test_a_clock_said_aloud_or_after_a_written_date(said: str, clock: time) -> None:
    hit = find_time(normalise(said))
    assert hit is not None and hit.at == clock


@pytest.mark.parametrize(
    "said",
    [
        "generator service due at 500 hours",
        "paid in march 2026",
        "sold it 3rd of june 1450 dollars",
    ],
)
def test_running_hours_years_and_prices_are_no_clock(said: str) -> None:
    hit = find_time(normalise(said))
    assert hit is None


@pytest.mark.parametrize(
    ("said", "minutes"),
    [
        ("remind me two and a half hours before", 150),
        ("ping me a couple of days before", 2880),
        ("a few minutes beforehand", 3),
        ("2 weeks before please", 20160),
        ("1.5 hours prior", 90),
    ],
)
def test_lead_times_counted_in_words(said: str, minutes: int) -> None:
    hit = reminder_before(normalise(said))
    assert hit is not None and hit.value == minutes


def test_a_week_said_as_a_day_is_no_lead_time() -> None:
    assert reminder_before("we left a week before last and came back") is None


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("the thursday of next week", date(2026, 3, 19)),
        ("next week, on the friday", date(2026, 3, 20)),
        ("monday of last week", date(2026, 3, 2)),
        ("thu the 19th", date(2026, 3, 19)),
        ("the wednesday before last", date(2026, 2, 25)),
    ],
)
def test_a_weekday_in_a_named_week(said: str, day: date) -> None:
    hit = find_day(said, TODAY, future=True)
    assert hit is not None and hit.day == day


def test_the_weekend_of_a_spend_is_the_one_gone_and_of_a_plan_the_coming_one() -> None:
    gone = find_day("spent 60 at the markets on the weekend", TODAY, future=False)
    coming = find_day("markets on the weekend", TODAY, future=True)
    assert gone is not None and gone.day == date(2026, 3, 7)
    assert coming is not None and coming.day == date(2026, 3, 14)


@pytest.mark.parametrize(
    ("said", "start", "end"),
    [
        ("receipts between 9 and 12 feb", date(2026, 2, 9), date(2026, 2, 12)),
        ("from 3-5 jan", date(2026, 1, 3), date(2026, 1, 5)),
        ("feb 9 till 12", date(2026, 2, 9), date(2026, 2, 12)),
    ],
)
def test_two_days_of_one_month(said: str, start: date, end: date) -> None:
    span = values.period(said, TODAY)
    assert span is not None and (span.start, span.end) == (start, end)


def test_two_figures_before_a_month_are_no_span_without_between() -> None:
    span = values.period("paid 20 and 30 on the 4th march", TODAY)
    assert span is None or span.start == span.end


@pytest.mark.parametrize(
    ("said", "level"),
    [
        ("prio: high", "high"),
        ("priority = low", "low"),
        ("normal priority", "normal"),
        ("whenever we get round to it", "low"),
        ("in my own time", "low"),
    ],
)
def test_priorities_said_in_other_orders(said: str, level: str) -> None:
    found = values.priority(said)
    assert found is not None and found[0] == level


def test_not_a_priority_word_gives_none() -> None:
    assert values.priority("fix the shower door") is None


def test_clock_span_after_a_day_word() -> None:
    span = values.clock_span("yoga tues 6 to 7")
    assert span is not None and span[:2] == (time(18, 0), time(19, 0))  # as "at 6" is 6 pm
    assert values.clock_span("dinner friday 2 to 3 people") is None


@pytest.mark.parametrize(
    ("said", "share"),
    [("at three quarters", 75), ("when we're halfway", 50), ("once it hits two thirds", 66.67)],
)
def test_a_share_of_a_budget_said_as_a_fraction(said: str, share: float) -> None:
    hit = percent(normalise(said))
    assert hit is not None and hit.value == Decimal(str(share))


def test_a_fraction_with_no_word_of_reaching_is_no_share() -> None:
    assert percent("half the groceries were for the dog") is None


@pytest.mark.parametrize(
    ("readings", "unit"),
    [
        ([Decimal(34), Decimal(36)], "psi"),
        ([Decimal("2.2"), Decimal("2.4")], "bar"),
        ([Decimal(230), Decimal(250)], "kpa"),
        ([Decimal(30), Decimal(250)], None),  # the figures disagree: no unit said by size
        ([Decimal(9)], None),
    ],
)
def test_tyre_units_by_the_size_of_the_figures(readings: list[Decimal], unit: str | None) -> None:
    assert unit_by_size(readings) == unit


def test_tyre_figures_in_psi_said_to_a_metric_profile() -> None:
    args = only_call(
        step("wheels", "tyres on the van 40 front 44 rear, cold"), "log_tyre_pressures"
    )
    assert args["unit"] == "psi"


def test_tyre_figures_in_the_profiles_unit_pass_none() -> None:
    args = only_call(step("wheels", "tyres 240 front 260 rear"), "log_tyre_pressures")
    assert "unit" not in args


def test_dozens_in_digits() -> None:
    assert normalise("4 dozen eggs") == "48 eggs"
    args = only_call(step("you", "put 2 dozen eggs in the pantry"), "add_pantry_item")
    assert args["quantity"] == 24


def test_a_couple_of_a_measure_is_two() -> None:
    args = only_call(step("you", "add a couple of kilos of rice to the pantry"), "add_pantry_item")
    assert (args["quantity"], args["unit"]) == (2, "kg")


def test_a_nights_camp_is_camping_and_camp_gear_is_not() -> None:
    camp = only_call(step("wins", "Sal paid 42 for the camp last night"), "add_expense")
    chairs = only_call(step("wins", "bought two camp chairs for 80"), "add_expense")
    assert camp["category"] == "camping"
    assert chairs["category"] != "camping"


def test_a_changed_category_is_the_one_after_should_be() -> None:
    text = "the 65 one I had under groceries should be food, it was fish and chips"
    first = step("wins", text)
    (lookup,) = first.tool_calls
    rows = [{"id": "e1", "amount": 65, "category": "groceries", "date": "2026-03-09"}]
    shown = [first, result(str(lookup["id"]), lookup["name"], expenses=rows)]
    args = only_call(step("wins", text, *shown), "update_expense")
    assert args["category"] == "food"


def test_next_due_after_the_next_one() -> None:
    args = only_call(step("wheels", "wheel alignment 90, next one in 3 months"), "log_maintenance")
    assert args["next_due_date"] == "2026-06-10"
    assert "date" not in args or args["date"] != "2026-06-10"


def test_an_ordinal_day_opening_a_clause() -> None:
    assert normalise("on the ninth we paid 30 for wood") == "on the 9th we paid 30 for wood"
    assert normalise("I'll take the first one") == "I'll take the first one"


@pytest.mark.parametrize(
    ("said", "amount"),
    [
        ("spent a fiver on a paper", 5),
        ("a tenner for the raffle", 10),
        ("3 x 12 for the pool passes", 36),
        ("two pies at 6.20 each", 12.4),
        ("bought 4 bags of ice for 5 bucks apiece", 20),
    ],
)
def test_notes_by_name_and_a_count_times_a_price(said: str, amount: float) -> None:
    args = only_call(step("wins", said), "add_expense")
    assert args["amount"] == pytest.approx(amount)


def test_a_count_beside_a_price_without_each_stays_the_price() -> None:
    args = only_call(step("wins", "2 coffees, 9.50"), "add_expense")
    assert args["amount"] == pytest.approx(9.5)


def test_of_two_category_words_as_strong_the_one_in_the_sentence_of_the_amount() -> None:
    text = (
        "we bought new towels for the van on monday. anyway today I saw the podiatrist "
        "and it was $70, can you log that"
    )
    args = only_call(step("wins", text), "add_expense")
    assert (args["amount"], args["category"]) == (70, "health")


def test_within_the_sentence_of_the_amount_the_earlier_word_still_wins() -> None:
    args = only_call(step("wins", "lpg refill at the big4 yesterday 28 dollars"), "add_expense")
    assert args["category"] == "gas_lpg"


@pytest.mark.parametrize(
    ("said", "future", "start", "end"),
    [
        ("the 2nd week of feb", False, date(2026, 2, 8), date(2026, 2, 14)),
        ("the latter half of january", False, date(2026, 1, 16), date(2026, 1, 31)),
        ("late feb 2025", False, date(2025, 2, 21), date(2025, 2, 28)),
        ("the previous financial year", False, date(2024, 7, 1), date(2025, 6, 30)),
        ("the last 24 hours", False, date(2026, 3, 9), date(2026, 3, 10)),
        ("tues to thurs", False, date(2026, 3, 3), date(2026, 3, 5)),
        ("next fri to sun", False, date(2026, 3, 13), date(2026, 3, 15)),
        ("thurs to sun", True, date(2026, 3, 12), date(2026, 3, 15)),
        ("from the 20th of jan up to date", False, date(2026, 1, 20), date(2026, 3, 10)),
    ],
)
def test_periods_inside_a_month_a_year_or_a_week(
    said: str, future: bool, start: date, end: date
) -> None:
    span = values.period(said, TODAY, future=future)
    assert span is not None and (span.start, span.end) == (start, end)


def test_two_weekdays_with_and_are_no_run() -> None:
    span = values.period("what did I spend on monday and wednesday", TODAY)
    assert span is not None and span.start == span.end


def test_a_mixed_figure_keeps_the_lines_after_it() -> None:
    said = "paid 2 hundred and 15 for the tow\nthen\n\nthe rest of the day was quiet"
    assert normalise(said) == "paid 215 for the tow\nthen\n\nthe rest of the day was quiet"
