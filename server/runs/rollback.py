"""Undo a cancelled run's effect on the thread: delete the checkpoints it wrote.

Every checkpoint carries the run's id in its metadata (the executor puts `run_id` in
the config's metadata, which LangGraph copies into each checkpoint, subgraphs included),
so the run's checkpoints and the writes recorded against them can be found exactly.
Rows in the app's own tables that tools already changed are not undone: a tool that
ran, ran.
"""

from __future__ import annotations

from tools.db.pool import Pool


async def delete_run_checkpoints(pool: Pool, thread_id: str, run_id: str) -> None:
    async with pool.connection() as conn, conn.transaction():
        made = await (
            await conn.execute(
                "DELETE FROM checkpoints WHERE thread_id = %s AND metadata->>'run_id' = %s"
                " RETURNING checkpoint_ns, checkpoint_id",
                (thread_id, run_id),
            )
        ).fetchall()
        if not made:
            return
        async with conn.cursor() as cur:
            await cur.executemany(
                "DELETE FROM checkpoint_writes"
                " WHERE thread_id = %s AND checkpoint_ns = %s AND checkpoint_id = %s",
                [(thread_id, r["checkpoint_ns"], r["checkpoint_id"]) for r in made],
            )
