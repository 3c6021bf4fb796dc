"""Maintenance: log a service or repair (with its expense when it cost something), and
what is due soon: the latest record of each (vehicle, item) against the date and
odometer.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints

from tools.db.scope import UserDb
from tools.format import day_label, distance, money
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction
from tools.values import Money, Name, SaneDate, Title
from tools.wheels.vehicles import (
    DAY,
    ODOMETER,
    VEHICLE,
    Number,
    Odometer,
    json_value,
    resolve_vehicle,
)
from tools.wins.expenses import insert_linked_expense

MAINTENANCE_SELECT = (
    "SELECT m.id, m.vehicle_id, v.name AS vehicle, m.expense_id, m.item, m.date,"
    " m.odometer_km, m.cost, m.next_due_km, m.next_due_date, m.notes"
    " FROM maintenance m LEFT JOIN vehicles v ON v.id = m.vehicle_id AND v.user_id = m.user_id"
)


class MaintenanceOut(BaseModel):
    id: UUID
    item: str
    date: dt.date
    vehicle: str | None = None
    vehicle_id: UUID | None = None
    expense_id: UUID | None = None
    odometer_km: Number | None = None
    cost: Number | None = None
    next_due_km: Number | None = None
    next_due_date: dt.date | None = None
    notes: str | None = None


async def load_maintenance(db: UserDb) -> list[MaintenanceOut]:
    """The user's maintenance records, oldest first."""
    cur = await db.conn.execute(
        MAINTENANCE_SELECT + " WHERE m.user_id = %s ORDER BY m.date, m.created_at",
        (db.user_id,),
    )
    return [MaintenanceOut(**row) for row in await cur.fetchall()]


async def read_maintenance(db: UserDb) -> list[dict[str, Any]]:
    """Fixture/final-state rows keyed by log_maintenance's argument names."""
    keys = (
        "item", "date", "odometer_km", "cost", "next_due_km", "next_due_date", "notes", "vehicle"
    )  # fmt: skip
    return [
        {key: json_value(getattr(record, key)) for key in keys} | {"id": str(record.id)}
        for record in await load_maintenance(db)
    ]


Notes = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class LogMaintenanceArgs(Args):
    item: Title = Field(description="The work done.", examples=["oil and filter change"])
    date: SaneDate | None = DAY
    odometer_km: Odometer | None = ODOMETER
    cost: Money | None = Field(
        default=None,
        description="What it cost (also logged as a maintenance expense).",
        examples=[180],
    )
    next_due_km: Odometer | None = Field(
        default=None, description="Odometer km when it is next due.", examples=[162300]
    )
    next_due_date: SaneDate | None = Field(
        default=None, description="Day it is next due, YYYY-MM-DD.", examples=["2026-09-01"]
    )
    notes: Notes | None = Field(default=None, description="Anything else.", examples=["Penrite"])
    vehicle: Name | None = VEHICLE


class LogMaintenanceResult(ActionResult):
    maintenance: MaintenanceOut


def _check(args: LogMaintenanceArgs, done_on: date, today: date) -> None:
    if done_on > today:
        raise ActionError(
            f"{done_on} is in the future; log work once it's done and use next_due_date "
            "on the last record to plan ahead.",
            field="date",
        )
    if args.next_due_date is not None and args.next_due_date <= done_on:
        raise ActionError(
            f"The next due date {args.next_due_date} must be after the service date {done_on}.",
            field="next_due_date",
        )
    if (
        args.next_due_km is not None
        and args.odometer_km is not None
        and args.next_due_km <= args.odometer_km
    ):
        raise ActionError(
            f"next_due_km is the odometer reading when it's due next (e.g. "
            f"{args.odometer_km + 10000:,} km), so it must be above {args.odometer_km:,} km.",
            field="next_due_km",
        )


async def log_maintenance(db: UserDb, args: LogMaintenanceArgs) -> LogMaintenanceResult:
    profile = await load_profile(db)
    today = local_today(db, profile)
    done_on = args.date or today
    _check(args, done_on, today)
    vehicle = await resolve_vehicle(db, args.vehicle)
    whose = f" ({vehicle.name})" if vehicle else ""
    # A nested savepoint keeps the record and its expense all-or-nothing even outside run_action.
    async with db.conn.transaction():
        cur = await db.conn.execute(
            "INSERT INTO maintenance (user_id, vehicle_id, item, date, odometer_km, cost,"
            " next_due_km, next_due_date, notes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING id",
            (db.user_id, vehicle.id if vehicle else None, args.item, done_on, args.odometer_km,
             args.cost, args.next_due_km, args.next_due_date, args.notes),
        )  # fmt: skip
        inserted = await cur.fetchone()
        assert inserted is not None
        expense_id = None
        if args.cost is not None:
            expense_id = await insert_linked_expense(
                db,
                amount=args.cost,
                category="maintenance",
                description=f"{args.item}{whose}",
                spent_on=done_on,
                currency=profile.currency,
            )
            await db.conn.execute(
                "UPDATE maintenance SET expense_id = %s WHERE id = %s AND user_id = %s",
                (expense_id, inserted["id"], db.user_id),
            )
    cur = await db.conn.execute(
        MAINTENANCE_SELECT + " WHERE m.id = %s AND m.user_id = %s", (inserted["id"], db.user_id)
    )
    record = MaintenanceOut(**(await cur.fetchone() or {}))

    units = profile.units
    summary = f"Logged {record.item}{whose} on {day_label(done_on, today)}"
    if record.odometer_km is not None:
        summary += f" at {distance(record.odometer_km, units)}"
    summary += "."
    if record.cost is not None:
        summary += f" {money(record.cost, profile.currency)} added as a maintenance expense."
    due = [f"on {day_label(record.next_due_date, today)}"] if record.next_due_date else []
    if record.next_due_km is not None:
        due.append(f"at {distance(record.next_due_km, units)}")
    if due:
        either = ", whichever comes first" if len(due) > 1 else ""
        summary += f" Next due {' or '.join(due)}{either}."
    ui_actions = [
        UiAction(type="reload_vehicles", entity_type="maintenance",
                 entity_id=str(record.id), entity_title=record.item),
    ]  # fmt: skip
    if expense_id is not None:
        ui_actions.append(
            UiAction(type="reload_expenses", entity_type="expense",
                     entity_id=str(expense_id), entity_title=record.item),
        )  # fmt: skip
    return LogMaintenanceResult(
        summary=summary,
        ids=[record.id] + ([expense_id] if expense_id else []),
        ui_actions=ui_actions,
        maintenance=record,
    )


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
        name="log_maintenance",
        domain="wheels",
        args=LogMaintenanceArgs,
        fn=log_maintenance,
        description="Log a vehicle service or repair (item, date, odometer, cost, when it is "
        "next due by date or km); a cost is also recorded as a maintenance expense.",
    ),
    Action(
        name="maintenance_due",
        domain="wheels",
        args=MaintenanceDueArgs,
        fn=maintenance_due,
        description="List vehicle maintenance that is overdue or due soon, by date (default "
        "within 30 days) or by odometer (default within 1000 km).",
        writes=False,
    ),
]


TABLES: list[Table] = [
    Table(name="maintenance", create="log_maintenance", read=read_maintenance),
]
