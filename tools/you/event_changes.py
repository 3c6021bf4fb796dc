"""update_event and delete_event."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self
from uuid import UUID

from pydantic import Field, model_validator

from tools.db.scope import UserDb
from tools.profile import load_profile, local_today
from tools.types import Action, ActionResult, Args, not_found
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
from tools.you.events import END, LOCATION, REMINDER, EventResult, Location, ReminderMinutes

EVENT_ID = Field(
    description="The event's id, from an earlier result (list_events finds it).",
    examples=["4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"],
)


class UpdateEventArgs(Args):
    event_id: UUID = EVENT_ID
    title: Title | None = Field(default=None, description="New title.", examples=["Call Dad"])
    start: Moment | None = Field(
        default=None,
        description="New start, local wall-clock time YYYY-MM-DDTHH:MM (no offset, no Z),"
        " or a date for all day.",
        examples=["2026-03-12T09:30"],
    )
    end: Moment | None = END
    location: Location | None = LOCATION
    reminder_minutes: ReminderMinutes | None = REMINDER

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        fields = (self.title, self.start, self.end, self.location, self.reminder_minutes)
        if all(value is None for value in fields):
            raise ValueError(
                "give at least one of title, start, end, location, reminder_minutes to change"
            )
        return self


async def update_event(db: UserDb, args: UpdateEventArgs) -> EventResult:
    """A date-only start makes the event all day, a start with a time makes it timed;
    switching between the two drops the old end unless a new one is given."""
    profile = await load_profile(db)
    cur = await db.conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE id = %s AND user_id = %s FOR UPDATE",
        (args.event_id, db.user_id),
    )
    row = await cur.fetchone()
    if row is None:
        raise not_found("event", args.event_id)
    current = event_out(row, profile.tz)
    all_day = current.all_day if args.start is None else not isinstance(args.start, datetime)
    start = current.start if args.start is None else args.start
    end: datetime | date | None = args.end
    if end is None and all_day == current.all_day:
        end = current.end
    span = resolve_span(start, end, all_day, profile.tz)
    cur = await db.conn.execute(
        "UPDATE events SET title = COALESCE(%s, title), start_at = %s, end_at = %s,"
        " all_day = %s, location = COALESCE(%s, location),"
        " reminder_minutes = COALESCE(%s, reminder_minutes)"
        f" WHERE id = %s AND user_id = %s RETURNING {EVENT_COLUMNS}",
        (
            args.title,
            span.start_at,
            span.end_at,
            span.all_day,
            args.location,
            args.reminder_minutes,
            args.event_id,
            db.user_id,
        ),
    )
    updated = await cur.fetchone()
    assert updated is not None  # the row is locked above
    event = event_out(updated, profile.tz)
    when = event_when(event, profile.tz, local_today(db, profile))
    place = f" at {event.location}" if event.location else ""
    return EventResult(
        summary=f"Updated '{event.title}': now {when}{place}.",
        ids=[event.id],
        ui_actions=[calendar_action(event)],
        event=event,
    )


class DeleteEventArgs(Args):
    event_id: UUID = EVENT_ID


class DeletedEventResult(ActionResult):
    event: EventOut


async def delete_event(db: UserDb, args: DeleteEventArgs) -> DeletedEventResult:
    profile = await load_profile(db)
    cur = await db.conn.execute(
        f"DELETE FROM events WHERE id = %s AND user_id = %s RETURNING {EVENT_COLUMNS}",
        (args.event_id, db.user_id),
    )
    row = await cur.fetchone()
    if row is None:
        raise not_found("event", args.event_id)
    event = event_out(row, profile.tz)
    when = event_when(event, profile.tz, local_today(db, profile))
    return DeletedEventResult(
        summary=f"I've deleted '{event.title}' {when}.",
        ids=[event.id],
        ui_actions=[calendar_action(event)],
        event=event,
    )


async def delete_question(db: UserDb, args: DeleteEventArgs) -> str:
    """ "Delete 'Dentist' on Fri 12 Dec at 10:00 am?" """
    profile = await load_profile(db)
    cur = await db.conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE id = %s AND user_id = %s",
        (args.event_id, db.user_id),
    )
    row = await cur.fetchone()
    if row is None:
        return "Delete a calendar event I can't find (it may already be gone)?"
    event = event_out(row, profile.tz)
    return f"Delete '{event.title}' {event_when(event, profile.tz, local_today(db, profile))}?"


ACTIONS = [
    Action(
        name="update_event",
        domain="you",
        args=UpdateEventArgs,
        fn=update_event,
        description="Change a calendar event's title, time, location or reminder.",
    ),
    Action(
        name="delete_event",
        domain="you",
        args=DeleteEventArgs,
        fn=delete_event,
        description="Delete a calendar event.",
        needs_approval=lambda _args: True,
        approval_text=delete_question,
    ),
]
