"""The shared value layer (agent/brain/values.py, numbers.py): each kind of value is read by
one reader, so a form of it reads the same for every tool that takes that kind. Each test
says a form to several tools; the phrasings are this file's own."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

import pytest

from agent.brain import measures, numbers, values
from agent.brain.textutil import normalise
from tests.unit.brain.support import only_call, step

TUESDAY = date(2026, 3, 10)  # the support's clock: Tuesday 10 March 2026, Sydney


def _args(domain: str, text: str, tool: str) -> dict[str, Any]:
    return only_call(step(domain, text), tool)


# --- the number reader ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1,234.50", "1234.50"),
        ("1.2k", "1200"),
        ("12.5K", "12500"),
        ("2 grand", "2000"),
        (".5", "0.5"),
        ("40", "40"),
    ],
)
def test_a_figure_reads_the_same_however_it_is_written(raw: str, value: str) -> None:
    assert numbers.read_number(raw) == Decimal(value)


@pytest.mark.parametrize("raw", ["12km", "3 kg", "k", "1.2.3", "ten"])
def test_what_is_no_figure_is_not_read_as_one(raw: str) -> None:
    assert numbers.read_number(raw) is None


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("a buck fifty for the paper", "1.50 dollars for the paper"),
        ("one dollar twenty", "1.20 dollars"),
        ("half a dozen eggs", "6 eggs"),
        ("a dozen and a half rolls", "18 rolls"),
    ],
)
def test_spoken_figures_become_digits_before_any_value_is_read(said: str, written: str) -> None:
    assert normalise(said) == written


def test_a_buck_before_a_unit_is_no_price() -> None:
    assert "1.50" not in normalise("a buck fifty litres")


# --- amounts: every tool that takes money -----------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "text", "tool", "key", "value"),
    [
        ("wins", "dropped 2.5k on solar panels", "add_expense", "amount", 2500),
        ("wins", "grabbed a coffee for a buck fifty", "add_expense", "amount", 1.5),
        ("wins", "got 1.5k from the harvest job", "add_income", "amount", 1500),
        ("wins", "busking brought in a dollar twenty", "add_income", "amount", 1.2),
        ("wins", "cap eating out at 1.2k a month", "set_budget", "monthly_limit", 1200),
        ("wins", "set the groceries budget to 2k a month", "set_budget", "monthly_limit", 2000),
        ("wheels", "filled 80 litres, came to 1.2k", "log_fuel", "total_cost", 1200),
        ("wheels", "new tyres fitted today, cost 1.2k", "log_maintenance", "cost", 1200),
    ],
)
def test_thousands_and_spoken_cents_read_for_every_money_tool(
    domain: str, text: str, tool: str, key: str, value: float
) -> None:
    assert _args(domain, text, tool)[key] == pytest.approx(value)


def test_a_figure_in_thousands_after_the_work_is_its_cost_not_a_reading() -> None:
    args = _args("wheels", "new tyres fitted today, cost 1.2k", "log_maintenance")
    assert args.get("odometer_km") is None


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("we dropped 83.40 on unleaded at the Katherine BP, 41 litres", 83.4),
        ("52 litres of diesel in Alice, shelled out 118.75", 118.75),
        ("fuel: 37.5L, forked over 71.20 at the roadhouse", 71.2),
    ],
)
def test_a_bare_figure_left_in_a_fill_is_its_total(text: str, total: float) -> None:
    """Whatever verb comes before it: with the litres cut out, the figure is the total."""
    args = _args("wheels", text, "log_fuel")
    assert args["total_cost"] == pytest.approx(total)
    assert "price_per_litre" not in args


def test_a_fill_with_a_price_a_litre_keeps_it_as_the_price() -> None:
    args = _args("wheels", "41 litres at 1.97 a litre in Katherine", "log_fuel")
    assert args.get("price_per_litre") == pytest.approx(1.97)
    assert args.get("total_cost") is None


# --- periods: every tool that asks about a span ------------------------------------------------

LAST_WEEKEND = ("2026-03-07", "2026-03-08")


@pytest.mark.parametrize(
    ("domain", "text", "tool"),
    [
        ("wins", "list expenses from last weekend", "list_expenses"),
        ("wins", "what did we spend the weekend just gone", "spending_summary"),
        ("wins", "spending summary for last weekend", "spending_summary"),
        ("wheels", "fuel stats for last weekend", "fuel_stats"),
        ("wheels", "fuel economy over the weekend just gone", "fuel_stats"),
    ],
)
def test_the_weekend_gone_is_last_saturday_and_sunday_for_every_tool(
    domain: str, text: str, tool: str
) -> None:
    args = _args(domain, text, tool)
    assert (args["start_date"], args["end_date"]) == LAST_WEEKEND


def test_the_weekend_asked_about_in_the_week_is_the_one_gone_for_money() -> None:
    args = _args("wins", "how did spending look over the weekend", "spending_summary")
    assert (args["start_date"], args["end_date"]) == LAST_WEEKEND


def test_the_weekend_in_a_calendar_question_is_the_coming_one() -> None:
    args = _args("you", "what's on this weekend", "list_events")
    assert (args["start_date"], args["end_date"]) == ("2026-03-14", "2026-03-15")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("the weekend before last", date(2026, 2, 28), date(2026, 3, 1)),
        ("for the rest of the week", TUESDAY, date(2026, 3, 15)),
        ("the remainder of this month", TUESDAY, date(2026, 3, 31)),
        ("the balance of the year", TUESDAY, date(2026, 12, 31)),
        ("the year just gone", date(2025, 1, 1), date(2025, 12, 31)),
        ("last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("since last weekend", date(2026, 3, 7), TUESDAY),
    ],
)
def test_named_spans(text: str, start: date, end: date) -> None:
    span = values.period(text, TUESDAY)
    assert span is not None
    assert (span.start, span.end) == (start, end)


def test_the_last_weekend_said_on_a_sunday_is_the_one_before() -> None:
    sunday = date(2026, 3, 15)
    span = values.period("last weekend", sunday)
    assert span is not None
    assert (span.start, span.end) == (date(2026, 3, 7), date(2026, 3, 8))


@pytest.mark.parametrize(
    ("domain", "text", "tool"),
    [
        ("you", "what's on for the rest of the week", "list_events"),
        ("you", "anything on the calendar the rest of the month", "list_events"),
    ],
)
def test_the_rest_of_a_span_runs_from_today(domain: str, text: str, tool: str) -> None:
    args = _args(domain, text, tool)
    assert args["start_date"] == "2026-03-10"
    assert args["end_date"] in ("2026-03-15", "2026-03-31")


# --- days: a weekday a week on, shortened or not ----------------------------------------------


@pytest.mark.parametrize(
    ("domain", "text", "tool", "key", "day"),
    [
        (
            "you",
            "add a task to service the genny by thurs week",
            "add_task",
            "due_date",
            "2026-03-19",
        ),
        ("you", "physio next Tues week at 10am", "create_event", "start", "2026-03-24"),
        ("you", "markets Monday week at 8", "create_event", "start", "2026-03-23"),
    ],
)
def test_a_weekday_week_is_a_week_after_the_coming_one(
    domain: str, text: str, tool: str, key: str, day: str
) -> None:
    assert str(_args(domain, text, tool)[key]).startswith(day)


@pytest.mark.parametrize("text", ["we sat week in week out", "in the sun week after week"])
def test_a_shortened_weekday_that_is_a_word_stays_a_word(text: str) -> None:
    assert values.day(text, TUESDAY, future=True) is None


# --- clock ranges: each end read by the clock reader -------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("from 9 till half 10", time(9), time(10, 30)),
        ("from 2 to quarter past 3", time(14), time(15, 15)),
        ("between 12 and half 1", time(12), time(13, 30)),
        ("from 11 till quarter past 12", time(11), time(12, 15)),
        ("from 6 till 9pm", time(18), time(21)),
    ],
)
def test_a_clock_range_reads_each_end_as_a_clock_time(text: str, start: time, end: time) -> None:
    span = values.clock_span(text)
    assert span is not None
    assert span[:2] == (start, end)


@pytest.mark.parametrize(
    "text", ["from 20 to 30 people", "from Perth to Broome", "between us and them"]
)
def test_what_is_no_clock_range_is_not_read_as_one(text: str) -> None:
    assert values.clock_span(text) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("yoga on Friday from 9 till half 10", "2026-03-13T09:00", "2026-03-13T10:30"),
        ("meeting on Thursday from 2 to quarter past 3", "2026-03-12T14:00", "2026-03-12T15:15"),
    ],
)
def test_an_event_takes_its_start_and_end_from_the_clock_range(
    text: str, start: str, end: str
) -> None:
    args = _args("you", text, "create_event")
    assert (args["start"][:16], args["end"][:16]) == (start, end)


# --- quantities by the dozen: pantry and shopping ------------------------------------------------


def test_half_a_dozen_is_six_in_the_pantry() -> None:
    assert _args("you", "put half a dozen eggs in the pantry", "add_pantry_item")["quantity"] == 6


def test_half_a_dozen_is_six_on_the_shopping_list() -> None:
    items = _args(
        "you", "add half a dozen bread rolls to the shopping list", "add_to_shopping_list"
    )
    assert items["items"] == ["6 bread rolls"]


# --- round 7 kinds (each checked across the tools that take it) -------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("anything due in the next fortnight", 14),
        ("within 3 weeks", 21),
        ("over the coming month", 30),
        ("in the next couple of weeks", 14),
        ("next 10 days", 10),
    ],
)
def test_days_ahead(text: str, days: int) -> None:
    assert values.days_ahead(text) == days


@pytest.mark.parametrize(
    ("domain", "text", "tool", "key"),
    [
        (
            "wheels",
            "is anything due on the van in the next fortnight",
            "maintenance_due",
            "within_days",
        ),
        ("you", "what's going off in the next fortnight", "list_pantry", "expiring_within_days"),
    ],
)
def test_days_ahead_read_the_same_for_vehicles_and_the_pantry(
    domain: str, text: str, tool: str, key: str
) -> None:
    assert _args(domain, text, tool)[key] == 14


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("what went out since Easter", date(2025, 4, 20), TUESDAY),
        ("from March to May", date(2026, 3, 1), date(2026, 5, 31)),
        ("between Nov and Feb", date(2025, 11, 1), date(2026, 2, 28)),
        ("between now and the end of the month", TUESDAY, date(2026, 3, 31)),
        ("the last couple of weeks", date(2026, 2, 25), TUESDAY),
        ("over the past few days", date(2026, 3, 8), TUESDAY),
    ],
)
def test_more_spans(text: str, start: date, end: date) -> None:
    span = values.period(text, TUESDAY)
    assert span is not None
    assert (span.start, span.end) == (start, end)


def test_easter_days_move_with_the_year_and_easter_eggs_are_no_day() -> None:
    good_friday = values.day("camping at Good Friday", TUESDAY, future=True)
    assert good_friday is not None and good_friday.day == date(2026, 4, 3)
    monday = values.day("back on easter monday", TUESDAY, future=True)
    assert monday is not None and monday.day == date(2026, 4, 6)
    assert values.day("easter eggs 20", TUESDAY, future=False) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Thursday 0700 sharp till 1530", time(7), time(15, 30)),
        ("friday 9 to 11:30", time(9), time(11, 30)),
        ("7:30am to 4pm", time(7, 30), time(16)),
        ("from 9 until midday", time(9), time(12)),
    ],
)
def test_clock_ranges_without_from(text: str, start: time, end: time) -> None:
    span = values.clock_span(text)
    assert span is not None and span[:2] == (start, end)


def test_a_written_date_is_no_clock_range() -> None:
    assert values.clock_span("on 2026-03-19 please") is None


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("vet friday 0700", "2026-03-13T07:00"),
        ("half ten Saturday morning, footy at the oval", "2026-03-14T10:30"),
    ],
)
def test_clock_times_said_beside_a_day(text: str, start: str) -> None:
    assert _args("you", text, "create_event")["start"][:16] == start


def test_four_digits_after_a_day_in_a_purchase_stay_a_price() -> None:
    assert _args("wins", "rego friday 1250", "add_expense")["amount"] == 1250


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("dentist friday 3pm, remind me 30 before", 30),
        ("dentist friday 3pm with a 15 min reminder", 15),
        ("haircut wed 3:30pm 1h reminder 20 mins", 20),
    ],
)
def test_lead_times_with_the_unit_left_out_or_before_reminder(text: str, minutes: int) -> None:
    assert _args("you", text, "create_event")["reminder_minutes"] == minutes


@pytest.mark.parametrize(
    ("domain", "text", "tool", "key"),
    [
        ("wins", "a grand on the new awning yesterday", "add_expense", "amount"),
        ("wins", "set the fuel budget to a grand a month", "set_budget", "monthly_limit"),
    ],
)
def test_a_grand_is_a_thousand_for_every_money_tool(
    domain: str, text: str, tool: str, key: str
) -> None:
    assert _args(domain, text, tool)[key] == 1000


def test_a_grand_that_is_no_money_stays_words() -> None:
    assert normalise("we had a grand total of three visitors").startswith("we had a grand")


def test_a_country_said_after_the_dollars_is_the_currency() -> None:
    args = _args("wins", "spent 60 bucks Aussie on snacks", "add_expense")
    assert (args["amount"], args["currency"]) == (60, "AUD")


def test_two_readings_before_each_axle_are_its_left_and_right() -> None:
    args = _args(
        "wheels", "tyres cold: 36 36 up front, 40 40 at the back, psi", "log_tyre_pressures"
    )
    assert args["pressures"] == {
        "front_left": 36, "front_right": 36, "rear_left": 40, "rear_right": 40,
    }  # fmt: skip


def test_miles_become_km_to_the_hundredth() -> None:
    args = _args("wheels", "put 50 litres in, odometer reads 45,210 miles", "log_fuel")
    assert args["odometer_km"] == pytest.approx(72758.44, abs=0.005)


@pytest.mark.parametrize(
    ("text", "expiry"),
    [
        ("pantry: 500g mince, exp 2d", "2026-03-12"),
        ("add yoghurt to the pantry, use by 1 week", "2026-03-17"),
    ],
)
def test_a_bare_length_after_an_expiry_word_counts_from_today(text: str, expiry: str) -> None:
    assert _args("you", text, "add_pantry_item")["expiry_date"] == expiry


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("our ute uses 11 litres for 100 km", Decimal(11)),
        ("9 litres in every 100 kms", Decimal(9)),
    ],
)
def test_consumption_said_with_for_or_in(text: str, value: Decimal) -> None:
    hit = measures.consumption(text)
    assert hit is not None and hit.value == value


def test_a_fill_for_a_hundred_dollars_is_no_consumption() -> None:
    assert measures.consumption("filled 60 litres for 100 bucks") is None
