"""The delivery job's body: one reminder, delivered once.

Everything happens in one transaction scoped to the user, with the reminder's row
locked: a second copy of the job (a retry after a crash) waits, then finds it delivered.
A crash before the commit leaves the row undelivered and the job unfinished, so the job
runs again: a socket may then see the reminder twice, the thread never lists it twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from server.jobs.compose import reminder_frame
from server.jobs.thread_post import post_to_thread
from tools.db.pool import Pool
from tools.db.scope import user_db

Push = Callable[[UUID, dict[str, Any]], Awaitable[int]]
"""Queue a frame on the user's open sockets, wherever they are; how many instances took it."""
Outcome = Literal["socket", "thread", "skipped", "stale"]


class Deliverer:
    def __init__(self, pool: Pool, push: Push) -> None:
        self._pool = pool
        self._push = push

    async def __call__(self, reminder_id: UUID, user_id: UUID, due_at: str) -> Outcome:
        async with user_db(self._pool, user_id) as db:
            cur = await db.conn.execute(
                "SELECT id, kind, entity_id, period, due_at, status FROM reminders"
                " WHERE id = %s FOR UPDATE",
                (reminder_id,),
            )
            reminder = await cur.fetchone()
            if reminder is None or reminder["status"] == "delivered":
                return "stale"  # cancelled, or delivered by an earlier attempt
            if reminder["due_at"] != datetime.fromisoformat(due_at):
                return "stale"  # rescheduled: a newer job delivers it
            frame = await reminder_frame(db, reminder)
            outcome: Outcome = "skipped"
            if frame is not None:
                outcome = "socket" if await self._push(user_id, frame) else "thread"
                if outcome == "thread":
                    await post_to_thread(db, reminder_id, frame)
            await db.conn.execute(
                "UPDATE reminders SET status = 'delivered', delivery = %s,"
                " delivered_at = now() WHERE id = %s",
                (outcome, reminder_id),
            )
        return outcome
