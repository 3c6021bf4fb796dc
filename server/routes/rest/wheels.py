"""Wheels over REST: vehicles, fuel, maintenance and tyre pressures; on the road, trips,
weather and saved places."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from server.routes.rest.common import ActionDb, perform, without
from tools.types import Args
from tools.values import SaneDate
from tools.wheels import fuel, fuel_stats, maintenance, places, trips, tyres, vehicles, weather
from tools.wheels.fuel import FuelLogOut, LogFuelArgs, LogFuelResult, load_fuel_logs
from tools.wheels.maintenance import MaintenanceOut, load_maintenance
from tools.wheels.places import (
    FindPlacesArgs,
    FindPlacesResult,
    SavePlaceArgs,
    SavePlaceResult,
)
from tools.wheels.trips import ListTripsArgs, PlanTripArgs, PlanTripResult, TripsResult

if TYPE_CHECKING:  # mypy knows the action's args; FastAPI gets them without `save`
    TripCreate = PlanTripArgs
    VehicleUpdate = vehicles.UpdateVehicleArgs
else:
    VehicleUpdate = without(vehicles.UpdateVehicleArgs, "vehicle_id", name="VehicleUpdate")
    # POST creates: the body has no `save` (sending one is a 422), so the action's
    # default, save=true, always writes the trip.
    TripCreate = without(PlanTripArgs, "save", name="TripCreate")

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


@router.patch("/vehicles/{vehicle_id}")
async def update_vehicle(
    vehicle_id: UUID, body: VehicleUpdate, db: ActionDb
) -> vehicles.VehicleResult:
    """A vehicle's details corrected, or it made the default. The REST route's only: the
    assistant has no tool for it."""
    return await perform(db, vehicles.update_vehicle, body, vehicle_id=vehicle_id)


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
    query: Annotated[maintenance.MaintenanceDueArgs, Query()], db: ActionDb
) -> maintenance.MaintenanceDueResult:
    return await perform(db, maintenance.maintenance_due, query)


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


@router.post("/trips", status_code=201)
async def create_trip(body: TripCreate, db: ActionDb) -> PlanTripResult:
    """Plan and save a trip: legs, distances, driving hours and fuel."""
    return await perform(db, trips.plan_trip, body)


@router.get("/trips")
async def read_trips(query: Annotated[ListTripsArgs, Query()], db: ActionDb) -> TripsResult:
    return await perform(db, trips.list_trips, query)


@router.get("/weather")
async def read_weather(
    query: Annotated[weather.WeatherForecastArgs, Query()], db: ActionDb
) -> weather.WeatherResult:
    """The forecast for a town or "lat,lon"; 503 when the weather service is down."""
    return await perform(db, weather.weather_forecast, query)


@router.post("/places", status_code=201)
async def create_place(body: SavePlaceArgs, db: ActionDb) -> SavePlaceResult:
    return await perform(db, places.save_place, body)


@router.get("/places")
async def read_places(query: Annotated[FindPlacesArgs, Query()], db: ActionDb) -> FindPlacesResult:
    """The user's places and those others shared, nearest to `near` first."""
    return await perform(db, places.find_places, query)
