"""Trips: plan one (legs, hours, fuel and its cost: consumption and price, or the
documented defaults, per leg) and list them; stored as trips + trip_stops and read back
with their legs.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from tools.db.scope import UserDb
from tools.format import day_label, distance, money, speed, volume
from tools.geo.distance import AVERAGE_SPEED_KMH, ROAD_FACTOR
from tools.geo.gazetteer import Place
from tools.geo.resolve import resolve_place
from tools.geo.routing import DistanceSource, Route, fetch_route
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction
from tools.values import Name, SaneDate, Title
from tools.wheels.fuel import recent_fuel_price
from tools.wheels.vehicles import Number, VehicleOut, resolve_vehicle

TripStatus = Literal["planned", "active", "done"]
MAX_STOPS = 20


class PlanTripArgs(Args):
    origin: Title = Field(
        description="Starting town, or 'lat,lon'; the user's location when they say 'here'.",
        examples=["Dubbo"],
    )
    destination: Title = Field(description="Town to drive to, or 'lat,lon'.", examples=["Bourke"])
    stops: list[Title] | None = Field(
        default=None,
        max_length=MAX_STOPS,
        description="Towns to pass through, in order.",
        examples=[["Nyngan"]],
    )
    start_date: SaneDate | None = Field(
        default=None, description="Day they set off, YYYY-MM-DD.", examples=["2026-03-20"]
    )
    vehicle: Name | None = Field(
        default=None,
        description="Vehicle whose fuel use costs the trip; omit for the default.",
        examples=["Troopy"],
    )
    save: bool = Field(
        default=True,
        description="Keep the trip in the user's trips. false when they only ask how far,"
        " how long or what the fuel would cost (the figures are answered, nothing is saved);"
        " true (the default) when they ask to plan, save or add the trip.",
    )


class ListTripsArgs(Args):
    status: TripStatus | None = Field(default=None, description="Only trips in this state.")


class PointOut(BaseModel):
    """A stop of the trip, origin and destination included, for the map."""

    name: str
    lat: float
    lon: float


# A trip's figures are JSON numbers, as every other route's are (they were strings,
# "803.3": try17).
class LegOut(BaseModel):
    start: str
    end: str
    distance_km: Number
    driving_hours: Number
    fuel_litres: Number | None = None
    fuel_cost: Number | None = None


class TripOut(BaseModel):
    # None for a trip worked out but not saved (plan_trip with save=false).
    id: UUID | None
    origin: str
    destination: str
    stops: list[str]
    start_date: date | None
    vehicle: str | None
    status: TripStatus
    distance_km: Number
    driving_hours: Number
    fuel_litres: Number | None
    fuel_cost: Number | None
    distance_source: DistanceSource
    legs: list[LegOut]
    points: list[PointOut]

    @property
    def title(self) -> str:
        return f"{self.origin} → {self.destination}"


class PlanTripResult(ActionResult):
    trip: TripOut
    saved: bool  # False when the user only asked (save=false): no trips row was written
    # What the fuel figures assume: the vehicle's consumption (or the default) and the
    # price per litre (recent fuel logs, or the default); None for an electric vehicle.
    consumption_l_per_100km: Number | None
    price_per_litre: Number | None
    assumptions: list[str]


class TripsResult(ActionResult):
    trips: list[TripOut]


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


# Without a vehicle (or one with no consumption set): a tow vehicle pulling a mid-size
# caravan uses about 12 L/100km. Without recent fuel logs: AUD 2.10/L, a typical recent
# regional diesel price. Both are stated in the result's `assumptions`.
DEFAULT_CONSUMPTION = Decimal("12")
DEFAULT_PRICE = Decimal("2.10")


def _q(value: Decimal | float, places: str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


async def fuel_terms(
    db: UserDb, vehicle: VehicleOut | None, currency: str
) -> tuple[Decimal | None, Decimal | None, list[str]]:
    """(L/100km, price per litre, what was assumed); no fuel figures for an electric."""
    if vehicle and vehicle.fuel_type == "electric":
        return None, None, [f"{vehicle.name} is electric, so there is no fuel estimate."]
    notes = []
    consumption = vehicle.consumption_l_per_100km if vehicle else None
    if consumption is None:
        consumption = DEFAULT_CONSUMPTION
        why = f"{vehicle.name} has no consumption set" if vehicle else "no vehicle"
        notes.append(f"Assumed {consumption} L/100km ({why}).")
    price = await recent_fuel_price(db, vehicle.id) if vehicle else None
    price = price or await recent_fuel_price(db)
    if price is None:
        price = DEFAULT_PRICE
        notes.append(f"Assumed {money(price, currency)}/L (no fuel logs in the last 90 days).")
    return consumption, _q(price, "0.001"), notes


def price_legs(
    points: list[Place], route: Route, consumption: Decimal | None, price: Decimal | None
) -> list[LegOut]:
    legs = []
    for a, b, leg in zip(points, points[1:], route.legs, strict=False):
        litres = cost = None
        if consumption is not None and price is not None:
            litres = _q(Decimal(str(leg.km)) * consumption / 100, "0.01")
            cost = _q(litres * price, "0.01")
        legs.append(
            LegOut(
                start=a.name,
                end=b.name,
                distance_km=_q(leg.km, "0.1"),
                driving_hours=_q(leg.hours, "0.01"),
                fuel_litres=litres,
                fuel_cost=cost,
            )
        )
    return legs


def _plan_summary(trip: TripOut, route: Route, units: str, currency: str, saved: bool) -> str:
    via = f" via {', '.join(trip.stops)}" if trip.stops else ""
    count = f"{len(trip.legs)} leg{'s' if len(trip.legs) != 1 else ''}"
    # "By road" only for a routed answer: an estimate is a straight line scaled, and says so.
    lead = "Planned " if saved else ("By road, " if route.source != "estimate" else "")
    text = (
        f"{lead}{trip.title}{via}: {distance(trip.distance_km, units)} over {count},"
        f" about {trip.driving_hours:.1f} h of driving"
    )
    if trip.fuel_litres is not None and trip.fuel_cost is not None:
        text += f", {volume(trip.fuel_litres, units)} of fuel ≈ {money(trip.fuel_cost, currency)}"
    text += "."
    if route.source == "estimate":
        how = f"straight line × {ROAD_FACTOR} at {speed(AVERAGE_SPEED_KMH, units)}"
        lead = "The routing service was unavailable, so d" if route.fallback_reason else "D"
        text += f" {lead}istances are estimates ({how})."
    if not saved:
        text += " Not saved to your trips."
    return text


def _unsaved_trip(
    args: PlanTripArgs, stops: list[PointOut], legs: list[LegOut], vehicle: str | None, route: Route
) -> TripOut:
    """The trip as `load_trips` would read it back, without a row: the leg figures are
    already at the columns' scales, so their sums are what the row would hold."""
    litres = [leg.fuel_litres for leg in legs if leg.fuel_litres is not None]
    costs = [leg.fuel_cost for leg in legs if leg.fuel_cost is not None]
    return TripOut(
        id=None,
        origin=stops[0].name,
        destination=stops[-1].name,
        stops=[p.name for p in stops[1:-1]],
        start_date=args.start_date,
        vehicle=vehicle,
        status="planned",
        distance_km=sum((leg.distance_km for leg in legs), Decimal(0)),
        driving_hours=sum((leg.driving_hours for leg in legs), Decimal(0)),
        fuel_litres=sum(litres, Decimal(0)) if litres else None,
        fuel_cost=sum(costs, Decimal(0)) if costs else None,
        distance_source=route.source,
        legs=legs,
        points=stops,
    )


