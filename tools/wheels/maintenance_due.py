"""What is due soon: the latest record of each (vehicle, item) against the date and odometer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from tools.db.scope import UserDb
from tools.format import distance
from tools.profile import load_profile, local_today
from tools.types import Action, ActionResult, Args
from tools.wheels.maintenance_models import MAINTENANCE_SELECT, MaintenanceOut
from tools.wheels.vehicle_models import Number


class MaintenanceDueArgs(Args):
    within_days: int = Field(
        default=30, ge=0, le=3650, description="Due within this many days from today."
    )
    within_km: Decimal = Field(
        default=Decimal(1000),
        ge=0,
        le=100_000,
        allow_inf_nan=False,
        description="Due within this many km of the last odometer reading.",
        examples=[1000],
    )


class DueItem(BaseModel):
    maintenance_id: UUID
    item: str
    vehicle: str | None = None
    last_done: dt.date
    next_due_date: dt.date | None = None
    next_due_km: Number | None = None
    current_odometer_km: Number | None = None
    days_left: int | None = None
    km_left: Number | None = None
    overdue: bool


class MaintenanceDueResult(ActionResult):
    due: list[DueItem]


async def _latest_records(db: UserDb) -> list[MaintenanceOut]:
    """Only the newest record of each item per vehicle counts: a later service of the
    same item supersedes the due date/km an earlier one set (or clears it)."""
    cur = await db.conn.execute(
        "SELECT * FROM (" + MAINTENANCE_SELECT + " WHERE m.user_id = %s) AS r"
        " WHERE (r.next_due_date IS NOT NULL OR r.next_due_km IS NOT NULL) AND r.id IN ("
        " SELECT DISTINCT ON (vehicle_id, lower(item)) id FROM maintenance WHERE user_id = %s"
        " ORDER BY vehicle_id, lower(item), date DESC, created_at DESC)",
        (db.user_id, db.user_id),
    )
    return [MaintenanceOut(**row) for row in await cur.fetchall()]


async def _latest_odometers(db: UserDb) -> dict[UUID | None, Decimal]:
    """Each vehicle's highest known odometer, from fuel fills and maintenance alike."""
    cur = await db.conn.execute(
        "SELECT vehicle_id, max(odometer_km) AS odo FROM ("
        " SELECT vehicle_id, odometer_km FROM fuel_logs WHERE user_id = %s"
        " UNION ALL SELECT vehicle_id, odometer_km FROM maintenance WHERE user_id = %s"
        ") AS readings WHERE odometer_km IS NOT NULL GROUP BY vehicle_id",
        (db.user_id, db.user_id),
    )
    return {row["vehicle_id"]: Decimal(row["odo"]) for row in await cur.fetchall()}


def _describe(item: DueItem, units: str) -> str:
    name = f"{item.item} ({item.vehicle})" if item.vehicle else item.item
    parts = []
    if item.days_left is not None and item.next_due_date is not None:
        if item.days_left < 0:
            parts.append(f"overdue since {item.next_due_date}")
        elif item.days_left == 0:
            parts.append(f"due today ({item.next_due_date})")
        else:
            parts.append(f"due {item.next_due_date} (in {item.days_left} days)")
    if item.km_left is not None and item.next_due_km is not None:
        at = distance(item.next_due_km, units)
        if item.km_left <= 0:
            parts.append(f"overdue by {distance(-item.km_left, units)} (was due at {at})")
        else:
            parts.append(f"due at {at} ({distance(item.km_left, units)} to go)")
    return f"{name}: {', '.join(parts)}"


async def maintenance_due(db: UserDb, args: MaintenanceDueArgs) -> MaintenanceDueResult:
    profile = await load_profile(db)
    today = local_today(db, profile)
    odometers = await _latest_odometers(db)
    due: list[DueItem] = []
    for record in await _latest_records(db):
        odometer = odometers.get(record.vehicle_id)
        days_left = (record.next_due_date - today).days if record.next_due_date else None
        km_left = (
            record.next_due_km - odometer
            if record.next_due_km is not None and odometer is not None
            else None
        )
        by_date = days_left is not None and days_left <= args.within_days
        by_km = km_left is not None and km_left <= args.within_km
        if not (by_date or by_km):
            continue
        due.append(
            DueItem(
                maintenance_id=record.id,
                item=record.item,
                vehicle=record.vehicle,
                last_done=record.date,
                next_due_date=record.next_due_date,
                next_due_km=record.next_due_km,
                current_odometer_km=odometer,
                days_left=days_left,
                km_left=km_left,
                overdue=(days_left is not None and days_left < 0)
                or (km_left is not None and km_left <= 0),
            )
        )
    # Overdue first, then the soonest by date, then by distance.
    due.sort(
        key=lambda d: (
            not d.overdue,
            d.days_left if d.days_left is not None else 10**6,
            d.km_left if d.km_left is not None else Decimal(10**8),
        )
    )
    window = f"the next {args.within_days} days or {distance(args.within_km, profile.units)}"
    if not due:
        summary = f"No maintenance is due in {window}."
    else:
        overdue = sum(d.overdue for d in due)
        head = f"{len(due)} item{'s' if len(due) != 1 else ''} due within {window}"
        head += f" ({overdue} overdue)" if overdue else ""
        summary = head + ": " + "; ".join(_describe(d, profile.units) for d in due) + "."
    return MaintenanceDueResult(summary=summary, due=due)


ACTIONS: list[Action] = [
    Action(
        name="maintenance_due",
        domain="wheels",
        args=MaintenanceDueArgs,
        fn=maintenance_due,
        description="List vehicle maintenance that is overdue or due soon, by date (default "
        "within 30 days) or by odometer (default within 1000 km).",
        writes=False,
    )
]
