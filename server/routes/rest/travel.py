"""Wheels over REST, on the road: trips, weather and saved places."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query

from server.routes.rest.common import ActionDb, perform, without
from tools.wheels import places, trips, weather
from tools.wheels.place_models import (
    FindPlacesArgs,
    FindPlacesResult,
    SavePlaceArgs,
    SavePlaceResult,
)
from tools.wheels.trip_models import ListTripsArgs, PlanTripArgs, PlanTripResult, TripsResult

if TYPE_CHECKING:  # mypy knows the action's args; FastAPI gets them without `save`
    TripCreate = PlanTripArgs
else:
    # POST creates: the body has no `save` (sending one is a 422), so the action's
    # default, save=true, always writes the trip.
    TripCreate = without(PlanTripArgs, "save", name="TripCreate")

router = APIRouter(prefix="/wheels", tags=["wheels"])


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
