"""What each new value form of branch i15-values10 must leave alone: the look-alikes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from agent.brain import measures
from agent.brain.ranges import find_range
from agent.brain.times import find_time
from tests.unit.brain.support import only_call, step

TODAY = date(2026, 3, 10)


def test_a_reminder_to_do_something_after_an_event_is_no_moment_of_its_event() -> None:
    args = only_call(
        step("you", "dentist friday at 10am, remind me to bring the forms"), "create_event"
    )
    assert args["start"] == "2026-03-13T10:00:00+11:00"
    assert args.get("reminder_minutes") in (None, 0)


def test_a_reminder_said_first_is_the_event_itself() -> None:
    args = only_call(step("you", "remind me tomorrow arvo at 4 to call the bank"), "create_event")
    assert args["start"] == "2026-03-11T16:00:00+11:00"
    assert args["reminder_minutes"] == 0
    args = only_call(
        step("you", "set a reminder for the septic pump-out on friday at 10"), "create_event"
    )
    assert args["start"] == "2026-03-13T10:00:00+11:00"
    assert args["reminder_minutes"] == 0


def test_a_day_out_is_an_outing_not_a_lead_time() -> None:
    args = only_call(step("you", "a day out at the beach on saturday at 9am"), "create_event")
    assert "reminder_minutes" not in args


def test_a_reminder_at_a_moment_after_the_event_is_not_a_lead() -> None:
    # a reminder due after the event starts means nothing before it: due at the start
    args = only_call(step("you", "dentist friday at 10am, remind me saturday at 9"), "create_event")
    assert args["start"] == "2026-03-13T10:00:00+11:00"
    assert args["reminder_minutes"] == 0


def test_a_run_of_hours_is_no_count_of_people_or_money() -> None:
    assert find_time("table for from 2 to 3 people") is None
    assert find_time("spent from 20 to 30 dollars") is None
    hit = find_time("working bee friday from 10 till 3")
    assert hit is not None and hit.at.hour == 10


def test_a_share_said_is_not_split_again() -> None:
    args = only_call(step("wins", "my share was 40, dinner was split 3 ways"), "add_expense")
    assert args["amount"] == 40


def test_a_count_at_a_clock_time_is_no_price() -> None:
    args = only_call(step("wins", "paid 30 for 2 tickets at 7pm"), "add_expense")
    assert args["amount"] == 30


def test_gallons_are_us_unless_imperial_is_said() -> None:
    us = measures.litres("10 gallons")
    uk = measures.litres("10 imperial gallons")
    assert us is not None and float(us.value) == 37.85
    assert uk is not None and float(uk.value) == 45.46


def test_a_price_per_gallon_is_turned_per_litre() -> None:
    hit = measures.price_per_litre("diesel 5.20 a gallon")
    assert hit is not None and abs(float(hit.value) - 1.374) < 0.001


def test_litres_follow_from_a_total_and_its_price_only() -> None:
    assert measures.litres_paid("$102.50 at 2.05 a litre", None) is None
    assert measures.litres_paid("spent 102.50 on diesel", Decimal("102.50")) is None
    hit = measures.litres_paid("$102.50 at 2.05 a litre", Decimal("102.50"))
    assert hit is not None and float(hit.value) == 50


def test_easter_goods_name_no_period() -> None:
    span = find_range("what did I spend on easter eggs", TODAY)
    assert span is None or span.start != date(2025, 4, 18)


def test_a_year_in_a_figure_is_no_period() -> None:
    assert find_range("odometer in 2025 km", TODAY) is None


def test_easter_ahead_is_this_years() -> None:
    span = find_range("what's on over easter", TODAY, future=True)
    assert span is not None and (span.start, span.end) == (date(2026, 4, 3), date(2026, 4, 6))


def test_a_clause_of_when_it_was_paid_dates_the_money_before_it() -> None:
    args = only_call(
        step("wins", "the plumber charged 220 for the leak, we have paid her on monday"),
        "add_expense",
    )
    assert (args["amount"], args["date"]) == (220, "2026-03-09")


def test_a_priority_said_after_the_request_in_a_sentence_of_its_own() -> None:
    args = only_call(
        step("you", "Can you put a job on the list to reseal the hatch on Friday? Pretty urgent."),
        "add_task",
    )
    assert (args["priority"], args["due_date"]) == ("high", "2026-03-13")
    assert "pretty" not in args["title"].lower()


def test_a_tank_that_has_its_litres() -> None:
    hit = measures.tank_litres("the tank has 95 litres")
    assert hit is not None and float(hit.value) == 95


def test_tyres_on_both_of_an_axle() -> None:
    args = only_call(
        step("wheels", "tyres done cold: 34 psi on both fronts, 38 psi on both rears"),
        "log_tyre_pressures",
    )
    assert args["pressures"] == {
        "front_left": 34.0, "front_right": 34.0, "rear_left": 38.0, "rear_right": 38.0,
    }  # fmt: skip


def test_a_reading_of_the_odometer_is_never_money() -> None:
    from agent.brain import values

    assert values.amount("the troopy's odometer says 212,400 km", loose=True) is None
    assert values.amount("odo 212400", loose=True) is None
    hit = values.amount("diesel 80, odo 212400", loose=True)
    assert hit is not None and hit.value == 80


def test_a_service_named_by_its_distance_is_no_odometer_reading() -> None:
    args = only_call(
        step("wheels", "the hilux had its 60k service yesterday, 540"), "log_maintenance"
    )
    assert "odometer_km" not in args
    assert args["cost"] == 540


def test_a_share_said_of_a_bill_is_what_was_spent_once() -> None:
    answer = step("wins", "lunch at the bakery with the Browns was $90, my half was 45")
    args = only_call(answer, "add_expense")
    assert args["amount"] == 45
    assert "half" not in args["description"].lower()


def test_two_purchases_stay_two_when_neither_is_a_share() -> None:
    answer = step("wins", "coffee 5 and muffin 4.80")
    assert [c["args"]["amount"] for c in answer.tool_calls] == [5, 4.8]
