"""plan_trip and list_trips without a routing service: the estimate, fuel and storage."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tests.integration.tools.wheels_support import call, execute, fetch, ok
from tools.wheels.trips import TABLES

READ_TRIPS = {t.name: t for t in TABLES}["trips"].read
# One degree of latitude is 111.195 km; the estimate is x1.25 = 138.994 km at 80 km/h.
A, B, C = "-30,150", "-31,150", "-32,150"


async def add_vehicle(
    scoped: ScopedDb, uid: uuid.UUID, name: str, consumption: str | None, fuel: str = "diesel"
) -> uuid.UUID:
    rows = await fetch(
        scoped,
        uid,
        "INSERT INTO vehicles (user_id, name, fuel_type, consumption_l_per_100km, is_default)"
        " VALUES (%s, %s, %s, %s, NOT EXISTS (SELECT 1 FROM vehicles WHERE user_id = %s))"
        " RETURNING id",
        uid, name, fuel, consumption, uid,
    )  # fmt: skip
    vehicle_id: uuid.UUID = rows[0]["id"]
    return vehicle_id


async def add_fill(
    scoped: ScopedDb, uid: uuid.UUID, day: str, litres: str, cost: str, vehicle: uuid.UUID | None
) -> None:
    await execute(
        scoped,
        uid,
        "INSERT INTO fuel_logs (user_id, vehicle_id, date, litres, total_cost)"
        " VALUES (%s, %s, %s, %s, %s)",
        uid, vehicle, day, litres, cost,
    )  # fmt: skip


async def trip_count(scoped: ScopedDb, uid: uuid.UUID) -> int:
    rows = await fetch(scoped, uid, "SELECT count(*) AS n FROM trips WHERE user_id = %s", uid)
    stops = await fetch(scoped, uid, "SELECT count(*) AS n FROM trip_stops WHERE user_id = %s", uid)
    return int(rows[0]["n"]) + int(stops[0]["n"])


async def test_estimate_without_vehicle_uses_documented_defaults(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    result = await ok(scoped, user_id, "plan_trip", origin=A, destination=B)
    trip = result["trip"]
    assert trip["distance_source"] == "estimate"
    assert trip["legs"] == [
        {
            "start": A,
            "end": B,
            "distance_km": 139.0,
            "driving_hours": 1.74,
            "fuel_litres": 16.68,
            "fuel_cost": 35.03,
        }
    ]
    assert (trip["distance_km"], trip["driving_hours"]) == (139.0, 1.74)
    assert (trip["fuel_litres"], trip["fuel_cost"]) == (16.68, 35.03)
    assert result["consumption_l_per_100km"] == 12.0
    assert result["price_per_litre"] == 2.1
    assert len(result["assumptions"]) == 2
    assert result["ids"] == [trip["id"]]
    assert [u["type"] for u in result["ui_actions"]] == ["reload_trips", "open_map"]
    assert all(u["entity_id"] == trip["id"] for u in result["ui_actions"])
    summary = result["summary"]
    for part in ("139 km", "1 leg,", "1.7 h", "16.7 L", "$35.03", "estimates", "× 1.25", "80 km/h"):
        assert part in summary, summary
    assert "unavailable" not in summary


async def test_trip_and_stops_are_stored(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await ok(
        scoped, user_id, "plan_trip", origin=A, destination=C, stops=[B], start_date="2028-02-29"
    )
    trip_id = uuid.UUID(result["trip"]["id"])
    rows = await fetch(
        scoped, user_id, "SELECT * FROM trips WHERE user_id = %s AND id = %s", user_id, trip_id
    )
    assert str(rows[0]["start_date"]) == "2028-02-29"
    assert (rows[0]["origin"], rows[0]["destination"], rows[0]["status"]) == (A, C, "planned")
    assert str(rows[0]["distance_km"]) == "278.0"
    assert str(rows[0]["fuel_cost"]) == "70.06"
    stops = await fetch(
        scoped, user_id,
        "SELECT position, name, lat, lon, leg_km, leg_cost FROM trip_stops"
        " WHERE trip_id = %s ORDER BY position",
        trip_id,
    )  # fmt: skip
    assert [(s["position"], s["name"], s["lat"], s["lon"]) for s in stops] == [
        (0, A, -30.0, 150.0), (1, B, -31.0, 150.0), (2, C, -32.0, 150.0),
    ]  # fmt: skip
    assert [s["leg_km"] for s in stops] == [None, pytest.approx(139), pytest.approx(139)]
    assert "via " + B in result["summary"]
    assert "2 legs" in result["summary"]


async def test_town_names_resolve_and_are_stored_canonically(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    result = await ok(
        scoped,
        user_id,
        "plan_trip",
        origin="alice springz",
        destination="Birdsville QLD",
        stops=["Oodnadata"],
    )
    trip = result["trip"]
    assert (trip["origin"], trip["stops"], trip["destination"]) == (
        "Alice Springs",
        ["Oodnadatta"],
        "Birdsville",
    )
    assert [p["name"] for p in trip["points"]] == ["Alice Springs", "Oodnadatta", "Birdsville"]
    total = sum(float(leg["distance_km"]) for leg in trip["legs"])
    assert float(trip["distance_km"]) == pytest.approx(total)
    assert 1000 < total < 1600  # Alice - Oodnadatta - Birdsville by road is about 1,200 km


async def test_vehicle_consumption_and_recent_fuel_price(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    troopy = await add_vehicle(scoped, user_id, "Troopy", "15.0")
    await add_fill(scoped, user_id, "2026-03-01", "60", "120.00", troopy)  # $2.00/L
    await add_fill(scoped, user_id, "2026-02-01", "40", "100.00", troopy)  # $2.50/L
    await add_fill(scoped, user_id, "2025-10-01", "50", "500.00", troopy)  # older than 90 days
    result = await ok(scoped, user_id, "plan_trip", origin=A, destination=B, vehicle="troopy")
    assert result["price_per_litre"] == 2.2
    assert result["consumption_l_per_100km"] == 15.0
    assert result["assumptions"] == []
    leg = result["trip"]["legs"][0]
    assert (leg["fuel_litres"], leg["fuel_cost"]) == (20.85, 45.87)
    assert result["trip"]["vehicle"] == "Troopy"


async def test_default_vehicle_without_consumption_and_price_from_any_vehicle(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await add_vehicle(scoped, user_id, "Old Ute", None)
    await add_fill(scoped, user_id, "2026-03-05", "10", "19.00", None)
    result = await ok(scoped, user_id, "plan_trip", origin=A, destination=B)
    assert result["trip"]["vehicle"] == "Old Ute"
    assert result["price_per_litre"] == 1.9
    assert result["assumptions"] == ["Assumed 12 L/100km (Old Ute has no consumption set)."]
    assert result["trip"]["fuel_cost"] == 31.69  # 16.68 L x $1.90


async def test_electric_vehicle_has_no_fuel_figures(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await add_vehicle(scoped, user_id, "Sparky", None, fuel="electric")
    result = await ok(scoped, user_id, "plan_trip", origin=A, destination=B, vehicle="Sparky")
    assert (result["trip"]["fuel_litres"], result["trip"]["fuel_cost"]) == (None, None)
    assert result["trip"]["legs"][0]["fuel_litres"] is None
    assert " L " not in result["summary"]
    assert "electric" in result["assumptions"][0]


async def test_imperial_users_get_miles_and_gallons(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await execute(
        scoped, user_id, "INSERT INTO profiles (user_id, units) VALUES (%s, 'imperial')", user_id
    )
    result = await ok(scoped, user_id, "plan_trip", origin=A, destination=B)
    assert "86 miles" in result["summary"]
    assert "4.4 gal" in result["summary"]
    assert "50 mph" in result["summary"] and "km" not in result["summary"]
    assert result["trip"]["distance_km"] == 139.0  # storage stays metric


async def test_list_trips_with_legs_and_status_filter(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    first = await ok(scoped, user_id, "plan_trip", origin=A, destination=B)
    second = await ok(
        scoped, user_id, "plan_trip", origin=B, destination=C, stops=[A], start_date="2026-04-01"
    )
    await execute(
        scoped,
        user_id,
        "UPDATE trips SET status = 'done' WHERE id = %s",
        uuid.UUID(first["trip"]["id"]),
    )
    listed = await ok(scoped, user_id, "list_trips")
    assert [t["id"] for t in listed["trips"]] == [second["trip"]["id"], first["trip"]["id"]]
    assert listed["trips"][0]["legs"] == second["trip"]["legs"]
    assert listed["trips"][0]["stops"] == [A]
    assert "2 trips" in listed["summary"] and "from 1 Apr" in listed["summary"]
    done = await ok(scoped, user_id, "list_trips", status="done")
    assert [t["id"] for t in done["trips"]] == [first["trip"]["id"]]
    assert done["trips"][0]["status"] == "done"
    active = await ok(scoped, user_id, "list_trips", status="active")
    assert active["trips"] == [] and active["summary"] == "You have no active trips."


async def test_list_trips_shows_only_own_trips(scoped: ScopedDb) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    await ok(scoped, bob, "plan_trip", origin=A, destination=B)
    listed = await ok(scoped, alice, "list_trips")
    assert listed["trips"] == []
    assert listed["summary"] == "You have no trips."


async def test_read_trips_uses_plan_trip_argument_names(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await add_vehicle(scoped, user_id, "Troopy", "13.5")
    await ok(
        scoped,
        user_id,
        "plan_trip",
        origin="Tamworth",
        destination="Broome",
        stops=["Alice Springs"],
        start_date="2026-05-01",
    )
    async with scoped(user_id) as db:
        rows: list[dict[str, Any]] = await READ_TRIPS(db)
    assert len(rows) == 1
    row = rows[0]
    assert {k: row[k] for k in ("origin", "destination", "stops", "start_date", "vehicle")} == {
        "origin": "Tamworth", "destination": "Broome", "stops": ["Alice Springs"],
        "start_date": "2026-05-01", "vehicle": "Troopy",
    }  # fmt: skip
    assert isinstance(row["id"], str) and isinstance(row["distance_km"], float)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"destination": B}, "origin"),
        ({"origin": A}, "destination"),
        ({"origin": "", "destination": B}, "origin"),
        ({"origin": "x" * 201, "destination": B}, "origin"),
        ({"origin": A, "destination": B, "stops": "Dubbo"}, "stops"),
        ({"origin": A, "destination": B, "stops": [A] * 21}, "stops"),
        ({"origin": A, "destination": B, "stops": [""]}, "stops.0"),
        ({"origin": A, "destination": B, "start_date": "1850-01-01"}, "start_date"),
        ({"origin": A, "destination": B, "start_date": "next tuesday"}, "start_date"),
        ({"origin": A, "destination": B, "start_date": "2026-02-30"}, "start_date"),
        ({"origin": A, "destination": B, "speed": 100}, "speed"),
        ({"origin": 42, "destination": B}, "origin"),
        ({"origin": A, "destination": A}, "destination"),
        ({"origin": A, "destination": "95,200"}, "destination"),
    ],
)
async def test_bad_arguments_are_refused_and_write_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str
) -> None:
    result = await call(scoped, user_id, "plan_trip", **raw)
    assert result["ok"] is False
    assert result["error"] == "invalid"
    assert result["field"] == field, result
    assert await trip_count(scoped, user_id) == 0


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"origin": "Zzyzx Qwerty", "destination": "Broome"}, "origin"),
        ({"origin": "Broome", "destination": "'); DROP TABLE trips; --"}, "destination"),
        ({"origin": "Broome", "destination": "Derby", "stops": ["🏕️ 露营地"]}, "stops"),
        ({"origin": "Broome", "destination": "Derby", "vehicle": "Batmobile"}, None),
    ],
)
async def test_unknown_places_and_vehicles_are_not_found(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str | None
) -> None:
    result = await call(scoped, user_id, "plan_trip", **raw)
    assert (result["ok"], result["error"]) == (False, "not_found"), result
    assert result["field"] == field
    assert await trip_count(scoped, user_id) == 0


async def test_another_users_vehicle_is_not_found_and_left_alone(scoped: ScopedDb) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    bobs = await add_vehicle(scoped, bob, "Bob's Hilux", "11.0")
    result = await call(scoped, alice, "plan_trip", origin=A, destination=B, vehicle=str(bobs))
    assert (result["ok"], result["error"]) == (False, "not_found")
    assert await trip_count(scoped, alice) == 0
    rows = await fetch(scoped, bob, "SELECT name FROM vehicles WHERE id = %s", bobs)
    assert rows == [{"name": "Bob's Hilux"}]


@pytest.mark.parametrize("status", ["finished", "", "PLANNED ; --"])
async def test_list_trips_refuses_unknown_status(
    scoped: ScopedDb, user_id: uuid.UUID, status: str
) -> None:
    result = await call(scoped, user_id, "list_trips", status=status)
    assert (result["ok"], result["field"]) == (False, "status")