async def plan_trip(db: UserDb, args: PlanTripArgs) -> PlanTripResult:
    """Work out the trip's legs and fuel; write it to the user's trips only when
    `args.save` (a distance or time question writes nothing)."""
    names = [("origin", args.origin), *(("stops", s) for s in args.stops or [])]
    points = [resolve_place(text, field=field) for field, text in names]
    points.append(resolve_place(args.destination, field="destination"))
    if len(points) == 2 and (points[0].lat, points[0].lon) == (points[1].lat, points[1].lon):
        raise ActionError(
            f"{points[0].label} is both the origin and the destination: add a stop or"
            " choose another destination.",
            field="destination",
        )
    vehicle = await resolve_vehicle(db, args.vehicle)
    profile = await load_profile(db)
    consumption, price, assumptions = await fuel_terms(db, vehicle, profile.currency)
    route = await fetch_route(points, db.services)
    legs = price_legs(points, route, consumption, price)
    stops = [PointOut(name=p.name, lat=p.lat, lon=p.lon) for p in points]
    ui: list[UiAction] = []
    if args.save:
        trip_id = await insert_trip(
            db,
            points=stops,
            legs=legs,
            start_date=args.start_date,
            vehicle_id=vehicle.id if vehicle else None,
            source=route.source,
        )
        (trip,) = await load_trips(db, trip_id=trip_id)
        ui = [
            UiAction(type=kind, entity_type="trip", entity_id=str(trip_id), entity_title=trip.title)
            for kind in ("reload_trips", "open_map")
        ]
    else:
        trip = _unsaved_trip(args, stops, legs, vehicle.name if vehicle else None, route)
    return PlanTripResult(
        summary=_plan_summary(trip, route, profile.units, profile.currency, args.save),
        ids=[trip.id] if trip.id else [],
        ui_actions=ui,
        trip=trip,
        saved=args.save,
        changed=args.save,  # only asked: nothing written
        consumption_l_per_100km=consumption,
        price_per_litre=price,
        assumptions=assumptions,
    )


