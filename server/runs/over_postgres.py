"""Coordination through Postgres alone (PAM_COORDINATION=postgres): `pam serve --workers N`
or several instances sharing one database and no Redis.

- **Who runs where.** Each process keeps one session of its own (`Session`,
  server/runs/pg_session.py); its pid and
  start time name the process in `coordinated_runs` (migration 0017), where each run is
  announced, so a run whose session is gone from `pg_stat_activity` is known to be dead.
- **Thread locks** are session advisory locks on that session (one per thread, freed by
  Postgres when the process dies); the row of the run holding one says so
  (`holds_thread`), naming its run and message id.
- **Run events** are copied to `coordinated_run_events` in batches off the turn's path
  (`TableLog`); a follower in another process reads them, woken by a NOTIFY on the run's
  own channel, and falls back to polling (server/runs/pg_events.py).
- **Cancels** and **pushes** are NOTIFYs on `pam_cancel` and `pam_push`. A process holds a
  shared advisory lock per user with a socket open in it, so a push counts the processes
  that will deliver it (0: the user has no socket open anywhere).
- **Rate limits**: `rate_limit_windows` (server/ratelimit.py `PostgresCounter`).

Ended runs' rows go after ENDED_KEEP_S, dead processes' after DEAD_KEEP_S, expired rate
windows at once: a sweep in every process, every SWEEP_EVERY_S.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Coroutine
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
import structlog

from server.pubsub import Listener
from server.ratelimit import PostgresCounter, RateCounter
from server.runs.coordinator import (
    CoordinatorKind,
    Holder,
    OnCancel,
    cancel_message,
    follower,
    read_cancel,
    settle_claim,
)
from server.runs.pg_events import TableLog, follow, run_outcome
from server.runs.pg_session import ALIVE, DB_ERRORS, Session, run_alive
from server.runs.run import CancelAction, Run, Strategy
from server.ws.registry import SocketRegistry
from tools.db.pool import Pool

log = structlog.get_logger("pam.runs")

LOCK_POLL_S = 0.05  # how often a queued run looks at a thread held by another process
HOLDER_TRIES = 10  # a lock taken but its holder not yet named: look again this often
ENDED_KEEP_S = 60  # a run stays joinable from other processes this long after its end
DEAD_KEEP_S = 3600  # a dead process's unfinished runs' rows are dropped after this
SWEEP_EVERY_S = 30.0
CANCEL_CHANNEL = "pam_cancel"
PUSH_CHANNEL = "pam_push"
NOTIFY_MAX_BYTES = 7900  # Postgres refuses a NOTIFY payload of 8000 bytes or more

_MASK = 0xFFFFFFFF


def lock_number(thread_key: str) -> int:
    """The thread's advisory lock key (the one-bigint form) for its key (a user's thread:
    `tools.db.thread_keys.thread_key`)."""
    digest = hashlib.blake2b(thread_key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def user_key(user_id: UUID) -> tuple[int, int]:
    """The user's presence lock key (the two-int4 form, apart from the bigint keys)."""
    raw = user_id.bytes
    return int.from_bytes(raw[:4], "big", signed=True), int.from_bytes(raw[4:8], "big", signed=True)


_HELD_BY = (
    "SELECT count(DISTINCT pid) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND classid::text::bigint = %s AND objid::text::bigint = %s AND objsubid = %s"
)


