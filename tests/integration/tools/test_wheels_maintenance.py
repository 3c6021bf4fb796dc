"""log_maintenance (with its expense) and maintenance_due (by date and by odometer)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.format import day_label
from tools.run import call_action
from tools.wheels import maintenance
from tools.wheels.fuel import ACTIONS as FUEL_ACTIONS
from tools.wheels.maintenance import ACTIONS, TABLES
from tools.wheels.vehicles import ACTIONS as VEHICLE_ACTIONS

NOW = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)  # 10 March in Sydney
LOG, DUE, LOG_FUEL, ADD_VEHICLE = ACTIONS[0], ACTIONS[1], FUEL_ACTIONS[0], VEHICLE_ACTIONS[0]
READ_MAINTENANCE = TABLES[0].read


async def _call(
    scoped: ScopedDb, uid: uuid.UUID, action: Any = LOG, now: datetime = NOW, **args: Any
) -> dict[str, Any]:
    async with scoped(uid, now=now) as db:
        return await call_action(action, db, args)


async def _log(scoped: ScopedDb, uid: uuid.UUID, **args: Any) -> dict[str, Any]:
    result = await _call(scoped, uid, **args)
    assert result["ok"] is True, result
    return result


async def _rows(scoped: ScopedDb, uid: uuid.UUID) -> list[dict[str, Any]]:
    async with scoped(uid) as db:
        return await READ_MAINTENANCE(db)


async def _expenses(scoped: ScopedDb, uid: uuid.UUID) -> list[dict[str, Any]]:
    async with scoped(uid) as db:
        cur = await db.conn.execute(
            "SELECT id, amount, category, description, date FROM expenses WHERE user_id = %s",
            (uid,),
        )
        return await cur.fetchall()


async def test_a_cost_writes_a_linked_maintenance_expense(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await _call(scoped, user_id, ADD_VEHICLE, name="Troopy")
    result = await _log(
        scoped, user_id, item="Oil change", date="2026-03-02", odometer_km=150000, cost=289.5,
        next_due_km=160000, next_due_date="2026-09-02", notes="Penrite 15W-40",
    )  # fmt: skip
    record = result["maintenance"]
    [expense] = await _expenses(scoped, user_id)
    assert expense["amount"] == Decimal("289.50")
    assert expense["category"] == "maintenance"
    assert expense["description"] == "Oil change (Troopy)"
    assert str(expense["date"]) == "2026-03-02"
    assert record["expense_id"] == str(expense["id"])
    assert result["ids"] == [record["id"], str(expense["id"])]
    assert [u["type"] for u in result["ui_actions"]] == ["reload_vehicles", "reload_expenses"]
    # Days in the reply are short ("2 Mar"), with the year only outside the current one.
    done, due = (day_label(day, date.today()) for day in (date(2026, 3, 2), date(2026, 9, 2)))
    assert result["summary"] == (
        f"Logged Oil change (Troopy) on {done} at 150,000 km. $289.50 added as a maintenance"
        f" expense. Next due on {due} or at 160,000 km, whichever comes first."
    )
    assert await _rows(scoped, user_id) == [
        {"item": "Oil change", "date": "2026-03-02", "odometer_km": 150000.0, "cost": 289.5,
         "next_due_km": 160000.0, "next_due_date": "2026-09-02", "notes": "Penrite 15W-40",
         "vehicle": "Troopy", "id": record["id"]}
    ]  # fmt: skip


async def test_no_cost_means_no_expense(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await _log(scoped, user_id, item="Tyre rotation")
    assert result["maintenance"]["date"] == "2026-03-10"
    assert result["maintenance"]["vehicle"] is None
    assert result["maintenance"]["expense_id"] is None
    assert len(result["ids"]) == 1
    assert await _expenses(scoped, user_id) == []


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({}, "item"),
        ({"item": "  "}, "item"),
        ({"item": "x" * 201, "cost": 99}, "item"),
        ({"item": "Oil", "notes": "n" * 1001}, "notes"),
        ({"item": "Oil", "cost": 0}, "cost"),
        ({"item": "Oil", "cost": -80}, "cost"),
        ({"item": "Oil", "cost": "cheap"}, "cost"),
        ({"item": "Oil", "cost": 99, "date": "1850-06-01"}, "date"),
        ({"item": "Oil", "cost": 99, "date": "2026-03-11"}, "date"),
        ({"item": "Oil", "odometer_km": -10}, "odometer_km"),
        ({"item": "Oil", "date": "2026-03-01", "next_due_date": "2026-02-01"}, "next_due_date"),
        ({"item": "Oil", "cost": 99, "odometer_km": 150000, "next_due_km": 10000}, "next_due_km"),
        ({"item": "Oil", "cost": 99, "vehicle": "Batmobile"}, None),
        ({"item": "Oil", "cost": 99, "mechanic": "Bob"}, "mechanic"),
    ],
)
async def test_bad_input_is_rejected_and_writes_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, args: dict[str, Any], field: str | None
) -> None:
    result = await _call(scoped, user_id, **args)
    assert result["ok"] is False
    assert result["field"] == field
    assert await _rows(scoped, user_id) == []
    assert await _expenses(scoped, user_id) == []


async def test_next_due_km_explains_it_is_a_reading(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await _call(scoped, user_id, item="Oil", odometer_km=150000, next_due_km=10000)
    assert "odometer reading when it's due next (e.g. 160,000.0 km)" in result["summary"]


async def test_another_users_vehicle_is_not_found(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    other = uuid.uuid4()
    theirs = await _call(scoped, other, ADD_VEHICLE, name="Hilux")
    await _log(scoped, other, item="Brake pads", cost=400, vehicle="Hilux")
    result = await _call(scoped, user_id, item="Oil", cost=50, vehicle=theirs["vehicle"]["id"])
    assert result["error"] == "not_found"
    assert await _rows(scoped, user_id) == []
    [their_row] = await _rows(scoped, other)
    assert (their_row["item"], their_row["vehicle"], their_row["cost"]) == (
        "Brake pads", "Hilux", 400.0,
    )  # fmt: skip


async def test_failed_expense_leaves_no_record(
    scoped: ScopedDb, user_id: uuid.UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_expense(db: UserDb, **_kwargs: Any) -> uuid.UUID:
        await db.conn.execute(
            "INSERT INTO expenses (user_id, amount, category, date)"
            " VALUES (%s, 5, 'not-a-category', '2026-03-10')",
            (db.user_id,),
        )
        raise AssertionError("the insert above must fail")

    monkeypatch.setattr(maintenance, "insert_linked_expense", broken_expense)
    result = await _call(scoped, user_id, item="Oil change", cost=120)
    assert result["ok"] is False
    assert "expenses_category_check" in result["summary"]
    assert await _rows(scoped, user_id) == []
    assert await _expenses(scoped, user_id) == []


@pytest.mark.parametrize("text", ["'); DROP TABLE maintenance; --", "换机油 🛢️ service"])
async def test_odd_text_is_stored_verbatim(scoped: ScopedDb, user_id: uuid.UUID, text: str) -> None:
    await _log(scoped, user_id, item=text, notes=text, cost=10)
    [row] = await _rows(scoped, user_id)
    assert (row["item"], row["notes"]) == (text, text)
    [expense] = await _expenses(scoped, user_id)
    assert expense["description"] == text


# --- maintenance_due ---------------------------------------------------------------------


async def test_nothing_due(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    result = await _call(scoped, user_id, DUE)
    assert result["due"] == []
    assert result["summary"] == "No maintenance is due in the next 30 days or 1,000 km."


async def test_due_by_date_window_and_overdue(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _log(scoped, user_id, item="Rego", date="2025-03-01", next_due_date="2026-03-05")
    await _log(scoped, user_id, item="Gas check", date="2025-04-09", next_due_date="2026-04-09")
    await _log(scoped, user_id, item="Insurance", date="2025-04-10", next_due_date="2026-04-10")
    await _log(scoped, user_id, item="Wipers", date="2026-01-01")  # no due date at all
    result = await _call(scoped, user_id, DUE)
    assert [(d["item"], d["days_left"], d["overdue"]) for d in result["due"]] == [
        ("Rego", -5, True),
        ("Gas check", 30, False),  # exactly on the window's edge counts
    ]
    assert result["summary"] == (
        "2 items due within the next 30 days or 1,000 km (1 overdue): Rego: overdue since"
        " 2026-03-05; Gas check: due 2026-04-09 (in 30 days)."
    )
    wider = await _call(scoped, user_id, DUE, within_days=31)
    assert [d["item"] for d in wider["due"]] == ["Rego", "Gas check", "Insurance"]


async def test_due_by_km_uses_latest_odometer_from_fuel_and_service(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await _call(scoped, user_id, ADD_VEHICLE, name="Troopy")
    await _log(scoped, user_id, item="Oil change", date="2026-01-01", odometer_km=140000,
               next_due_km=150000)  # fmt: skip
    await _log(scoped, user_id, item="Timing belt", date="2026-01-02", odometer_km=140100,
               next_due_km=149500)  # fmt: skip
    await _log(scoped, user_id, item="Diff oil", date="2026-01-03", odometer_km=140200,
               next_due_km=151500)  # fmt: skip
    none_yet = await _call(scoped, user_id, DUE)
    assert none_yet["due"] == []
    fill = await _call(scoped, user_id, LOG_FUEL, litres=60, total_cost=120,
                       odometer_km=149800)  # fmt: skip
    assert fill["ok"] is True
    result = await _call(scoped, user_id, DUE)
    assert [
        (d["item"], d["vehicle"], Decimal(str(d["km_left"])), d["overdue"]) for d in result["due"]
    ] == [("Timing belt", "Troopy", Decimal("-300.0"), True),
          ("Oil change", "Troopy", Decimal("200.0"), False)]  # fmt: skip
    assert Decimal(str(result["due"][0]["current_odometer_km"])) == Decimal("149800.0")
    assert "Timing belt (Troopy): overdue by 300 km (was due at 149,500 km)" in result["summary"]
    assert "Oil change (Troopy): due at 150,000 km (200 km to go)" in result["summary"]
    closer = await _call(scoped, user_id, DUE, within_km=100)
    assert [d["item"] for d in closer["due"]] == ["Timing belt"]


async def test_later_service_supersedes_the_earlier_due(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await _log(scoped, user_id, item="Oil change", date="2025-09-01", next_due_date="2026-03-01")
    await _log(scoped, user_id, item="Brakes", date="2025-09-01", next_due_date="2026-03-15")
    await _log(scoped, user_id, item="OIL CHANGE", date="2026-03-02", next_due_date="2026-09-02")
    await _log(scoped, user_id, item="brakes", date="2026-03-03")  # done, nothing new set
    result = await _call(scoped, user_id, DUE)
    assert result["due"] == []


async def test_each_vehicle_has_its_own_items_and_odometer(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await _call(scoped, user_id, ADD_VEHICLE, name="Troopy")
    await _call(scoped, user_id, ADD_VEHICLE, name="Jayco")
    await _log(scoped, user_id, item="Bearings", vehicle="Jayco", odometer_km=20000,
               next_due_km=20500, date="2026-01-01")  # fmt: skip
    await _log(scoped, user_id, item="Bearings", vehicle="Troopy", odometer_km=200000,
               next_due_km=230000, date="2026-02-01")  # fmt: skip
    result = await _call(scoped, user_id, DUE)
    assert [(d["item"], d["vehicle"], Decimal(str(d["km_left"]))) for d in result["due"]] == [
        ("Bearings", "Jayco", Decimal("500.0"))
    ]


async def test_other_users_items_are_not_listed(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _log(scoped, uuid.uuid4(), item="Rego", date="2025-03-01", next_due_date="2026-03-05")
    assert (await _call(scoped, user_id, DUE))["due"] == []


async def test_due_window_follows_the_users_today(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _log(scoped, user_id, item="Rego", date="2025-03-01", next_due_date="2026-03-10")
    # 13:30 UTC on 9 March: already 10 March in Sydney, so the rego is due today, not tomorrow.
    late = datetime(2026, 3, 9, 13, 30, tzinfo=UTC)
    [item] = (await _call(scoped, user_id, DUE, now=late))["due"]
    assert (item["days_left"], item["overdue"]) == (0, False)
    summary = (await _call(scoped, user_id, DUE, now=late))["summary"]
    assert "Rego: due today (2026-03-10)" in summary


@pytest.mark.parametrize(
    "args", [{"within_days": -1}, {"within_km": -5}, {"within_km": "far"}, {"days": 3}]
)
async def test_due_bad_input(scoped: ScopedDb, user_id: uuid.UUID, args: dict[str, Any]) -> None:
    result = await _call(scoped, user_id, DUE, **args)
    assert result["ok"] is False
    assert result["error"] == "invalid"
