"""Delivering one reminder: to open sockets when any instance holds one, else into the
user's latest thread; once, however many times the job runs; never a stale one."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from server.jobs.deliver import Deliverer
from server.jobs.worker import ensure_job_schema
from tests.conftest import ScopedDb
from tools.db.pool import Pool
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action


class Sockets:
    """A push that reaches `instances` instances, recording what it pushed."""

    def __init__(self, instances: int) -> None:
        self.instances = instances
        self.frames: list[dict[str, Any]] = []

    async def __call__(self, user_id: uuid.UUID, frame: dict[str, Any]) -> int:
        self.frames.append(frame)
        return self.instances


async def reminder_of(scoped: ScopedDb, user: uuid.UUID) -> dict[str, Any]:
    async with scoped(user) as db:
        cur = await db.conn.execute("SELECT id, due_at, status, delivery FROM reminders")
        row = await cur.fetchone()
    assert row is not None
    return row


async def soon_event(scoped: ScopedDb, user: uuid.UUID, title: str) -> str:
    start = (datetime.now(UTC) + timedelta(minutes=45)).isoformat()
    async with scoped(user) as db:
        made = await run_action(
            ACTIONS_BY_NAME["create_event"],
            db,
            {"title": title, "start": start, "reminder_minutes": 30, "location": "Broome"},
        )
    return str(made.ids[0])


async def test_a_reminder_goes_to_open_sockets_once(
    pool: Pool, scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    event_id = await soon_event(scoped, user_id, "Ferry")
    row = await reminder_of(scoped, user_id)
    sockets = Sockets(instances=2)
    deliver = Deliverer(pool, sockets)
    due = row["due_at"].isoformat()
    assert await deliver(row["id"], user_id, due) == "socket"
    assert await deliver(row["id"], user_id, due) == "stale"  # a retried job
    [frame] = sockets.frames
    assert frame["type"] == "reminder" and frame["kind"] == "event"
    assert (frame["title"], frame["entity_id"], frame["due_at"]) == ("Ferry", event_id, due)
    assert "Reminder: 'Ferry'" in frame["message"] and "at Broome" in frame["message"]
    assert (await reminder_of(scoped, user_id))["delivery"] == "socket"


async def test_with_no_socket_open_it_is_listed_in_the_latest_thread_once(
    pool: Pool, scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await soon_event(scoped, user_id, "Tyre fitting")
    row = await reminder_of(scoped, user_id)
    deliver = Deliverer(pool, Sockets(instances=0))
    # Two copies of the job at once: the row lock makes one wait, then find it delivered.
    outcomes = await asyncio.gather(
        deliver(row["id"], user_id, row["due_at"].isoformat()),
        deliver(row["id"], user_id, row["due_at"].isoformat()),
    )
    assert sorted(outcomes) == ["stale", "thread"]
    async with scoped(user_id) as db:
        cur = await db.conn.execute(
            "SELECT t.title, m.role, m.content, m.data FROM chat_messages m"
            " JOIN chat_threads t ON t.id = m.thread_id"
        )
        [message] = await cur.fetchall()
    assert (message["title"], message["role"]) == ("Reminders", "ai")
    assert message["content"].startswith("Reminder: 'Tyre fitting'")
    assert message["data"]["reminder"]["kind"] == "event"


async def test_a_job_for_a_moved_or_deleted_event_does_nothing(
    pool: Pool, scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    event_id = await soon_event(scoped, user_id, "Moved")
    old = await reminder_of(scoped, user_id)
    later = (datetime.now(UTC) + timedelta(hours=5)).isoformat()
    async with scoped(user_id) as db:
        await run_action(
            ACTIONS_BY_NAME["update_event"], db, {"event_id": event_id, "start": later}
        )
    sockets = Sockets(instances=1)
    deliver = Deliverer(pool, sockets)
    assert await deliver(old["id"], user_id, old["due_at"].isoformat()) == "stale"
    async with scoped(user_id) as db:
        await run_action(ACTIONS_BY_NAME["delete_event"], db, {"event_id": event_id})
    new_due = (old["due_at"] + timedelta(hours=5)).isoformat()
    assert await deliver(old["id"], user_id, new_due) == "stale"
    assert sockets.frames == []


async def test_the_job_schema_is_created_once_by_concurrent_starts(migrated_url: str) -> None:
    created = await asyncio.gather(*(ensure_job_schema(migrated_url) for _ in range(3)))
    assert created.count(True) <= 1
    assert await ensure_job_schema(migrated_url) is False
