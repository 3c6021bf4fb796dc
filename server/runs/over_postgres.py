"""Coordination through Postgres alone (PAM_COORDINATION=postgres): `pam serve --workers N`
or several instances sharing one database and no Redis.

- **Who runs where.** Each process keeps one session of its own (`Session`); its pid and
  start time name the process in `coordinated_runs` (migration 0017), where each run is
  announced, so a run whose session is gone from `pg_stat_activity` is known to be dead.
- **Thread locks** are session advisory locks on that session (one per thread, freed by
  Postgres when the process dies); the row of the run holding one says so
  (`holds_thread`), naming its run and message id.
- **Run events** are copied to `coordinated_run_events` in batches off the turn's path
  (`TableLog`); a follower in another process reads them, woken by a NOTIFY on the run's
  own channel, and falls back to polling.
- **Cancels** and **pushes** are NOTIFYs on `pam_cancel` and `pam_push`. A process holds a
  shared advisory lock per user with a socket open in it, so a push counts the processes
  that will deliver it (0: the user has no socket open anywhere).
- **Rate limits**: `rate_limit_windows` (server/ratelimit.py `PostgresCounter`).

Ended runs' rows go after ENDED_KEEP_S, dead processes' after DEAD_KEEP_S, expired rate
windows at once: a sweep in every process, every SWEEP_EVERY_S.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import Coroutine
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
import psycopg
import structlog
from psycopg.rows import DictRow, dict_row
from psycopg_pool import PoolTimeout

from server.pg_listen import Listener
from server.ratelimit import PostgresCounter, RateCounter
from server.runs.codec import decode_event, namespace_text, pack, pack_outcome, unpack
from server.runs.coordinator import (
    BATCH,
    UNFOLLOWED,
    CoordinatorKind,
    Holder,
    OnCancel,
    finish,
    follower,
    settle_claim,
)
from server.runs.events import RunEvent
from server.runs.mirror import SharedLog
from server.runs.run import CancelAction, Run, Strategy
from server.runs.store import LOST
from server.ws.registry import SocketRegistry
from tools.db.pool import Pool

log = structlog.get_logger("pam.runs")

DB_ERRORS = (psycopg.Error, PoolTimeout, OSError)
LOCK_POLL_S = 0.05  # how often a queued run looks at a thread held by another process
HOLDER_TRIES = 10  # a lock taken but its holder not yet named: look again this often
FOLLOW_BLOCK_S = 1.0  # a follower's longest wait for a wake-up before it reads anyway
ENDED_KEEP_S = 60  # a run stays joinable from other processes this long after its end
DEAD_KEEP_S = 3600  # a dead process's unfinished runs' rows are dropped after this
SWEEP_EVERY_S = 30.0
FLUSH_EVERY_S = 0.1  # a run's events are copied in batches at most this often
CANCEL_CHANNEL = "pam_cancel"
PUSH_CHANNEL = "pam_push"
NOTIFY_MAX_BYTES = 7900  # Postgres refuses a NOTIFY payload of 8000 bytes or more

# The session named in a run's row is still connected: the run's process is alive.
_ALIVE = (
    "EXISTS (SELECT 1 FROM pg_stat_activity a"
    " WHERE a.pid = r.owner_pid AND a.backend_start = r.owner_started)"
)
_MASK = 0xFFFFFFFF


def run_channel(run_id: str) -> str:
    return f"pam_run_{UUID(run_id).hex}"


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


class Session:
    """This process's own database session: it holds the advisory locks of its runs'
    threads and its users' presence, and names the process in `coordinated_runs`.
    Reconnected once on failure; the locks it held are then taken again."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._conn: psycopg.AsyncConnection[DictRow] | None = None
        self._connecting = asyncio.Lock()
        self.pid = 0
        self.started: datetime | None = None
        self.on_reconnect: list[Any] = []

    async def connect(self) -> None:
        async with self._connecting:
            if self._conn is not None and not self._conn.closed:
                return
            conn = await psycopg.AsyncConnection.connect(
                self._url, autocommit=True, row_factory=dict_row, connect_timeout=5
            )
            me = await (
                await conn.execute(
                    "SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()"
                )
            ).fetchone()
            assert me is not None  # a session sees itself
            old = (self.pid, self.started)
            self._conn, self.pid, self.started = conn, me["pid"], me["backend_start"]
            if old[1] is not None:
                # Its runs live on in this process: name the new session as their owner.
                # The old session's locks went with it.
                await conn.execute(
                    "UPDATE coordinated_runs SET owner_pid = %s, owner_started = %s,"
                    " holds_thread = false WHERE owner_pid = %s AND owner_started = %s",
                    (self.pid, self.started, old[0], old[1]),
                )
                log.warning("coordination session reconnected; taking its locks again")
                for retake in self.on_reconnect:
                    await retake()

    async def fetch(self, query: str, params: tuple[Any, ...] | dict[str, Any]) -> DictRow:
        for attempt in (1, 2):
            conn = self._conn
            if conn is None or conn.closed:
                await self.connect()
                conn = self._conn
            assert conn is not None
            try:
                row = await (await conn.execute(query, params)).fetchone()
                assert row is not None  # every query here selects one row
                return row
            except psycopg.OperationalError:
                if attempt == 2:
                    raise
                with contextlib.suppress(Exception):
                    await conn.close()
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        if self._conn is not None:
            await self._conn.close()


