"""Fuel fills: log one (with its fuel expense, after sanity checks on the price
arithmetic and the odometer order), read them back (fuel_stats.py sums them), and the
recent price trip plans use.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Self
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from tools.db.scope import UserDb
from tools.format import day_label, distance, money, volume
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction
from tools.values import Money, Name, SaneDate, Title
from tools.wheels.vehicles import (
    DAY,
    ODOMETER,
    VEHICLE,
    Litres,
    Number,
    Odometer,
    PricePerLitre,
    economy,
    json_value,
    price_per_volume,
    resolve_vehicle,
)
from tools.wins.expenses import insert_linked_expense

FUEL_LOG_SELECT = (
    "SELECT f.id, f.vehicle_id, v.name AS vehicle, f.expense_id, f.date, f.litres,"
    " f.total_cost, f.price_per_litre, f.odometer_km, f.location"
    " FROM fuel_logs f LEFT JOIN vehicles v ON v.id = f.vehicle_id AND v.user_id = f.user_id"
)


class FuelLogOut(BaseModel):
    id: UUID
    vehicle: str | None = None
    vehicle_id: UUID | None = None
    expense_id: UUID | None = None
    date: date
    litres: Number
    total_cost: Number | None = None
    price_per_litre: Number | None = None
    odometer_km: Number | None = None
    location: str | None = None


class LogFuelArgs(Args):
    litres: Litres = Field(description="Litres put in.", examples=[62.5])
    total_cost: Money | None = Field(
        default=None,
        description="What the fill cost in all. Give this or price_per_litre (or both).",
        examples=[118.75],
    )
    price_per_litre: PricePerLitre | None = Field(
        default=None,
        description="Pump price per litre. Give this or total_cost (or both).",
        examples=[1.899],
    )
    odometer_km: Odometer | None = ODOMETER
    location: Title | None = Field(
        default=None, description="Where they filled up.", examples=["Dubbo"]
    )
    date: SaneDate | None = DAY
    vehicle: Name | None = VEHICLE

    @model_validator(mode="after")
    def _needs_a_price(self) -> Self:
        if self.total_cost is None and self.price_per_litre is None:
            raise ValueError("give total_cost or price_per_litre (or both)")
        return self


class LogFuelResult(ActionResult):
    fuel_log: FuelLogOut
    expense_id: UUID
    distance_km: Number | None = None
    l_per_100km: Number | None = None


async def load_fuel_logs(
    db: UserDb, *, start: date | None = None, end: date | None = None
) -> list[FuelLogOut]:
    """The user's fills, oldest first, optionally within [start, end]."""
    cur = await db.conn.execute(
        FUEL_LOG_SELECT + " WHERE f.user_id = %s"
        " AND (%s::date IS NULL OR f.date >= %s) AND (%s::date IS NULL OR f.date <= %s)"
        " ORDER BY f.date, f.created_at",
        (db.user_id, start, start, end, end),
    )
    return [FuelLogOut(**row) for row in await cur.fetchall()]


async def read_fuel_logs(db: UserDb) -> list[dict[str, Any]]:
    """Fixture/final-state rows keyed by log_fuel's argument names (vehicle = its name)."""
    keys = ("litres", "total_cost", "price_per_litre", "odometer_km", "location", "date")
    return [
        {key: json_value(getattr(log, key)) for key in keys}
        | {"vehicle": log.vehicle, "id": str(log.id)}
        for log in await load_fuel_logs(db)
    ]


# The dearest pump price a currency can show, about ten times the dearest fuel anywhere
# (20 Australian dollars a litre), in that currency's units, rounded up generously: a
# ceiling that catches litres and cost written the wrong way round, never a real price.
# A currency not in the table gets no ceiling rather than a wrong refusal.
PRICE_CEILING = {code: Decimal(20) for code in ("AUD", "NZD", "USD", "CAD", "GBP", "EUR")}
PRICE_CEILING |= {"CHF": Decimal(20), "SGD": Decimal(20), "FJD": Decimal(30)}
PRICE_CEILING |= {"ZAR": Decimal(300), "INR": Decimal(1500), "JPY": Decimal(3000)}
PRICE_CEILING |= {"CNY": Decimal(150), "HKD": Decimal(150), "THB": Decimal(600)}
PRICE_CEILING |= {"PHP": Decimal(1000), "MXN": Decimal(300), "BRL": Decimal(100)}
PRICE_CEILING |= {"SEK": Decimal(200), "NOK": Decimal(200), "DKK": Decimal(150)}
PRICE_CEILING |= {"PLN": Decimal(80), "CZK": Decimal(400), "HUF": Decimal(6000)}
PRICE_CEILING |= {"ISK": Decimal(2500), "TWD": Decimal(600), "MYR": Decimal(80)}
PRICE_CEILING |= {"KRW": Decimal(25_000), "IDR": Decimal(100_000)}
PRICE_CEILING |= {"XPF": Decimal(2000), "CLP": Decimal(20_000), "ARS": Decimal(100_000)}
# A fill of more than this many tanks is refused as a typo (jerry cans included).
TANK_MARGIN = 2
# A stated total and a stated price may disagree by rounding at the pump, not by more.
PRICE_TOLERANCE = Decimal("0.02")


