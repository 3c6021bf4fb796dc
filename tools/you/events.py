"""Calendar events: create, list (what's on in a range of days), update and delete them;
stored as timestamptz and shown in the user's zone (event_times.py); the events table
as evals read it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any, Self
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import Field, StringConstraints, model_validator

from tools.db.scope import UserDb, locked_row
from tools.format import counted, first_few
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction, not_found
from tools.values import SaneDate, Title
from tools.you.dates import Moment, day_text, local_midnight
from tools.you.event_times import (
    EVENT_COLUMNS,
    EventOut,
    event_out,
    event_when,
    reminder_text,
    resolve_span,
)


def calendar_action(event: EventOut) -> UiAction:
    return UiAction(
        type="reload_calendar",
        entity_type="event",
        entity_id=str(event.id),
        entity_title=event.title,
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


DEFAULT_WINDOW_DAYS = 7  # today and the 7 days after it
MAX_WINDOW_DAYS = 366


class ListEventsArgs(Args):
    start_date: SaneDate | None = Field(
        default=None, description="First day, YYYY-MM-DD; omit for today.", examples=["2026-03-10"]
    )
    end_date: SaneDate | None = Field(
        default=None,
        description="Last day (included), YYYY-MM-DD; omit for a week from start_date.",
        examples=["2026-03-17"],
    )


class EventsResult(ActionResult):
    start_date: date
    end_date: date
    events: list[EventOut]


def _overlaps(event: EventOut, first: date, last: date, tz: ZoneInfo) -> bool:
    """Whether the event touches the days first..last (inclusive) in the user's zone."""
    if not isinstance(event.start, datetime):
        end = event.end if event.end is not None else event.start
        return event.start <= last and end >= first
    window_start = local_midnight(first, tz)
    window_end = local_midnight(last + timedelta(days=1), tz)
    ends_after = isinstance(event.end, datetime) and event.end > window_start
    return event.start < window_end and (event.start >= window_start or ends_after)


async def list_events(db: UserDb, args: ListEventsArgs) -> EventsResult:
    profile = await load_profile(db)
    today = local_today(db, profile)
    first = args.start_date or today
    last = args.end_date or first + timedelta(days=DEFAULT_WINDOW_DAYS)
    if last < first:
        raise ActionError(f"end_date ({last}) is before start_date ({first}).", field="end_date")
    if (last - first).days > MAX_WINDOW_DAYS:
        raise ActionError(f"Ask for at most {MAX_WINDOW_DAYS} days of events at a time.")
    # A day of slack either side: all-day events made in another zone sit hours off local
    # midnight; `_overlaps` then decides exactly.
    cur = await db.conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE user_id = %s AND start_at < %s"
        " AND (start_at >= %s OR end_at > %s) ORDER BY start_at, title, id",
        (
            db.user_id,
            local_midnight(last + timedelta(days=2), profile.tz),
            local_midnight(first - timedelta(days=1), profile.tz),
            local_midnight(first - timedelta(days=1), profile.tz),
        ),
    )
    events = [event_out(row, profile.tz) for row in await cur.fetchall()]
    events = [e for e in events if _overlaps(e, first, last, profile.tz)]
    one_day = f"on {day_text(first, today)}"
    period = (
        one_day if first == last else f"from {day_text(first, today)} to {day_text(last, today)}"
    )
    if not events:
        summary = f"Nothing on your calendar {period}."
    else:
        shown = first_few([f"'{e.title}' {event_when(e, profile.tz, today)}" for e in events], "; ")
        summary = f"You have {counted(len(events), 'event')} {period}: {shown}."
    return EventsResult(summary=summary, start_date=first, end_date=last, events=events)


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
    row = await locked_row(db, "events", EVENT_COLUMNS, args.event_id)
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
    today = local_today(db, profile)
    when = event_when(event, profile.tz, today)
    place = f" at {event.location}" if event.location else ""
    # A reminder changed is said, so the person knows the change they asked for was made.
    reminder = reminder_text(event, profile.tz, today) if args.reminder_minutes is not None else ""
    return EventResult(
        summary=f"Updated '{event.title}': now {when}{place}{reminder}.",
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
    today = local_today(db, profile)
    when = event_when(event, profile.tz, today)
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


ACTIONS: list[Action] = [
    Action(
        name="create_event",
        domain="you",
        args=CreateEventArgs,
        fn=create_event,
        description=(
            "Add a calendar event or reminder at a date and time (a date only makes it all day)."
        ),
    ),
    Action(
        name="list_events",
        domain="you",
        args=ListEventsArgs,
        fn=list_events,
        description="List calendar events between two dates; by default the next 7 days.",
        writes=False,
    ),
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


TABLES: list[Table] = [
    Table(name="events", create="create_event", read=read_events),
]