class PostgresLease:
    def __init__(self, coordinator: PostgresCoordinator, run: Run) -> None:
        self._coordinator = coordinator
        self._pool = coordinator.pool
        self._session = coordinator.session
        self._run = run
        self._key = lock_number(run.thread_key)
        self.held = False
        self._mirrored = False
        self._ended = False

    @property
    def shared(self) -> bool:
        return True

    async def announce(self) -> None:
        run, session = self._run, self._session
        async with self._pool.connection() as conn:
            await conn.execute(
                "INSERT INTO coordinated_runs (run_id, thread_id, user_id, message_id, extras,"
                " owner_pid, owner_started) VALUES (%s, %s, %s, %s, %s::jsonb, %s, %s)",
                (
                    UUID(run.run_id),
                    UUID(run.thread_id),
                    run.user_id,
                    run.message_id,
                    orjson.dumps(run.extras).decode(),
                    session.pid,
                    session.started,
                ),
            )

    async def claim(self, strategy: Strategy) -> str | None:
        held = await self.take()
        return await settle_claim(self._run, held, strategy, self._coordinator.publish_cancel)

    async def acquire(self) -> None:
        while not self.held:
            if await self.take() is None:
                return
            await asyncio.sleep(LOCK_POLL_S)  # held in another process: no event to wait on

    async def take(self) -> Holder | None:
        """Take the thread if free (None), else who holds it."""
        run = self._run
        params = {
            "key": self._key,
            "run": UUID(run.run_id),
            "thread": UUID(run.thread_id),
            "user": run.user_id,
        }
        for _ in range(HOLDER_TRIES):
            row = await self._session.fetch(_TAKE, params)
            if row["taken"]:
                self.held = True
                self._coordinator.holding.add(self)
                return None
            if row["holder"] is not None:
                return Holder(str(row["holder"]), row["message_id"])
            await asyncio.sleep(LOCK_POLL_S / 2)  # locked, its run not yet named
        return Holder("")  # held by a run that has not named itself yet

    def mirror(self) -> None:
        self._mirrored = True
        self._run.log = TableLog(self._pool, self._run)

    async def end(self) -> None:
        if self._ended:
            return
        self._ended = True
        run = self._run
        # Without a log to write it, the outcome is recorded here for followers.
        status, error, outcome = (None, None, None) if self._mirrored else run_outcome(run)
        params = {
            "run": UUID(run.run_id),
            "unlock": self.held,
            "key": self._key,
            "record": not self._mirrored,
            "status": status,
            "error": error,
            "outcome": outcome,
        }
        if self.held:
            self.held = False
            self._coordinator.holding.discard(self)
        try:
            await self._session.fetch(_END, params)
        except DB_ERRORS as exc:  # the lock goes with the session; the row with the sweep
            log.warning("could not let a thread go", run_id=run.run_id, error=str(exc))


# The thread's lock taken if free (and the run's row then says it holds the thread, a
# dead process's row no longer); else who holds it, by the row naming it.
_TAKE = """
WITH lock AS (SELECT pg_try_advisory_lock(%(key)s) AS taken),
held AS (
    UPDATE coordinated_runs SET holds_thread = (run_id = %(run)s)
    WHERE (SELECT taken FROM lock) AND thread_id = %(thread)s AND user_id = %(user)s
        AND (holds_thread OR run_id = %(run)s)
)
SELECT lock.taken, h.run_id AS holder, h.message_id FROM lock
LEFT JOIN LATERAL (
    SELECT run_id, message_id FROM coordinated_runs
    WHERE NOT lock.taken AND thread_id = %(thread)s AND user_id = %(user)s AND holds_thread
        AND run_id <> %(run)s
    LIMIT 1
) h ON true
"""
# The thread let go (when held) and the run's row marked ended (with its outcome when no
# log recorded it).
_END = """
WITH row AS (
    UPDATE coordinated_runs SET holds_thread = false, ended_at = coalesce(ended_at, now()),
        end_status = CASE WHEN %(record)s THEN %(status)s ELSE end_status END,
        end_error = CASE WHEN %(record)s THEN %(error)s ELSE end_error END,
        end_data = CASE WHEN %(record)s THEN %(outcome)s::bytea ELSE end_data END
    WHERE run_id = %(run)s
)
SELECT CASE WHEN %(unlock)s THEN pg_advisory_unlock(%(key)s) END AS unlocked
"""


