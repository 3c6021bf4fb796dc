"""Vehicles: add one, and find the one a request means (by id, name or default)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import Field

from tools.db.scope import UserDb
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction, not_found
from tools.values import Name
from tools.wheels.vehicle_models import (
    VEHICLE_COLUMNS,
    FuelType,
    VehicleOut,
    json_value,
    load_vehicles,
)
from tools.wheels.vehicle_values import Consumption, TankLitres


class AddVehicleArgs(Args):
    name: Name = Field(
        description="What the user calls it; other tools name the vehicle by this.",
        examples=["Troopy"],
    )
    make: Name | None = Field(default=None, description="Manufacturer.", examples=["Toyota"])
    model: Name | None = Field(default=None, description="Model.", examples=["LandCruiser"])
    year: int | None = Field(default=None, ge=1900, le=2100, description="Model year.")
    fuel_type: FuelType | None = Field(default=None, description="What it runs on.")
    tank_litres: TankLitres | None = Field(
        default=None, description="Fuel tank size in litres.", examples=[90]
    )
    consumption_l_per_100km: Consumption | None = Field(
        default=None, description="Fuel use in litres per 100 km.", examples=[13.5]
    )


class ListVehiclesArgs(Args):
    """No arguments."""


class VehicleResult(ActionResult):
    vehicle: VehicleOut


class VehicleListResult(ActionResult):
    vehicles: list[VehicleOut]


def _pick(vehicles: list[VehicleOut], wanted: str) -> VehicleOut | None:
    """Exact name first, then a unique prefix, then a unique substring (all case-blind)."""
    key = wanted.casefold()
    for match in (
        lambda v: v.name.casefold() == key,
        lambda v: v.name.casefold().startswith(key),
        lambda v: key in v.name.casefold(),
    ):
        hits = [v for v in vehicles if match(v)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(v.name for v in hits)
            raise ActionError(
                f"'{wanted}' could mean several vehicles: {names}. Which one?", field="vehicle"
            )
    return None


async def resolve_vehicle(db: UserDb, vehicle: str | None) -> VehicleOut | None:
    """The vehicle a request names (UUID or name), or the default one when it names none.

    None only when no vehicle was named and the user has no default; an unknown name or
    id (another user's included) raises not_found.
    """
    vehicles = await load_vehicles(db)
    if vehicle is None:
        return next((v for v in vehicles if v.is_default), None)
    wanted = vehicle.strip()
    try:
        by_id = UUID(wanted)
    except ValueError:
        found = _pick(vehicles, wanted) if wanted else None
    else:
        found = next((v for v in vehicles if v.id == by_id), None)
    if found is None:
        raise not_found("vehicle", vehicle)
    return found


async def add_vehicle(db: UserDb, args: AddVehicleArgs) -> VehicleResult:
    if args.year is not None and args.year > local_today(db, await load_profile(db)).year + 1:
        raise ActionError(f"A {args.year} model year is in the future.", field="year")
    taken = await db.conn.execute(
        "SELECT name FROM vehicles WHERE user_id = %s AND lower(name) = lower(%s)",
        (db.user_id, args.name),
    )
    if row := await taken.fetchone():
        raise ActionError(
            f"You already have a vehicle called {row['name']}.", code="conflict", field="name"
        )
    # The first vehicle (or the first since the default was removed) becomes the default.
    cur = await db.conn.execute(
        "INSERT INTO vehicles (user_id, name, make, model, year, fuel_type, tank_litres,"
        " consumption_l_per_100km, is_default)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s,"
        " NOT EXISTS (SELECT 1 FROM vehicles WHERE user_id = %s AND is_default))"
        f" RETURNING {VEHICLE_COLUMNS}",
        (
            db.user_id,
            args.name,
            args.make,
            args.model,
            args.year,
            args.fuel_type,
            args.tank_litres,
            args.consumption_l_per_100km,
            db.user_id,
        ),
    )
    row = await cur.fetchone()
    assert row is not None
    vehicle = VehicleOut(**row)
    default_note = " It's your default vehicle." if vehicle.is_default else ""
    return VehicleResult(
        summary=f"Added {vehicle.describe()}.{default_note}",
        ids=[vehicle.id],
        ui_actions=[
            UiAction(
                type="reload_vehicles",
                entity_type="vehicle",
                entity_id=str(vehicle.id),
                entity_title=vehicle.name,
            )
        ],
        vehicle=vehicle,
    )


async def list_vehicles(db: UserDb, args: ListVehiclesArgs) -> VehicleListResult:
    vehicles = await load_vehicles(db)
    if not vehicles:
        summary = "You have no vehicles yet: add one with its name and fuel type."
    else:
        names = [v.describe() + (" — default" if v.is_default else "") for v in vehicles]
        summary = f"Your vehicles: {'; '.join(names)}."
    return VehicleListResult(summary=summary, vehicles=vehicles)


async def read_vehicles(db: UserDb) -> list[dict[str, Any]]:
    """Fixture/final-state rows keyed by add_vehicle's argument names."""
    fields = AddVehicleArgs.model_fields
    return [
        {key: json_value(value) for key, value in v.model_dump().items() if key in fields}
        | {"id": str(v.id)}
        for v in await load_vehicles(db)
    ]


ACTIONS: list[Action] = [
    Action(
        name="add_vehicle",
        domain="wheels",
        args=AddVehicleArgs,
        fn=add_vehicle,
        description="Add a vehicle (car, motorhome, tow vehicle) with its fuel type, tank "
        "size and fuel consumption; the first one becomes the default.",
    ),
    Action(
        name="list_vehicles",
        domain="wheels",
        args=ListVehiclesArgs,
        fn=list_vehicles,
        description="The user's vehicles by name, the default marked.",
        writes=False,
    ),
]

TABLES: list[Table] = [Table(name="vehicles", create="add_vehicle", read=read_vehicles)]
