"""Saved-place arguments and rows as save_place and find_places take and return them."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints

from tools.types import ActionResult, Args
from tools.values import Title

PlaceKind = Literal["campsite", "dump_point", "water", "fuel", "mechanic", "shop", "other"]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
MAX_RESULTS = 50
PLACE_COLUMNS = "id, user_id, name, location, kind, notes, rating, shared, lat, lon"


class SavePlaceArgs(Args):
    name: Title = Field(description="The place's name.", examples=["Lake Cargelligo camp"])
    location: Title = Field(
        description="Town it is in or near, or 'lat,lon'.", examples=["Lake Cargelligo"]
    )
    kind: PlaceKind = Field(description="What sort of place.")
    notes: Notes | None = Field(
        default=None, description="What to remember about it.", examples=["shady, dog friendly"]
    )
    rating: int | None = Field(default=None, ge=1, le=5, description="Stars, 1-5.")
    shared: bool = Field(
        default=False,
        description="True only when the user asks to share it with other travellers.",
    )


class FindPlacesArgs(Args):
    near: Title = Field(description="Town or 'lat,lon' to search around.", examples=["Cobar"])
    radius_km: float = Field(
        default=50,
        gt=0,
        le=2000,
        allow_inf_nan=False,
        description="Search radius in km.",
        examples=[50],
    )
    kind: PlaceKind | None = Field(default=None, description="Only this sort of place.")


class PlaceOut(BaseModel):
    id: UUID
    name: str
    location: str
    kind: PlaceKind
    notes: str | None
    rating: int | None
    shared: bool
    lat: float
    lon: float
    mine: bool  # False: shared by another traveller (who stays anonymous)
    distance_km: float | None = None


class SavePlaceResult(ActionResult):
    place: PlaceOut


class FindPlacesResult(ActionResult):
    near: str
    places: list[PlaceOut]
