"""create_event and list_events against the real database: time zones, all-day events,
default windows around midnight, and bad input that writes nothing."""

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
SYDNEY = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=SYDNEY)  # Tue 10 Mar 2026, 9 am in Sydney
NASTY = "'); DROP TABLE events; --"
UNICODE = "露营地 🏕️ café"


async def call(db: UserDb, action: str, /, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[action], db, raw)


async def set_zone(db: UserDb, tz: str) -> None:
    await db.conn.execute(
        "INSERT INTO profiles (user_id, timezone) VALUES (%s, %s)", (db.user_id, tz)
    )


async def stored(db: UserDb, event_id: str) -> dict[str, Any]:
    cur = await db.conn.execute(
        "SELECT start_at, end_at, all_day FROM events WHERE id = %s", (event_id,)
    )
    row = await cur.fetchone()
    assert row is not None
    return row


async def count_events(db: UserDb) -> int:
    cur = await db.conn.execute("SELECT count(*) AS n FROM events")
    row = await cur.fetchone()
    assert row is not None
    return int(row["n"])


async def test_naive_start_is_the_users_zone_and_stored_in_utc(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "create_event", title="Call Mum", start="2026-03-10T10:00")
        row = await stored(db, out["event"]["id"])
        rows = await read_events(db)
    assert out["ok"] is True
    assert out["summary"] == "Added 'Call Mum' on Tue 10 Mar at 10:00 am."
    assert row["start_at"] == datetime(2026, 3, 9, 23, 0, tzinfo=UTC)
    assert row["end_at"] is None
    assert row["all_day"] is False
    assert out["ids"] == [out["event"]["id"]]
    assert out["ui_actions"] == [
        {
            "type": "reload_calendar",
            "entity_type": "event",
            "entity_id": out["event"]["id"],
            "entity_title": "Call Mum",
        }
    ]
    assert rows == [
        {
            "id": out["event"]["id"],
            "title": "Call Mum",
            "start": "2026-03-10T10:00:00+11:00",
            "end": None,
            "all_day": False,
            "location": None,
            "reminder_minutes": None,
        }
    ]


