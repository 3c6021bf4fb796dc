"""A calendar event's time: the span to store from what the user gave (a date-only start
is all day), the event read back in the user's zone, and how its time and reminder are
said. The actions (events.py) and the reminder jobs (server/jobs/compose.py) share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from tools.types import ActionError
from tools.you.dates import clock_text, day_text, in_zone, local_midnight, stored_day, when_text

EVENT_COLUMNS = "id, title, start_at, end_at, all_day, location, reminder_minutes"


class EventOut(BaseModel):
    id: UUID
    title: str
    start: datetime | date
    end: datetime | date | None
    all_day: bool
    location: str | None
    reminder_minutes: int | None


@dataclass(frozen=True)
class Span:
    """When an event happens, ready to store."""

    start_at: datetime
    end_at: datetime | None
    all_day: bool


def _is_date_only(value: datetime | date) -> bool:
    return not isinstance(value, datetime)


def _day(value: datetime | date, tz: ZoneInfo) -> date:
    return in_zone(value, tz).astimezone(tz).date() if isinstance(value, datetime) else value


def _moment(value: datetime | date, tz: ZoneInfo, field: str) -> datetime:
    if not isinstance(value, datetime):
        raise ActionError(
            f"The {field} needs a time unless the event is all day, e.g. {value}T10:00.",
            field=field,
        )
    return in_zone(value, tz)


def resolve_span(
    start: datetime | date, end: datetime | date | None, all_day: bool | None, tz: ZoneInfo
) -> Span:
    """A date-only start makes an all-day event unless `all_day` says otherwise."""
    if all_day is None:
        all_day = _is_date_only(start)
    if all_day:
        first = _day(start, tz)
        last = None if end is None else _day(end, tz)
        if last is not None and last < first:
            raise ActionError(
                f"The event can't end ({last}) before it starts ({first}).", field="end"
            )
        end_at = None if last is None else local_midnight(last + timedelta(days=1), tz)
        return Span(local_midnight(first, tz), end_at, True)
    start_at = _moment(start, tz, "start")
    end_at = None if end is None else _moment(end, tz, "end")
    if end_at is not None and end_at < start_at:
        raise ActionError(
            f"The event can't end ({end_at.isoformat()}) before it starts"
            f" ({start_at.isoformat()}).",
            field="end",
        )
    return Span(start_at, end_at, False)


def event_out(row: dict[str, Any], tz: ZoneInfo) -> EventOut:
    start: datetime | date
    end: datetime | date | None
    if row["all_day"]:
        start = stored_day(row["start_at"], tz)
        end = None if row["end_at"] is None else stored_day(row["end_at"], tz) - timedelta(days=1)
    else:
        start = row["start_at"].astimezone(tz)
        end = None if row["end_at"] is None else row["end_at"].astimezone(tz)
    return EventOut(
        id=row["id"],
        title=row["title"],
        start=start,
        end=end,
        all_day=row["all_day"],
        location=row["location"],
        reminder_minutes=row["reminder_minutes"],
    )


def reminder_text(event: EventOut, tz: ZoneInfo, today: date) -> str:
    """`, with a reminder at 9:00 am` / `, with a reminder 30 minutes before`: so the person
    knows a reminder is set and when it will come ("" for none)."""
    minutes = event.reminder_minutes
    if minutes is None:
        return ""
    if isinstance(event.start, datetime) and minutes == 0:
        return f", with a reminder at {clock_text(event.start.astimezone(tz))}"
    if minutes % 1440 == 0 and minutes:
        count, unit = minutes // 1440, "day"
    elif minutes % 60 == 0 and minutes:
        count, unit = minutes // 60, "hour"
    else:
        count, unit = minutes, "minute"
    lead = f"{count} {unit}{'s' if count != 1 else ''} before" if minutes else "at the start"
    return f", with a reminder {lead}"


def event_when(event: EventOut, tz: ZoneInfo, today: date) -> str:
    """`on Tue 10 Mar at 10:00 am to 11:00 am`, `from Tue 10 Mar to Thu 12 Mar (all day)`."""
    if not isinstance(event.start, datetime):
        first = day_text(event.start, today)
        if event.end is None or event.end == event.start:
            return f"on {first} (all day)"
        return f"from {first} to {day_text(event.end, today)} (all day)"
    text = f"on {when_text(event.start, tz, today)}"
    if isinstance(event.end, datetime) and event.end != event.start:
        end = event.end.astimezone(tz)
        same_day = end.date() == event.start.astimezone(tz).date()
        text += f" to {clock_text(end) if same_day else when_text(end, tz, today)}"
    return text
