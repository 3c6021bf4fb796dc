"""Vehicle rows as actions return them, and the one query that loads them."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, PlainSerializer

from tools.db.scope import UserDb

# Figures stay Decimal in Python and read as plain numbers in JSON results.
Number = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]
FuelType = Literal["diesel", "petrol", "lpg", "electric"]

VEHICLE_COLUMNS = (
    "id, name, make, model, year, fuel_type, tank_litres, consumption_l_per_100km, is_default"
)


class VehicleOut(BaseModel):
    id: UUID
    name: str
    make: str | None = None
    model: str | None = None
    year: int | None = None
    fuel_type: FuelType | None = None
    tank_litres: Number | None = None
    consumption_l_per_100km: Number | None = None
    is_default: bool = False

    def describe(self) -> str:
        """'Troopy (2015 Toyota LandCruiser, diesel)' — the name plus what is known."""
        made = " ".join(str(p) for p in (self.year, self.make, self.model) if p)
        details = ", ".join(p for p in (made, self.fuel_type) if p)
        return f"{self.name} ({details})" if details else self.name


async def load_vehicles(db: UserDb) -> list[VehicleOut]:
    """The user's vehicles, default first, then by name."""
    cur = await db.conn.execute(
        f"SELECT {VEHICLE_COLUMNS} FROM vehicles WHERE user_id = %s"
        " ORDER BY is_default DESC, lower(name), created_at",
        (db.user_id,),
    )
    return [VehicleOut(**row) for row in await cur.fetchall()]


def json_value(value: Any) -> Any:
    """Decimal -> float, date/UUID -> str: fixture rows must be JSON-ready."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
