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
    origin: Title = Field(
        description="Starting town, or 'lat,lon'; the user's location when they say 'here'.",
        examples=["Dubbo"],
    )
    destination: Title = Field(description="Town to drive to, or 'lat,lon'.", examples=["Bourke"])
    stops: list[Title] | None = Field(
        default=None,
        max_length=MAX_STOPS,
        description="Towns to pass through, in order.",
        examples=[["Nyngan"]],
    )
    start_date: SaneDate | None = Field(
        default=None, description="Day they set off, YYYY-MM-DD.", examples=["2026-03-20"]
    )
    vehicle: Name | None = Field(
        default=None,
        description="Vehicle whose fuel use costs the trip; omit for the default.",
        examples=["Troopy"],
    )
    save: bool = Field(
        default=True,
        description="Keep the trip in the user's trips. false when they only ask how far,"
        " how long or what the fuel would cost (the figures are answered, nothing is saved);"
        " true (the default) when they ask to plan, save or add the trip.",
    )


class ListTripsArgs(Args):
    status: TripStatus | None = Field(default=None, description="Only trips in this state.")


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
    # None for a trip worked out but not saved (plan_trip with save=false).
    id: UUID | None
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
    saved: bool  # False when the user only asked (save=false): no trips row was written
    # What the fuel figures assume: the vehicle's consumption (or the default) and the
    # price per litre (recent fuel logs, or the default); None for an electric vehicle.
    consumption_l_per_100km: Decimal | None
    price_per_litre: Decimal | None
    assumptions: list[str]


class TripsResult(ActionResult):
    trips: list[TripOut]
