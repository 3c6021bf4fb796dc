"""Imperial figures where vehicle figures are read: miles per gallon, tanks in gallons, and
distances due or on the clock in miles, all stored in the metric units the tools take."""

from __future__ import annotations

from decimal import Decimal

import pytest

from agent.brain import measures
from agent.brain.textutil import normalise


@pytest.mark.parametrize(
    ("said", "per_100km"),
    [
        ("the old girl does about 25 mpg", Decimal("9.4")),
        ("gets thirty miles to the gallon on the highway", Decimal("7.8")),
        ("around 18 miles per gallon towing", Decimal("13.1")),
    ],
)
def test_miles_per_gallon_become_litres_per_100km(said: str, per_100km: Decimal) -> None:
    hit = measures.consumption(normalise(said))
    assert hit is not None
    assert hit.value == per_100km


def test_litres_per_100km_are_kept() -> None:
    hit = measures.consumption("she uses 12 L/100km")
    assert hit is not None
    assert hit.value == Decimal("12")


@pytest.mark.parametrize(
    ("said", "litres"),
    [
        ("a 40 gallon tank", Decimal("151.4")),
        ("twenty gallons of fuel tank", Decimal("75.7")),
        ("a 180 litre tank", Decimal("180")),
        ("the tank holds 90", Decimal("90")),
    ],
)
def test_tank_sizes_in_gallons_become_litres(said: str, litres: Decimal) -> None:
    hit = measures.tank_litres(normalise(said))
    assert hit is not None
    assert hit.value == litres


def test_distances_in_miles_become_km() -> None:
    due = measures.next_due_km("next service is due in 5,000 miles")
    assert due is not None
    assert due.value == Decimal("8046.72")
    clock = measures.odometer("she has 87,500 miles on her")
    assert clock is not None
    assert clock.value == Decimal("140817.6")
