"""list_events: default window from the user's today, overlaps, order, zones."""

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

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))
# 00:30 on Tue 10 Mar in Sydney, still Mon 9 Mar (13:30) in UTC and London.
JUST_AFTER_MIDNIGHT = datetime(2026, 3, 9, 13, 30, tzinfo=UTC)


async def call(db: UserDb, action: str, /, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[action], db, raw)


async def set_zone(db: UserDb, tz: str) -> None:
    await db.conn.execute(
        "INSERT INTO profiles (user_id, timezone) VALUES (%s, %s)"
        " ON CONFLICT (user_id) DO UPDATE SET timezone = EXCLUDED.timezone",
        (db.user_id, tz),
    )


def titles(out: dict[str, Any]) -> list[str]:
    return [e["title"] for e in out["events"]]


async def add_edge_events(db: UserDb) -> None:
    for title, start in [
        ("Late Monday", "2026-03-09T23:30+11:00"),
        ("Early Tuesday", "2026-03-10T00:15+11:00"),
        ("Last minute of the window", "2026-03-17T23:59+11:00"),
        ("Just outside", "2026-03-18T00:00+11:00"),
    ]:
        out = await call(db, "create_event", title=title, start=start)
        assert out["ok"] is True


async def test_default_window_is_local_today_and_the_next_seven_days(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=JUST_AFTER_MIDNIGHT) as db:
        await add_edge_events(db)
        out = await call(db, "list_events")
    assert out["start_date"] == "2026-03-10"
    assert out["end_date"] == "2026-03-17"
    assert titles(out) == ["Early Tuesday", "Last minute of the window"]
    assert out["summary"] == (
        "You have 2 events from Tue 10 Mar to Tue 17 Mar: 'Early Tuesday' on Tue 10 Mar at"
        " 12:15 am; 'Last minute of the window' on Tue 17 Mar at 11:59 pm."
    )
    assert out["ids"] == []
    assert out["ui_actions"] == []


async def test_the_same_instant_is_still_monday_for_a_london_user(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=JUST_AFTER_MIDNIGHT) as db:
        await add_edge_events(db)
        await set_zone(db, "Europe/London")
        out = await call(db, "list_events")
    assert out["start_date"] == "2026-03-09"
    assert out["end_date"] == "2026-03-16"
    # 23:30 Sydney Monday is 12:30 pm Monday in London; 17 Mar 23:59 Sydney is 17 Mar there.
    assert titles(out) == ["Late Monday", "Early Tuesday"]
    assert "Mon 9 Mar at 12:30 pm" in out["summary"]


async def test_events_overlapping_the_window_are_included(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        for raw in [
            {"title": "Overnight", "start": "2026-03-09T22:00", "end": "2026-03-10T02:00"},
            {"title": "Ends at midnight", "start": "2026-03-09T20:00", "end": "2026-03-10T00:00"},
            {"title": "Festival", "start": "2026-03-08", "end": "2026-03-11"},
            {"title": "Yesterday", "start": "2026-03-09"},
            {"title": "Tomorrow", "start": "2026-03-11"},
            {"title": "Breakfast", "start": "2026-03-10T08:00"},
        ]:
            assert (await call(db, "create_event", **raw))["ok"] is True
        out = await call(db, "list_events", start_date="2026-03-10", end_date="2026-03-10")
    assert titles(out) == ["Festival", "Overnight", "Breakfast"]
    assert "'Festival' from Sun 8 Mar to Wed 11 Mar (all day)" in out["summary"]


async def test_an_all_day_event_keeps_its_day_after_moving_to_perth(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await call(db, "create_event", title="Dubbo Show", start="2026-03-12")
        await set_zone(db, "Australia/Perth")
        on_the_day = await call(db, "list_events", start_date="2026-03-12", end_date="2026-03-12")
        day_before = await call(db, "list_events", start_date="2026-03-11", end_date="2026-03-11")
    assert titles(on_the_day) == ["Dubbo Show"]
    assert on_the_day["events"][0]["start"] == "2026-03-12"
    assert titles(day_before) == []


async def test_no_events_says_so(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "list_events", start_date="2026-03-10")
    assert out["events"] == []
    assert out["end_date"] == "2026-03-17"
    assert out["summary"] == "Nothing on your calendar from Tue 10 Mar to Tue 17 Mar."


async def test_an_empty_single_day_is_named_once(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "list_events", start_date="2026-03-11", end_date="2026-03-11")
    assert out["summary"] == "Nothing on your calendar on Wed 11 Mar."


async def test_only_the_users_own_events_are_listed(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    other = uuid.uuid4()
    async with scoped(other, now=NOW) as db:
        await call(db, "create_event", title="Not yours", start="2026-03-10T10:00")
    async with scoped(user_id, now=NOW) as db:
        await call(db, "create_event", title="Yours", start="2026-03-10T11:00")
        out = await call(db, "list_events")
    assert titles(out) == ["Yours"]
    assert out["summary"].startswith("You have 1 event ")


async def test_a_long_list_is_shortened_in_the_summary(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        for hour in range(12):
            await call(
                db, "create_event", title=f"Slot {hour:02d}", start=f"2026-03-11T{hour:02d}:00"
            )
        out = await call(db, "list_events")
    assert len(out["events"]) == 12
    assert titles(out) == [f"Slot {h:02d}" for h in range(12)]
    assert out["summary"].endswith("; and 2 more.")


async def test_leap_day_window(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        await call(db, "create_event", title="Leap", start="2028-02-29T10:00")
        out = await call(db, "list_events", start_date="2028-02-29", end_date="2028-02-29")
    assert titles(out) == ["Leap"]
    assert "Tue 29 Feb 2028" in out["summary"]


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ({"start_date": "2026-03-10", "end_date": "2026-03-09"}, "is before start_date"),
        ({"start_date": "2026-01-01", "end_date": "2027-06-01"}, "at most 366 days"),
        ({"start_date": "yesterday"}, "Invalid arguments"),
        ({"start_date": "1850-01-01"}, "Invalid arguments"),
        ({"start_date": "2026-03-10T10:00"}, "Invalid arguments"),
        ({"limit": 5}, "not an argument"),
    ],
)
async def test_bad_windows_are_refused(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], says: str
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "list_events", **raw)
    assert out["ok"] is False
    assert says in out["summary"]
