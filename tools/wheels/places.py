"""Places travellers keep: save one (campsite, dump point, water...) and find them nearby."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints

from tools.db.scope import UserDb
from tools.format import counted, distance
from tools.geo.resolve import resolve_place
from tools.profile import load_profile
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction
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
    lat: float | None  # None: a place the map could not find (kept as said, no point)
    lon: float | None
    mine: bool  # False: shared by another traveller (who stays anonymous)
    distance_km: float | None = None


class SavePlaceResult(ActionResult):
    place: PlaceOut


class FindPlacesResult(ActionResult):
    near: str
    places: list[PlaceOut]


def _place(db: UserDb, row: dict[str, Any]) -> PlaceOut:
    return PlaceOut(
        **{k: v for k, v in row.items() if k != "user_id"}, mine=row["user_id"] == db.user_id
    )


def _point(location: str) -> tuple[str, float | None, float | None]:
    """Where a place is on the map, or no point when the map does not know the name: a
    traveller keeping a spot the gazetteer lacks ("Lake Ballard") still wants it kept."""
    try:
        spot = resolve_place(location, field="location")
    except ActionError as exc:
        if exc.code != "not_found":
            raise  # a whole state, a bad 'lat,lon': said back, nothing saved
        return location, None, None
    return spot.name, spot.lat, spot.lon


async def save_place(db: UserDb, args: SavePlaceArgs) -> SavePlaceResult:
    location, lat, lon = _point(args.location)
    cur = await db.conn.execute(
        "INSERT INTO places (user_id, name, location, kind, notes, rating, shared, lat, lon)"
        f" VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING {PLACE_COLUMNS}",
        (
            db.user_id,
            args.name,
            location,
            args.kind,
            args.notes,
            args.rating,
            args.shared,
            lat,
            lon,
        ),
    )
    row = await cur.fetchone()
    assert row is not None
    place = _place(db, row)
    who = "shared with other travellers" if place.shared else "just for you"
    unplaced = (
        f" I couldn't find {location} on the map, so it won't come up in searches near a town."
        if lat is None
        else ""
    )
    return SavePlaceResult(
        summary=f"Saved {place.name} ({place.kind.replace('_', ' ')}) near {location}, {who}."
        + unplaced,
        ids=[place.id],
        ui_actions=[
            UiAction(
                type="open_map",
                entity_type="place",
                entity_id=str(place.id),
                entity_title=place.name,
            )
        ]
        if lat is not None
        else [],  # no point to show on the map
        place=place,
    )


# Haversine in SQL (km, mean Earth radius): few enough rows that no spatial index is needed.
_DISTANCE_SQL = (
    "2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(lat - %(lat)s) / 2), 2)"
    " + cos(radians(%(lat)s)) * cos(radians(lat)) * power(sin(radians(lon - %(lon)s) / 2), 2))))"
)


async def find_places(db: UserDb, args: FindPlacesArgs) -> FindPlacesResult:
    near = resolve_place(args.near, field="near")
    label, lat, lon = near.name, near.lat, near.lon
    cur = await db.conn.execute(
        f"SELECT * FROM (SELECT {PLACE_COLUMNS}, {_DISTANCE_SQL} AS distance_km FROM places"
        " WHERE (user_id = %(me)s OR shared) AND (%(kind)s::text IS NULL OR kind = %(kind)s))"
        " AS p WHERE distance_km <= %(radius)s ORDER BY distance_km, name, id LIMIT %(limit)s",
        {
            "lat": lat,
            "lon": lon,
            "me": db.user_id,
            "kind": args.kind,
            "radius": args.radius_km,
            "limit": MAX_RESULTS,
        },
    )
    places = [_place(db, row) for row in await cur.fetchall()]
    for place in places:
        place.distance_km = round(place.distance_km or 0.0, 1)
    units = (await load_profile(db)).units
    what = args.kind.replace("_", " ") + " place" if args.kind else "place"
    within = f"within {distance(args.radius_km, units)} of {label}"
    if not places:
        summary = f"No saved {what}s {within}."
    else:
        nearest = ", ".join(f"{p.name} ({distance(p.distance_km or 0, units)})" for p in places[:5])
        summary = f"{counted(len(places), what)} {within}, nearest first: {nearest}."
    return FindPlacesResult(summary=summary, near=label, places=places)


async def read_places(db: UserDb) -> list[dict[str, Any]]:
    """The user's own places, keyed by save_place's argument names."""
    cur = await db.conn.execute(
        "SELECT id, name, location, kind, notes, rating, shared FROM places"
        " WHERE user_id = %s ORDER BY created_at, id",
        (db.user_id,),
    )
    return [{**row, "id": str(row["id"])} for row in await cur.fetchall()]


ACTIONS: list[Action] = [
    Action(
        name="save_place",
        domain="wheels",
        args=SavePlaceArgs,
        fn=save_place,
        description="Save a place (campsite, dump point, water, fuel, mechanic, shop, other)"
        " at a town or 'lat,lon', with notes, a 1-5 rating and optional sharing.",
    ),
    Action(
        name="find_places",
        domain="wheels",
        args=FindPlacesArgs,
        fn=find_places,
        description="Find saved places (the user's own and those others shared) near a town"
        " or 'lat,lon', nearest first, optionally of one kind.",
        writes=False,
    ),
]


TABLES: list[Table] = [
    Table(name="places", create="save_place", read=read_places),
]
