"""Maintenance: log a service or repair (with its expense when it cost something)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from tools.db.scope import UserDb
from tools.format import distance, money
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction
from tools.values import Money, Name, SaneDate, Title
from tools.wheels.linked_expense import insert_linked_expense
from tools.wheels.maintenance_models import (
    MAINTENANCE_SELECT,
    MaintenanceOut,
    read_maintenance,
)
from tools.wheels.vehicle_values import DAY, ODOMETER, VEHICLE, Odometer
from tools.wheels.vehicles import resolve_vehicle

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
    summary = f"Logged {record.item}{whose} on {done_on}"
    if record.odometer_km is not None:
        summary += f" at {distance(record.odometer_km, units)}"
    summary += "."
    if record.cost is not None:
        summary += f" {money(record.cost, profile.currency)} added as a maintenance expense."
    due = [f"on {record.next_due_date}"] if record.next_due_date else []
    if record.next_due_km is not None:
        due.append(f"at {distance(record.next_due_km, units)}")
    if due:
        summary += f" Next due {' or '.join(due)}, whichever comes first."
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


ACTIONS: list[Action] = [
    Action(
        name="log_maintenance",
        domain="wheels",
        args=LogMaintenanceArgs,
        fn=log_maintenance,
        description="Log a vehicle service or repair (item, date, odometer, cost, when it is "
        "next due by date or km); a cost is also recorded as a maintenance expense.",
    )
]

TABLES: list[Table] = [Table(name="maintenance", create="log_maintenance", read=read_maintenance)]
