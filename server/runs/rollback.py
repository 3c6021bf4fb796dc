"""What a rollback undoes: the checkpoints the rolled-back run wrote and, for an Agent
Protocol run, its row.

Undone by the run's own task once it has stopped, before it lets its thread go
(execute.py): the next run on the thread, in this process or another, can only take
the thread after the undo, so it never starts from (or on top of) checkpoints about to
be deleted. `RunManager.cancel` undoes it itself only where the task did not.
"""

from __future__ import annotations

from server.runs.run import Run
from server.runs.store import delete_run_checkpoints, delete_run_row
from tools.db.pool import Pool


def forgotten(run: Run) -> bool:
    """An Agent Protocol run rolled back leaves no row, as LangGraph's server deletes it:
    undone, as if it had never run. A chat turn's row stays (its message_id keeps a retried
    message from running twice)."""
    return run.cancel_action == "rollback" and run.kwargs is not None


async def undo(pool: Pool, run: Run) -> None:
    """Delete what the run wrote to its thread (and its row when it is forgotten)."""
    await delete_run_checkpoints(pool, run.thread_key, run.run_id)
    if forgotten(run):
        await delete_run_row(pool, run.user_id, run.run_id)
    run.undone = True
