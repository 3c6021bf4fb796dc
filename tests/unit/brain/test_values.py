"""Amounts, number words and vehicle figures in the forms people type."""

from __future__ import annotations

from decimal import Decimal

import pytest

from agent.brain import figures, measures
from agent.brain.money import best_amount
from agent.brain.textutil import normalise


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("$85.40", "85.40", None),
        ("85 bucks", "85", None),
        ("eighty five dollars", "85", None),
        ("85.4 AUD", "85.4", "AUD"),
        ("AUD 85", "85", "AUD"),
        ("$1,200", "1200", None),
        ("$12.5k", "12500", None),
        ("2 grand", "2000", None),
        ("NZ$50 for dinner", "50", "NZD"),
        ("spent 85.40 on diesel", "85.40", None),
        ("paid 40 for lunch", "40", None),
        ("cost me about 30", "30", None),
        ("spent twelve fifty on lunch", "12.50", None),
        ("85 dollars and 40 cents", "85.40", None),
        ("a hundred and twenty bucks", "120", None),
        ("50 cents", "0.50", None),
        ("spent -$20 on coffee", "-20", None),
        ("AUD 12k for the caravan", "12000", "AUD"),
    ],
)
def test_amounts(text: str, value: str, currency: str | None) -> None:
    amount = best_amount(normalise(text))
    assert amount is not None
    assert amount.value == Decimal(value)
    assert amount.currency == currency


@pytest.mark.parametrize(
    "text",
    ["at 2pm", "209.9c/L", "on the 3rd", "62L of diesel", "ref chaos-92458635366c",
     "booking cad25be88f26", "order ref-cad25be88", "order ref-AUD40", "ref-85 dollars",
     "ab-$20"],
)  # fmt: skip
def test_not_amounts(text: str) -> None:
    assert best_amount(normalise(text)) is None


def test_a_range_is_no_negative_amount() -> None:
    amount = best_amount(normalise("it cost 20-30 dollars"))
    assert amount is not None and amount.value == 20  # the hyphen joins, it is no minus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eighty five dollars", "85 dollars"),
        ("twenty-five litres", "25 litres"),
        ("one hundred and twenty five", "125"),
        ("two thousand five hundred", "2500"),
        ("a dozen eggs", "12 eggs"),
        ("delete that one", "delete that one"),
        ("I have a dog", "I have a dog"),
        ("spent fifty five on lunch and seven on coffee", "spent 55 on lunch and 7 on coffee"),
        ("whats on, im in Perth time, dont", "what's on, i'm in Perth time, don't"),
        ("paid fourty dollars", "paid 40 dollars"),
    ],
)
def test_number_words(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "litres", "price", "odometer"),
    [
        ("filled up 62L diesel for $130 at Dubbo, odo 145230", "62", None, "145230"),
        ("62.5L at $2.09/L", "62.5", "2.09", None),
        ("60 litres at 209.9c/L", "60", "2.099", None),
        ("put 55 litres in at 2.09 a litre", "55", "2.09", None),
        ("70 ltrs, odometer reading 98,765", "70", None, "98765"),
        ("45L @ 1.99, at 145,230 km", "45", "1.99", "145230"),
    ],
)
def test_fuel_figures(text: str, litres: str, price: str | None, odometer: str | None) -> None:
    hit = measures.litres(text)
    assert hit is not None and hit.value == Decimal(litres)
    ppl = measures.price_per_litre(text)
    assert (ppl.value if ppl else None) == (Decimal(price) if price else None)
    odo = measures.odometer(text)
    assert (odo.value if odo else None) == (Decimal(odometer) if odometer else None)


def test_vehicle_and_place_figures() -> None:
    text = "2012 Land Cruiser diesel 13.5L/100km, 90L tank, 4 stars, within 100km, warn at 90%"
    assert measures.consumption(text).value == Decimal("13.5")  # type: ignore[union-attr]
    assert measures.tank_litres(text).value == Decimal("90")  # type: ignore[union-attr]
    assert measures.year(text).value == Decimal("2012")  # type: ignore[union-attr]
    assert figures.rating(text).value == Decimal("4")  # type: ignore[union-attr]
    assert figures.radius_km(text).value == Decimal("100")  # type: ignore[union-attr]
    assert figures.percent(text).value == Decimal("90")  # type: ignore[union-attr]
    assert measures.litres(text) is None  # the consumption and the tank are not a fill


def test_maintenance_figures() -> None:
    text = "oil change done at 150,000 km cost $180, next due 160,000"
    assert measures.next_due_km(text).value == Decimal("160000")  # type: ignore[union-attr]
    assert figures.reminder_before("remind me 30 minutes before").value == 30  # type: ignore[union-attr]
    assert figures.reminder_before("an hour before").value == 60  # type: ignore[union-attr]


def test_imperial_figures_become_metric() -> None:
    assert measures.litres("filled up 15 gallons").value == Decimal("56.78")  # type: ignore[union-attr]
    assert measures.odometer("odometer 90,000 miles").value == Decimal("144840.96")  # type: ignore[union-attr]
