"""The run manager: one active run per thread, multitask strategies, cancellation.

Runs are asyncio tasks of this process, owned here rather than by any request, so a
client that goes away never takes its turn with it.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from agent.context import Context
from server.flags.runs import flagged_run
from server.resources import Resources
from server.runs.busy import Strategy, ThreadBusy
from server.runs.execute import DURABILITY, execute, graph_input
from server.runs.graph_stream import GraphOptions
from server.runs.leased import run_leased
from server.runs.rollback import delete_run_checkpoints
from server.runs.run import CancelAction, Disconnect, Run
from server.runs.shared import SharedRuns
from server.runs.store import DuplicateMessage, insert_run, update_run
from server.runs.table import RETAIN_S, RunTable
from tools.db.thread_keys import thread_key

__all__ = ["RunManager", "Strategy", "ThreadBusy"]
REMOTE_CANCEL_WAIT_S = 10.0  # how long a cancel waits for another instance's run to stop


class RunManager:
    def __init__(self, resources: Resources, *, retain_s: float = RETAIN_S) -> None:
        self._resources = resources
        self._table = RunTable(retain_s)
        # Without Redis, a run row still unfinished from before this moment was left by
        # an earlier process of this (single) instance: see owner_gone.
        self._started_at = datetime.now(UTC)
        # With Redis, runs are shared with the other instances (shared.py); without, each
        # instance decides alone, as a single instance does.
        redis = resources.redis
        self._shared = SharedRuns(redis, self._cancel_here) if redis is not None else None

    async def open(self) -> None:
        """Start listening for cancels sent to other instances (with Redis)."""
        if self._shared is not None:
            self._shared.subscriber.start()

    def get(self, run_id: str) -> Run | None:
        return self._table.get(str(run_id))

    async def find(self, run_id: str) -> Run | None:
        """This instance's run, or (with Redis) a follower of one another instance runs."""
        run = self._table.get(str(run_id))
        if run is not None or self._shared is None:
            return run
        follower = await self._shared.attach(str(run_id))
        if follower is None:
            return None
        raced = self._table.get(follower.run_id)
        if raced is not None and follower.task is not None:  # another request attached first
            follower.task.cancel()
            return raced
        self._table.follow(follower)
        return follower

    def forget(self, run_id: str) -> None:
        """Let go of an ended run now (its row was deleted): no longer found here."""
        run = self._table.get(str(run_id))
        if run is not None and run.done:
            self._table.drop(run)

    def active(self, thread_key: str) -> Run | None:
        """The run executing on the thread now (queued ones wait behind it)."""
        unfinished = self._table.unfinished(thread_key)
        return unfinished[0] if unfinished else None

    async def busy(self, thread_key: str) -> bool:
        """A run of the thread executes now, here or (with Redis) on another instance."""
        if self.active(thread_key) is not None:
            return True
        shared = self._shared
        return shared is not None and await shared.locks.holder(thread_key) is not None

    async def owner_gone(self, run_id: str, thread_key: str, created_at: datetime) -> bool:
        """Whether the process that executed a run (its row still unfinished) has died:
        with Redis, no instance renews the run's head or holds a lock for it; without,
        the run is not this process's and predates it."""
        here = self._table.get(str(run_id))
        if here is not None and not here.remote:
            return False
        if self._shared is None:
            return created_at < self._started_at
        return await self._shared.gone(str(run_id), thread_key)

    def unfinished(self, thread_key: str) -> list[Run]:
        """The thread's running and queued runs, oldest first."""
        return self._table.unfinished(thread_key)

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
        durability: str = DURABILITY,
        extras: dict[str, str] | None = None,
        graph_options: GraphOptions | None = None,
    ) -> Run:
        """Start a run (the caller has checked the thread is the user's). ThreadBusy
        for `reject` on a busy thread; store.DuplicateMessage for a message_id the
        thread has already seen. Shielded: a caller cancelled mid-start (its client
        went away) still leaves the run started."""
        thread_id = str(thread_id)
        # The only await before the run is registered: the busy check and the
        # registration below stay together, so concurrent starts still see each other.
        context, metadata = await flagged_run(self._resources.flags, user_id, context, metadata)
        busy = self._table.unfinished(thread_key(user_id, thread_id))
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
        run.durability = durability
        run.extras = dict(extras or {})
        run.graph_options = graph_options or GraphOptions()
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
        shared = self._shared if self._shared is not None and self._shared.usable() else None
        lease = shared.lease(run) if shared is not None else None
        try:
            if shared is not None and lease is not None:
                await lease.announce()
                if not busy:  # none here: does another instance run one on the thread?
                    await shared.claim(run, lease, strategy)
            if lease is None and not (busy and strategy == "enqueue"):
                run.set_status("running")  # it starts at once: its row says so from the insert
            await insert_run(pool, run)
            if strategy in ("interrupt", "rollback"):
                action: CancelAction = "rollback" if strategy == "rollback" else "interrupt"
                for other in busy:
                    await self.cancel(other.run_id, action)
        except BaseException:
            self._table.drop(run)
            if lease is not None:
                await lease.end()
            raise
        if run.cancel_action is not None:  # cancelled before its task existed
            run.end("cancelled")
            await update_run(pool, run)
            self._table.finished(run)
            if lease is not None:
                await lease.end()
            return run
        ahead = busy if strategy == "enqueue" else []
        args = dict(graph=self._resources.graph, payload=payload, context=context)
        if shared is None or lease is None:
            work = execute(run, pool=pool, checkpoint_id=checkpoint_id, ahead=ahead, **args)
        else:
            shared.mirror(run)
            work = run_leased(run, lease, ahead, pool=pool, checkpoint_id=checkpoint_id, **args)
        run.task = asyncio.create_task(work, name=f"run-{run.run_id}")
        run.task.add_done_callback(lambda _task: self._table.finished(run))
        return run

    async def cancel(self, run_id: str, action: CancelAction = "interrupt") -> None:
        """Stop a run; `rollback` also deletes the checkpoints it wrote. Idempotent.
        A run another instance executes is stopped by that instance."""
        run = self._table.get(str(run_id))
        if run is not None and run.remote and self._shared is not None:
            await self._shared.publish_cancel(run_id=run.run_id, action=action)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(run.ended(), REMOTE_CANCEL_WAIT_S)
            return
        if run is None or run.done:
            return
        run.cancel_action = action
        if run.task is None:
            return  # _launch sees cancel_action before it creates the task
        run.task.cancel()
        await asyncio.wait({run.task})
        if action == "rollback":
            await delete_run_checkpoints(self._resources.pool, run.thread_key, run.run_id)

    async def cancel_thread(self, thread_key: str, action: CancelAction = "interrupt") -> None:
        """Stop every run of the thread, on whichever instance it runs."""
        for run in self.unfinished(thread_key):
            await self.cancel(run.run_id, action)
        if self._shared is not None:
            await self._shared.publish_cancel(thread_key=thread_key, action=action)

    async def _cancel_here(
        self, run_id: str | None, thread_key: str | None, action: CancelAction
    ) -> None:
        """A cancel published by any instance: act on the runs this one executes."""
        found = [self._table.get(run_id)] if run_id else self.unfinished(thread_key or "")
        for run in found:
            if run is not None and not run.remote and not run.done:
                await self.cancel(run.run_id, action)

    async def aclose(self) -> None:
        """Shutdown: cancel what still runs (its checkpoints so far are kept)."""
        if self._shared is not None:
            await self._shared.subscriber.aclose()
        tasks = [r.task for r in self._table.running() if r.task is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
        self._table.clear_expiry()
