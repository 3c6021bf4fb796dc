"""plan_trip's `save` (TOOLS.md): save=false answers the figures and writes no trips row;
save=true, and the default, write one trip with its stops."""

from __future__ import annotations

import uuid

from tests.conftest import ScopedDb
from tests.integration.tools.test_wheels_trips import A, B, C, trip_count
from tests.integration.tools.wheels_support import ok


async def test_save_false_answers_and_writes_no_trip(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await ok(scoped, user_id, "plan_trip", origin=A, destination=C, stops=[B], save=False)
    assert result["saved"] is False
    assert result["changed"] is False  # only asked (try15: it said true)
    assert result["ids"] == [] and result["ui_actions"] == []
    trip = result["trip"]
    assert trip["id"] is None
    assert [(leg["start"], leg["end"]) for leg in trip["legs"]] == [(A, B), (B, C)]
    assert float(trip["distance_km"]) == 278.0  # two legs of 139.0 km (1° × 1.25)
    assert "Not saved" in result["summary"] and not result["summary"].startswith("Planned")
    # No routing service here: a straight-line estimate is not called "by road".
    assert result["summary"].startswith(f"{A} → {C} via {B}: 278 km")
    assert "By road" not in result["summary"]
    assert await trip_count(scoped, user_id) == 0
    listed = await ok(scoped, user_id, "list_trips")
    assert listed["trips"] == []


async def test_save_true_writes_one_trip_with_the_same_figures(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    asked = await ok(scoped, user_id, "plan_trip", origin=A, destination=C, stops=[B], save=False)
    saved = await ok(scoped, user_id, "plan_trip", origin=A, destination=C, stops=[B], save=True)
    assert saved["saved"] is True and saved["ids"] == [saved["trip"]["id"]]
    assert saved["summary"].startswith("Planned")
    assert await trip_count(scoped, user_id) == 1 + 3  # one trips row, three trip_stops rows
    (listed,) = (await ok(scoped, user_id, "list_trips"))["trips"]
    assert listed["id"] == saved["trip"]["id"]
    # What the question answered is what the saved row reads back as.
    assert {**asked["trip"], "id": listed["id"]} == listed


async def test_save_defaults_to_true(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await ok(scoped, user_id, "plan_trip", origin=A, destination=B)
    assert result["saved"] is True
    assert await trip_count(scoped, user_id) == 1 + 2
