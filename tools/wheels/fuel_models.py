"""Fuel fills: log_fuel's arguments and result, the row model, and the shared queries."""

from __future__ import annotations

from datetime import date
from typing import Any, Self
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from tools.db.scope import UserDb
from tools.types import ActionResult, Args
from tools.values import Money, Name, SaneDate, Title
from tools.wheels.vehicle_models import Number, json_value
from tools.wheels.vehicle_values import DAY, ODOMETER, VEHICLE, Litres, Odometer, PricePerLitre

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
