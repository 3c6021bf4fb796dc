"""The you domain's registry matches TOOLS.md, and every table reads back its fixtures."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.conftest import ScopedDb
from tools.run import call_action
from tools.you import ACTIONS, TABLES, shopping_fixture_args

# TOOLS.md, "You — personal organisation": tool -> argument names.
CONTRACT = {
    "create_event": {"title", "start", "end", "all_day", "location", "reminder_minutes"},
    "list_events": {"start_date", "end_date"},
    "update_event": {"event_id", "title", "start", "end", "location", "reminder_minutes"},
    "delete_event": {"event_id"},
    "add_task": {"title", "due_date", "priority"},
    "list_tasks": {"status"},
    "complete_task": {"task_id"},
    "add_pantry_item": {"name", "quantity", "unit", "expiry_date"},
    "list_pantry": {"expiring_within_days"},
    "add_to_shopping_list": {"items"},
    "get_shopping_list": set(),
    "update_profile": {
        "display_name",
        "home_base",
        "currency",
        "units",
        "timezone",
        "travel_style",
        "pets",
    },
    "remember": {"note"},
}
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))


def test_actions_match_the_tool_catalog() -> None:
    assert {a.name: set(a.args.model_fields) for a in ACTIONS} == CONTRACT
    assert all(a.domain == "you" and a.description for a in ACTIONS)
    assert [a.name for a in ACTIONS if a.needs_approval is not None] == ["delete_event"]


async def test_every_table_reads_back_a_fixture_row_by_its_argument_names(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    fixtures: dict[str, dict[str, Any]] = {
        "events": {"title": "Call Mum", "start": "2026-03-10T10:00:00+11:00", "all_day": False},
        "tasks": {"title": "Buy gas", "due_date": "2026-03-11", "priority": "high"},
        "pantry": {"name": "rice", "quantity": 2, "unit": "kg", "expiry_date": "2026-03-12"},
        "shopping_list": {"name": "milk"},
        "memories": {"note": "Allergic to peanuts"},
    }
    expected: dict[str, dict[str, Any]] = {
        "events": {"title": "Call Mum", "start": "2026-03-10T10:00:00+11:00", "all_day": False},
        "tasks": {
            "title": "Buy gas",
            "due_date": "2026-03-11",
            "priority": "high",
            "status": "open",
        },
        "pantry": {"name": "rice", "quantity": 2.0, "unit": "kg", "expiry_date": "2026-03-12"},
        "shopping_list": {"name": "milk", "checked": False},
        "memories": {"note": "Allergic to peanuts"},
    }
    actions = {a.name: a for a in ACTIONS}
    assert {t.name for t in TABLES} == set(fixtures)
    async with scoped(user_id, now=NOW) as db:
        for table in TABLES:
            raw = fixtures[table.name]
            if table.name == "shopping_list":
                raw = shopping_fixture_args(raw)
            out = await call_action(actions[table.create], db, raw)
            assert out["ok"] is True, out
            rows = await table.read(db)
            assert len(rows) == 1
            assert rows[0]["id"] == str(out["ids"][0])
            assert {k: rows[0][k] for k in expected[table.name]} == expected[table.name]
