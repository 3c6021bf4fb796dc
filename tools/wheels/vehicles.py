"""Vehicles: add one, find the one a request means (by id, name or default), their rows,
the value types bounding a vehicle's figures, and fuel figures in the user's units
(storage stays metric, replies follow the profile).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, PlainSerializer

from tools.db.scope import Query, UserDb, locked_row, one_writer, set_columns
from tools.format import KM_PER_MILE, LITRES_PER_GALLON, money, volume
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction, not_found
from tools.values import Name, lenient_number


def _places(step: str) -> AfterValidator:
    """Round to the column's precision; a value that rounds to nothing is an error."""

    def rounded(value: Decimal) -> Decimal:
        value = value.quantize(Decimal(step))
        if value <= 0:
            raise ValueError(f"must be at least {step}")
        return value

    return AfterValidator(rounded)


Litres = Annotated[Decimal, Field(gt=0, le=2000, allow_inf_nan=False), _places("0.01")]
# The price's ceiling depends on the user's currency (fuel.price_ceiling): the schema only
# keeps out what no currency's pump shows.
PricePerLitre = Annotated[
    Decimal,
    Field(gt=0, le=100_000, allow_inf_nan=False),
    BeforeValidator(lenient_number),
    _places("0.001"),
]
Odometer = Annotated[
    Decimal,
    Field(ge=0, lt=10_000_000, allow_inf_nan=False),
    AfterValidator(lambda km: km.quantize(Decimal("0.1"))),
]
TankLitres = Annotated[Decimal, Field(gt=0, le=2000, allow_inf_nan=False), _places("0.01")]
Consumption = Annotated[Decimal, Field(gt=0, le=100, allow_inf_nan=False), _places("0.01")]

# Argument descriptions several wheels actions share.
VEHICLE = Field(
    default=None,
    description="The vehicle's name (list_vehicles shows them); omit for the default vehicle.",
    examples=["Troopy"],
)
ODOMETER = Field(default=None, description="Odometer reading in km.", examples=[152300])
DAY = Field(
    default=None, description="The day, YYYY-MM-DD; omit for today.", examples=["2026-03-09"]
)
START_DATE = Field(default=None, description="First day, YYYY-MM-DD.", examples=["2026-03-01"])
END_DATE = Field(
    default=None, description="Last day (included), YYYY-MM-DD.", examples=["2026-03-31"]
)


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


def vehicles_query(user_id: UUID) -> Query:
    """The user's vehicles, default first, then by name."""
    return (
        f"SELECT {VEHICLE_COLUMNS} FROM vehicles WHERE user_id = %s"
        " ORDER BY is_default DESC, lower(name), created_at",
        (user_id,),
    )


async def load_vehicles(db: UserDb) -> list[VehicleOut]:
    """The user's vehicles, default first, then by name."""
    cur = await db.conn.execute(*vehicles_query(db.user_id))
    return [VehicleOut(**row) for row in await cur.fetchall()]


def default_vehicle(vehicles: list[VehicleOut]) -> VehicleOut | None:
    return next((v for v in vehicles if v.is_default), None)