class TableLog(SharedLog):
    """A run's events copied to `coordinated_run_events`, a NOTIFY on the run's channel
    after each batch; the last batch records the run's outcome in its row. One statement
    per batch, batches at most every FLUSH_EVERY_S (a follower reads them a little later;
    the turn itself never waits)."""

    errors = DB_ERRORS
    where = "Postgres"
    flush_every_s = FLUSH_EVERY_S

    def __init__(self, pool: Pool, run: Run) -> None:
        self._pool = pool
        super().__init__(run)

    async def write(self, batch: list[RunEvent], ending: bool) -> None:
        run = self._run
        ended = _outcome(run) if ending else (None, None, None)
        params = {
            "run": UUID(run.run_id),
            "seqs": [e.seq for e in batch],
            "modes": [e.mode for e in batch],
            "nss": [namespace_text(e.namespace) for e in batch],
            "datas": [pack(e.data) for e in batch],
            "ending": ending,
            "status": ended[0],
            "error": ended[1],
            "outcome": ended[2],
            "channel": run_channel(run.run_id),
        }
        async with self._pool.connection() as conn:
            await conn.execute(_WRITE_BATCH, params)


# A batch of a run's events, its outcome when it is the last, and the wake-up of its
# followers: one statement (one transaction, so a follower that sees the outcome sees
# every event; the NOTIFY is sent when it commits).
_WRITE_BATCH = """
WITH events AS (
    INSERT INTO coordinated_run_events (run_id, seq, mode, ns, data)
    SELECT %(run)s, e.seq, e.mode, e.ns, e.data
    FROM unnest(%(seqs)s::bigint[], %(modes)s::text[], %(nss)s::text[], %(datas)s::bytea[])
        AS e (seq, mode, ns, data)
), ended AS (
    UPDATE coordinated_runs SET ended_at = now(), end_status = %(status)s,
        end_error = %(error)s, end_data = %(outcome)s
    WHERE %(ending)s AND run_id = %(run)s
)
SELECT pg_notify(%(channel)s, '')
"""


def _outcome(run: Run) -> tuple[str, str | None, bytes]:
    return run.status, run.error, pack_outcome(run.values, run.interrupts, run.result)


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

    async def claim(self, strategy: Strategy) -> None:
        held = await self.take()
        await settle_claim(self._run, held, strategy, self._coordinator.publish_cancel)

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
        status, error, outcome = (None, None, None) if self._mirrored else _outcome(run)
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
        def cancel_message(payload: str) -> None:
            try:
                message = orjson.loads(payload)
                action = message.get("action")
                run_id, thread_key = message.get("run_id"), message.get("thread_key")
            except (orjson.JSONDecodeError, AttributeError):
                return
            if action in ("interrupt", "rollback"):
                self._spawn(handler(run_id, thread_key, action))

        self.listener.subscribe(CANCEL_CHANNEL, cancel_message)

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
            follow=self._follow,
        )

    async def _follow(self, run: Run) -> None:
        channel, wake = run_channel(run.run_id), asyncio.Event()
        self.listener.subscribe(channel, lambda _payload: wake.set())
        rid, last = UUID(run.run_id), 0
        try:
            await self.listener.listening(channel)
            while True:
                wake.clear()
                async with self.pool.connection() as conn:
                    # The row first: once it says ended, every event is already there.
                    head = await (
                        await conn.execute(
                            "SELECT end_status, end_error, end_data FROM coordinated_runs"
                            " WHERE run_id = %s",
                            (rid,),
                        )
                    ).fetchone()
                    rows = await (
                        await conn.execute(
                            "SELECT seq, mode, ns, data FROM coordinated_run_events"
                            " WHERE run_id = %s AND seq > %s ORDER BY seq LIMIT %s",
                            (rid, last, BATCH),
                        )
                    ).fetchall()
                for row in rows:
                    last = row["seq"]
                    run.log.replay(decode_event(row["seq"], row["mode"], row["ns"], row["data"]))
                if len(rows) == BATCH:
                    continue
                if head is None:  # swept: its process died long ago
                    run.end("error", LOST)
                    return
                if head["end_status"] is not None:
                    finish(run, head["end_status"], head["end_error"], unpack(head["end_data"]))
                    return
                try:
                    await asyncio.wait_for(wake.wait(), FOLLOW_BLOCK_S)
                except TimeoutError:
                    if not await self._alive(rid):  # its owner died
                        run.end("error", LOST)
                        return
        except DB_ERRORS as exc:
            log.warning("lost the run's shared events", run_id=run.run_id, error=str(exc))
            run.end("error", UNFOLLOWED)
        except asyncio.CancelledError:
            run.end("cancelled")  # this process is shutting down; the run itself goes on
        finally:
            self.listener.unsubscribe(channel)

    async def _alive(self, run_id: UUID) -> bool:
        async with self.pool.connection() as conn:
            row = await (
                await conn.execute(
                    f"SELECT {_ALIVE} AS alive FROM coordinated_runs r WHERE r.run_id = %s",
                    (run_id,),
                )
            ).fetchone()
        return bool(row and row["alive"])

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
            return not await self._alive(UUID(run_id))
        except DB_ERRORS:
            return False

    async def publish_cancel(
        self, *, run_id: str | None = None, thread_key: str | None = None, action: CancelAction
    ) -> None:
        message = orjson.dumps({"run_id": run_id, "thread_key": thread_key, "action": action})
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
                        f" AND NOT {_ALIVE})",
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
