"""create_event, plus the events table as evals read it."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints

from tools.db.scope import UserDb
from tools.profile import load_profile, local_today
from tools.types import Action, ActionResult, Args, Table
from tools.values import Title
from tools.you.dates import Moment
from tools.you.event_model import (
    EVENT_COLUMNS,
    EventOut,
    calendar_action,
    event_out,
    event_when,
    resolve_span,
)

Location = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
ReminderMinutes = Annotated[int, Field(ge=0, le=40320)]  # up to four weeks before


class CreateEventArgs(Args):
    title: Title
    start: Moment
    end: Moment | None = None
    all_day: bool | None = None
    location: Location | None = None
    reminder_minutes: ReminderMinutes | None = None


class EventResult(ActionResult):
    event: EventOut


async def create_event(db: UserDb, args: CreateEventArgs) -> EventResult:
    profile = await load_profile(db)
    span = resolve_span(args.start, args.end, args.all_day, profile.tz)
    cur = await db.conn.execute(
        "INSERT INTO events (user_id, title, start_at, end_at, all_day, location,"
        " reminder_minutes) VALUES (%s, %s, %s, %s, %s, %s, %s)"
        f" RETURNING {EVENT_COLUMNS}",
        (
            db.user_id,
            args.title,
            span.start_at,
            span.end_at,
            span.all_day,
            args.location,
            args.reminder_minutes,
        ),
    )
    row = await cur.fetchone()
    assert row is not None  # INSERT ... RETURNING always yields the row
    event = event_out(row, profile.tz)
    when = event_when(event, profile.tz, local_today(db, profile))
    return EventResult(
        summary=f"Added '{event.title}' {when}.",
        ids=[event.id],
        ui_actions=[calendar_action(event)],
        event=event,
    )


async def read_events(db: UserDb) -> list[dict[str, Any]]:
    """Every event of the user keyed like create_event's arguments: `start`/`end` are ISO
    datetimes with the user's offset, or plain dates for all-day events."""
    profile = await load_profile(db)
    cur = await db.conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE user_id = %s ORDER BY start_at, id",
        (db.user_id,),
    )
    return [event_out(row, profile.tz).model_dump(mode="json") for row in await cur.fetchall()]


ACTIONS = [
    Action(
        name="create_event",
        domain="you",
        args=CreateEventArgs,
        fn=create_event,
        description=(
            "Add a calendar event or reminder at a date and time (a date only makes it all day)."
        ),
    ),
]
TABLES = [Table(name="events", create="create_event", read=read_events)]
