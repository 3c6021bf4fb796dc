"""A run's events shared through Postgres, for coordination without Redis: copied to
`coordinated_run_events` off the turn's path (`TableLog`), and followed from another
process (`follow`), woken by a NOTIFY on the run's own channel and polling otherwise.
"""

from __future__ import annotations

import asyncio
from uuid import UUID

import structlog

from server.pubsub import Listener
from server.runs.codec import decode_event, namespace_text, pack, pack_outcome, unpack
from server.runs.coordinator import BATCH, UNFOLLOWED, finish
from server.runs.events import RunEvent
from server.runs.mirror import SharedLog
from server.runs.pg_session import DB_ERRORS, run_alive
from server.runs.run import Run
from server.runs.store import LOST
from tools.db.pool import Pool

log = structlog.get_logger("pam.runs")

FLUSH_EVERY_S = 0.1  # a run's events are copied in batches at most this often
FOLLOW_BLOCK_S = 1.0  # a follower's longest wait for a wake-up before it reads anyway


def run_channel(run_id: str) -> str:
    return f"pam_run_{UUID(run_id).hex}"


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
        ended = run_outcome(run) if ending else (None, None, None)
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


def run_outcome(run: Run) -> tuple[str, str | None, bytes]:
    """The run's end as its row records it: status, error, packed outcome."""
    return run.status, run.error, pack_outcome(run.values, run.interrupts, run.result)


async def follow(pool: Pool, listener: Listener, run: Run) -> None:
    """Replay the run's rows into the follower, woken by its channel's NOTIFYs, until its
    row records the end (or its process died)."""
    channel, wake = run_channel(run.run_id), asyncio.Event()
    listener.subscribe(channel, lambda _payload: wake.set())
    rid, last = UUID(run.run_id), 0
    try:
        await listener.listening(channel)
        while True:
            wake.clear()
            async with pool.connection() as conn:
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
                if not await run_alive(pool, rid):  # its owner died
                    run.end("error", LOST)
                    return
    except DB_ERRORS as exc:
        log.warning("lost the run's shared events", run_id=run.run_id, error=str(exc))
        run.end("error", UNFOLLOWED)
    except asyncio.CancelledError:
        run.end("cancelled")  # this process is shutting down; the run itself goes on
    finally:
        listener.unsubscribe(channel)
