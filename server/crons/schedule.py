"""Cron expressions: checked when a cron is made, and the next firing after a moment,
in the cron's time zone (so "0 9 * * *" is nine in the morning where the user said)."""

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


def check_schedule(schedule: str, timezone: str) -> None:
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
