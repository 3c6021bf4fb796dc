"""Writing a planned trip (trips + trip_stops) and reading trips back with their legs."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any
from uuid import UUID

from tools.db.scope import UserDb
from tools.geo.routing import DistanceSource
from tools.wheels.trip_models import LegOut, PointOut, TripOut, TripStatus


async def insert_trip(
    db: UserDb,
    *,
    points: list[PointOut],
    legs: list[LegOut],
    start_date: date | None,
    vehicle_id: UUID | None,
    source: DistanceSource,
) -> UUID:
    """One trips row and one trip_stops row per point; leg figures sit on the stop that
    ends the leg (position 0, the origin, has none). The caller's transaction holds both."""
    litres = [leg.fuel_litres for leg in legs if leg.fuel_litres is not None]
    costs = [leg.fuel_cost for leg in legs if leg.fuel_cost is not None]
    cur = await db.conn.execute(
        "INSERT INTO trips (user_id, vehicle_id, origin, destination, start_date,"
        " distance_km, driving_hours, fuel_litres, fuel_cost, distance_source)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (
            db.user_id,
            vehicle_id,
            points[0].name,
            points[-1].name,
            start_date,
            sum(leg.distance_km for leg in legs),
            sum(leg.driving_hours for leg in legs),
            sum(litres) if litres else None,
            sum(costs) if costs else None,
            source,
        ),
    )
    row = await cur.fetchone()
    assert row is not None
    trip_id: UUID = row["id"]
    ending: list[LegOut | None] = [None, *legs]
    async with db.conn.cursor() as cur:
        await cur.executemany(
            "INSERT INTO trip_stops (trip_id, user_id, position, name, lat, lon,"
            " leg_km, leg_hours, leg_litres, leg_cost)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (trip_id, db.user_id, pos, p.name, p.lat, p.lon, *_leg_values(leg))
                for pos, (p, leg) in enumerate(zip(points, ending, strict=True))
            ],
        )
    return trip_id


def _leg_values(leg: LegOut | None) -> tuple[Decimal | None, ...]:
    if leg is None:
        return (None, None, None, None)
    return (leg.distance_km, leg.driving_hours, leg.fuel_litres, leg.fuel_cost)


def _trip(row: dict[str, Any], stops: list[dict[str, Any]]) -> TripOut:
    points = [PointOut(name=s["name"], lat=s["lat"], lon=s["lon"]) for s in stops]
    legs = [
        LegOut(
            start=a["name"],
            end=b["name"],
            distance_km=b["leg_km"],
            driving_hours=b["leg_hours"],
            fuel_litres=b["leg_litres"],
            fuel_cost=b["leg_cost"],
        )
        for a, b in pairwise(stops)
    ]
    return TripOut(**row, stops=[p.name for p in points[1:-1]], legs=legs, points=points)


async def load_trips(
    db: UserDb, *, status: TripStatus | None = None, trip_id: UUID | None = None
) -> list[TripOut]:
    """The user's trips, newest first, each with its stops and legs."""
    cur = await db.conn.execute(
        "SELECT t.id, t.origin, t.destination, t.start_date, v.name AS vehicle, t.status,"
        " t.distance_km, t.driving_hours, t.fuel_litres, t.fuel_cost, t.distance_source"
        " FROM trips t LEFT JOIN vehicles v ON v.id = t.vehicle_id AND v.user_id = t.user_id"
        " WHERE t.user_id = %s AND (%s::text IS NULL OR t.status = %s)"
        " AND (%s::uuid IS NULL OR t.id = %s)"
        " ORDER BY t.created_at DESC, t.id LIMIT 100",
        (db.user_id, status, status, trip_id, trip_id),
    )
    rows = await cur.fetchall()
    if not rows:
        return []
    cur = await db.conn.execute(
        "SELECT trip_id, name, lat, lon, leg_km, leg_hours, leg_litres, leg_cost"
        " FROM trip_stops WHERE user_id = %s AND trip_id = ANY(%s) ORDER BY trip_id, position",
        (db.user_id, [r["id"] for r in rows]),
    )
    stops: dict[UUID, list[dict[str, Any]]] = defaultdict(list)
    for stop in await cur.fetchall():
        stops[stop["trip_id"]].append(stop)
    return [_trip(row, stops[row["id"]]) for row in rows]
