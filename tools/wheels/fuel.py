"""Fuel fills: log one (with its fuel expense) and the recent price trip plans use."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from tools.db.scope import UserDb
from tools.format import distance, money, volume
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, Table, UiAction
from tools.wheels.fuel_checks import check_odometer, previous_odometer, settle_price
from tools.wheels.fuel_models import (
    FUEL_LOG_SELECT,
    FuelLogOut,
    LogFuelArgs,
    LogFuelResult,
    read_fuel_logs,
)
from tools.wheels.linked_expense import insert_linked_expense
from tools.wheels.vehicle_units import economy, price_per_volume
from tools.wheels.vehicles import resolve_vehicle


async def recent_fuel_price(
    db: UserDb, vehicle_id: UUID | None = None, days: int = 90
) -> Decimal | None:
    """Litre-weighted average price per litre over the last `days` days up to today
    (the user's today by the run's clock); one vehicle's fills or, without one, all."""
    today = local_today(db, await load_profile(db))
    cur = await db.conn.execute(
        "SELECT sum(total_cost) AS cost, sum(litres) AS litres FROM fuel_logs"
        " WHERE user_id = %s AND total_cost IS NOT NULL AND date > %s AND date <= %s"
        " AND (%s::uuid IS NULL OR vehicle_id = %s)",
        (db.user_id, today - timedelta(days=days), today, vehicle_id, vehicle_id),
    )
    row = await cur.fetchone()
    if row is None or not row["litres"]:
        return None
    return (Decimal(row["cost"]) / Decimal(row["litres"])).quantize(Decimal("0.001"))


async def log_fuel(db: UserDb, args: LogFuelArgs) -> LogFuelResult:
    profile = await load_profile(db)
    today = local_today(db, profile)
    filled_on: date = args.date or today
    if filled_on > today:
        raise ActionError(
            f"{filled_on} is in the future; fills can only be logged once made.", field="date"
        )
    vehicle = await resolve_vehicle(db, args.vehicle)
    vehicle_id = vehicle.id if vehicle else None
    total_cost, price = settle_price(args.litres, args.total_cost, args.price_per_litre)
    previous = None
    if args.odometer_km is not None:
        await check_odometer(db, vehicle_id, args.odometer_km, filled_on)
        previous = await previous_odometer(db, vehicle_id, args.odometer_km)
    # A nested savepoint keeps the log and its expense all-or-nothing even outside run_action.
    async with db.conn.transaction():
        cur = await db.conn.execute(
            "INSERT INTO fuel_logs (user_id, vehicle_id, date, litres, total_cost,"
            " price_per_litre, odometer_km, location) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING id",
            (
                db.user_id,
                vehicle_id,
                filled_on,
                args.litres,
                total_cost,
                price,
                args.odometer_km,
                args.location,
            ),
        )
        inserted = await cur.fetchone()
        assert inserted is not None
        fuel_name = (vehicle.fuel_type if vehicle and vehicle.fuel_type else "fuel").capitalize()
        where = f" at {args.location}" if args.location else ""
        expense_id = await insert_linked_expense(
            db,
            amount=total_cost,
            category="fuel",
            description=f"{fuel_name} {args.litres.normalize():f} L{where}",
            spent_on=filled_on,
            currency=profile.currency,
        )
        await db.conn.execute(
            "UPDATE fuel_logs SET expense_id = %s WHERE id = %s AND user_id = %s",
            (expense_id, inserted["id"], db.user_id),
        )
    cur = await db.conn.execute(
        FUEL_LOG_SELECT + " WHERE f.id = %s AND f.user_id = %s", (inserted["id"], db.user_id)
    )
    log = FuelLogOut(**(await cur.fetchone() or {}))

    # Fill-to-fill economy: assuming tanks are filled to full each time, the litres put in
    # now are what the vehicle burned since the previous fill's odometer reading.
    travelled = per_100 = exact_per_100 = None
    if previous is not None and args.odometer_km is not None:
        travelled = args.odometer_km - previous
        # Shown rounded once from the exact ratio; the result field keeps two places.
        exact_per_100 = args.litres / travelled * 100
        per_100 = exact_per_100.quantize(Decimal("0.01"))

    units, currency = profile.units, profile.currency
    whose = f" for {vehicle.name}" if vehicle else ""
    summary = (
        f"Logged {volume(args.litres, units)} of {fuel_name.lower()}{whose}{where} on "
        f"{filled_on}: {money(total_cost, currency)} "
        f"({price_per_volume(price, currency, units)}), also added as a fuel expense."
    )
    if exact_per_100 is not None and travelled is not None:
        summary += (
            f" That's {economy(exact_per_100, units)} over {distance(travelled, units)}"
            " since the previous fill."
        )
    return LogFuelResult(
        summary=summary,
        ids=[log.id, expense_id],
        ui_actions=[
            UiAction(
                type="reload_vehicles",
                entity_type="fuel_log",
                entity_id=str(log.id),
                entity_title=f"{fuel_name} {filled_on}",
            ),
            UiAction(
                type="reload_expenses",
                entity_type="expense",
                entity_id=str(expense_id),
                entity_title=f"{fuel_name}{where}",
            ),
        ],
        fuel_log=log,
        expense_id=expense_id,
        distance_km=travelled,
        l_per_100km=per_100,
    )


ACTIONS: list[Action] = [
    Action(
        name="log_fuel",
        domain="wheels",
        args=LogFuelArgs,
        fn=log_fuel,
        description="Log a fuel fill (litres, cost or price per litre, odometer, place); "
        "it is also recorded as a fuel expense and reports L/100km since the previous fill.",
    )
]

TABLES: list[Table] = [Table(name="fuel_logs", create="log_fuel", read=read_fuel_logs)]