class PostgresCoordinator:
    kind: CoordinatorKind = "postgres"

    def __init__(self, database_url: str, pool: Pool) -> None:
        self.pool = pool
        self.session = Session(database_url)
        self.listener = Listener(database_url)
        self.counter: RateCounter = PostgresCounter(pool)
        self.holding: set[PostgresLease] = set()
        self._registry = SocketRegistry()
        self._present: set[UUID] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._sweeper: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, database_url: str, pool: Pool) -> PostgresCoordinator:
        coordinator = cls(database_url, pool)
        await coordinator.session.connect()
        coordinator.session.on_reconnect.append(coordinator._retake)
        coordinator.listener.start()
        coordinator._sweeper = asyncio.create_task(coordinator._sweep(), name="pg-coord-sweep")
        return coordinator

    def on_cancel(self, handler: OnCancel) -> None:
        def on_message(payload: str) -> None:
            if (cancel := read_cancel(payload)) is not None:
                self._spawn(handler(*cancel))

        self.listener.subscribe(CANCEL_CHANNEL, on_message)

    def serve_pushes(self, registry: SocketRegistry) -> None:
        self._registry = registry
        registry.on_presence = self._presence
        for user_id in registry.users():
            self._presence(user_id, True)
        self.listener.subscribe(PUSH_CHANNEL, self._push_message)

    async def aclose(self) -> None:
        self._registry.on_presence = None
        if self._sweeper is not None:
            self._sweeper.cancel()
        for task in list(self._tasks):
            task.cancel()
        await self.listener.aclose()
        await self.session.aclose()

    def lease(self, run: Run) -> PostgresLease:
        return PostgresLease(self, run)

    async def attach(self, run_id: str) -> Run | None:
        try:
            rid = UUID(run_id)
        except ValueError:
            return None
        async with self.pool.connection() as conn:
            head = await (
                await conn.execute(
                    "SELECT thread_id, user_id, message_id, extras FROM coordinated_runs"
                    " WHERE run_id = %s",
                    (rid,),
                )
            ).fetchone()
        if head is None:
            return None
        return follower(
            str(rid),
            thread_id=str(head["thread_id"]),
            user_id=head["user_id"],
            message_id=head["message_id"],
            extras={str(k): str(v) for k, v in head["extras"].items()},
            follow=lambda run: follow(self.pool, self.listener, run),
        )

    async def thread_held(self, thread_key: str) -> bool:
        key = lock_number(thread_key)
        async with self.pool.connection() as conn:
            row = await (
                await conn.execute(_HELD_BY, ((key >> 32) & _MASK, key & _MASK, 1))
            ).fetchone()
        return bool(row and row["n"])

    async def owner_gone(self, run_id: str, thread_key: str, created_at: datetime) -> bool:
        """Gone when no live process's session names the run (unknown, so not gone,
        while the database does not answer)."""
        try:
            return not await run_alive(self.pool, UUID(run_id))
        except DB_ERRORS:
            return False

    async def publish_cancel(
        self, *, run_id: str | None = None, thread_key: str | None = None, action: CancelAction
    ) -> None:
        message = cancel_message(run_id, thread_key, action)
        try:
            async with self.pool.connection() as conn:
                await conn.execute("SELECT pg_notify(%s, %s)", (CANCEL_CHANNEL, message.decode()))
        except DB_ERRORS as exc:
            log.warning("cancel not shared (Postgres)", run_id=run_id, error=str(exc))

    async def push(self, user_id: UUID, frame: dict[str, Any]) -> int:
        payload = orjson.dumps({"user": str(user_id), "frame": frame})
        if len(payload) > NOTIFY_MAX_BYTES:
            log.warning("push too large to share; this process only", bytes=len(payload))
            return await self._registry.push(user_id, frame)
        high, low = user_key(user_id)
        async with self.pool.connection() as conn:
            row = await (await conn.execute(_HELD_BY, (high & _MASK, low & _MASK, 2))).fetchone()
            taking = int(row["n"]) if row else 0
            if taking:
                await conn.execute("SELECT pg_notify(%s, %s)", (PUSH_CHANNEL, payload.decode()))
        return taking

    def listening(self, user_id: UUID) -> bool:
        return user_id in self._present and self.listener.subscribed(PUSH_CHANNEL)

    def _push_message(self, payload: str) -> None:
        try:
            message = orjson.loads(payload)
            user_id, frame = UUID(message["user"]), message["frame"]
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return
        if self._registry.count(user_id):
            self._spawn(self._registry.push(user_id, frame))

    def _presence(self, user_id: UUID, present: bool) -> None:
        self._spawn(self._mark_present(user_id, present))

    async def _mark_present(self, user_id: UUID, present: bool) -> None:
        high, low = user_key(user_id)
        try:
            if present and user_id not in self._present:
                await self.session.fetch(
                    "SELECT 1 AS ok FROM pg_advisory_lock_shared(%s, %s)", (high, low)
                )
                self._present.add(user_id)
            elif not present and user_id in self._present:
                self._present.discard(user_id)
                await self.session.fetch(
                    "SELECT pg_advisory_unlock_shared(%s, %s) AS ok", (high, low)
                )
        except DB_ERRORS as exc:
            log.warning("socket presence not shared (Postgres)", error=str(exc))

    async def _retake(self) -> None:
        """After the session reconnected: its users' presence and its runs' threads."""
        present, self._present = set(self._present), set()
        for user_id in present:
            await self._mark_present(user_id, True)
        for lease in list(self.holding):
            lease.held = False
            self.holding.discard(lease)
            if await lease.take() is not None:
                log.warning("a thread lock was taken by another process meanwhile")

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(SWEEP_EVERY_S)
            try:
                async with self.pool.connection() as conn:
                    await conn.execute(
                        "DELETE FROM coordinated_runs r WHERE r.ended_at < now() - %s * interval"
                        f" '1 second' OR (r.created_at < now() - %s * interval '1 second'"
                        f" AND NOT {ALIVE})",
                        (ENDED_KEEP_S, DEAD_KEEP_S),
                    )
                    await conn.execute("DELETE FROM rate_limit_windows WHERE expires_at < now()")
            except DB_ERRORS as exc:
                log.warning("coordination sweep failed", error=str(exc))

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("coordination task failed", error=repr(task.exception()))
