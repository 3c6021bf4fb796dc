"""What a reminder says: the `reminder` frame for an event or a budget alert, worded by
the same helpers the tools use, from the rows as they are at delivery time."""

from __future__ import annotations

from datetime import date
from typing import Any

from tools.db.scope import UserDb
from tools.profile import load_profile, local_today
from tools.wins.budget_math import warning_sentence
from tools.wins.models import category_label
from tools.wins.queries import month_budget_line
from tools.you.event_times import EVENT_COLUMNS, event_out, event_when

Frame = dict[str, Any]


async def reminder_frame(db: UserDb, reminder: dict[str, Any]) -> Frame | None:
    """None when there is nothing left to remind of (the event or budget is gone, or
    spending has fallen back under the threshold)."""
    if reminder["kind"] == "event":
        found = await _event(db, reminder)
    else:
        found = await _budget(db, reminder)
    if found is None:
        return None
    title, message = found
    return {
        "type": "reminder",
        "kind": reminder["kind"],
        "title": title,
        "message": message,
        "entity_id": str(reminder["entity_id"]),
        "due_at": reminder["due_at"].isoformat(),
    }


async def _event(db: UserDb, reminder: dict[str, Any]) -> tuple[str, str] | None:
    profile = await load_profile(db)
    cur = await db.conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE id = %s", (reminder["entity_id"],)
    )
    row = await cur.fetchone()
    if row is None:
        return None
    event = event_out(row, profile.tz)
    when = event_when(event, profile.tz, local_today(db, profile))
    place = f" at {event.location}" if event.location else ""
    return event.title, f"Reminder: '{event.title}' {when}{place}."


async def _budget(db: UserDb, reminder: dict[str, Any]) -> tuple[str, str] | None:
    profile = await load_profile(db)
    cur = await db.conn.execute(
        "SELECT category FROM budgets WHERE id = %s", (reminder["entity_id"],)
    )
    row = await cur.fetchone()
    if row is None:
        return None
    year, month = (int(part) for part in reminder["period"].split("-"))
    line = await month_budget_line(db, row["category"], date(year, month, 1), profile.currency)
    message = warning_sentence(line, profile.currency) if line is not None else None
    if message is None:
        return None
    return f"{category_label(row['category']).capitalize()} budget", message
