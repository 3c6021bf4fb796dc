"""Cron expressions: checked when a cron is made, and the next firing after a moment,
in the cron's time zone (so "0 9 * * *" is nine in the morning where the user said).

A schedule has the five standard fields (minute, hour, day, month, weekday) or is one of
croniter's `@` names: croniter also reads a sixth field as seconds, and "* * * * * *"
would fire at every poll of the jobs worker, a turn every two seconds from one row."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter


class BadSchedule(ValueError):
    """The message names the field: `schedule` or `timezone`."""


def zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadSchedule(f"timezone: {timezone!r} is not a known time zone.") from None


FIELDS = 5  # minute hour day month weekday: at most one firing a minute


def check_schedule(schedule: str, timezone: str) -> None:
    named = schedule.strip().startswith("@")
    if not named and len(schedule.split()) != FIELDS:
        raise BadSchedule(
            f"schedule: {schedule!r} must have five fields (minute hour day month weekday);"
            " a cron fires at most once a minute."
        )
    if not croniter.is_valid(schedule):
        raise BadSchedule(f"schedule: {schedule!r} is not a valid cron expression.")
    zone(timezone)


def next_fire(
    schedule: str, timezone: str, after: datetime, end: datetime | None
) -> datetime | None:
    """The first firing strictly after `after`, or None past `end`."""
    fire: datetime = croniter(schedule, after.astimezone(zone(timezone))).get_next(datetime)
    fire = fire.astimezone(UTC)
    return None if end is not None and fire > end else fire