def json_value(value: Any) -> Any:
    """Decimal -> float, date/UUID -> str: fixture rows must be JSON-ready."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# L/100km -> US miles per gallon: 100 km / (L/100km) litres, converted both ways.
_MPG_FACTOR = Decimal(100) * LITRES_PER_GALLON / KM_PER_MILE


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def unit_price(price: Decimal, currency: str) -> str:
    """A price that may carry tenths of a cent (fuel is sold at $1.999/L): keep them."""
    exact = _round(price, "0.001")
    if exact == _round(exact, "0.01"):
        return money(exact, currency)
    # money() places the symbol or code; reuse its layout with three decimals.
    return money(1, currency).replace("1.00", f"{exact:,.3f}")


def price_per_volume(price_per_litre: Decimal, currency: str, units: str) -> str:
    if units == "imperial":
        return f"{unit_price(price_per_litre * LITRES_PER_GALLON, currency)}/gal"
    return f"{unit_price(price_per_litre, currency)}/L"


def economy(l_per_100km: Decimal, units: str) -> str:
    if units == "imperial":
        return f"{_round(_MPG_FACTOR / l_per_100km, '0.1')} mpg"
    return f"{_round(l_per_100km, '0.1')} L/100km"


def cost_per_distance(cost_per_km: Decimal, currency: str, units: str) -> str:
    if units == "imperial":
        return f"{unit_price(cost_per_km * KM_PER_MILE, currency)}/mi"
    return f"{unit_price(cost_per_km, currency)}/km"


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
        return default_vehicle(vehicles)
    wanted = vehicle.strip()
    try:
        by_id = UUID(wanted)
    except ValueError:
        found = _pick(vehicles, wanted) if wanted else None
        if found is None:
            raise unknown_vehicle(wanted, vehicles) from None
    else:
        found = next((v for v in vehicles if v.id == by_id), None)
    if found is None:
        raise not_found("vehicle", vehicle)
    return found


def unknown_vehicle(name: str, vehicles: list[VehicleOut]) -> ActionError:
    """No vehicle of that name: the error says which the user has (`choices`), so whoever
    asked can pick the one meant or ask which."""
    names = [v.name for v in vehicles]
    yours = f"yours: {', '.join(names)}." if names else "you have no vehicles yet."
    return ActionError(
        f"No vehicle called '{name}'; {yours}",
        code="not_found",
        subject="vehicle",
        choices=names,
    )


async def add_vehicle(db: UserDb, args: AddVehicleArgs) -> VehicleResult:
    if args.year is not None and args.year > local_today(db, await load_profile(db)).year + 1:
        raise ActionError(f"A {args.year} model year is in the future.", field="year")
    # Adds at once wait here, so the race's losers are told the name too, not the unique
    # index's "That already exists." (try18)
    await one_writer(db, "vehicles")
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
        ui_actions=[_vehicles_ui(vehicle)],
        vehicle=vehicle,
    )


def _vehicles_ui(vehicle: VehicleOut) -> UiAction:
    return UiAction(
        type="reload_vehicles",
        entity_type="vehicle",
        entity_id=str(vehicle.id),
        entity_title=vehicle.name,
    )


async def list_vehicles(db: UserDb, args: ListVehiclesArgs) -> VehicleListResult:
    vehicles = await load_vehicles(db)
    if not vehicles:
        summary = "You have no vehicles yet: add one with its name and fuel type."
    else:
        names = [v.describe() + (" — default" if v.is_default else "") for v in vehicles]
        summary = f"Your vehicles: {'; '.join(names)}."
    return VehicleListResult(summary=summary, vehicles=vehicles)


class UpdateVehicleArgs(Args):
    vehicle_id: UUID = Field(description="The vehicle's id.")
    name: Name | None = Field(default=None, description="What the user calls it, corrected.")
    make: Name | None = Field(default=None, description="Manufacturer, corrected.")
    model: Name | None = Field(default=None, description="Model, corrected.")
    year: int | None = Field(default=None, ge=1900, le=2100, description="Model year.")
    fuel_type: FuelType | None = Field(default=None, description="What it runs on.")
    tank_litres: TankLitres | None = Field(default=None, description="Tank size in litres.")
    consumption_l_per_100km: Consumption | None = Field(
        default=None, description="Fuel use in litres per 100 km."
    )
    is_default: Literal[True] | None = Field(
        default=None, description="true: make it the default vehicle (the one it was, no more)."
    )


async def update_vehicle(db: UserDb, args: UpdateVehicleArgs) -> VehicleResult:
    """A vehicle's details put right (try17: once added, nothing about a vehicle could be
    changed, and "it has a 180 litre tank" in chat added a second vehicle)."""
    changes = args.model_dump(exclude={"vehicle_id", "is_default"}, exclude_none=True)
    if not changes and args.is_default is None:
        raise ActionError(
            "Tell me what to change on the vehicle: its name, make, model, year, fuel type,"
            " tank size or consumption, or make it the default."
        )
    row = await locked_row(db, "vehicles", VEHICLE_COLUMNS, args.vehicle_id)
    if row is None:
        raise ActionError(
            f"I couldn't find vehicle {args.vehicle_id}.", code="not_found", field="vehicle_id"
        )
    before = VehicleOut(**row)
    if args.year is not None and args.year > local_today(db, await load_profile(db)).year + 1:
        raise ActionError(f"A {args.year} model year is in the future.", field="year")
    if args.name is not None:
        taken = await db.conn.execute(
            "SELECT name FROM vehicles WHERE user_id = %s AND lower(name) = lower(%s) AND id <> %s",
            (db.user_id, args.name, args.vehicle_id),
        )
        if other := await taken.fetchone():
            raise ActionError(
                f"You already have a vehicle called {other['name']}.",
                code="conflict",
                field="name",
            )
    if args.is_default and not before.is_default:
        await db.conn.execute(
            "UPDATE vehicles SET is_default = false WHERE user_id = %s AND is_default",
            (db.user_id,),
        )
        changes["is_default"] = True
    if changes:
        updated = await set_columns(db, "vehicles", changes, args.vehicle_id, VEHICLE_COLUMNS)
        vehicle = VehicleOut(**updated)
    else:
        vehicle = before
    if vehicle == before:
        return VehicleResult(
            summary=f"{vehicle.describe()} already reads so.", vehicle=vehicle, changed=False
        )
    default_note = " It's your default vehicle." if vehicle.is_default else ""
    units = (await load_profile(db)).units
    tank = f", a {volume(vehicle.tank_litres, units)} tank" if vehicle.tank_litres else ""
    return VehicleResult(
        summary=f"Updated {vehicle.describe()}{tank}.{default_note}",
        ids=[vehicle.id],
        ui_actions=[_vehicles_ui(vehicle)],
        vehicle=vehicle,
    )


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


# A REST route's (tools.registry.REST_ONLY_ACTIONS), not a tool: TOOLS.md's list is kept.
UPDATE_VEHICLE = Action(
    name="update_vehicle",
    domain="wheels",
    args=UpdateVehicleArgs,
    fn=update_vehicle,
    description="Correct a vehicle's name, make, model, year, fuel type, tank size or"
    " consumption, or make it the default.",
)


TABLES: list[Table] = [
    Table(name="vehicles", create="add_vehicle", read=read_vehicles),
]
