"""Maintenance records as actions return them, and the fixture reader over them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from tools.db.scope import UserDb
from tools.wheels.vehicle_models import Number, json_value

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
