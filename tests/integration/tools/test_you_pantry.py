"""add_pantry_item and list_pantry: expiry windows from the user's today."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.run import call_action
from tools.you import ACTIONS
from tools.you.pantry import read_pantry

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))  # Tue 10 Mar


async def call(db: UserDb, action: str, /, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[action], db, raw)


async def stock(db: UserDb) -> None:
    rows: list[dict[str, Any]] = [
        {"name": "rice", "quantity": 2, "unit": "kg"},
        {"name": "cheese", "expiry_date": "2026-03-14"},
        {"name": "milk", "quantity": 1, "unit": "L", "expiry_date": "2026-03-09"},
        {"name": "eggs", "quantity": 6, "expiry_date": "2026-03-13"},
        {"name": "bread", "expiry_date": "2026-03-10"},
    ]
    for raw in rows:
        assert (await call(db, "add_pantry_item", **raw))["ok"] is True


async def test_add_pantry_item_stores_and_describes_it(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(
            db, "add_pantry_item", name="rice", quantity=2, unit="kg", expiry_date="2026-03-12"
        )
        rows = await read_pantry(db)
    assert out["summary"] == "Added 2 kg rice to the pantry (expires Thu 12 Mar)."
    assert out["item"]["quantity"] == 2.0
    assert out["item"]["expired"] is False
    assert out["ids"] == [out["item"]["id"]]
    assert out["ui_actions"] == [
        {
            "type": "reload_pantry",
            "entity_type": "pantry_item",
            "entity_id": out["item"]["id"],
            "entity_title": "rice",
        }
    ]
    assert rows == [
        {
            "id": out["item"]["id"],
            "name": "rice",
            "quantity": 2.0,
            "unit": "kg",
            "expiry_date": "2026-03-12",
        }
    ]


async def test_quantities_are_rounded_to_hundredths_and_read_plainly(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        third = await call(db, "add_pantry_item", name="flour", quantity="0.333", unit="kg")
        eggs = await call(db, "add_pantry_item", name="eggs", quantity=12)
        salt = await call(db, "add_pantry_item", name="salt", unit="g")
        old = await call(db, "add_pantry_item", name="yoghurt", expiry_date="2026-03-01")
    assert third["item"]["quantity"] == 0.33
    assert third["summary"] == "Added 0.33 kg flour to the pantry."
    assert eggs["summary"] == "Added 12 eggs to the pantry."
    assert salt["summary"] == "Added salt to the pantry."
    assert old["summary"] == "Added yoghurt to the pantry (expired Sun 1 Mar)."
    assert old["item"]["expired"] is True


async def test_unicode_and_sql_names_are_stored_verbatim(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    nasty = "'); DROP TABLE pantry_items; --"
    async with scoped(user_id, now=NOW) as db:
        await call(db, "add_pantry_item", name=nasty)
        await call(db, "add_pantry_item", name="豆腐 🍱", unit="块", quantity=1)
        rows = await read_pantry(db)
    assert {r["name"] for r in rows} == {nasty, "豆腐 🍱"}
    assert {r["unit"] for r in rows} == {None, "块"}


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"name": ""},
        {"name": "x" * 101},
        {"name": "rice", "quantity": 0},
        {"name": "rice", "quantity": -1},
        {"name": "rice", "quantity": "0.001"},
        {"name": "rice", "quantity": 1e9},
        {"name": "rice", "quantity": "lots"},
        {"name": "rice", "quantity": "NaN"},
        {"name": "rice", "unit": "x" * 21},
        {"name": "rice", "expiry_date": "1850-01-01"},
        {"name": "rice", "expiry_date": "soon"},
        {"name": "rice", "price": 3},
    ],
)
async def test_bad_pantry_arguments_write_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any]
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "add_pantry_item", **raw)
        rows = await read_pantry(db)
    assert out["ok"] is False
    assert out["summary"].startswith("Invalid arguments")
    assert rows == []


async def test_list_pantry_orders_by_expiry_with_undated_last(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await stock(db)
        out = await call(db, "list_pantry")
    assert [i["name"] for i in out["items"]] == ["milk", "bread", "eggs", "cheese", "rice"]
    assert [i["expired"] for i in out["items"]] == [True, False, False, False, False]
    assert out["summary"] == (
        "Your pantry has 5 items: 1 L milk (expired Mon 9 Mar), bread (expires Tue 10 Mar),"
        " 6 eggs (expires Fri 13 Mar), cheese (expires Sat 14 Mar), 2 kg rice."
    )


async def test_expiring_within_days_includes_expired_items(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await stock(db)
        three = await call(db, "list_pantry", expiring_within_days=3)
        today = await call(db, "list_pantry", expiring_within_days=0)
    assert [i["name"] for i in three["items"]] == ["milk", "bread", "eggs"]
    assert three["summary"] == (
        "Expiring within 3 days: 1 L milk (expired Mon 9 Mar), bread (expires Tue 10 Mar),"
        " 6 eggs (expires Fri 13 Mar)."
    )
    assert [i["name"] for i in today["items"]] == ["milk", "bread"]
    assert today["summary"].startswith("Expiring within 0 days:")


async def test_expiry_follows_the_users_today_around_midnight(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    # 00:30 on 10 Mar in Sydney is 9 Mar in London: milk dated 9 Mar is only expired in Sydney.
    just_after_midnight = datetime(2026, 3, 9, 13, 30, tzinfo=UTC)
    london = uuid.uuid4()
    async with scoped(user_id, now=just_after_midnight) as db:
        await call(db, "add_pantry_item", name="milk", expiry_date="2026-03-09")
        sydney_list = await call(db, "list_pantry", expiring_within_days=0)
    async with scoped(london, now=just_after_midnight) as db:
        await db.conn.execute(
            "INSERT INTO profiles (user_id, timezone) VALUES (%s, 'Europe/London')", (london,)
        )
        await call(db, "add_pantry_item", name="milk", expiry_date="2026-03-09")
        london_list = await call(db, "list_pantry", expiring_within_days=0)
    assert sydney_list["items"][0]["expired"] is True
    assert london_list["items"][0]["expired"] is False
    assert "expires Mon 9 Mar" in london_list["summary"]


async def test_empty_pantry_and_nothing_expiring(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        empty = await call(db, "list_pantry")
        await call(db, "add_pantry_item", name="rice")
        none_soon = await call(db, "list_pantry", expiring_within_days=1)
    assert empty["summary"] == "Your pantry is empty."
    assert none_soon["items"] == []
    assert none_soon["summary"] == "Nothing in your pantry expires within 1 day."


@pytest.mark.parametrize("days", [-1, 3651, "a week", 2.5])
async def test_list_pantry_refuses_bad_windows(
    scoped: ScopedDb, user_id: uuid.UUID, days: Any
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "list_pantry", expiring_within_days=days)
    assert out["ok"] is False
    assert out["field"] == "expiring_within_days"


async def test_other_users_pantry_is_not_listed(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    other = uuid.uuid4()
    async with scoped(other, now=NOW) as db:
        await call(db, "add_pantry_item", name="their rice")
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "list_pantry")
    assert out["items"] == []
