"""Runs cut off by a crash: a `chat_runs` row left pending or running by a process that
was killed mid-turn stays so forever unless someone ends it.

It is ended when it is read (a retried message_id, a run fetched or listed): no sweep
over every user's rows (they are behind row-level security), and an instance that
never comes back is covered too. Whose owner is gone is `RunManager.owner_gone`: with
Redis, no instance keeps the run's head alive; without, the run predates this process.

Such a run is not run again: its tool writes may have committed while its checkpoint
(written at the turn's end) did not, so a second run could add the same expense twice,
and nothing records which of its tool calls committed (the transcript is written at the
turn's end too). Its row says "error" with store.LOST, which tells the user what to do.
"""

from __future__ import annotations

from server.runs.manager import RunManager
from server.runs.store import LOST, RunRow, get_run_row, mark_lost
from tools.db.pool import Pool
from tools.db.thread_keys import thread_key

UNFINISHED = frozenset({"pending", "running"})


async def settled(runs: RunManager, pool: Pool, row: RunRow) -> RunRow:
    """The row, ended as lost first when its run's process has died."""
    if row.status not in UNFINISHED:
        return row
    key = thread_key(row.user_id, str(row.thread_id))
    if not await runs.owner_gone(str(row.id), key, row.created_at):
        return row
    marked = await mark_lost(pool, row.user_id, str(row.id), LOST)
    if marked is not None:
        return marked
    fresh = await get_run_row(pool, row.user_id, str(row.thread_id), str(row.id))
    return fresh or row