async def list_trips(db: UserDb, args: ListTripsArgs) -> TripsResult:
    trips = await load_trips(db, status=args.status)
    profile = await load_profile(db)
    today = local_today(db, profile)
    kind = f"{args.status} " if args.status else ""
    if not trips:
        return TripsResult(summary=f"You have no {kind}trips.", trips=[])
    shown = [
        f"{t.title} ({distance(t.distance_km, profile.units)}"
        + (f", from {day_label(t.start_date, today)})" if t.start_date else ")")
        for t in trips[:5]
    ]
    more = f" and {len(trips) - 5} more" if len(trips) > 5 else ""
    noun = "trip" if len(trips) == 1 else "trips"
    summary = f"{len(trips)} {kind}{noun}: {'; '.join(shown)}{more}."
    return TripsResult(summary=summary, trips=trips)


async def read_trips(db: UserDb) -> list[dict[str, Any]]:
    """Trips keyed by plan_trip's argument names, plus the computed figures."""
    rows = []
    for trip in await load_trips(db):
        row = trip.model_dump(mode="json", exclude={"legs", "points"})
        for key in ("distance_km", "driving_hours", "fuel_litres", "fuel_cost"):
            row[key] = None if row[key] is None else float(row[key])
        rows.append(row)
    return rows


ACTIONS: list[Action] = [
    Action(
        name="plan_trip",
        domain="wheels",
        args=PlanTripArgs,
        fn=plan_trip,
        description="Plan a road trip between Australian towns (optional stops, start date,"
        " vehicle): legs with distance, driving hours, litres and fuel cost. Saved to the"
        " user's trips unless save=false; a plain distance, time or fuel-cost question"
        " sends save=false.",
    ),
    Action(
        name="list_trips",
        domain="wheels",
        args=ListTripsArgs,
        fn=list_trips,
        description="List the user's saved trips with their legs, optionally by status"
        " (planned, active, done).",
        writes=False,
    ),
]


TABLES: list[Table] = [
    Table(name="trips", create="plan_trip", read=read_trips),
]
