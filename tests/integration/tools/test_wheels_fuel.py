"""log_fuel (with its expense, in one transaction) and recent_fuel_price."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.run import call_action
from tools.wheels import fuel
from tools.wheels.fuel import ACTIONS, TABLES, LogFuelArgs, recent_fuel_price
from tools.wheels.vehicles import ACTIONS as VEHICLE_ACTIONS

NOW = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)  # 11:00 on 10 March in Sydney
LOG_FUEL = ACTIONS[0]
ADD_VEHICLE = VEHICLE_ACTIONS[0]
READ_FUEL = TABLES[0].read


async def _call(
    scoped: ScopedDb, uid: uuid.UUID, action: Any = LOG_FUEL, now: datetime = NOW, **args: Any
) -> dict[str, Any]:
    async with scoped(uid, now=now) as db:
        return await call_action(action, db, args)


async def _vehicle(scoped: ScopedDb, uid: uuid.UUID, name: str, **args: Any) -> str:
    result = await _call(scoped, uid, ADD_VEHICLE, name=name, **args)
    return str(result["vehicle"]["id"])


async def _expenses(scoped: ScopedDb, uid: uuid.UUID) -> list[dict[str, Any]]:
    async with scoped(uid) as db:
        cur = await db.conn.execute(
            "SELECT id, amount, currency, category, description, date FROM expenses"
            " WHERE user_id = %s ORDER BY date, created_at",
            (uid,),
        )
        return await cur.fetchall()


async def _set_profile(scoped: ScopedDb, uid: uuid.UUID, **fields: str) -> None:
    async with scoped(uid) as db:
        await db.conn.execute(
            "INSERT INTO profiles (user_id, units, timezone, currency) VALUES (%s, %s, %s, %s)",
            (uid, fields.get("units", "metric"), fields.get("timezone", "Australia/Sydney"),
             fields.get("currency", "AUD")),
        )  # fmt: skip


async def _fuel_rows(scoped: ScopedDb, uid: uuid.UUID) -> list[dict[str, Any]]:
    async with scoped(uid) as db:
        return await READ_FUEL(db)


async def test_total_cost_writes_log_and_linked_fuel_expense(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await _vehicle(scoped, user_id, "Troopy", fuel_type="diesel")
    result = await _call(
        scoped, user_id, litres=62.5, total_cost=125, location="Dubbo", odometer_km=152000
    )
    assert result["ok"] is True
    log = result["fuel_log"]
    assert Decimal(str(log["price_per_litre"])) == Decimal("2.000")
    assert log["vehicle"] == "Troopy"
    assert log["litres"] == 62.5  # figures read as plain JSON numbers
    assert log["date"] == "2026-03-10"
    assert result["l_per_100km"] is None
    # The day as every other summary says it (was "on 2026-03-10").
    assert result["summary"].startswith("Logged 62.5 L of diesel for Troopy at Dubbo on 10 Mar:")
    [expense] = await _expenses(scoped, user_id)
    assert expense["amount"] == Decimal("125.00")
    assert expense["category"] == "fuel"
    assert expense["description"] == "Diesel 62.5 L at Dubbo"
    assert str(expense["date"]) == "2026-03-10"
    assert log["expense_id"] == str(expense["id"]) == result["expense_id"]
    assert result["ids"] == [log["id"], str(expense["id"])]
    assert [u["type"] for u in result["ui_actions"]] == ["reload_vehicles", "reload_expenses"]
    assert "62.5 L of diesel for Troopy at Dubbo" in result["summary"]
    assert "$125.00 ($2.00/L)" in result["summary"]
    assert await _fuel_rows(scoped, user_id) == [
        {"litres": 62.5, "total_cost": 125.0, "price_per_litre": 2.0, "odometer_km": 152000.0,
         "location": "Dubbo", "date": "2026-03-10", "vehicle": "Troopy", "id": log["id"]}
    ]  # fmt: skip


async def test_price_per_litre_computes_total(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await _call(scoped, user_id, litres=40, price_per_litre=1.899)
    assert result["ok"] is True
    assert Decimal(str(result["fuel_log"]["total_cost"])) == Decimal("75.96")
    assert result["fuel_log"]["vehicle"] is None  # no vehicles: fine
    assert "$1.899/L" in result["summary"]
    [expense] = await _expenses(scoped, user_id)
    assert expense["amount"] == Decimal("75.96")
    assert expense["description"] == "Fuel 40 L"


async def test_total_and_price_must_agree_within_two_percent(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    close = await _call(scoped, user_id, litres=50, price_per_litre=2, total_cost=101.5)
    assert close["ok"] is True
    assert Decimal(str(close["fuel_log"]["total_cost"])) == Decimal("101.50")
    assert Decimal(str(close["fuel_log"]["price_per_litre"])) == Decimal("2.000")
    far = await _call(scoped, user_id, litres=50, price_per_litre=2, total_cost=110)
    assert far["ok"] is False
    assert "doesn't match 50.00 L at 2.000 per litre" in far["summary"]
    assert len(await _fuel_rows(scoped, user_id)) == 1
    assert len(await _expenses(scoped, user_id)) == 1


async def test_fill_to_fill_economy(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _vehicle(scoped, user_id, "Troopy")
    first = await _call(scoped, user_id, litres=70, total_cost=140, odometer_km=100000,
                        date="2026-03-01")  # fmt: skip
    assert first["l_per_100km"] is None
    second = await _call(scoped, user_id, litres=60, total_cost=120, odometer_km=100500,
                         date="2026-03-05")  # fmt: skip
    assert Decimal(str(second["l_per_100km"])) == Decimal("12.00")
    assert Decimal(str(second["distance_km"])) == Decimal("500.0")
    assert "12.0 L/100km over 500 km since the previous fill" in second["summary"]
    # A backdated fill between the two measures from the fill just below it.
    between = await _call(scoped, user_id, litres=25, total_cost=50, odometer_km=100200,
                          date="2026-03-03")  # fmt: skip
    assert Decimal(str(between["l_per_100km"])) == Decimal("12.50")


async def test_fills_of_other_vehicles_do_not_count_for_economy(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await _vehicle(scoped, user_id, "Troopy")
    await _vehicle(scoped, user_id, "Hilux")
    await _call(scoped, user_id, litres=70, total_cost=140, odometer_km=50000,
                vehicle="Hilux", date="2026-03-01")  # fmt: skip
    result = await _call(scoped, user_id, litres=60, total_cost=120, odometer_km=100500)
    assert result["fuel_log"]["vehicle"] == "Troopy"
    assert result["l_per_100km"] is None


async def test_odometer_must_not_go_backwards(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _call(scoped, user_id, litres=50, total_cost=100, odometer_km=120000,
                date="2026-03-05")  # fmt: skip
    lower = await _call(scoped, user_id, litres=50, total_cost=100, odometer_km=119000,
                        date="2026-03-08")  # fmt: skip
    assert lower["ok"] is False
    assert lower["field"] == "odometer_km"
    assert "lower than 120,000.0 km" in lower["summary"]
    higher_before = await _call(scoped, user_id, litres=50, total_cost=100,
                                odometer_km=121000, date="2026-03-01")  # fmt: skip
    assert higher_before["ok"] is False
    assert "later fill" in higher_before["summary"]
    assert len(await _fuel_rows(scoped, user_id)) == 1
    assert len(await _expenses(scoped, user_id)) == 1


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"total_cost": 100}, "litres"),
        ({"litres": 50}, "arguments"),
        ({"litres": 10000, "total_cost": 100}, "litres"),
        ({"litres": 0, "total_cost": 100}, "litres"),
        ({"litres": -5, "total_cost": 100}, "litres"),
        ({"litres": 0.001, "total_cost": 100}, "litres"),
        ({"litres": "fifty", "total_cost": 100}, "litres"),
        ({"litres": 50, "price_per_litre": 25}, "price_per_litre"),
        ({"litres": 50, "price_per_litre": 0}, "price_per_litre"),
        ({"litres": 10, "total_cost": 5000}, "total_cost"),
        ({"litres": 2000, "total_cost": 0.01}, "total_cost"),
        ({"litres": 50, "total_cost": -100}, "total_cost"),
        ({"litres": 50, "total_cost": 100, "date": "1850-01-01"}, "date"),
        ({"litres": 50, "total_cost": 100, "date": "2026-02-30"}, "date"),
        ({"litres": 50, "total_cost": 100, "date": "2026-03-11"}, "date"),
        ({"litres": 50, "total_cost": 100, "odometer_km": -1}, "odometer_km"),
        ({"litres": 50, "total_cost": 100, "odometer_km": 99_000_000}, "odometer_km"),
        ({"litres": 50, "total_cost": 100, "location": "x" * 201}, "location"),
        ({"litres": 50, "total_cost": 100, "vehicle": "x" * 101}, "vehicle"),
        ({"litres": 50, "total_cost": 100, "octane": 98}, "octane"),
    ],
)
async def test_bad_input_is_rejected_and_writes_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, args: dict[str, Any], field: str | None
) -> None:
    result = await _call(scoped, user_id, **args)
    assert result["ok"] is False
    assert result["error"] == "invalid"
    assert result["field"] == field
    assert await _fuel_rows(scoped, user_id) == []
    assert await _expenses(scoped, user_id) == []


async def test_unknown_or_another_users_vehicle_is_not_found(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    other = uuid.uuid4()
    theirs = await _vehicle(scoped, other, "Hilux")
    await _call(scoped, other, litres=30, total_cost=60, vehicle="Hilux")
    await _vehicle(scoped, user_id, "Troopy")
    for ident in (theirs, "Hilux", str(uuid.uuid4())):
        result = await _call(scoped, user_id, litres=50, total_cost=100, vehicle=ident)
        assert result["ok"] is False
        assert result["error"] == "not_found"
    assert await _fuel_rows(scoped, user_id) == []
    assert await _expenses(scoped, user_id) == []
    [their_fill] = await _fuel_rows(scoped, other)
    assert their_fill["vehicle"] == "Hilux"
    assert their_fill["litres"] == 30.0


async def test_failure_after_the_log_insert_leaves_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_expense(db: UserDb, **_kwargs: Any) -> uuid.UUID:
        # An expense the database refuses (negative amount), after the fuel log went in.
        await db.conn.execute(
            "INSERT INTO expenses (user_id, amount, category, date)"
            " VALUES (%s, -1, 'fuel', '2026-03-10')",
            (db.user_id,),
        )
        raise AssertionError("the insert above must fail")

    monkeypatch.setattr(fuel, "insert_linked_expense", broken_expense)
    async with scoped(user_id, now=NOW) as db:
        result = await call_action(LOG_FUEL, db, {"litres": 50, "total_cost": 100})
        assert result["ok"] is False
        assert "expenses_amount_check" in result["summary"]
        # The outer transaction is still usable and holds no half-written fill.
        cur = await db.conn.execute("SELECT count(*) AS n FROM fuel_logs WHERE user_id = %s",
                                    (user_id,))  # fmt: skip
        assert await cur.fetchone() == {"n": 0}
    assert await _fuel_rows(scoped, user_id) == []
    assert await _expenses(scoped, user_id) == []


async def test_database_refusal_propagates_when_called_directly(
    scoped: ScopedDb, user_id: uuid.UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_expense(db: UserDb, **_kwargs: Any) -> uuid.UUID:
        await db.conn.execute("SELECT 1/0")
        raise AssertionError("unreachable")

    monkeypatch.setattr(fuel, "insert_linked_expense", broken_expense)
    with pytest.raises(psycopg.errors.DivisionByZero):
        async with scoped(user_id, now=NOW) as db:
            await fuel.log_fuel(db, LogFuelArgs(litres=Decimal(50), total_cost=Decimal(100)))
    assert await _fuel_rows(scoped, user_id) == []


@pytest.mark.parametrize("location", ["'); DROP TABLE expenses; --", "库努纳拉 ⛽ Kununurra"])
async def test_odd_locations_are_stored_verbatim(
    scoped: ScopedDb, user_id: uuid.UUID, location: str
) -> None:
    result = await _call(scoped, user_id, litres=20, total_cost=44, location=location)
    assert result["ok"] is True
    [row] = await _fuel_rows(scoped, user_id)
    assert row["location"] == location
    [expense] = await _expenses(scoped, user_id)
    assert expense["description"] == f"Fuel 20 L at {location}"


async def test_default_date_is_the_users_local_today(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    # 13:30 UTC on 9 March is already 00:30 on 10 March in Sydney, but 21:30 on 9 March in Perth.
    late = datetime(2026, 3, 9, 13, 30, tzinfo=UTC)
    sydney = await _call(scoped, user_id, now=late, litres=10, total_cost=20)
    assert sydney["fuel_log"]["date"] == "2026-03-10"
    perth_user = uuid.uuid4()
    await _set_profile(scoped, perth_user, timezone="Australia/Perth")
    perth = await _call(scoped, perth_user, now=late, litres=10, total_cost=20)
    assert perth["fuel_log"]["date"] == "2026-03-09"
    tomorrow = await _call(scoped, perth_user, now=late, litres=10, total_cost=20,
                           date="2026-03-10")  # fmt: skip
    assert tomorrow["ok"] is False
    assert "future" in tomorrow["summary"]


async def test_leap_day_fill(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    now = datetime(2028, 3, 1, 0, 0, tzinfo=UTC)
    result = await _call(scoped, user_id, now=now, litres=10, total_cost=20, date="2028-02-29")
    assert result["fuel_log"]["date"] == "2028-02-29"
    [expense] = await _expenses(scoped, user_id)
    assert str(expense["date"]) == "2028-02-29"


async def test_imperial_user_reads_gallons_and_mpg(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _set_profile(scoped, user_id, units="imperial", currency="USD")
    await _call(scoped, user_id, litres=50, total_cost=100, odometer_km=1000, date="2026-03-01")
    result = await _call(scoped, user_id, litres=37.85, total_cost=75.70, odometer_km=1500)
    summary = result["summary"]
    assert "10.0 gal" in summary
    assert "US$75.70 (US$7.571/gal)" in summary
    assert "31.1 mpg over 311 miles" in summary  # 7.57 L/100km
    [_, expense] = await _expenses(scoped, user_id)
    assert expense["currency"] == "USD"
    # a total's price a gallon from the exact ratio: 18 gal (68.14 L) for US$61.20 is US$3.40
    gallons = await _call(scoped, user_id, litres=68.14, total_cost=61.20)
    assert "(US$3.40/gal)" in gallons["summary"]


async def test_recent_fuel_price_is_litre_weighted_over_the_window(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    troopy = uuid.UUID(await _vehicle(scoped, user_id, "Troopy"))
    await _vehicle(scoped, user_id, "Hilux")
    async with scoped(user_id, now=NOW) as db:
        assert await recent_fuel_price(db) is None
    await _call(scoped, user_id, litres=50, price_per_litre=2.00, date="2026-03-01")
    await _call(scoped, user_id, litres=150, price_per_litre=1.80, date="2025-12-11")  # day 89
    await _call(scoped, user_id, litres=100, price_per_litre=3.00, date="2025-12-10")  # day 90
    await _call(scoped, user_id, litres=100, price_per_litre=1.00, vehicle="Hilux",
                date="2026-03-09")  # fmt: skip
    async with scoped(user_id, now=NOW) as db:
        assert await recent_fuel_price(db, troopy) == Decimal("1.850")  # 370 / 200
        assert await recent_fuel_price(db) == Decimal("1.567")  # 470 / 300
        assert await recent_fuel_price(db, troopy, days=30) == Decimal("2.000")
        assert await recent_fuel_price(db, troopy, days=91) == Decimal("2.233")  # 670 / 300
    async with scoped(uuid.uuid4(), now=NOW) as db:
        assert await recent_fuel_price(db) is None  # nothing leaks across users


@pytest.mark.parametrize(
    ("currency", "litres", "total_cost"),
    [("ZAR", 70, 1900), ("INR", 40, 4200), ("JPY", 45, 7800), ("XOF", 50, 45_000)],
)
async def test_a_pump_price_in_the_users_own_currency_is_taken(
    scoped: ScopedDb, user_id: uuid.UUID, currency: str, litres: int, total_cost: int
) -> None:
    await _set_profile(scoped, user_id, currency=currency)
    result = await _call(scoped, user_id, litres=litres, total_cost=total_cost)
    assert result["ok"] is True, result
    [expense] = await _expenses(scoped, user_id)
    assert (expense["amount"], expense["currency"]) == (Decimal(total_cost), currency)


@pytest.mark.parametrize(
    ("currency", "args", "field"),
    [
        ("ZAR", {"litres": 7, "total_cost": 19_000}, "total_cost"),
        ("ZAR", {"litres": 50, "price_per_litre": 400}, "price_per_litre"),
        ("AUD", {"litres": 50, "price_per_litre": 21}, "price_per_litre"),
        ("INR", {"litres": 4, "total_cost": 42_000}, "total_cost"),
    ],
)
async def test_a_price_beyond_the_currencys_ceiling_is_refused_and_writes_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, currency: str, args: dict[str, Any], field: str
) -> None:
    await _set_profile(scoped, user_id, currency=currency)
    result = await _call(scoped, user_id, **args)
    assert (result["ok"], result["field"]) == (False, field), result
    assert currency in result["summary"]
    assert await _fuel_rows(scoped, user_id) == []
    assert await _expenses(scoped, user_id) == []
