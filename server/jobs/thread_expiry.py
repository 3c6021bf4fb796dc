"""The worker's sweep of threads whose TTL has run out (thread_ttl.py).

A thread expires once its TTL has passed both since the TTL was set and since the
thread last changed; one with a run still unfinished waits for the next pass. Rows are
claimed with SKIP LOCKED, so sweeps on several instances share the work; each thread is
then checked, deleted (or pruned) in its owner's RLS scope (chat_threads is FORCEd).
"""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import structlog

from tools.db.checkpointer import PooledSaver
from tools.db.pool import Pool
from tools.db.scope import user_db
from tools.db.thread_keys import UserThreads

log = structlog.get_logger("pam.jobs")
BATCH = 100
CLAIM = timedelta(minutes=5)


async def _expire_one(pool: Pool, user: UUID, thread_id: UUID, strategy: str) -> bool:
    async with user_db(pool, user) as db:
        thread = await (
            await db.conn.execute(
                "SELECT t.updated_at + e.ttl_minutes * interval '1 minute' AS idle_until,"
                " EXISTS (SELECT 1 FROM chat_runs r WHERE r.thread_id = t.id"
                " AND r.status IN ('pending', 'running')) AS running"
                " FROM chat_threads t"
                " JOIN thread_ttls e ON (e.user_id, e.thread_id) = (t.user_id, t.id)"
                " WHERE t.id = %s",
                (thread_id,),
            )
        ).fetchone()
        if thread is None:
            return False  # deleted meanwhile (its TTL row with it)
        if thread["running"] or thread["idle_until"] > db.now:
            await db.conn.execute(  # active since: look again when it has been idle long enough
                "UPDATE thread_ttls SET expires_at = greatest(%s, now() + interval '1 second')"
                " WHERE thread_id = %s",
                (thread["idle_until"], thread_id),
            )
            return False
        if strategy == "delete":
            await db.conn.execute("DELETE FROM chat_threads WHERE id = %s", (thread_id,))
        else:  # kept, with only its latest checkpoint; the TTL is spent
            await db.conn.execute("DELETE FROM thread_ttls WHERE thread_id = %s", (thread_id,))
    saver = UserThreads(PooledSaver(pool), user)  # the checkpoints of the user's thread
    if strategy == "delete":
        await saver.adelete_thread(str(thread_id))
    else:
        await saver.aprune([str(thread_id)], strategy="keep_latest")
    return True


async def expire_threads(pool: Pool) -> int:
    """Delete or prune each thread whose TTL has run out; how many.

    Due rows are first claimed by moving their time on by CLAIM (short transaction,
    SKIP LOCKED): a sweep that dies midway leaves them to a later pass, and no row lock
    is held while the thread is deleted (which deletes the TTL row too)."""
    async with pool.connection() as conn, conn.transaction():
        rows = await (
            await conn.execute(
                "UPDATE thread_ttls SET expires_at = now() + %s WHERE (user_id, thread_id) IN ("
                " SELECT user_id, thread_id FROM thread_ttls WHERE expires_at <= now()"
                " ORDER BY expires_at LIMIT %s FOR UPDATE SKIP LOCKED)"
                " RETURNING thread_id, user_id, strategy",
                (CLAIM, BATCH),
            )
        ).fetchall()
    expired = 0
    for row in rows:
        if await _expire_one(pool, row["user_id"], row["thread_id"], row["strategy"]):
            expired += 1
    if expired:
        log.info("threads expired", count=expired)
    return expired
