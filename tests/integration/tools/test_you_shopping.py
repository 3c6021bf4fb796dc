"""add_to_shopping_list and get_shopping_list: skipping what's already listed."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.run import call_action
from tools.you import ACTIONS, TABLES, shopping_fixture_args
from tools.you.shopping import read_shopping_list

ACTION = {a.name: a for a in ACTIONS}


async def call(db: UserDb, action: str, /, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[action], db, raw)


async def test_items_are_added_one_row_each(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id) as db:
        out = await call(db, "add_to_shopping_list", items=["Milk", "eggs", "  bread  "])
        rows = await read_shopping_list(db)
    assert out["summary"] == "Added Milk, eggs and bread to your shopping list."
    assert [i["name"] for i in out["added"]] == ["Milk", "eggs", "bread"]
    assert out["already_listed"] == []
    assert out["ids"] == [i["id"] for i in out["added"]]
    assert [a["entity_title"] for a in out["ui_actions"]] == ["Milk", "eggs", "bread"]
    assert {a["type"] for a in out["ui_actions"]} == {"reload_pantry"}
    assert rows == [
        {"id": out["added"][2]["id"], "name": "bread", "checked": False},
        {"id": out["added"][1]["id"], "name": "eggs", "checked": False},
        {"id": out["added"][0]["id"], "name": "Milk", "checked": False},
    ]


async def test_items_already_on_the_list_are_skipped_ignoring_case(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id) as db:
        await call(db, "add_to_shopping_list", items=["Milk"])
        out = await call(db, "add_to_shopping_list", items=["MILK", "Bread", "bread", "milk"])
        rows = await read_shopping_list(db)
    assert out["summary"] == "Added Bread to your shopping list. Already on your list: Milk."
    assert out["already_listed"] == ["Milk"]
    assert [i["name"] for i in out["added"]] == ["Bread"]
    assert len(out["ids"]) == 1
    assert sorted(r["name"] for r in rows) == ["Bread", "Milk"]


async def test_when_everything_is_listed_nothing_is_added(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id) as db:
        await call(db, "add_to_shopping_list", items=["milk", "eggs"])
        out = await call(db, "add_to_shopping_list", items=["Eggs", "MILK"])
        rows = await read_shopping_list(db)
    assert out["ok"] is True
    assert out["summary"] == "Already on your list: eggs and milk."
    assert out["ids"] == []
    assert out["ui_actions"] == []
    assert len(rows) == 2


async def test_a_ticked_off_item_can_be_added_again(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id) as db:
        await call(db, "add_to_shopping_list", items=["milk"])
        await db.conn.execute(
            "UPDATE shopping_list_items SET checked = true WHERE user_id = %s", (user_id,)
        )
        out = await call(db, "add_to_shopping_list", items=["milk"])
        listing = await call(db, "get_shopping_list")
    assert [i["name"] for i in out["added"]] == ["milk"]
    assert [(i["name"], i["checked"]) for i in listing["items"]] == [
        ("milk", False),
        ("milk", True),
    ]
    assert listing["summary"] == "On your shopping list: milk. (1 ticked off.)"


async def test_get_shopping_list_empty_and_all_ticked(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id) as db:
        empty = await call(db, "get_shopping_list")
        await call(db, "add_to_shopping_list", items=["milk", "eggs"])
        await db.conn.execute(
            "UPDATE shopping_list_items SET checked = true WHERE user_id = %s", (user_id,)
        )
        ticked = await call(db, "get_shopping_list")
        extra = await call(db, "get_shopping_list", store="Coles")
    assert empty["items"] == []
    assert empty["summary"] == "Your shopping list is empty."
    assert ticked["summary"] == "Everything on your shopping list is ticked off (2 items)."
    assert extra["ok"] is False
    assert extra["field"] == "store"


async def test_unicode_and_sql_items_are_stored_verbatim(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    nasty = "'); DROP TABLE shopping_list_items; --"
    async with scoped(user_id) as db:
        await call(db, "add_to_shopping_list", items=[nasty, "牛奶 🥛", "Crème fraîche"])
        again = await call(db, "add_to_shopping_list", items=["CRÈME FRAÎCHE"])
        rows = await read_shopping_list(db)
    assert {r["name"] for r in rows} == {nasty, "牛奶 🥛", "Crème fraîche"}
    assert again["already_listed"] == ["Crème fraîche"]


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"items": []},
        {"items": "milk"},
        {"items": ["milk", ""]},
        {"items": ["milk", "x" * 101]},
        {"items": ["milk", 3]},
        {"items": [f"item {n}" for n in range(51)]},
        {"items": ["milk"], "store": "Coles"},
    ],
)
async def test_bad_items_write_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any]
) -> None:
    async with scoped(user_id) as db:
        out = await call(db, "add_to_shopping_list", **raw)
        rows = await read_shopping_list(db)
    assert out["ok"] is False
    assert out["summary"].startswith("Invalid arguments")
    assert rows == []


async def test_fifty_items_is_the_limit(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id) as db:
        out = await call(db, "add_to_shopping_list", items=[f"item {n:02d}" for n in range(50)])
        rows = await read_shopping_list(db)
    assert len(out["added"]) == 50
    assert len(rows) == 50


async def test_other_users_lists_are_separate(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    other = uuid.uuid4()
    async with scoped(other) as db:
        await call(db, "add_to_shopping_list", items=["milk"])
    async with scoped(user_id) as db:
        out = await call(db, "add_to_shopping_list", items=["milk"])
        listing = await call(db, "get_shopping_list")
    assert [i["name"] for i in out["added"]] == ["milk"]
    assert len(listing["items"]) == 1


async def test_fixture_rows_of_either_shape_become_action_arguments(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    table = next(t for t in TABLES if t.name == "shopping_list")
    assert table.create == "add_to_shopping_list"
    async with scoped(user_id) as db:
        for row in ({"items": ["milk", "eggs"]}, {"name": "bread"}):
            out = await call_action(ACTION[table.create], db, shopping_fixture_args(row))
            assert out["ok"] is True
        rows = await table.read(db)
    assert sorted((r["name"], r["checked"]) for r in rows) == [
        ("bread", False),
        ("eggs", False),
        ("milk", False),
    ]
    assert all(set(r) == {"id", "name", "checked"} for r in rows)