def price_ceiling(currency: str) -> Decimal | None:
    return PRICE_CEILING.get(currency.upper())


def settle_price(
    litres: Decimal,
    total_cost: Decimal | None,
    price_per_litre: Decimal | None,
    currency: str = "AUD",
) -> tuple[Decimal, Decimal]:
    """(total_cost, price_per_litre), computing whichever one is missing."""
    ceiling = price_ceiling(currency)
    if price_per_litre is not None and ceiling is not None and price_per_litre > ceiling:
        raise ActionError(
            f"{price_per_litre} {currency} a litre can't be right — please check the price.",
            field="price_per_litre",
        )
    if price_per_litre is not None and total_cost is None:
        total = (litres * price_per_litre).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if total <= 0:
            raise ActionError("That fill works out to less than one cent.", field="litres")
        return total, price_per_litre
    assert total_cost is not None
    implied = (total_cost / litres).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    if price_per_litre is None:
        if implied <= 0 or (ceiling is not None and implied > ceiling):
            raise ActionError(
                f"{total_cost} for {litres} L works out to {implied} {currency} per litre, "
                "which can't be right — please check the litres and the total cost.",
                field="total_cost",
            )
        return total_cost, implied
    expected = litres * price_per_litre
    if abs(total_cost - expected) > expected * PRICE_TOLERANCE:
        raise ActionError(
            f"The total {total_cost} doesn't match {litres} L at {price_per_litre} per litre "
            f"(that would be {expected.quantize(Decimal('0.01'))}). Which one is right?",
            field="total_cost",
        )
    return total_cost, price_per_litre


async def check_odometer(
    db: UserDb, vehicle_id: UUID | None, odometer_km: Decimal, filled_on: date
) -> None:
    """Odometers only go up: no lower than any earlier fill's, no higher than a later one's."""
    cur = await db.conn.execute(
        "SELECT max(odometer_km) FILTER (WHERE date < %s) AS before,"
        " min(odometer_km) FILTER (WHERE date > %s) AS after"
        " FROM fuel_logs WHERE user_id = %s AND vehicle_id IS NOT DISTINCT FROM %s"
        " AND odometer_km IS NOT NULL",
        (filled_on, filled_on, db.user_id, vehicle_id),
    )
    row = await cur.fetchone()
    if row is None:
        return
    if row["before"] is not None and odometer_km < row["before"]:
        raise ActionError(
            f"The odometer reading {odometer_km:,} km is lower than {row['before']:,} km "
            "logged at an earlier fill — please check the reading.",
            field="odometer_km",
        )
    if row["after"] is not None and odometer_km > row["after"]:
        raise ActionError(
            f"The odometer reading {odometer_km:,} km is higher than {row['after']:,} km "
            "logged at a later fill — please check the reading or the date.",
            field="odometer_km",
        )


async def previous_odometer(
    db: UserDb, vehicle_id: UUID | None, odometer_km: Decimal
) -> Decimal | None:
    """The highest odometer of this vehicle's fills below this reading: the previous fill."""
    cur = await db.conn.execute(
        "SELECT max(odometer_km) AS odo FROM fuel_logs WHERE user_id = %s"
        " AND vehicle_id IS NOT DISTINCT FROM %s AND odometer_km < %s",
        (db.user_id, vehicle_id, odometer_km),
    )
    row = await cur.fetchone()
    return None if row is None or row["odo"] is None else Decimal(row["odo"])


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
    if vehicle and vehicle.tank_litres and args.litres > TANK_MARGIN * vehicle.tank_litres:
        # A slipped decimal (950 for 95.0), not a fill: it would log the money and an
        # economy figure from it. Jerry cans filled at the same pump stay well inside.
        raise ActionError(
            f"{volume(args.litres, profile.units)} is far more than {vehicle.name}'s"
            f" {volume(vehicle.tank_litres, profile.units)} tank holds — please check the"
            " litres.",
            field="litres",
        )
    total_cost, price = settle_price(
        args.litres, args.total_cost, args.price_per_litre, profile.currency
    )
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
    # The price said, else the exact one a total implies: the stored price is rounded to a
    # tenth of a cent a litre, and rounding it again per gallon drifts (US$3.399 for 3.40).
    shown_price = price if args.price_per_litre is not None else total_cost / args.litres
    whose = f" for {vehicle.name}" if vehicle else ""
    summary = (
        f"Logged {volume(args.litres, units)} of {fuel_name.lower()}{whose}{where} on "
        f"{day_label(filled_on, today)}: {money(total_cost, currency)} "
        f"({price_per_volume(shown_price, currency, units)}), also added as a fuel expense."
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
    ),
]


TABLES: list[Table] = [
    Table(name="fuel_logs", create="log_fuel", read=read_fuel_logs),
]
