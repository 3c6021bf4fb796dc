"""update_profile: the upsert, validation, and other actions honouring the new profile."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tools.db.scope import UserDb
from tools.format import money
from tools.profile import Profile, load_profile, local_today
from tools.run import call_action
from tools.you import ACTIONS

ACTION = {a.name: a for a in ACTIONS}
NOW = datetime(2026, 3, 9, 23, 0, tzinfo=UTC)  # 10 am Tue 10 Mar in Sydney


async def call(db: UserDb, action: str, /, **raw: Any) -> dict[str, Any]:
    return await call_action(ACTION[action], db, raw)


async def test_first_update_creates_the_profile_with_defaults_for_the_rest(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "update_profile", display_name="Robyn", pets="Kelpie named Red 🐕")
        profile = await load_profile(db)
    assert out["ok"] is True
    assert out["summary"] == "Updated your profile: name Robyn; pets Kelpie named Red 🐕."
    assert out["ids"] == [str(user_id)]
    assert out["ui_actions"] == [
        {
            "type": "reload_profile",
            "entity_type": "profile",
            "entity_id": str(user_id),
            "entity_title": "Robyn",
        }
    ]
    assert out["profile"]["currency"] == "AUD"
    assert profile == Profile(display_name="Robyn", pets="Kelpie named Red 🐕")


async def test_later_updates_change_only_the_fields_given(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await call(db, "update_profile", display_name="Robyn", home_base="Bendigo")
        out = await call(
            db,
            "update_profile",
            currency="nzd",
            units="Imperial",
            timezone="pacific/auckland",
            travel_style="slow, free camps",
        )
        profile = await load_profile(db)
    assert out["summary"] == (
        "Updated your profile: currency NZD; units imperial; time zone Pacific/Auckland;"
        " travel style slow, free camps."
    )
    assert profile == Profile(
        display_name="Robyn",
        home_base="Bendigo",
        currency="NZD",
        units="imperial",
        timezone="Pacific/Auckland",
        travel_style="slow, free camps",
    )
    # Amount-bearing summaries elsewhere format with the profile's currency.
    assert money(12, profile.currency) == "NZ$12.00"


async def test_a_new_time_zone_is_honoured_by_later_actions(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id, now=NOW) as db:
        before = local_today(db, await load_profile(db))
        await call(db, "update_profile", timezone="America/Los_Angeles")
        after = local_today(db, await load_profile(db))
        event = await call(db, "create_event", title="Call Mum", start="2026-03-10T10:00")
        cur = await db.conn.execute(
            "SELECT start_at FROM events WHERE id = %s", (event["event"]["id"],)
        )
        row = await cur.fetchone()
        listing = await call(db, "list_events")
    assert str(before) == "2026-03-10"
    assert str(after) == "2026-03-09"  # 4 pm Monday in Los Angeles
    assert row is not None
    assert row["start_at"] == datetime(2026, 3, 10, 17, 0, tzinfo=UTC)  # PDT, UTC-7
    assert event["event"]["start"] == "2026-03-10T10:00:00-07:00"
    assert listing["start_date"] == "2026-03-09"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({}, "arguments"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"timezone": "localtime"}, "timezone"),
        ({"timezone": "../../etc/passwd"}, "timezone"),
        ({"timezone": "x" * 65}, "timezone"),
        ({"currency": "dollars"}, "currency"),
        ({"currency": "A1D"}, "currency"),
        ({"units": "furlongs"}, "units"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "x" * 101}, "display_name"),
        ({"home_base": "x" * 201}, "home_base"),
        ({"pets": "x" * 201}, "pets"),
        ({"email": "a@b.c"}, "email"),
    ],
)
async def test_bad_profile_arguments_change_nothing(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str
) -> None:
    async with scoped(user_id, now=NOW) as db:
        await call(db, "update_profile", display_name="Robyn")
        out = await call(db, "update_profile", **{**raw, "travel_style": "fast"} if raw else raw)
        profile = await load_profile(db)
    assert out["ok"] is False
    assert out["field"] == field
    assert profile == Profile(display_name="Robyn")


async def test_an_unknown_time_zone_says_what_to_use(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    async with scoped(user_id, now=NOW) as db:
        out = await call(db, "update_profile", timezone="Sydney")
    assert "'Sydney' is not a time zone I know" in out["summary"]
    assert "Australia/Perth" in out["summary"]


async def test_sql_text_is_stored_verbatim_and_other_profiles_untouched(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    other = uuid.uuid4()
    nasty = "'); DROP TABLE profiles; --"
    async with scoped(other, now=NOW) as db:
        await call(db, "update_profile", display_name="Other", currency="GBP")
    async with scoped(user_id, now=NOW) as db:
        await call(db, "update_profile", home_base=nasty, display_name="小明")
        mine = await load_profile(db)
    async with scoped(other, now=NOW) as db:
        theirs = await load_profile(db)
    assert mine.home_base == nasty
    assert mine.display_name == "小明"
    assert theirs == Profile(display_name="Other", currency="GBP")
