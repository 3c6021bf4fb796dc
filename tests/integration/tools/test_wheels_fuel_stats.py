"""fuel_stats: totals, average price, fill-to-fill economy and cost per km over a range."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tools.run import call_action
from tools.wheels.fuel import ACTIONS as FUEL_ACTIONS
from tools.wheels.fuel_stats import ACTIONS as STATS_ACTIONS
from tools.wheels.vehicles import ACTIONS as VEHICLE_ACTIONS

NOW = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)  # 10 March in Sydney
LOG_FUEL, FUEL_STATS, ADD_VEHICLE = FUEL_ACTIONS[0], STATS_ACTIONS[0], VEHICLE_ACTIONS[0]


async def _call(scoped: ScopedDb, uid: uuid.UUID, action: Any, **args: Any) -> dict[str, Any]:
    async with scoped(uid, now=NOW) as db:
        result = await call_action(action, db, args)
    return result


async def _fill(scoped: ScopedDb, uid: uuid.UUID, **args: Any) -> None:
    result = await _call(scoped, uid, LOG_FUEL, **args)
    assert result["ok"] is True, result


async def _three_troopy_fills(scoped: ScopedDb, uid: uuid.UUID) -> None:
    await _call(scoped, uid, ADD_VEHICLE, name="Troopy", fuel_type="diesel")
    await _fill(scoped, uid, litres=50, total_cost=100, odometer_km=10000, date="2026-02-01")
    await _fill(scoped, uid, litres=60, total_cost=126, odometer_km=10500, date="2026-02-15")
    await _fill(scoped, uid, litres=55, total_cost=110, odometer_km=11000, date="2026-03-01")


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


async def test_no_fills_gives_zeros_and_says_so(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await _call(scoped, user_id, FUEL_STATS)
    assert result["ok"] is True
    assert result["fill_count"] == 0
    assert _dec(result["litres"]) == 0
    assert _dec(result["cost"]) == 0
    assert result["average_price_per_litre"] is None
    assert result["l_per_100km"] is None
    assert result["cost_per_km"] is None
    assert (result["start_date"], result["end_date"]) == ("2025-12-11", "2026-03-10")
    assert result["summary"] == "No fuel fills logged from Thu 11 Dec 2025 to Tue 10 Mar."
    assert result["ids"] == []
    assert result["ui_actions"] == []


async def test_totals_economy_and_cost_per_km(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _three_troopy_fills(scoped, user_id)
    result = await _call(scoped, user_id, FUEL_STATS)
    assert result["fill_count"] == 3
    assert _dec(result["litres"]) == Decimal("165.00")
    assert _dec(result["cost"]) == Decimal("336.00")
    assert _dec(result["average_price_per_litre"]) == Decimal("2.036")  # 336 / 165
    # The first fill only sets the starting odometer: (60 + 55) L over 1000 km.
    assert _dec(result["l_per_100km"]) == Decimal("11.50")
    assert _dec(result["cost_per_km"]) == Decimal("0.236")  # (126 + 110) / 1000
    assert _dec(result["distance_km"]) == Decimal("1000.0")
    assert result["summary"] == (
        "Fuel from Thu 11 Dec 2025 to Tue 10 Mar: 3 fills, 165.0 L, $336.00 (average $2.036/L)."
        " Economy 11.5 L/100km, $0.236/km over 1,000 km."
    )


async def test_economy_is_rounded_once_and_one_day_reads_as_that_day(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await _fill(scoped, user_id, litres=40, total_cost=80, odometer_km=10000, date="2026-03-09")
    await _fill(scoped, user_id, litres=61.74, total_cost=120, odometer_km=10500, date="2026-03-10")
    week = await _call(scoped, user_id, FUEL_STATS, start_date="2026-03-09")
    today = await _call(scoped, user_id, FUEL_STATS, start_date="2026-03-10", end_date="2026-03-10")
    empty = await _call(scoped, user_id, FUEL_STATS, start_date="2026-03-01", end_date="2026-03-01")
    # 61.74 L over 500 km is 12.348 L/100km: 12.3, not 12.35 rounded again to 12.4.
    assert _dec(week["l_per_100km"]) == Decimal("12.35")
    assert "Economy 12.3 L/100km" in week["summary"]
    assert today["summary"].startswith("Fuel on Tue 10 Mar: 1 fill,")
    assert empty["summary"] == "No fuel fills logged on Sun 1 Mar."


async def test_default_range_is_the_last_90_days(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _fill(scoped, user_id, litres=10, total_cost=20, date="2025-12-10")  # 90 days ago
    await _fill(scoped, user_id, litres=20, total_cost=40, date="2025-12-11")  # 89 days ago
    await _fill(scoped, user_id, litres=30, total_cost=60, date="2026-03-10")  # today
    result = await _call(scoped, user_id, FUEL_STATS)
    assert result["fill_count"] == 2
    assert _dec(result["litres"]) == Decimal("50.00")
    assert "Economy needs at least two fills with odometer readings" in result["summary"]
    only_end = await _call(scoped, user_id, FUEL_STATS, end_date="2026-01-31")
    assert (only_end["start_date"], only_end["fill_count"]) == ("2025-11-03", 2)


async def test_month_boundaries_and_leap_day(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _fill(scoped, user_id, litres=10, total_cost=20, date="2026-01-31")
    await _fill(scoped, user_id, litres=20, total_cost=40, date="2026-02-01")
    await _fill(scoped, user_id, litres=30, total_cost=60, date="2026-02-28")
    await _fill(scoped, user_id, litres=40, total_cost=80, date="2026-03-01")
    feb = await _call(scoped, user_id, FUEL_STATS, start_date="2026-02-01", end_date="2026-02-28")
    assert (feb["fill_count"], _dec(feb["litres"])) == (2, Decimal("50.00"))
    leap = await _call(scoped, user_id, FUEL_STATS, start_date="2028-02-29")
    assert leap["ok"] is False  # after today's end date
    assert "after the end date" in leap["summary"]


async def test_one_vehicle_or_all_vehicles(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _three_troopy_fills(scoped, user_id)
    await _call(scoped, user_id, ADD_VEHICLE, name="Hilux")
    await _fill(scoped, user_id, litres=40, total_cost=80, odometer_km=50000, vehicle="Hilux",
                date="2026-02-10")  # fmt: skip
    await _fill(scoped, user_id, litres=30, total_cost=60, odometer_km=50300, vehicle="Hilux",
                date="2026-02-20")  # fmt: skip
    hilux = await _call(scoped, user_id, FUEL_STATS, vehicle="hilux")
    assert hilux["vehicle"] == "Hilux"
    assert hilux["fill_count"] == 2
    assert _dec(hilux["l_per_100km"]) == Decimal("10.00")  # 30 L / 300 km
    assert "for Hilux" in hilux["summary"]
    everything = await _call(scoped, user_id, FUEL_STATS)
    assert everything["vehicle"] is None
    assert everything["fill_count"] == 5
    # Each vehicle's odometer span is measured on its own: (115 + 30) L over 1300 km.
    assert _dec(everything["distance_km"]) == Decimal("1300.0")
    assert _dec(everything["l_per_100km"]) == Decimal("11.15")


async def test_imperial_summary(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id) as db:
        await db.conn.execute(
            "INSERT INTO profiles (user_id, units) VALUES (%s, 'imperial')", (user_id,)
        )
    await _three_troopy_fills(scoped, user_id)
    result = await _call(scoped, user_id, FUEL_STATS)
    assert "43.6 gal" in result["summary"]
    assert "20.5 mpg" in result["summary"]  # 11.5 L/100km
    assert "over 621 miles" in result["summary"]
    assert _dec(result["l_per_100km"]) == Decimal("11.50")  # fields stay metric


async def test_a_gallon_price_is_rounded_once(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    # 18 gal stored as 68.14 L for US$61.20: US$3.40 a gallon, not the US$0.898 a litre
    # (rounded first) times a gallon's litres, US$3.399
    async with scoped(user_id) as db:
        await db.conn.execute(
            "INSERT INTO profiles (user_id, units, currency) VALUES (%s, 'imperial', 'USD')",
            (user_id,),
        )
    await _fill(scoped, user_id, litres=68.14, total_cost=61.20, date="2026-03-01")
    result = await _call(scoped, user_id, FUEL_STATS)
    assert "(average US$3.40/gal)" in result["summary"]
    assert _dec(result["average_price_per_litre"]) == Decimal("0.898")  # the field: per litre


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ({"start_date": "2026-03-05", "end_date": "2026-03-01"}, "invalid"),
        ({"start_date": "1850-01-01"}, "invalid"),
        ({"end_date": "yesterday-ish"}, "invalid"),
        ({"vehicle": "Batmobile"}, "not_found"),
        ({"vehicle": "'); DROP TABLE fuel_logs; --"}, "not_found"),
        ({"period": "this_month"}, "invalid"),
    ],
)
async def test_bad_input(
    scoped: ScopedDb, user_id: uuid.UUID, args: dict[str, Any], error: str
) -> None:
    await _three_troopy_fills(scoped, user_id)
    result = await _call(scoped, user_id, FUEL_STATS, **args)
    assert result["ok"] is False
    assert result["error"] == error
    after = await _call(scoped, user_id, FUEL_STATS)
    assert after["fill_count"] == 3


async def test_another_users_vehicle_and_fills_stay_invisible(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    other = uuid.uuid4()
    await _three_troopy_fills(scoped, other)
    theirs = await _call(scoped, other, ADD_VEHICLE, name="Hilux")
    result = await _call(scoped, user_id, FUEL_STATS, vehicle=theirs["vehicle"]["id"])
    assert result["error"] == "not_found"
    mine = await _call(scoped, user_id, FUEL_STATS)
    assert mine["fill_count"] == 0
    assert (await _call(scoped, other, FUEL_STATS))["fill_count"] == 3
