"""add_vehicle and resolve_vehicle: defaults, duplicates, lookups by id/name, bad input."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tools.run import call_action
from tools.types import ActionError
from tools.wheels.vehicles import ACTIONS, TABLES, resolve_vehicle

NOW = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
ADD_VEHICLE = next(a for a in ACTIONS if a.name == "add_vehicle")
READ_VEHICLES = next(t for t in TABLES if t.name == "vehicles").read


async def _add(scoped: ScopedDb, uid: uuid.UUID, **args: Any) -> dict[str, Any]:
    async with scoped(uid, now=NOW) as db:
        return await call_action(ADD_VEHICLE, db, args)


async def _rows(scoped: ScopedDb, uid: uuid.UUID) -> list[dict[str, Any]]:
    async with scoped(uid, now=NOW) as db:
        return await READ_VEHICLES(db)


async def test_first_vehicle_is_default_and_later_ones_are_not(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    first = await _add(
        scoped, user_id, name="Troopy", make="Toyota", model="LandCruiser", year=2015,
        fuel_type="diesel", tank_litres=180, consumption_l_per_100km=13.5,
    )  # fmt: skip
    assert first["ok"] is True
    assert first["vehicle"]["is_default"] is True
    assert "Troopy (2015 Toyota LandCruiser, diesel)" in first["summary"]
    assert "default" in first["summary"]
    assert first["ui_actions"] == [
        {"type": "reload_vehicles", "entity_type": "vehicle",
         "entity_id": first["vehicle"]["id"], "entity_title": "Troopy"}
    ]  # fmt: skip
    assert first["ids"] == [first["vehicle"]["id"]]
    second = await _add(scoped, user_id, name="Tvan", fuel_type="petrol")
    assert second["vehicle"]["is_default"] is False
    assert "default" not in second["summary"]
    rows = await _rows(scoped, user_id)
    assert rows[0] == {
        "name": "Troopy", "make": "Toyota", "model": "LandCruiser", "year": 2015,
        "fuel_type": "diesel", "tank_litres": 180.0, "consumption_l_per_100km": 13.5,
        "id": first["vehicle"]["id"],
    }  # fmt: skip
    assert rows[1]["name"] == "Tvan"
    assert rows[1]["tank_litres"] is None


async def test_duplicate_name_is_a_conflict_ignoring_case(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await _add(scoped, user_id, name="Troopy")
    again = await _add(scoped, user_id, name="  TROOPY ", make="Toyota")
    assert again["ok"] is False
    assert again["error"] == "conflict"
    assert "already have a vehicle called Troopy" in again["summary"]
    assert len(await _rows(scoped, user_id)) == 1


async def test_other_users_may_reuse_a_name(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _add(scoped, uuid.uuid4(), name="Troopy")
    mine = await _add(scoped, user_id, name="Troopy")
    assert mine["ok"] is True
    assert mine["vehicle"]["is_default"] is True


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "V", "make": "m" * 101}, "make"),
        ({"name": "V", "fuel_type": "hydrogen"}, "fuel_type"),
        ({"name": "V", "year": 1850}, "year"),
        ({"name": "V", "year": "last year"}, "year"),
        ({"name": "V", "year": 2099}, "year"),
        ({"name": "V", "tank_litres": 0}, "tank_litres"),
        ({"name": "V", "tank_litres": 10000}, "tank_litres"),
        ({"name": "V", "tank_litres": "lots"}, "tank_litres"),
        ({"name": "V", "consumption_l_per_100km": -3}, "consumption_l_per_100km"),
        ({"name": "V", "consumption_l_per_100km": 250}, "consumption_l_per_100km"),
        ({"name": "V", "colour": "white"}, "colour"),
    ],
)
async def test_bad_input_is_rejected_and_writes_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, args: dict[str, Any], field: str
) -> None:
    result = await _add(scoped, user_id, **args)
    assert result["ok"] is False
    assert result["error"] == "invalid"
    assert result["field"] == field
    assert await _rows(scoped, user_id) == []


@pytest.mark.parametrize("name", ["'); DROP TABLE vehicles; --", "老爷车 🚐", 'Zoë\'s "Bus"'])
async def test_odd_names_are_stored_verbatim(
    scoped: ScopedDb, user_id: uuid.UUID, name: str
) -> None:
    result = await _add(scoped, user_id, name=name, make="丰田")
    assert result["ok"] is True
    rows = await _rows(scoped, user_id)
    assert [(r["name"], r["make"]) for r in rows] == [(name, "丰田")]
    async with scoped(user_id, now=NOW) as db:
        found = await resolve_vehicle(db, name.upper())
    assert found is not None
    assert found.name == name


async def test_resolve_vehicle_by_id_name_prefix_and_default(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    troopy = (await _add(scoped, user_id, name="Troopy"))["vehicle"]
    await _add(scoped, user_id, name="Jayco Caravan")
    await _add(scoped, user_id, name="Tvan")
    async with scoped(user_id, now=NOW) as db:
        assert (await resolve_vehicle(db, None)).name == "Troopy"  # type: ignore[union-attr]
        by_id = await resolve_vehicle(db, troopy["id"])
        assert by_id is not None
        assert by_id.name == "Troopy"
        assert by_id.is_default is True
        assert (await resolve_vehicle(db, "tvan")).name == "Tvan"  # type: ignore[union-attr]
        assert (await resolve_vehicle(db, "jay")).name == "Jayco Caravan"  # type: ignore[union-attr]
        assert (await resolve_vehicle(db, "caravan")).name == "Jayco Caravan"  # type: ignore[union-attr]
        with pytest.raises(ActionError, match="several vehicles: Troopy, Tvan"):
            await resolve_vehicle(db, "t")
        with pytest.raises(
            ActionError, match="No vehicle called 'Hilux'; yours: Troopy, Jayco Caravan, Tvan"
        ) as missing:
            await resolve_vehicle(db, "Hilux")
        assert missing.value.code == "not_found"
        assert missing.value.to_result()["choices"] == ["Troopy", "Jayco Caravan", "Tvan"]


async def test_another_users_vehicle_id_is_not_found(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    other = uuid.uuid4()
    theirs = (await _add(scoped, other, name="Hilux"))["vehicle"]
    await _add(scoped, user_id, name="Troopy")
    async with scoped(user_id, now=NOW) as db:
        for ident in (theirs["id"], str(uuid.uuid4()), "Hilux"):
            with pytest.raises(ActionError) as err:
                await resolve_vehicle(db, ident)
            assert err.value.code == "not_found"
    assert [r["name"] for r in await _rows(scoped, other)] == ["Hilux"]


async def test_resolve_vehicle_without_vehicles_is_none(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        assert await resolve_vehicle(db, None) is None
        with pytest.raises(ActionError, match="you have no vehicles yet") as missing:
            await resolve_vehicle(db, "Troopy")
        assert missing.value.to_result()["choices"] == []
