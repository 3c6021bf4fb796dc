"""The `reminders` outbox, filled by triggers as events and expenses change: scheduled,
moved, cancelled; budget alerts once per category per month; each user's own."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.conftest import ScopedDb
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action


async def act(scoped: ScopedDb, user: uuid.UUID, action: str, **args: Any) -> Any:
    async with scoped(user) as db:
        return await run_action(ACTIONS_BY_NAME[action], db, args)


async def reminders(scoped: ScopedDb, user: uuid.UUID) -> list[dict[str, Any]]:
    async with scoped(user) as db:
        cur = await db.conn.execute(
            "SELECT kind, entity_id, period, due_at, status FROM reminders ORDER BY created_at"
        )
        return await cur.fetchall()


def at(minutes: int) -> str:
    return (datetime.now(UTC) + timedelta(minutes=minutes)).isoformat()


async def test_an_event_reminder_is_scheduled_moved_and_cancelled(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    made = await act(
        scoped, user_id, "create_event", title="Vet", start=at(120), reminder_minutes=30
    )
    event_id = made.ids[0]
    [row] = await reminders(scoped, user_id)
    start = made.event.start
    assert (row["kind"], row["entity_id"], row["status"]) == ("event", event_id, "scheduled")
    assert row["due_at"] == start - timedelta(minutes=30)

    await act(scoped, user_id, "update_event", event_id=event_id, start=at(240))
    [moved] = await reminders(scoped, user_id)
    assert moved["due_at"] - row["due_at"] > timedelta(minutes=119)

    await act(scoped, user_id, "update_event", event_id=event_id, title="Vet (Rex)")
    assert (await reminders(scoped, user_id))[0]["due_at"] == moved["due_at"]  # unchanged

    await act(scoped, user_id, "delete_event", event_id=event_id)
    assert await reminders(scoped, user_id) == []


async def test_events_without_a_reminder_or_in_the_past_schedule_nothing(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await act(scoped, user_id, "create_event", title="No reminder", start=at(60))
    await act(scoped, user_id, "create_event", title="Gone", start=at(-60), reminder_minutes=5)
    assert await reminders(scoped, user_id) == []


async def test_a_budget_alert_is_queued_once_per_category_per_month(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await act(scoped, user_id, "set_budget", category="fuel", monthly_limit=100)
    await act(scoped, user_id, "add_expense", amount=50, category="fuel")
    await act(scoped, user_id, "add_expense", amount=20, category="food")
    assert await reminders(scoped, user_id) == []  # 50% of fuel; food has no budget
    for amount in (35, 40, 10):  # 85% (alert), 125%, 135%: still the one alert
        await act(scoped, user_id, "add_expense", amount=amount, category="fuel")
    [alert] = await reminders(scoped, user_id)
    assert (alert["kind"], alert["status"]) == ("budget", "scheduled")
    assert alert["period"] == date.today().strftime("%Y-%m")
    last_month = (date.today().replace(day=1) - timedelta(days=1)).isoformat()
    await act(scoped, user_id, "add_expense", amount=90, category="fuel", date=last_month)
    periods = sorted(r["period"] for r in await reminders(scoped, user_id))
    assert periods == sorted([alert["period"], last_month[:7]])


async def test_spending_in_another_currency_never_counts_toward_a_budget(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await act(scoped, user_id, "set_budget", category="fuel", monthly_limit=100)
    await act(scoped, user_id, "add_expense", amount=500, category="fuel", currency="NZD")
    assert await reminders(scoped, user_id) == []


async def test_reminders_are_each_users_own(scoped: ScopedDb) -> None:
    ann, bob = uuid.uuid4(), uuid.uuid4()
    await act(scoped, ann, "create_event", title="Ann's", start=at(90), reminder_minutes=10)
    assert len(await reminders(scoped, ann)) == 1
    assert await reminders(scoped, bob) == []
