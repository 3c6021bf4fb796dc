"""A thread's time to live, as the SDK sends it: `{"ttl": minutes, "strategy": ...}`.

The row in `thread_ttls` says how long the thread may sit idle; the background jobs
worker (server/jobs/thread_expiry.py) deletes it, or prunes it to its latest
checkpoint, once that long has passed since the TTL was set and since its last change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast
from uuid import UUID

from server.refusals import BadInput
from tools.db.pool import Pool
from tools.db.scope import user_db

Strategy = Literal["delete", "keep_latest"]
MAX_MINUTES = 60 * 24 * 365 * 10  # ten years: beyond it, a typo rather than a wish


@dataclass(frozen=True)
class ThreadTTL:
    minutes: float
    strategy: Strategy


def parse_ttl(raw: dict[str, Any] | None) -> ThreadTTL | None:
    if raw is None:
        return None
    minutes = raw.get("ttl")
    strategy = raw.get("strategy", "delete")
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise BadInput("ttl.ttl: a number of minutes.")
    if not 0 < minutes <= MAX_MINUTES:
        raise BadInput(f"ttl.ttl: more than 0 and at most {MAX_MINUTES} minutes.")
    if strategy not in ("delete", "keep_latest"):
        raise BadInput("ttl.strategy: 'delete' or 'keep_latest'.")
    return ThreadTTL(float(minutes), cast(Strategy, strategy))


async def set_ttl(pool: Pool, user: UUID, thread_id: UUID, ttl: ThreadTTL) -> None:
    async with user_db(pool, user) as db:
        await db.conn.execute(
            "INSERT INTO thread_ttls (thread_id, user_id, strategy, ttl_minutes, expires_at)"
            " VALUES (%s, %s, %s, %s, now() + %s * interval '1 minute')"
            " ON CONFLICT (user_id, thread_id) DO UPDATE SET strategy = excluded.strategy,"
            " ttl_minutes = excluded.ttl_minutes, expires_at = excluded.expires_at",
            (thread_id, user, ttl.strategy, ttl.minutes, ttl.minutes),
        )
