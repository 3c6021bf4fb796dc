"""Wheels over REST, vehicles and their upkeep: vehicles, fuel logs and economy,
maintenance records and what is due, tyre pressures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from server.routes.rest.common import ActionDb, perform
from tools.types import Args
from tools.values import SaneDate
from tools.wheels import fuel, fuel_stats, maintenance, maintenance_due, tyres, vehicles
from tools.wheels.fuel_models import FuelLogOut, LogFuelArgs, LogFuelResult, load_fuel_logs
from tools.wheels.maintenance_models import MaintenanceOut, load_maintenance

router = APIRouter(prefix="/wheels", tags=["wheels"])


class FuelLogQuery(Args):
    start_date: SaneDate | None = None
    end_date: SaneDate | None = None


class FuelLogList(BaseModel):
    fuel_logs: list[FuelLogOut]


class MaintenanceList(BaseModel):
    maintenance: list[MaintenanceOut]


@router.get("/vehicles")
async def read_vehicles(db: ActionDb) -> vehicles.VehicleListResult:
    """The user's vehicles, the default first (the `list_vehicles` action)."""
    return await perform(db, vehicles.list_vehicles, vehicles.ListVehiclesArgs())


@router.post("/vehicles", status_code=201)
async def create_vehicle(body: vehicles.AddVehicleArgs, db: ActionDb) -> vehicles.VehicleResult:
    return await perform(db, vehicles.add_vehicle, body)


@router.post("/fuel-logs", status_code=201)
async def create_fuel_log(body: LogFuelArgs, db: ActionDb) -> LogFuelResult:
    """Writes the fill and its `fuel` expense together."""
    return await perform(db, fuel.log_fuel, body)


@router.get("/fuel-logs")
async def read_fuel_logs(query: Annotated[FuelLogQuery, Query()], db: ActionDb) -> FuelLogList:
    """The user's fills, oldest first, optionally between two dates."""
    logs = await load_fuel_logs(db, start=query.start_date, end=query.end_date)
    return FuelLogList(fuel_logs=logs)


@router.get("/fuel-stats")
async def read_fuel_stats(
    query: Annotated[fuel_stats.FuelStatsArgs, Query()], db: ActionDb
) -> fuel_stats.FuelStatsResult:
    return await perform(db, fuel_stats.fuel_stats, query)


@router.post("/maintenance", status_code=201)
async def create_maintenance(
    body: maintenance.LogMaintenanceArgs, db: ActionDb
) -> maintenance.LogMaintenanceResult:
    return await perform(db, maintenance.log_maintenance, body)


@router.get("/maintenance")
async def read_maintenance(db: ActionDb) -> MaintenanceList:
    """The user's maintenance records, oldest first."""
    return MaintenanceList(maintenance=await load_maintenance(db))


@router.get("/maintenance/due")
async def read_maintenance_due(
    query: Annotated[maintenance_due.MaintenanceDueArgs, Query()], db: ActionDb
) -> maintenance_due.MaintenanceDueResult:
    return await perform(db, maintenance_due.maintenance_due, query)


@router.post("/tyre-pressures", status_code=201)
async def create_tyre_pressures(
    body: tyres.LogTyrePressuresArgs, db: ActionDb
) -> tyres.LogTyrePressuresResult:
    """A reading in kpa, psi or bar (default: the user's units); answered in the user's."""
    return await perform(db, tyres.log_tyre_pressures, body)


@router.get("/tyre-pressures")
async def read_tyre_pressures(
    query: Annotated[tyres.TyrePressureHistoryArgs, Query()], db: ActionDb
) -> tyres.TyrePressureHistoryResult:
    """Readings newest first, in the user's units (the `tyre_pressure_history` action)."""
    return await perform(db, tyres.tyre_pressure_history, query)
