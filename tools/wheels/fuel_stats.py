"""Fuel statistics over a date range, from the logged fills (fuel.py): volume, spend,
average price, and economy and cost per km measured fill to fill along each vehicle's
odometer.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from tools.db.scope import UserDb
from tools.format import distance, money, volume
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args
from tools.values import Name, SaneDate
from tools.wheels.fuel import FuelLogOut, load_fuel_logs
from tools.wheels.vehicles import (
    END_DATE,
    START_DATE,
    VEHICLE,
    Number,
    cost_per_distance,
    economy,
    price_per_volume,
    resolve_vehicle,
)
from tools.you.dates import day_text

DEFAULT_DAYS = 90


class FuelStatsArgs(Args):
    start_date: SaneDate | None = START_DATE
    end_date: SaneDate | None = END_DATE
    vehicle: Name | None = VEHICLE


class FuelStatsResult(ActionResult):
    start_date: date
    end_date: date
    vehicle: str | None = None
    fill_count: int
    litres: Number
    cost: Number
    average_price_per_litre: Number | None = None
    distance_km: Number | None = None
    l_per_100km: Number | None = None
    cost_per_km: Number | None = None


def _odometer_span(logs: list[FuelLogOut]) -> tuple[Decimal, Decimal, Decimal]:
    """(km, litres, cost) between the lowest and highest odometer of each vehicle.

    The first fill of a vehicle's span only sets the starting reading: its fuel was burned
    before the span began, so (fill-to-fill, full tanks) it is left out of litres and cost.
    Vehicles are measured separately, since their odometers have nothing in common.
    """
    by_vehicle: dict[UUID | None, list[FuelLogOut]] = defaultdict(list)
    for log in logs:
        if log.odometer_km is not None:
            by_vehicle[log.vehicle_id].append(log)
    km = litres = cost = Decimal(0)
    for fills in by_vehicle.values():
        if len(fills) < 2:
            continue
        fills.sort(key=lambda f: (f.odometer_km, f.date))
        first, last = fills[0].odometer_km, fills[-1].odometer_km
        assert first is not None and last is not None
        km += last - first
        litres += sum((f.litres for f in fills[1:]), Decimal(0))
        cost += sum((f.total_cost or Decimal(0) for f in fills[1:]), Decimal(0))
    return km, litres, cost


async def fuel_stats(db: UserDb, args: FuelStatsArgs) -> FuelStatsResult:
    """Without a vehicle, every fill counts (all vehicles and unassigned fills)."""
    profile = await load_profile(db)
    end = args.end_date or local_today(db, profile)
    start = args.start_date or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise ActionError(f"The start date {start} is after the end date {end}.")
    vehicle = await resolve_vehicle(db, args.vehicle) if args.vehicle else None
    logs = [
        log
        for log in await load_fuel_logs(db, start=start, end=end)
        if vehicle is None or log.vehicle_id == vehicle.id
    ]
    litres = sum((log.litres for log in logs), Decimal(0))
    cost = sum((log.total_cost or Decimal(0) for log in logs), Decimal(0))
    priced_litres = sum((log.litres for log in logs if log.total_cost), Decimal(0))
    # Shown rounded once from the exact ratios (12.348 reads 12.3, not 12.35 -> 12.4; a
    # price per litre rounded first reads US$3.399/gal for 18 gal at US$61.20); the result
    # fields keep their places.
    exact_average = cost / priced_litres if priced_litres else None
    average = exact_average.quantize(Decimal("0.001")) if exact_average is not None else None
    km, span_litres, span_cost = _odometer_span(logs)
    exact_per_100 = span_litres / km * 100 if km else None
    per_100 = exact_per_100.quantize(Decimal("0.01")) if exact_per_100 is not None else None
    exact_per_km = span_cost / km if km else None
    per_km = exact_per_km.quantize(Decimal("0.001")) if exact_per_km is not None else None

    units, currency = profile.units, profile.currency
    scope = f" for {vehicle.name}" if vehicle else ""
    today = local_today(db, profile)
    period = (
        f"on {day_text(start, today)}"
        if start == end
        else f"from {day_text(start, today)} to {day_text(end, today)}"
    ) + scope
    if not logs:
        summary = f"No fuel fills logged {period}."
    else:
        summary = (
            f"Fuel {period}: {len(logs)} fill{'s' if len(logs) != 1 else ''}, "
            f"{volume(litres, units)}, {money(cost, currency)}"
        )
        if exact_average is not None:
            summary += f" (average {price_per_volume(exact_average, currency, units)})"
        summary += "."
        if exact_per_100 is not None and exact_per_km is not None:
            summary += (
                f" Economy {economy(exact_per_100, units)}, "
                f"{cost_per_distance(exact_per_km, currency, units)} over {distance(km, units)}."
            )
        else:
            summary += " Economy needs at least two fills with odometer readings."
    return FuelStatsResult(
        summary=summary,
        start_date=start,
        end_date=end,
        vehicle=vehicle.name if vehicle else None,
        fill_count=len(logs),
        litres=litres,
        cost=cost,
        average_price_per_litre=average,
        distance_km=km or None,
        l_per_100km=per_100,
        cost_per_km=per_km,
    )


ACTIONS: list[Action] = [
    Action(
        name="fuel_stats",
        domain="wheels",
        args=FuelStatsArgs,
        fn=fuel_stats,
        description="Fuel statistics for a date range (default the last 90 days): litres, "
        "cost, average price per litre, L/100km and cost per km, optionally for one vehicle.",
        writes=False,
    ),
]
