"""The run manager: one active run per thread, multitask strategies, cancellation; and its
table of this process's runs (`RunTable`).

Runs are asyncio tasks of this process, owned here rather than by any request, so a
client that goes away never takes its turn with it.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace
from datetime import datetime
from uuid import uuid4

from server.flags.apply import flagged_run
from server.resources import Resources
from server.runs.admission import Admission
from server.runs.coordinator import Coordinator
from server.runs.execute import execute, graph_input
from server.runs.request import RunRequest
from server.runs.rollback import forgotten, undo
from server.runs.run import CancelAction, Run, Strategy, ThreadBusy
from server.runs.store import DuplicateMessage, delete_run_row, insert_run, update_run
from tools.db.thread_keys import thread_key

__all__ = ["RunManager", "RunRequest", "Strategy", "ThreadBusy"]
REMOTE_CANCEL_WAIT_S = 10.0  # how long a cancel waits for another instance's run to stop


# This process's runs: by id (kept a few minutes after they end, to join or replay) and by
# thread (unfinished ones, oldest first: the running one, then any queued). "Is this
# thread busy?" is answered here; other processes' runs, by the coordinator.
RETAIN_S = 300.0  # how long an ended run stays joinable/streamable from memory
# ...and how many ended runs at most (each keeps its event log): under heavy load the
# oldest go first, so memory stays flat whatever the turn rate. A run gone from memory
# is still answered from its row (status, result), without its event replay.
MAX_RETAINED = 1000


class RunTable:
    def __init__(self, retain_s: float = RETAIN_S, max_retained: int = MAX_RETAINED) -> None:
        self._retain_s = retain_s
        self._max_retained = max_retained
        self._runs: dict[str, Run] = {}
        self._threads: dict[str, list[Run]] = {}
        self._history: dict[str, list[Run]] = {}  # every run started here, until dropped
        self._expiry: dict[str, asyncio.TimerHandle] = {}

    def get(self, run_id: str) -> Run | None:
        return self._runs.get(run_id)

    def unfinished(self, thread_key: str) -> list[Run]:
        return [r for r in self._threads.get(thread_key, []) if not r.done]

    def running(self) -> list[Run]:
        return [r for r in self._runs.values() if not r.done]

    def register(self, run: Run) -> None:
        self._runs[run.run_id] = run
        self._threads.setdefault(run.thread_key, []).append(run)
        self._history.setdefault(run.thread_key, []).append(run)

    def history(self, thread_key: str) -> list[Run]:
        """The thread's runs started here and not yet dropped, ended ones too, oldest first."""
        return list(self._history.get(thread_key, []))

    def follow(self, run: Run) -> None:
        """A run another instance executes, followed here: found by id, never busy here
        (its instance holds the thread's lock); forgotten like the others once ended."""
        self._runs[run.run_id] = run
        if run.task is not None:
            run.task.add_done_callback(lambda _task: self.finished(run))

    def finished(self, run: Run) -> None:
        """The run ended: free its thread now, forget it after the retention time."""
        self._unlink(run)
        loop = asyncio.get_running_loop()
        self._expiry[run.run_id] = loop.call_later(self._retain_s, self.drop, run)
        while len(self._expiry) > self._max_retained:
            oldest = next(iter(self._expiry))
            self._expiry.pop(oldest).cancel()
            gone = self._runs.get(oldest)
            if gone is not None:
                self.drop(gone)

    def drop(self, run: Run) -> None:
        self._runs.pop(run.run_id, None)
        self._expiry.pop(run.run_id, None)
        self._unlink(run)
        started = self._history.get(run.thread_key, [])
        if run in started:
            started.remove(run)
        if not started:
            self._history.pop(run.thread_key, None)

    def _unlink(self, run: Run) -> None:
        waiting = self._threads.get(run.thread_key, [])
        if run in waiting:
            waiting.remove(run)
        if not waiting:
            self._threads.pop(run.thread_key, None)

    def clear_expiry(self) -> None:
        for handle in self._expiry.values():
            handle.cancel()
        self._expiry.clear()