async def test_a_start_with_an_offset_is_kept_and_shown_in_the_users_zone(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(
            db,
            "create_event",
            title="Ferry",
            start="2026-03-10T10:00:00+08:00",
            end="2026-03-10T11:30:00+08:00",
            location="Fremantle",
            reminder_minutes=30,
        )
        row = await stored(db, out["event"]["id"])
    assert row["start_at"] == datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    assert out["summary"] == (
        "Added 'Ferry' on Tue 10 Mar at 1:00 pm to 2:30 pm, with a reminder 30 minutes before."
    )
    assert out["event"]["start"] == "2026-03-10T13:00:00+11:00"
    assert out["event"]["end"] == "2026-03-10T14:30:00+11:00"
    assert out["event"]["reminder_minutes"] == 30
    assert out["event"]["location"] == "Fremantle"


async def test_the_summary_says_when_the_reminder_comes(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        at = await call(
            db, "create_event", title="Call the bank", start="2026-03-11T16:00", reminder_minutes=0
        )
        hour = await call(
            db, "create_event", title="Dentist", start="2026-03-12T10:00", reminder_minutes=60
        )
        days = await call(
            db, "create_event", title="Rego", start="2026-03-20", reminder_minutes=2880
        )
    assert (
        at["summary"]
        == "Added 'Call the bank' on Wed 11 Mar at 4:00 pm, with a reminder at 4:00 pm."
    )
    assert hour["summary"] == (
        "Added 'Dentist' on Thu 12 Mar at 10:00 am, with a reminder 1 hour before."
    )
    assert days["summary"] == "Added 'Rego' on Fri 20 Mar (all day), with a reminder 2 days before."


async def test_a_perth_user_s_naive_time_is_perth_time(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await set_zone(db, "Australia/Perth")
        out = await call(db, "create_event", title="Vet", start="2026-03-10T10:00")
        row = await stored(db, out["event"]["id"])
    assert row["start_at"] == datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    assert out["event"]["start"] == "2026-03-10T10:00:00+08:00"
    assert out["summary"] == "Added 'Vet' on Tue 10 Mar at 10:00 am."


async def test_daylight_saving_ends_so_april_is_ten_hours_ahead(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "create_event", title="Market", start="2026-04-05T10:00")
        row = await stored(db, out["event"]["id"])
    assert row["start_at"] == datetime(2026, 4, 5, 0, 0, tzinfo=UTC)
    assert out["event"]["start"] == "2026-04-05T10:00:00+10:00"


async def test_noon_midnight_other_days_and_other_years_read_plainly(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        noon = await call(db, "create_event", title="Lunch", start="2026-03-10T12:00")
        midnight = await call(db, "create_event", title="New day", start="2026-03-11T00:00")
        overnight = await call(
            db, "create_event", title="Drive", start="2026-03-10T22:00", end="2026-03-11T09:05"
        )
        next_year = await call(db, "create_event", title="Rego", start="2027-03-10T09:00")
    assert noon["summary"] == "Added 'Lunch' on Tue 10 Mar at 12:00 pm."
    assert midnight["summary"] == "Added 'New day' on Wed 11 Mar at 12:00 am."
    assert overnight["summary"] == (
        "Added 'Drive' on Tue 10 Mar at 10:00 pm to Wed 11 Mar at 9:05 am."
    )
    assert next_year["summary"] == "Added 'Rego' on Wed 10 Mar 2027 at 9:00 am."


async def test_a_date_only_start_makes_an_all_day_event(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        one = await call(db, "create_event", title="Dubbo Show", start="2026-03-12")
        span = await call(
            db, "create_event", title="Parkes", start="2026-03-12", end="2026-03-14", all_day=True
        )
        row = await stored(db, span["event"]["id"])
        rows = await read_events(db)
    assert one["summary"] == "Added 'Dubbo Show' on Thu 12 Mar (all day)."
    assert one["event"]["all_day"] is True
    assert span["summary"] == "Added 'Parkes' from Thu 12 Mar to Sat 14 Mar (all day)."
    # Local midnight of the first day to local midnight after the last (exclusive).
    assert row["start_at"] == datetime(2026, 3, 11, 13, 0, tzinfo=UTC)
    assert row["end_at"] == datetime(2026, 3, 14, 13, 0, tzinfo=UTC)
    assert {(r["title"], r["start"], r["end"]) for r in rows} == {
        ("Dubbo Show", "2026-03-12", None),
        ("Parkes", "2026-03-12", "2026-03-14"),
    }


async def test_all_day_with_a_datetime_start_keeps_the_local_day(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(
            db, "create_event", title="Rest day", start="2026-03-12T15:00", all_day=True
        )
    assert out["event"]["start"] == "2026-03-12"
    assert out["summary"] == "Added 'Rest day' on Thu 12 Mar (all day)."


async def test_unicode_and_sql_text_are_stored_verbatim(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(
            db, "create_event", title=NASTY, start="2026-03-10T10:00", location=UNICODE
        )
        rows = await read_events(db)
    assert out["ok"] is True
    assert rows[0]["title"] == NASTY
    assert rows[0]["location"] == UNICODE


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"start": "2026-03-10T10:00"}, "title"),
        ({"title": "Call Mum"}, "start"),
        ({"title": "", "start": "2026-03-10T10:00"}, "title"),
        ({"title": "x" * 201, "start": "2026-03-10T10:00"}, "title"),
        ({"title": "Call Mum", "start": "next Tuesday"}, "start"),
        ({"title": "Call Mum", "start": 1773000000}, "start"),
        ({"title": "Call Mum", "start": "1850-03-10T10:00"}, "start"),
        ({"title": "Call Mum", "start": "2026-02-30"}, "start"),
        ({"title": "Call Mum", "start": "2026-03-10T10:00", "reminder_minutes": -1}, None),
        ({"title": "Call Mum", "start": "2026-03-10T10:00", "reminder_minutes": 40321}, None),
        ({"title": "Call Mum", "start": "2026-03-10T10:00", "location": "x" * 201}, "location"),
        ({"title": "Call Mum", "start": "2026-03-10T10:00", "colour": "red"}, "colour"),
    ],
)
async def test_bad_arguments_give_a_clear_error_and_write_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str | None
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call_action(ACTION["create_event"], db, raw)
        assert await count_events(db) == 0
    assert out["ok"] is False
    assert out["error"] == "invalid"
    assert out["summary"].startswith("Invalid arguments")
    if field is not None:
        assert out["field"] == field


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ({"start": "2026-03-10T10:00", "end": "2026-03-10T09:59"}, "can't end"),
        ({"start": "2026-03-12", "end": "2026-03-11"}, "can't end"),
        ({"start": "2026-03-12", "all_day": False}, "needs a time"),
        ({"start": "2026-03-10T10:00", "end": "2026-03-11"}, "needs a time"),
    ],
)
async def test_an_impossible_span_is_refused_and_nothing_is_written(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], says: str
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "create_event", title="Call Mum", **raw)
        assert await count_events(db) == 0
    assert out["ok"] is False
    assert says in out["summary"]


async def test_a_zero_length_event_and_the_reminder_limits_are_allowed(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        point = await call(
            db,
            "create_event",
            title="Alarm",
            start="2026-03-10T10:00",
            end="2026-03-10T10:00",
            reminder_minutes=0,
        )
        early = await call(
            db, "create_event", title="Rego", start="2026-04-10T10:00", reminder_minutes=40320
        )
    assert (
        point["summary"] == "Added 'Alarm' on Tue 10 Mar at 10:00 am, with a reminder at 10:00 am."
    )
    assert point["event"]["reminder_minutes"] == 0
    assert early["event"]["reminder_minutes"] == 40320
