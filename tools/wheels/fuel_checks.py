"""Sanity checks on a fuel fill before it is written: price arithmetic and odometer order."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID

from tools.db.scope import UserDb
from tools.types import ActionError

MAX_PRICE_PER_LITRE = Decimal(20)
# A stated total and a stated price may disagree by rounding at the pump, not by more.
PRICE_TOLERANCE = Decimal("0.02")


def settle_price(
    litres: Decimal, total_cost: Decimal | None, price_per_litre: Decimal | None
) -> tuple[Decimal, Decimal]:
    """(total_cost, price_per_litre), computing whichever one is missing."""
    if price_per_litre is not None and total_cost is None:
        total = (litres * price_per_litre).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if total <= 0:
            raise ActionError("That fill works out to less than one cent.", field="litres")
        return total, price_per_litre
    assert total_cost is not None
    implied = (total_cost / litres).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    if price_per_litre is None:
        if not 0 < implied <= MAX_PRICE_PER_LITRE:
            raise ActionError(
                f"{total_cost} for {litres} L works out to {implied} per litre, which can't "
                "be right — please check the litres and the total cost.",
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
