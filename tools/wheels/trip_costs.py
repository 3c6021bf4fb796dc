"""What a trip costs in fuel: consumption and price (or the documented defaults) per leg."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from tools.db.scope import UserDb
from tools.format import money
from tools.geo.gazetteer import Place
from tools.geo.routing import Route
from tools.wheels.fuel import recent_fuel_price
from tools.wheels.trip_models import LegOut
from tools.wheels.vehicle_models import VehicleOut

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
