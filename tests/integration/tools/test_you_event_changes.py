"""update_event and delete_event: changes, the end-after-start rule, unknown and other
users' ids, and approval."""

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
from tools.you.events import read_events

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))


async def call(db: UserDb, action: str, /, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[action], db, raw)


async def new_event(db: UserDb, **raw: Any) -> dict[str, Any]:
    out = await call(db, "create_event", **{"title": "Call Mum", **raw})
    assert out["ok"] is True
    event: dict[str, Any] = out["event"]
    return event


async def test_update_moves_the_event_and_keeps_other_fields(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        event = await new_event(
            db, start="2026-03-10T10:00", end="2026-03-10T10:30", location="Dubbo"
        )
        out = await call(
            db,
            "update_event",
            event_id=event["id"],
            start="2026-03-11T10:00",
            end="2026-03-11T11:00",
        )
        rows = await read_events(db)
    assert out["ok"] is True
    assert (
        out["summary"] == "Updated 'Call Mum': now on Wed 11 Mar at 10:00 am to 11:00 am at Dubbo."
    )
    assert out["ids"] == [event["id"]]
    assert out["ui_actions"][0]["type"] == "reload_calendar"
    assert rows == [
        {
            "id": event["id"],
            "title": "Call Mum",
            "start": "2026-03-11T10:00:00+11:00",
            "end": "2026-03-11T11:00:00+11:00",
            "all_day": False,
            "location": "Dubbo",
            "reminder_minutes": None,
        }
    ]


async def test_update_of_title_location_and_reminder_only(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        event = await new_event(db, start="2026-03-10T10:00", end="2026-03-10T10:30")
        out = await call(
            db,
            "update_event",
            event_id=event["id"],
            title="Call Dad 📞",
            location="Bourke",
            reminder_minutes=15,
        )
    assert out["event"]["title"] == "Call Dad 📞"
    assert out["event"]["location"] == "Bourke"
    assert out["event"]["reminder_minutes"] == 15
    assert out["event"]["start"] == event["start"]
    assert out["event"]["end"] == event["end"]
    # the reply says the reminder it set; a move alone (first test) does not mention one
    assert out["summary"].endswith("at Bourke, with a reminder 15 minutes before.")


async def test_a_start_after_the_old_end_is_refused_and_nothing_changes(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        event = await new_event(db, start="2026-03-10T10:00", end="2026-03-10T11:00")
        out = await call(
            db, "update_event", event_id=event["id"], start="2026-03-10T12:00", title="Moved"
        )
        rows = await read_events(db)
    assert out["ok"] is False
    assert "can't end" in out["summary"]
    assert rows[0]["title"] == "Call Mum"
    assert rows[0]["start"] == "2026-03-10T10:00:00+11:00"


async def test_an_end_before_the_start_is_refused(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        event = await new_event(db, start="2026-03-10T10:00")
        out = await call(db, "update_event", event_id=event["id"], end="2026-03-10T09:00")
        rows = await read_events(db)
    assert out["ok"] is False
    assert out["field"] == "end"
    assert rows[0]["end"] is None


async def test_a_date_only_start_makes_it_all_day_and_drops_the_old_end(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        event = await new_event(db, start="2026-03-10T10:00", end="2026-03-10T11:00")
        out = await call(db, "update_event", event_id=event["id"], start="2026-03-13")
        back = await call(db, "update_event", event_id=event["id"], start="2026-03-13T08:00")
        cur = await db.conn.execute("SELECT start_at FROM events WHERE id = %s", (event["id"],))
        row = await cur.fetchone()
    assert out["event"]["all_day"] is True
    assert out["event"]["start"] == "2026-03-13"
    assert out["event"]["end"] is None
    assert out["summary"] == "Updated 'Call Mum': now on Fri 13 Mar (all day)."
    assert back["event"]["all_day"] is False
    assert row is not None
    assert row["start_at"] == datetime(2026, 3, 12, 21, 0, tzinfo=UTC)


async def test_an_all_day_event_can_be_stretched_over_days(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        event = await new_event(db, title="Show", start="2026-03-12")
        out = await call(db, "update_event", event_id=event["id"], end="2026-03-14")
    assert out["event"]["start"] == "2026-03-12"
    assert out["event"]["end"] == "2026-03-14"
    assert out["summary"] == "Updated 'Show': now from Thu 12 Mar to Sat 14 Mar (all day)."


async def test_update_with_nothing_to_change_is_refused(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        event = await new_event(db, start="2026-03-10T10:00")
        out = await call(db, "update_event", event_id=event["id"])
        nulls = await call(db, "update_event", event_id=event["id"], title=None, start=None)
    for result in (out, nulls):
        assert result["ok"] is False
        assert "at least one of" in result["summary"]


@pytest.mark.parametrize(
    "raw",
    [
        {"title": ""},
        {"title": "x" * 201},
        {"start": "soon"},
        {"reminder_minutes": 50000},
        {"event_id": "not-a-uuid", "title": "x"},
        {"all_day": True},
    ],
)
async def test_bad_update_arguments_change_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any]
) -> None:
    async with scoped(user_id, now=NOW) as db:
        event = await new_event(db, start="2026-03-10T10:00")
        out = await call(db, "update_event", **{"event_id": event["id"], **raw})
        rows = await read_events(db)
    assert out["ok"] is False
    assert out["error"] == "invalid"
    assert rows == [event]


async def test_unknown_and_other_users_ids_are_not_found_and_untouched(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    other = uuid.uuid4()
    async with scoped(other, now=NOW) as db:
        theirs = await new_event(db, title="Theirs", start="2026-03-10T10:00")
    unknown = str(uuid.uuid4())
    async with scoped(user_id, now=NOW) as db:
        results = [
            await call(db, "update_event", event_id=unknown, title="Mine now"),
            await call(db, "update_event", event_id=theirs["id"], title="Mine now"),
            await call(db, "delete_event", event_id=unknown),
            await call(db, "delete_event", event_id=theirs["id"]),
        ]
    async with scoped(other, now=NOW) as db:
        rows = await read_events(db)
    assert [r["error"] for r in results] == ["not_found"] * 4
    assert results[0]["summary"] == f"I couldn't find event {unknown}."
    assert results[1]["summary"] == f"I couldn't find event {theirs['id']}."
    assert rows == [theirs]


async def test_delete_removes_the_event_and_needs_approval(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    approval = ACTION["delete_event"].needs_approval
    assert approval is not None
    assert approval({"event_id": str(uuid.uuid4())}) is True
    assert ACTION["update_event"].needs_approval is None
    async with scoped(user_id, now=NOW) as db:
        keep = await new_event(db, title="Keep", start="2026-03-11T10:00")
        event = await new_event(db, start="2026-03-10T10:00")
        out = await call(db, "delete_event", event_id=event["id"])
        again = await call(db, "delete_event", event_id=event["id"])
        rows = await read_events(db)
    assert out["ok"] is True
    assert "deleted" in out["summary"]
    assert out["summary"] == "I've deleted 'Call Mum' on Tue 10 Mar at 10:00 am."
    assert out["ids"] == [event["id"]]
    assert out["ui_actions"][0] == {
        "type": "reload_calendar",
        "entity_type": "event",
        "entity_id": event["id"],
        "entity_title": "Call Mum",
    }
    assert again["error"] == "not_found"
    assert rows == [keep]


async def test_delete_needs_an_event_id(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        missing = await call(db, "delete_event")
        nasty = await call(db, "delete_event", event_id="'); DROP TABLE events; --")
    assert missing["field"] == "event_id"
    assert nasty["ok"] is False
    assert nasty["field"] == "event_id"
