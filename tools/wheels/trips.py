"""Trips: plan one (legs, hours, fuel and its cost) and list them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tools.db.scope import UserDb
from tools.format import distance, money, volume
from tools.geo.distance import AVERAGE_SPEED_KMH, ROAD_FACTOR
from tools.geo.resolve import resolve_place
from tools.geo.routing import Route, fetch_route
from tools.profile import load_profile
from tools.types import Action, ActionError, Table, UiAction
from tools.wheels.trip_costs import fuel_terms, price_legs
from tools.wheels.trip_models import (
    LegOut,
    ListTripsArgs,
    PlanTripArgs,
    PlanTripResult,
    PointOut,
    TripOut,
    TripsResult,
)
from tools.wheels.trip_store import insert_trip, load_trips
from tools.wheels.vehicles import resolve_vehicle


def _plan_summary(trip: TripOut, route: Route, units: str, currency: str, saved: bool) -> str:
    via = f" via {', '.join(trip.stops)}" if trip.stops else ""
    count = f"{len(trip.legs)} leg{'s' if len(trip.legs) != 1 else ''}"
    lead = "Planned" if saved else "By road,"
    text = (
        f"{lead} {trip.title}{via}: {distance(trip.distance_km, units)} over {count},"
        f" about {trip.driving_hours:.1f} h of driving"
    )
    if trip.fuel_litres is not None and trip.fuel_cost is not None:
        text += f", {volume(trip.fuel_litres, units)} of fuel ≈ {money(trip.fuel_cost, currency)}"
    text += "."
    if route.source == "estimate":
        how = f"straight line × {ROAD_FACTOR} at {AVERAGE_SPEED_KMH:g} km/h"
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
        consumption_l_per_100km=consumption,
        price_per_litre=price,
        assumptions=assumptions,
    )


async def list_trips(db: UserDb, args: ListTripsArgs) -> TripsResult:
    trips = await load_trips(db, status=args.status)
    profile = await load_profile(db)
    kind = f"{args.status} " if args.status else ""
    if not trips:
        return TripsResult(summary=f"You have no {kind}trips.", trips=[])
    shown = [
        f"{t.title} ({distance(t.distance_km, profile.units)}"
        + (f", from {t.start_date.isoformat()})" if t.start_date else ")")
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


ACTIONS = [
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

TABLES = [Table(name="trips", create="plan_trip", read=read_trips)]
