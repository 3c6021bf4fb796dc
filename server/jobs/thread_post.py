"""A reminder nobody was connected to see: added to the user's most recent thread as an
assistant message, so it is there when they come back.

It goes into the transcript (what thread APIs list), not into the checkpointed graph
state: it is a notice to the person, not something the model said. Its message id is
derived from the reminder's, so delivering twice never lists it twice.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import orjson

from tools.db.scope import UserDb

NEW_THREAD_TITLE = "Reminders"


async def post_to_thread(db: UserDb, reminder_id: UUID, frame: dict[str, Any]) -> UUID:
    """The thread it was added to (a new one when the user has none)."""
    cur = await db.conn.execute("SELECT id FROM chat_threads ORDER BY updated_at DESC, id LIMIT 1")
    row = await cur.fetchone()
    if row is None:
        cur = await db.conn.execute(
            "INSERT INTO chat_threads (id, user_id, title) VALUES (gen_random_uuid(), %s, %s)"
            " RETURNING id",
            (db.user_id, NEW_THREAD_TITLE),
        )
        row = await cur.fetchone()
    assert row is not None  # found, or INSERT ... RETURNING
    thread_id: UUID = row["id"]
    await db.conn.execute(
        "INSERT INTO chat_messages (thread_id, user_id, message_id, role, content, data)"
        " VALUES (%s, %s, %s, 'ai', %s, %s::jsonb)"
        " ON CONFLICT (user_id, thread_id, message_id) DO NOTHING",
        (
            thread_id,
            db.user_id,
            f"reminder-{reminder_id}",
            frame["message"],
            orjson.dumps({"reminder": frame}).decode(),
        ),
    )
    await db.conn.execute("UPDATE chat_threads SET updated_at = now() WHERE id = %s", (thread_id,))
    return thread_id