class RunManager:
    def __init__(self, resources: Resources, *, retain_s: float = RETAIN_S) -> None:
        self._resources = resources
        self._table = RunTable(retain_s)
        # How this process's runs agree with other processes on the same database
        # (server/runs/coordinator.py): chosen once, at start-up.
        self._coordinator: Coordinator = resources.coordinator
        self._admission = Admission(resources.settings.run_admission)

    @property
    def admission(self) -> Admission:
        """This process's limit of runs at once, and how many run and wait now."""
        return self._admission

    async def open(self) -> None:
        """Start acting on cancels sent by other processes."""
        self._coordinator.on_cancel(self._cancel_here)

    def get(self, run_id: str) -> Run | None:
        return self._table.get(str(run_id))

    async def find(self, run_id: str) -> Run | None:
        """This process's run, or a follower of one another process runs."""
        run = self._table.get(str(run_id))
        if run is not None:
            return run
        follower = await self._coordinator.attach(str(run_id))
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
        """A run of the thread executes now, here or in another process."""
        if self.active(thread_key) is not None:
            return True
        return await self._coordinator.thread_held(thread_key)

    async def owner_gone(self, run_id: str, thread_key: str, created_at: datetime) -> bool:
        """Whether the process that executed a run (its row still unfinished) has died
        (its coordinator says how that is known)."""
        here = self._table.get(str(run_id))
        if here is not None and not here.remote:
            return False
        return await self._coordinator.owner_gone(str(run_id), thread_key, created_at)

    def unfinished(self, thread_key: str) -> list[Run]:
        """The thread's running and queued runs, oldest first."""
        return self._table.unfinished(thread_key)

    def started_since(self, thread_key: str, since: datetime) -> list[Run]:
        """The thread's runs started here at or after `since`, ended ones too (until they
        are dropped), oldest first: what a client that joined the thread then must see."""
        return [r for r in self._table.history(thread_key) if r.created_at >= since]

    async def start(self, request: RunRequest) -> Run:
        """Start a run (the caller has checked the thread is the user's). ThreadBusy
        for `reject` on a busy thread; store.DuplicateMessage for a message_id the
        thread has already seen. Shielded: a caller cancelled mid-start (its client
        went away) still leaves the run started."""
        # The only await before the run is registered: the busy check and the
        # registration below stay together, so concurrent starts still see each other.
        context, metadata = await flagged_run(
            self._resources.flags, request.user_id, request.context, dict(request.metadata)
        )
        request = replace(request, context=context, metadata=metadata)
        busy = self._table.unfinished(thread_key(request.user_id, request.thread_id))
        for other in busy:  # the same message racing in again: not busy, a duplicate
            if request.message_id is not None and other.message_id == request.message_id:
                raise DuplicateMessage(other.run_id)
        if busy and request.multitask_strategy == "reject":
            raise ThreadBusy(request.thread_id)
        run = Run(
            run_id=str(uuid4()),
            thread_id=request.thread_id,
            user_id=request.user_id,
            metadata=metadata,
            on_disconnect=request.on_disconnect,
            message_id=request.message_id,
            durability=request.durability,
            graph_options=request.graph_options,
            extras=dict(request.extras),
            kwargs=None if request.kwargs is None else dict(request.kwargs),
            inherited_metadata=(
                None if request.inherited_metadata is None else dict(request.inherited_metadata)
            ),
        )
        # Registered before the first await, so a concurrent start sees the thread busy.
        self._table.register(run)
        return await asyncio.shield(self._launch(run, busy, request))

    async def _launch(self, run: Run, busy: list[Run], request: RunRequest) -> Run:
        strategy = request.multitask_strategy
        pool = self._resources.pool
        lease = self._coordinator.lease(run)
        ticket = self._admission.ticket()
        try:
            await lease.announce()
            rolled_back = None  # a run another process executes, rolled back by this one
            if not busy:  # none here: does another process run one on the thread?
                rolled_back = await lease.claim(strategy)
            if not lease.shared and not (busy and strategy == "enqueue") and not request.delay_s:
                # Taken on here at once: `running` from its row's insert, whether a slot
                # is free now or it waits for one (seconds at most, part of its run): a
                # row update less for every turn that waits (bench/README.md, issue 19's
                # sixth round).
                run.set_status("running")
                ticket.take_now()
            await insert_run(pool, run)
            # An Agent Protocol run that rolls others back deletes their rows too, as
            # LangGraph's server does: undone, as if they had never run. (A chat turn's
            # row stays: its message_id keeps a retried message from running twice.)
            forget = strategy == "rollback" and request.kwargs is not None
            if strategy in ("interrupt", "rollback"):
                action: CancelAction = "rollback" if strategy == "rollback" else "interrupt"
                for other in busy:
                    await self.cancel(other.run_id, action)
                    if forget and not forgotten(other):  # (an AP run's cancel forgot it)
                        await delete_run_row(pool, other.user_id, other.run_id)
            if forget and rolled_back is not None:
                await delete_run_row(pool, run.user_id, rolled_back)
        except BaseException:
            ticket.give_back()
            self._table.drop(run)
            await lease.end()
            raise
        if run.cancel_action is not None:  # cancelled before its task existed
            ticket.give_back()
            run.end("cancelled")
            if forgotten(run):
                await delete_run_row(pool, run.user_id, run.run_id)
                self._table.drop(run)
            else:
                await update_run(pool, run)
                self._table.finished(run)
            await lease.end()
            return run
        lease.mirror()
        work = execute(
            run,
            graph=self._resources.graph,
            pool=pool,
            payload=graph_input(request.input, request.command),
            context=request.context,
            checkpoint_id=request.checkpoint_id,
            ahead=busy if strategy == "enqueue" else [],
            delay_s=request.delay_s,
            lease=lease,
            ticket=ticket,
        )

        def ended(_task: asyncio.Task[None]) -> None:
            # Here, not in the task's own code: a task cancelled before its first step
            # runs none of it, and its place must still go to the next run.
            ticket.give_back()
            self._table.finished(run)

        run.task = asyncio.create_task(work, name=f"run-{run.run_id}")
        run.task.add_done_callback(ended)
        return run

    async def cancel(self, run_id: str, action: CancelAction = "interrupt") -> None:
        """Stop a run; `rollback` also deletes the checkpoints it wrote. Idempotent.
        A run another process executes is stopped by that process."""
        run = self._table.get(str(run_id))
        if run is not None and run.remote:
            await self._coordinator.publish_cancel(run_id=run.run_id, action=action)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(run.ended(), REMOTE_CANCEL_WAIT_S)
            return
        if run is None or run.done:
            return
        stopping = run.cancel_action is not None  # a cancel before this one is under way
        if not stopping or action == "rollback":
            run.cancel_action = action  # (a rollback asked meanwhile still reaches the task)
        if run.task is None:
            return  # _launch sees cancel_action before it creates the task
        if not stopping:  # once: a second CancelledError would cut its end short
            run.task.cancel()
        await asyncio.wait({run.task})
        # The task undoes a rollback before it lets the thread go (rollback.py); here only
        # what it did not (it ended before it saw the rollback, or its undo failed).
        if action == "rollback" and not run.undone:
            await undo(self._resources.pool, run)
        if forgotten(run):
            self._table.drop(run)  # not found from now on, as its row

    async def cancel_thread(self, thread_key: str, action: CancelAction = "interrupt") -> None:
        """Stop every run of the thread, in whichever process it runs."""
        for run in self.unfinished(thread_key):
            await self.cancel(run.run_id, action)
        await self._coordinator.publish_cancel(thread_key=thread_key, action=action)

    async def _cancel_here(
        self, run_id: str | None, thread_key: str | None, action: CancelAction
    ) -> None:
        """A cancel published by any process: act on the runs this one executes."""
        found = [self._table.get(run_id)] if run_id else self.unfinished(thread_key or "")
        for run in found:
            if run is not None and not run.remote and not run.done:
                await self.cancel(run.run_id, action)

    async def aclose(self) -> None:
        """Shutdown: cancel what still runs (its checkpoints so far are kept). The
        coordinator is closed by whoever opened it (the resources)."""
        tasks = [r.task for r in self._table.running() if r.task is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
        self._table.clear_expiry()
