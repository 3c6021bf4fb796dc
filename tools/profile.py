"""The user's profile as every action sees it: currency, units, time zone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tools.db.scope import Query, UserDb


@dataclass(frozen=True)
class Profile:
    display_name: str | None = None
    home_base: str | None = None
    currency: str = "AUD"
    units: str = "metric"
    timezone: str = "Australia/Sydney"
    travel_style: str | None = None
    pets: str | None = None
    # The zone the user's device reports this turn, when it differs from home's.
    device_timezone: str | None = None

    @property
    def effective_timezone(self) -> str:
        """The zone dates and times are read and shown in: the device's, else the profile's."""
        return self.device_timezone or self.timezone

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.effective_timezone)


def profile_query(user_id: UUID) -> Query:
    return (
        "SELECT display_name, home_base, currency, units, timezone, travel_style, pets"
        " FROM profiles WHERE user_id = %s",
        (user_id,),
    )


def profile_from(row: Mapping[str, Any] | None, zone: str | None) -> Profile:
    """The stored profile (`row`), or the Australian defaults for a user who has none
    yet; `zone` is the device's, when it said."""
    profile = Profile(**row) if row else Profile()
    if zone and zone != profile.timezone:
        profile = replace(profile, device_timezone=zone)
    return profile


async def load_profile(db: UserDb) -> Profile:
    """The stored profile, or the Australian defaults for a user who has none yet."""
    cur = await db.conn.execute(*profile_query(db.user_id))
    return profile_from(await cur.fetchone(), db.zone)


def local_now(db: UserDb, profile: Profile) -> datetime:
    """The run's clock in the user's time zone."""
    return db.now.astimezone(profile.tz)


def local_today(db: UserDb, profile: Profile) -> date:
    return local_now(db, profile).date()
