"""The run manager: one active run per thread, multitask strategies, cancellation.

Runs are asyncio tasks of this process, owned here rather than by any request, so a
client that goes away never takes its turn with it.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal
from uuid import UUID, uuid4

from agent.context import Context
from server.resources import Resources
from server.runs.execute import execute, graph_input
from server.runs.rollback import delete_run_checkpoints
from server.runs.run import CancelAction, Disconnect, Run
from server.runs.store import DuplicateMessage, insert_run, update_run
from server.runs.table import RETAIN_S, RunTable

Strategy = Literal["reject", "enqueue", "interrupt", "rollback"]


class ThreadBusy(Exception):
    """A run is active on the thread and the strategy is `reject`."""

    def __init__(self, thread_id: str) -> None:
        super().__init__(f"thread {thread_id} already has a run in progress")
        self.thread_id = thread_id


class RunManager:
    def __init__(self, resources: Resources, *, retain_s: float = RETAIN_S) -> None:
        self._resources = resources
        self._table = RunTable(retain_s)

    def get(self, run_id: str) -> Run | None:
        return self._table.get(str(run_id))

    def active(self, thread_id: str) -> Run | None:
        """The run executing on the thread now (queued ones wait behind it)."""
        unfinished = self._table.unfinished(str(thread_id))
        return unfinished[0] if unfinished else None

    def unfinished(self, thread_id: str) -> list[Run]:
        """The thread's running and queued runs, oldest first."""
        return self._table.unfinished(str(thread_id))

    async def start(
        self,
        *,
        thread_id: str,
        user_id: UUID,
        input: dict[str, Any] | None = None,
        command: dict[str, Any] | None = None,
        context: Context,
        multitask_strategy: Strategy = "reject",
        checkpoint_id: str | None = None,
        metadata: dict[str, Any] | None = None,
        on_disconnect: Disconnect = "continue",
        message_id: str | None = None,
    ) -> Run:
        """Start a run (the caller has checked the thread is the user's). ThreadBusy
        for `reject` on a busy thread; store.DuplicateMessage for a message_id the
        thread has already seen. Shielded: a caller cancelled mid-start (its client
        went away) still leaves the run started."""
        thread_id = str(thread_id)
        busy = self._table.unfinished(thread_id)
        for other in busy:  # the same message racing in again: not busy, a duplicate
            if message_id is not None and other.message_id == message_id:
                raise DuplicateMessage(other.run_id)
        if busy and multitask_strategy == "reject":
            raise ThreadBusy(thread_id)
        run = Run(
            run_id=str(uuid4()),
            thread_id=thread_id,
            user_id=user_id,
            metadata=dict(metadata or {}),
            on_disconnect=on_disconnect,
            message_id=message_id,
        )
        # Registered before the first await, so a concurrent start sees the thread busy.
        self._table.register(run)
        launch = self._launch(
            run,
            busy,
            multitask_strategy,
            payload=graph_input(input, command),
            context=context,
            checkpoint_id=checkpoint_id,
        )
        return await asyncio.shield(launch)

    async def _launch(
        self,
        run: Run,
        busy: list[Run],
        strategy: Strategy,
        *,
        payload: Any,
        context: Context,
        checkpoint_id: str | None,
    ) -> Run:
        pool = self._resources.pool
        try:
            await insert_run(pool, run)
            if strategy in ("interrupt", "rollback"):
                action: CancelAction = "rollback" if strategy == "rollback" else "interrupt"
                for other in busy:
                    await self.cancel(other.run_id, action)
        except BaseException:
            self._table.drop(run)
            raise
        if run.cancel_action is not None:  # cancelled before its task existed
            run.end("cancelled")
            await update_run(pool, run)
            self._table.finished(run)
            return run
        work = execute(
            run,
            graph=self._resources.graph,
            pool=pool,
            payload=payload,
            context=context,
            checkpoint_id=checkpoint_id,
            ahead=busy if strategy == "enqueue" else [],
        )
        run.task = asyncio.create_task(work, name=f"run-{run.run_id}")
        run.task.add_done_callback(lambda _task: self._table.finished(run))
        return run

    async def cancel(self, run_id: str, action: CancelAction = "interrupt") -> None:
        """Stop a run; `rollback` also deletes the checkpoints it wrote. Idempotent."""
        run = self._table.get(str(run_id))
        if run is None or run.done:
            return
        run.cancel_action = action
        if run.task is None:
            return  # _launch sees cancel_action before it creates the task
        run.task.cancel()
        await asyncio.wait({run.task})
        if action == "rollback":
            await delete_run_checkpoints(self._resources.pool, run.thread_id, run.run_id)

    async def aclose(self) -> None:
        """Shutdown: cancel what still runs (its checkpoints so far are kept)."""
        tasks = [r.task for r in self._table.running() if r.task is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
        self._table.clear_expiry()
