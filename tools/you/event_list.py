"""list_events: what's on in a range of days of the user's calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pydantic import Field

from tools.db.scope import UserDb
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, ActionResult, Args
from tools.values import SaneDate
from tools.you.dates import day_text, local_midnight
from tools.you.event_model import EVENT_COLUMNS, EventOut, event_out, event_when
from tools.you.wording import counted, first_few

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


ACTIONS = [
    Action(
        name="list_events",
        domain="you",
        args=ListEventsArgs,
        fn=list_events,
        description="List calendar events between two dates; by default the next 7 days.",
        writes=False,
    ),
]
