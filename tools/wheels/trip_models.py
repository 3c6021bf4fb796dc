"""Trip arguments and rows as plan_trip and list_trips take and return them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from tools.geo.routing import DistanceSource
from tools.types import ActionResult, Args
from tools.values import Name, SaneDate, Title

TripStatus = Literal["planned", "active", "done"]
MAX_STOPS = 20


class PlanTripArgs(Args):
    origin: Title
    destination: Title
    stops: list[Title] | None = Field(default=None, max_length=MAX_STOPS)
    start_date: SaneDate | None = None
    vehicle: Name | None = None


class ListTripsArgs(Args):
    status: TripStatus | None = None


class PointOut(BaseModel):
    """A stop of the trip, origin and destination included, for the map."""

    name: str
    lat: float
    lon: float


class LegOut(BaseModel):
    start: str
    end: str
    distance_km: Decimal
    driving_hours: Decimal
    fuel_litres: Decimal | None = None
    fuel_cost: Decimal | None = None


class TripOut(BaseModel):
    id: UUID
    origin: str
    destination: str
    stops: list[str]
    start_date: date | None
    vehicle: str | None
    status: TripStatus
    distance_km: Decimal
    driving_hours: Decimal
    fuel_litres: Decimal | None
    fuel_cost: Decimal | None
    distance_source: DistanceSource
    legs: list[LegOut]
    points: list[PointOut]

    @property
    def title(self) -> str:
        return f"{self.origin} → {self.destination}"


class PlanTripResult(ActionResult):
    trip: TripOut
    # What the fuel figures assume: the vehicle's consumption (or the default) and the
    # price per litre (recent fuel logs, or the default); None for an electric vehicle.
    consumption_l_per_100km: Decimal | None
    price_per_litre: Decimal | None
    assumptions: list[str]


class TripsResult(ActionResult):
    trips: list[TripOut]
