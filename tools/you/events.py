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
    reminder_text,
    resolve_span,
)

Location = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
ReminderMinutes = Annotated[int, Field(ge=0, le=40320)]  # up to four weeks before

# What the model is told about times and reminders (the offline brain follows the same).
START = Field(
    description="Local wall-clock time in the user's time zone, YYYY-MM-DDTHH:MM with no"
    " offset and no Z; a date alone (YYYY-MM-DD) makes it all day.",
    examples=["2026-03-11T10:00", "2026-03-14"],
)
END = Field(
    default=None,
    description="When it ends, in the same form as start; omit when not said.",
    examples=["2026-03-11T11:00"],
)
LOCATION = Field(default=None, description="Where it is.", examples=["Dubbo Base Hospital"])
REMINDER = Field(
    default=None,
    description="Minutes before the start to remind the user: 0 = at the start time (use"
    " 0 for 'remind me at 4pm'), 30 for '30 minutes before'. Omit = no reminder. 'Remind"
    " me to X' with no date or time is a task (add_task), not an event.",
    examples=[0, 30],
)


class CreateEventArgs(Args):
    title: Title = Field(
        description="What it is, without the date or time words.", examples=["Call Mum"]
    )
    start: Moment = START
    end: Moment | None = END
    all_day: bool | None = Field(
        default=None, description="True for an all-day event; omit to follow start's form."
    )
    location: Location | None = LOCATION
    reminder_minutes: ReminderMinutes | None = REMINDER


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
    today = local_today(db, profile)
    when = event_when(event, profile.tz, today)
    return EventResult(
        summary=f"Added '{event.title}' {when}{reminder_text(event, profile.tz, today)}.",
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
