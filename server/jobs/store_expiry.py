"""The worker's sweep of store items whose TTL has run out (reads already skip them;
this frees the rows). As the table owner, in batches, so a large backlog never holds
one long transaction."""

from __future__ import annotations

from tools.db.pool import Pool

BATCH = 1000


async def expire_store_items(pool: Pool) -> int:
    async with pool.connection() as conn:
        cur = await conn.execute(
            "DELETE FROM store_items WHERE ctid IN (SELECT ctid FROM store_items"
            " WHERE expires_at <= now() LIMIT %s FOR UPDATE SKIP LOCKED)",
            (BATCH,),
        )
    return cur.rowcount
