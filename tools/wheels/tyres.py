"""Tyre pressures per vehicle: log a reading, read them back, in the user's units.

Stored in kPa whatever unit was given; the reply and the read-back use the profile's
units (psi for imperial, kPa for metric). A reading more than 15 % below the vehicle's
last cold reading on any tyre is flagged (a slow leak, or a tyre aired down and not
pumped back up).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from tools.db.scope import UserDb
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction
from tools.values import Name, SaneDate, lenient_number
from tools.wheels.vehicles import DAY, VEHICLE, Number, json_value, resolve_vehicle

Unit = Literal["kpa", "psi", "bar"]
Tyre = Literal["front_left", "front_right", "rear_left", "rear_right", "spare"]
CORNERS: tuple[Tyre, ...] = ("front_left", "front_right", "rear_left", "rear_right")
TYRES: tuple[Tyre, ...] = (*CORNERS, "spare")
SHORT = {"front_left": "FL", "front_right": "FR", "rear_left": "RL", "rear_right": "RR"}
SHORT |= {"spare": "spare"}
KPA_PER = {"kpa": Decimal(1), "psi": Decimal("6.894757"), "bar": Decimal(100)}
# Bounds in kPa: a sand-driving 5 psi to a truck tyre's 160 psi.
LOWEST_KPA, HIGHEST_KPA = Decimal("34"), Decimal("1100")
LEAK_SHARE = Decimal("0.85")  # below 85 % of the last cold reading is flagged
DEFAULT_HISTORY, MOST_HISTORY = 10, 100

Pressure = Annotated[
    Decimal, Field(gt=0, le=2000, allow_inf_nan=False), BeforeValidator(lenient_number)
]


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _one_value_all_round(value: Any) -> Any:
    """`pressures: 36` is one value for every corner."""
    if isinstance(value, int | float | str | Decimal):
        return {"all_round": value}
    return value


class TyrePressures(Args):
    """The four corners and the spare; `all_round` fills every corner not given."""

    all_round: Pressure | None = Field(
        default=None, description="One value for all four corners.", examples=[36]
    )
    front_left: Pressure | None = None
    front_right: Pressure | None = None
    rear_left: Pressure | None = None
    rear_right: Pressure | None = None
    spare: Pressure | None = None

    @model_validator(mode="after")
    def _every_corner(self) -> TyrePressures:
        missing = [c for c in CORNERS if getattr(self, c) is None]
        if missing and self.all_round is None:
            raise ValueError(f"give all four corners or all_round ({', '.join(missing)} missing)")
        return self

    def corner(self, tyre: Tyre) -> Decimal | None:
        value: Decimal | None = getattr(self, tyre)
        return value if value is not None or tyre == "spare" else self.all_round


class LogTyrePressuresArgs(Args):
    pressures: Annotated[TyrePressures, BeforeValidator(_one_value_all_round)] = Field(
        description="Pressures by tyre (front_left, front_right, rear_left, rear_right, "
        "spare), or all_round for one value on every corner.",
        examples=[{"all_round": 36}, {"front_left": 38, "front_right": 38, "rear_left": 42,
                                      "rear_right": 42}],
    )  # fmt: skip
    unit: Annotated[Unit | None, BeforeValidator(_lower)] = Field(
        default=None,
        description="kpa, psi or bar; omit for the user's units (psi if imperial, else kPa).",
        examples=["psi"],
    )
    cold: bool = Field(default=False, description="Measured cold, before driving.")
    date: SaneDate | None = DAY
    vehicle: Name | None = VEHICLE


class TyreReadingOut(BaseModel):
    """One reading in the units named by `unit`."""

    id: UUID
    vehicle: str
    vehicle_id: UUID
    date: dt.date
    cold: bool
    unit: Unit
    front_left: Number
    front_right: Number
    rear_left: Number
    rear_right: Number
    spare: Number | None = None


class LogTyrePressuresResult(ActionResult):
    reading: TyreReadingOut
    flagged: list[Tyre] = Field(default_factory=list)


class TyrePressureHistoryArgs(Args):
    vehicle: Name | None = Field(
        default=None, description="The vehicle's name; omit for every vehicle.", examples=["Troopy"]
    )
    limit: int = Field(
        default=DEFAULT_HISTORY,
        ge=1,
        le=MOST_HISTORY,
        description="How many readings, newest first.",
    )


class TyrePressureHistoryResult(ActionResult):
    readings: list[TyreReadingOut]


def display_unit(units: str) -> Unit:
    return "psi" if units == "imperial" else "kpa"


def to_kpa(value: Decimal, unit: Unit) -> Decimal:
    return (value * KPA_PER[unit]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def from_kpa(kpa: Decimal, unit: Unit) -> Decimal:
    """Whole kPa, psi to the half (gauges read that finely), bar to two places."""
    value = kpa / KPA_PER[unit]
    if unit == "psi":
        return (value * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2
    step = Decimal("0.01") if unit == "bar" else Decimal(1)
    return value.quantize(step, rounding=ROUND_HALF_UP)


def shown(value: Decimal, unit: Unit) -> str:
    text = f"{value.normalize():f}"
    return f"{text} {'kPa' if unit == 'kpa' else unit}"


_SELECT = (
    "SELECT t.id, t.vehicle_id, v.name AS vehicle, t.date, t.cold, t.front_left_kpa,"
    " t.front_right_kpa, t.rear_left_kpa, t.rear_right_kpa, t.spare_kpa"
    " FROM tyre_pressures t JOIN vehicles v ON v.id = t.vehicle_id AND v.user_id = t.user_id"
)


def _reading(row: dict[str, Any], unit: Unit) -> TyreReadingOut:
    values = {
        tyre: from_kpa(row[f"{tyre}_kpa"], unit) for tyre in TYRES if row[f"{tyre}_kpa"] is not None
    }
    fixed = {k: row[k] for k in ("id", "vehicle", "vehicle_id", "date", "cold")}
    return TyreReadingOut(**fixed, unit=unit, **values)


def _tyres(reading: TyreReadingOut) -> str:
    return " ".join(
        f"{SHORT[t]} {shown(getattr(reading, t), reading.unit).split()[0]}"
        for t in TYRES
        if getattr(reading, t) is not None
    )


def _line(reading: TyreReadingOut) -> str:
    cold = ", cold" if reading.cold else ""
    return f"{reading.date.day} {reading.date:%b}{cold}: {_tyres(reading)}"


async def _last_cold(db: UserDb, vehicle_id: UUID) -> dict[str, Any] | None:
    cur = await db.conn.execute(
        "SELECT * FROM tyre_pressures WHERE user_id = %s AND vehicle_id = %s AND cold"
        " ORDER BY date DESC, created_at DESC LIMIT 1",
        (db.user_id, vehicle_id),
    )
    return await cur.fetchone()


async def log_tyre_pressures(db: UserDb, args: LogTyrePressuresArgs) -> LogTyrePressuresResult:
    profile = await load_profile(db)
    today = local_today(db, profile)
    day = args.date or today
    if day > today:
        raise ActionError(f"{day} is in the future; log a reading once it's taken.", field="date")
    given = args.unit or display_unit(profile.units)
    kpa: dict[Tyre, Decimal | None] = {}
    for tyre in TYRES:
        value = args.pressures.corner(tyre)
        kpa[tyre] = None if value is None else to_kpa(value, given)
        if value is not None and not LOWEST_KPA <= to_kpa(value, given) <= HIGHEST_KPA:
            hint = " Did you mean bar?" if given != "bar" and value < 10 else ""
            raise ActionError(
                f"{shown(value, given)} is not a tyre pressure.{hint}", field="pressures"
            )
    vehicle = await resolve_vehicle(db, args.vehicle)
    if vehicle is None:
        raise ActionError(
            "Which vehicle? Add one first, or name it.", field="vehicle", subject="vehicle"
        )
    before = await _last_cold(db, vehicle.id)
    cur = await db.conn.execute(
        "INSERT INTO tyre_pressures (user_id, vehicle_id, date, cold, front_left_kpa,"
        " front_right_kpa, rear_left_kpa, rear_right_kpa, spare_kpa)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (db.user_id, vehicle.id, day, args.cold, *(kpa[t] for t in TYRES)),
    )
    inserted = await cur.fetchone()
    assert inserted is not None
    cur = await db.conn.execute(_SELECT + " WHERE t.id = %s AND t.user_id = %s",
                                (inserted["id"], db.user_id))  # fmt: skip
    unit = display_unit(profile.units)
    row = await cur.fetchone() or {}
    reading = _reading(row, unit)
    flagged: list[Tyre] = [
        t
        for t in TYRES
        if before is not None
        and before[f"{t}_kpa"] is not None
        and (now := kpa[t]) is not None
        and now < before[f"{t}_kpa"] * LEAK_SHARE
    ]
    if given == unit:
        said = f"{_line(reading)} {shown_unit(unit)}"
    else:
        # told in another unit than the profile's: said back in the unit the user gave,
        # then in the profile's (the reading returned and the read-back stay in the latter)
        own = _reading(row, given)
        said = f"{_line(own)} {shown_unit(given)}; {_tyres(reading)} {shown_unit(unit)}"
    summary = f"Logged tyre pressures for {vehicle.name} ({said})."
    for tyre in flagged:
        last = from_kpa(before[f"{tyre}_kpa"], unit) if before else None
        summary += (
            f" {SHORT[tyre]} is {shown(getattr(reading, tyre), unit)}, more than 15 % below"
            f" its last cold reading ({shown(last, unit) if last else '?'}): check for a leak."
        )
    return LogTyrePressuresResult(
        summary=summary,
        ids=[reading.id],
        ui_actions=[UiAction(type="reload_vehicles", entity_type="tyre_pressures",
                             entity_id=str(reading.id), entity_title=vehicle.name)],
        reading=reading,
        flagged=flagged,
    )  # fmt: skip


def shown_unit(unit: Unit) -> str:
    return "kPa" if unit == "kpa" else unit


async def tyre_pressure_history(
    db: UserDb, args: TyrePressureHistoryArgs
) -> TyrePressureHistoryResult:
    profile = await load_profile(db)
    unit = display_unit(profile.units)
    vehicle = await resolve_vehicle(db, args.vehicle) if args.vehicle else None
    where, params = " WHERE t.user_id = %s", [db.user_id]
    if vehicle is not None:
        where += " AND t.vehicle_id = %s"
        params.append(vehicle.id)
    cur = await db.conn.execute(
        _SELECT + where + " ORDER BY t.date DESC, t.created_at DESC LIMIT %s",
        (*params, args.limit),
    )
    readings = [_reading(row, unit) for row in await cur.fetchall()]
    whose = f" for {vehicle.name}" if vehicle else ""
    if not readings:
        summary = f"No tyre pressures logged{whose} yet."
    else:
        lines = [_line(r) + ("" if vehicle else f" ({r.vehicle})") for r in readings]
        summary = (
            f"Tyre pressures{whose}, newest first ({shown_unit(unit)}): " + "; ".join(lines) + "."
        )
    return TyrePressureHistoryResult(
        summary=summary, ids=[r.id for r in readings], readings=readings
    )


async def read_tyre_pressures(db: UserDb) -> list[dict[str, Any]]:
    """Fixture/final-state rows keyed by log_tyre_pressures' argument names, in kPa."""
    cur = await db.conn.execute(
        _SELECT + " WHERE t.user_id = %s ORDER BY t.date, t.created_at", (db.user_id,)
    )
    rows = []
    for row in await cur.fetchall():
        pressures = {t: json_value(row[f"{t}_kpa"]) for t in TYRES if row[f"{t}_kpa"] is not None}
        rows.append(
            {"id": str(row["id"]), "pressures": pressures, "unit": "kpa", "cold": row["cold"],
             "date": json_value(row["date"]), "vehicle": row["vehicle"]}
        )  # fmt: skip
    return rows


ACTIONS: list[Action] = [
    Action(
        name="log_tyre_pressures",
        domain="wheels",
        args=LogTyrePressuresArgs,
        fn=log_tyre_pressures,
        description="Log a vehicle's tyre pressures (each corner and the spare, or one value "
        "all round), in kpa, psi or bar; flags a tyre well below its last cold reading.",
    ),
    Action(
        name="tyre_pressure_history",
        domain="wheels",
        args=TyrePressureHistoryArgs,
        fn=tyre_pressure_history,
        description="A vehicle's tyre pressure readings, newest first, in the user's units.",
        writes=False,
    ),
]

TABLES: list[Table] = [
    Table(name="tyre_pressures", create="log_tyre_pressures", read=read_tyre_pressures)
]
