"""add_task, list_tasks and complete_task against the real database."""

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
from tools.you.tasks import read_tasks

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))
NASTY = "'); DROP TABLE tasks; --"
UNICODE = "换机油 🛢️ señal"


async def call(db: UserDb, action: str, /, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[action], db, raw)


async def new_task(db: UserDb, **raw: Any) -> dict[str, Any]:
    out = await call(db, "add_task", **raw)
    assert out["ok"] is True
    task: dict[str, Any] = out["task"]
    return task


async def test_add_task_defaults_to_normal_priority_and_open(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "add_task", title="Check tyre pressure")
        rows = await read_tasks(db)
    assert out["summary"] == "Added task 'Check tyre pressure'."
    assert out["task"]["priority"] == "normal"
    assert out["task"]["status"] == "open"
    assert out["task"]["completed_at"] is None
    assert out["ids"] == [out["task"]["id"]]
    assert out["ui_actions"] == [
        {
            "type": "reload_tasks",
            "entity_type": "task",
            "entity_id": out["task"]["id"],
            "entity_title": "Check tyre pressure",
        }
    ]
    assert rows == [
        {
            "id": out["task"]["id"],
            "title": "Check tyre pressure",
            "due_date": None,
            "priority": "normal",
            "status": "open",
        }
    ]


async def test_add_task_with_due_date_and_priority(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "add_task", title="Buy gas", due_date="2026-03-11", priority="High")
        leap = await call(db, "add_task", title="Leap", due_date="2028-02-29", priority="low")
    assert out["summary"] == "Added task 'Buy gas' (due Wed 11 Mar; high priority)."
    assert out["task"]["priority"] == "high"
    assert out["task"]["due_date"] == "2026-03-11"
    assert leap["summary"] == "Added task 'Leap' (due Tue 29 Feb 2028; low priority)."


async def test_unicode_and_sql_titles_are_stored_verbatim(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await new_task(db, title=NASTY)
        await new_task(db, title=UNICODE)
        rows = await read_tasks(db)
    assert sorted(r["title"] for r in rows) == sorted([NASTY, UNICODE])


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"title": ""},
        {"title": "   "},
        {"title": "x" * 201},
        {"title": 42},
        {"title": "Buy gas", "priority": "urgent"},
        {"title": "Buy gas", "due_date": "tomorrow"},
        {"title": "Buy gas", "due_date": "1850-01-01"},
        {"title": "Buy gas", "due_date": "2026-02-29"},
        {"title": "Buy gas", "status": "done"},
    ],
)
async def test_bad_task_arguments_write_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any]
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "add_task", **raw)
        rows = await read_tasks(db)
    assert out["ok"] is False
    assert out["summary"].startswith("Invalid arguments")
    assert rows == []


async def test_list_orders_by_due_date_then_priority(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        await new_task(db, title="A", due_date="2026-03-12", priority="low")
        await new_task(db, title="B", due_date="2026-03-11")
        await new_task(db, title="C", priority="high")
        await new_task(db, title="D", due_date="2026-03-11", priority="high")
        await new_task(db, title="E", priority="low")
        await new_task(db, title="F", due_date="2026-03-09")
        out = await call(db, "list_tasks")
    assert [t["title"] for t in out["tasks"]] == ["F", "D", "B", "A", "C", "E"]
    assert out["summary"] == (
        "You have 6 open tasks: 'F' (due Mon 9 Mar, overdue), 'D' (due Wed 11 Mar; high"
        " priority), 'B' (due Wed 11 Mar), 'A' (due Thu 12 Mar; low priority),"
        " 'C' (high priority), 'E' (low priority)."
    )
    assert out["ids"] == []


async def test_overdue_follows_the_users_today_around_midnight(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    # 00:30 on 10 Mar in Sydney: a task due 9 Mar is overdue, though UTC is still 9 Mar.
    async with scoped(user_id, now=datetime(2026, 3, 9, 13, 30, tzinfo=UTC)) as db:
        await new_task(db, title="Ring the mechanic", due_date="2026-03-09")
        out = await call(db, "list_tasks")
    assert "overdue" in out["summary"]


async def test_complete_task_sets_done_and_is_idempotent(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        task = await new_task(db, title="Empty the grey water")
        done = await call(db, "complete_task", task_id=task["id"])
        again = await call(db, "complete_task", task_id=task["id"])
        open_tasks = await call(db, "list_tasks")
        done_tasks = await call(db, "list_tasks", status="done")
        every = await call(db, "list_tasks", status="ALL")
    assert done["summary"] == "Marked 'Empty the grey water' as done."
    assert done["task"]["status"] == "done"
    assert datetime.fromisoformat(done["task"]["completed_at"]) == NOW
    assert done["ids"] == [task["id"]]
    assert done["ui_actions"][0]["type"] == "reload_tasks"
    assert again["ok"] is True
    assert again["summary"] == "'Empty the grey water' is already done."
    assert again["task"]["completed_at"] == done["task"]["completed_at"]
    assert again["ids"] == []
    assert again["ui_actions"] == []
    assert open_tasks["tasks"] == []
    assert open_tasks["summary"] == "You have no open tasks."
    assert [t["id"] for t in done_tasks["tasks"]] == [task["id"]]
    assert done_tasks["summary"] == "You have 1 done task: 'Empty the grey water'."
    assert len(every["tasks"]) == 1


async def test_complete_unknown_or_other_users_task_is_not_found(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    other = uuid.uuid4()
    async with scoped(other, now=NOW) as db:
        theirs = await new_task(db, title="Theirs")
    unknown = str(uuid.uuid4())
    async with scoped(user_id, now=NOW) as db:
        missing = await call(db, "complete_task", task_id=unknown)
        stolen = await call(db, "complete_task", task_id=theirs["id"])
        bad = await call(db, "complete_task", task_id="1234")
        none = await call(db, "complete_task")
    async with scoped(other, now=NOW) as db:
        rows = await read_tasks(db)
    assert missing["error"] == "not_found"
    assert missing["summary"] == f"I couldn't find task {unknown}."
    assert stolen["error"] == "not_found"
    assert stolen["summary"] == f"I couldn't find task {theirs['id']}."
    assert bad["error"] == "invalid"
    assert bad["field"] == "task_id"
    assert none["field"] == "task_id"
    assert rows[0]["status"] == "open"


async def test_list_tasks_refuses_an_unknown_status(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "list_tasks", status="pending")
    assert out["ok"] is False
    assert out["field"] == "status"


async def test_a_long_task_list_is_shortened_in_the_summary(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        for n in range(11):
            await new_task(db, title=f"Task {n:02d}")
        out = await call(db, "list_tasks")
    assert len(out["tasks"]) == 11
    assert out["summary"].endswith(", and 1 more.")
    assert [t["title"] for t in out["tasks"]] == [f"Task {n:02d}" for n in range(11)]
