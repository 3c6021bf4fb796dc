"""What each new value form of branch i15-values11 must leave alone: the look-alikes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from agent.brain.categories import category_of
from agent.brain.dates import find_day
from agent.brain.money import best_amount, find_amounts
from agent.brain.ranges import find_range
from agent.brain.shares import for_each_person, split_ways
from agent.brain.textutil import foreign_figures, normalise
from tests.unit.brain.support import only_call, step

TODAY = date(2026, 3, 10)


def test_people_named_by_a_country_are_no_dollars() -> None:
    assert find_amounts("we met 2 US tourists at the lookout") == []
    assert find_amounts("paid 45 US for the tour")[0].currency == "USD"


def test_a_share_said_outright_is_not_shared_again() -> None:
    assert split_ways("dinner was 120, split 3 ways, my share was 40") is None
    args = only_call(step("wins", "dinner 120 split 3 ways, my share was 40"), "add_expense")
    assert args["amount"] == 40


def test_a_price_for_each_needs_people_counted_and_is_the_figure_read() -> None:
    # no people: the price stays what was paid
    assert for_each_person("tickets were 25 each", Decimal(25)) is None
    # the amount read is not the price for each: nothing is multiplied
    assert for_each_person("paid 60 in total, 25 each for the 2 of us", Decimal(60)) is None
    # a bill shared between the people is divided, not multiplied
    assert for_each_person("120 each? no, 120 split between the 3 of us", Decimal(120)) is None


def test_people_counted_are_no_amount() -> None:
    args = only_call(step("wins", "paid the ferry for the 4 of us, 22 each"), "add_expense")
    assert args["amount"] == 88


def test_the_last_quarter_alone_is_still_the_one_before_this() -> None:
    span = find_range("what did we spend last quarter", TODAY)
    assert span is not None
    assert (span.start, span.end) == (date(2025, 10, 1), date(2025, 12, 31))


def test_until_now_still_ends_today_and_to_date_is_the_span_so_far() -> None:
    span = find_range("from the 1st of Feb until now", TODAY)
    assert span is not None
    assert (span.start, span.end) == (date(2026, 2, 1), TODAY)
    span = find_range("fuel spend year to date", TODAY)  # (a list ends it today)
    assert span is not None and span.period == "this_year"


def test_first_aid_is_still_health_and_first_alone_is_not() -> None:
    assert category_of("bought a first aid kit for 30") == "health"
    assert category_of("what did we spend in the first quarter") is None


def test_within_is_a_deadline_only_ahead() -> None:
    assert find_day("fix the awning within 2 weeks", TODAY, future=True) is not None
    assert find_day("spent 400 on fuel within 2 weeks", TODAY, future=False) is None


def test_a_weekday_and_date_that_agree_stay_in_this_month() -> None:
    hit = find_day("on friday the 13th", TODAY, future=True)
    assert hit is not None and hit.day == date(2026, 3, 13)
    # said of the past, the nearest month before whose 13th was a Friday
    hit = find_day("on friday the 13th", TODAY, future=False)
    assert hit is not None and hit.day == date(2026, 2, 13)


def test_a_budget_said_monthly_keeps_its_figure_whatever_else_is_said() -> None:
    args = only_call(
        step("wins", "set a groceries budget of 600 a month, we spend about 7000 a year"),
        "set_budget",
    )
    assert args["monthly_limit"] == 600


def test_a_weekday_said_after_next_week_is_that_week_s() -> None:
    monday = date(2026, 12, 7)
    hit = find_day("off to the coast next week, leaving thursday", monday, future=True)
    assert hit is not None and hit.day == date(2026, 12, 17)
    hit = find_day("next week - heading off on fri", monday, future=True)
    assert hit is not None and hit.day == date(2026, 12, 18)
    # a weekday joined by "and" is another day, not that week's
    hit = find_day("busy next week and wednesday", monday, future=True)
    assert hit is not None and hit.day == date(2026, 12, 14)


def test_a_count_of_nights_or_people_is_no_amount() -> None:
    assert best_amount("book us a powered site at the showground for 3 nights", loose=True) is None
    assert best_amount("there were 5 people at the bbq", loose=True) is None
    amount = best_amount("3 nights at the showground, 105", loose=True)
    assert amount is not None and amount.value == 105


def test_a_vehicle_named_by_its_model_is_no_category() -> None:
    assert category_of("that fill was for the cruiser, not the van") is None
    assert category_of("booked a river cruise for 90") == "entertainment"


def test_foreign_figure_forms_leave_their_look_alikes() -> None:
    # a German span of days keeps its dash; a short walk and half a dozen stay what they are
    assert "10.-12." in normalise("away from 10.-12. march")
    assert foreign_figures("did a 2k walk") == "did a 2k walk"
    assert foreign_figures("bought half a dozen eggs") == "bought half a dozen eggs"
    # the British "1k2" is no distance ("4k2 km" stays)
    assert foreign_figures("drove 4k2 km") == "drove 4k2 km"
    assert foreign_figures("spent 1k2 on tyres") == "spent 1200 on tyres"
