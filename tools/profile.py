"""The user's profile as every action sees it: currency, units, time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from tools.db.scope import UserDb


@dataclass(frozen=True)
class Profile:
    display_name: str | None = None
    home_base: str | None = None
    currency: str = "AUD"
    units: str = "metric"
    timezone: str = "Australia/Sydney"
    travel_style: str | None = None
    pets: str | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


async def load_profile(db: UserDb) -> Profile:
    """The stored profile, or the Australian defaults for a user who has none yet."""
    cur = await db.conn.execute(
        "SELECT display_name, home_base, currency, units, timezone, travel_style, pets"
        " FROM profiles WHERE user_id = %s",
        (db.user_id,),
    )
    row = await cur.fetchone()
    return Profile(**row) if row else Profile()


def local_now(db: UserDb, profile: Profile) -> datetime:
    """The run's clock in the user's time zone."""
    return db.now.astimezone(profile.tz)


def local_today(db: UserDb, profile: Profile) -> date:
    return local_now(db, profile).date()
