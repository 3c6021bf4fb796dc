"""save_place and find_places: resolution, sharing, distance order and bad input."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tests.integration.tools.wheels_support import call, execute, fetch, ok
from tools.geo.distance import great_circle_km
from tools.wheels.places import TABLES

READ_PLACES = {t.name: t for t in TABLES}["places"].read


async def place_count(scoped: ScopedDb, uid: uuid.UUID) -> int:
    rows = await fetch(scoped, uid, "SELECT count(*) AS n FROM places WHERE user_id = %s", uid)
    return int(rows[0]["n"])


async def test_save_place_at_a_town(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await ok(
        scoped, user_id, "save_place", name="Birdsville Caravan Park", location="birdsvile",
        kind="campsite", notes="Hot showers, dusty", rating=4,
    )  # fmt: skip
    place = result["place"]
    assert place["location"] == "Birdsville"
    assert (place["kind"], place["rating"], place["shared"], place["mine"]) == (
        "campsite",
        4,
        False,
        True,
    )
    assert -26.5 < place["lat"] < -25 and 138.5 < place["lon"] < 140
    assert result["ids"] == [place["id"]]
    assert result["ui_actions"] == [
        {
            "type": "open_map",
            "entity_type": "place",
            "entity_id": place["id"],
            "entity_title": "Birdsville Caravan Park",
        }
    ]
    assert "just for you" in result["summary"]
    async with scoped(user_id) as db:
        rows: list[dict[str, Any]] = await READ_PLACES(db)
    assert rows == [
        {
            "id": place["id"], "name": "Birdsville Caravan Park", "location": "Birdsville",
            "kind": "campsite", "notes": "Hot showers, dusty", "rating": 4, "shared": False,
        }
    ]  # fmt: skip


async def test_save_place_at_coordinates_keeps_them_as_typed(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    result = await ok(
        scoped,
        user_id,
        "save_place",
        name="Dump point",
        location="-25.9, 139.35",
        kind="dump_point",
        shared=True,
    )
    place = result["place"]
    assert (place["location"], place["lat"], place["lon"]) == ("-25.9, 139.35", -25.9, 139.35)
    assert place["shared"] is True
    assert "shared with other travellers" in result["summary"]


@pytest.mark.parametrize(
    ("name", "notes"),
    [
        ("'); DROP TABLE places; --", "Robert'); DELETE FROM places; --"),
        ("露营地 🏕️", "很好 👍 water tank 💧"),
    ],
)
async def test_text_is_stored_verbatim(
    scoped: ScopedDb, user_id: uuid.UUID, name: str, notes: str
) -> None:
    result = await ok(
        scoped, user_id, "save_place", name=name, location="Broome", kind="other", notes=notes
    )
    rows = await fetch(
        scoped,
        user_id,
        "SELECT name, notes FROM places WHERE id = %s",
        uuid.UUID(result["place"]["id"]),
    )
    assert rows == [{"name": name, "notes": notes}]


@pytest.mark.parametrize(
    ("raw", "field", "code"),
    [
        ({"location": "Broome", "kind": "campsite"}, "name", "invalid"),
        ({"name": "X", "kind": "campsite"}, "location", "invalid"),
        ({"name": "X", "location": "Broome"}, "kind", "invalid"),
        ({"name": "X", "location": "Broome", "kind": "pub"}, "kind", "invalid"),
        ({"name": "X", "location": "Broome", "kind": "water", "rating": 0}, "rating", "invalid"),
        ({"name": "X", "location": "Broome", "kind": "water", "rating": 6}, "rating", "invalid"),
        (
            {"name": "X", "location": "Broome", "kind": "water", "rating": "great"},
            "rating",
            "invalid",
        ),
        ({"name": "x" * 201, "location": "Broome", "kind": "water"}, "name", "invalid"),
        ({"name": "  ", "location": "Broome", "kind": "water"}, "name", "invalid"),
        (
            {"name": "X", "location": "Broome", "kind": "water", "notes": "n" * 1001},
            "notes",
            "invalid",
        ),
        (
            {"name": "X", "location": "Broome", "kind": "water", "shared": "maybe"},
            "shared",
            "invalid",
        ),
        (
            {"name": "X", "location": "Broome", "kind": "water", "user_id": "x"},
            "user_id",
            "invalid",
        ),
        ({"name": "X", "location": "95,200", "kind": "water"}, "location", "invalid"),
        ({"name": "X", "location": "Queensland", "kind": "water"}, "location", "invalid"),
    ],
)
async def test_save_place_refuses_bad_input(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str, code: str
) -> None:
    result = await call(scoped, user_id, "save_place", **raw)
    assert (result["ok"], result["error"], result["field"]) == (False, code, field), result
    assert await place_count(scoped, user_id) == 0


async def test_a_place_the_map_does_not_know_is_kept_without_a_point(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    result = await ok(
        scoped, user_id, "save_place", name="Zzyzx Qwerty camp", location="Zzyzx Qwerty",
        kind="campsite", rating=5,
    )  # fmt: skip
    place = result["place"]
    assert (place["location"], place["lat"], place["lon"]) == ("Zzyzx Qwerty", None, None)
    assert "couldn't find Zzyzx Qwerty on the map" in result["summary"]
    assert result["ui_actions"] == []  # nothing to show on a map
    async with scoped(user_id) as db:
        rows: list[dict[str, Any]] = await READ_PLACES(db)
    assert [(r["name"], r["rating"]) for r in rows] == [("Zzyzx Qwerty camp", 5)]
    # kept, but no search by distance finds a place with no point
    found = await ok(scoped, user_id, "find_places", near="Broome", radius_km=2000)
    assert [p for p in found["places"] if p["mine"]] == []


async def test_find_places_own_and_shared_nearest_first(scoped: ScopedDb) -> None:
    me, other = uuid.uuid4(), uuid.uuid4()
    await ok(scoped, me, "save_place", name="Far camp", location="-31.0,150.0", kind="campsite")
    await ok(scoped, me, "save_place", name="Near water", location="-30.1,150.0", kind="water")
    await ok(
        scoped,
        other,
        "save_place",
        name="Shared camp",
        location="-30.5,150.0",
        kind="campsite",
        shared=True,
    )
    await ok(
        scoped, other, "save_place", name="Private camp", location="-30.2,150.0", kind="campsite"
    )
    await ok(scoped, me, "save_place", name="Too far", location="-33.0,150.0", kind="campsite")
    found = await ok(scoped, me, "find_places", near="-30,150", radius_km=150)
    places = found["places"]
    assert [p["name"] for p in places] == ["Near water", "Shared camp", "Far camp"]
    assert [p["mine"] for p in places] == [True, False, True]
    for p in places:
        assert p["distance_km"] == pytest.approx(
            great_circle_km(-30, 150, p["lat"], p["lon"]), abs=0.06
        )
    assert places[0]["distance_km"] == pytest.approx(11.1, abs=0.05)
    assert "user_id" not in places[1]
    assert found["summary"].startswith(
        "3 places within 150 km of -30,150, nearest first: Near water (11 km)"
    )
    camps = await ok(scoped, me, "find_places", near="-30,150", radius_km=150, kind="campsite")
    assert [p["name"] for p in camps["places"]] == ["Shared camp", "Far camp"]
    # The other traveller sees only their own and shared ones: never my private places.
    # (Other tests' shared places may be in the shared test database: look at ours only.)
    theirs = await ok(scoped, other, "find_places", near="-30,150", radius_km=2000)
    names = {p["name"] for p in theirs["places"]}
    assert {"Shared camp", "Private camp"} <= names
    assert not names & {"Near water", "Far camp", "Too far"}


async def test_find_places_default_radius_and_empty_result(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await ok(
        scoped, user_id, "save_place", name="Croc pool", location="-30.6,150.0", kind="water"
    )  # ~67 km
    found = await ok(scoped, user_id, "find_places", near="-30,150")
    assert found["places"] == []
    assert found["summary"] == "No saved places within 50 km of -30,150."
    water = await ok(scoped, user_id, "find_places", near="-30,150", radius_km=70, kind="water")
    assert [p["name"] for p in water["places"]] == ["Croc pool"]
    assert water["summary"].startswith("1 water place within 70 km")  # was "1 water places"
    none = await ok(scoped, user_id, "find_places", near="-30,150", radius_km=10, kind="water")
    assert none["summary"] == "No saved water places within 10 km of -30,150."


async def test_find_places_near_a_town_in_imperial(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await execute(
        scoped, user_id, "INSERT INTO profiles (user_id, units) VALUES (%s, 'imperial')", user_id
    )
    await ok(scoped, user_id, "save_place", name="Opal shop", location="Coober Pedy", kind="shop")
    found = await ok(scoped, user_id, "find_places", near="coober pedie", radius_km=10)
    assert [p["name"] for p in found["places"]] == ["Opal shop"]
    assert found["near"] == "Coober Pedy"
    assert "within 6 miles of Coober Pedy" in found["summary"]


@pytest.mark.parametrize(
    ("raw", "field", "code"),
    [
        ({}, "near", "invalid"),
        ({"near": "Broome", "radius_km": 0}, "radius_km", "invalid"),
        ({"near": "Broome", "radius_km": -5}, "radius_km", "invalid"),
        ({"near": "Broome", "radius_km": 2001}, "radius_km", "invalid"),
        ({"near": "Broome", "radius_km": "nan"}, "radius_km", "invalid"),
        ({"near": "Broome", "kind": "pub"}, "kind", "invalid"),
        ({"near": "'); DROP TABLE places; --"}, "near", "not_found"),
    ],
)
async def test_find_places_refuses_bad_input(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str, code: str
) -> None:
    result = await call(scoped, user_id, "find_places", **raw)
    assert (result["ok"], result["error"], result["field"]) == (False, code, field), result


async def test_read_places_lists_only_own_places(scoped: ScopedDb) -> None:
    me, other = uuid.uuid4(), uuid.uuid4()
    await ok(
        scoped,
        other,
        "save_place",
        name="Their shared",
        location="Broome",
        kind="fuel",
        shared=True,
    )
    async with scoped(me) as db:
        assert await READ_PLACES(db) == []
