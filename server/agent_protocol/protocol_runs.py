"""Which runs of a thread a v3 event stream follows, and in what order.

The runs this instance keeps for the thread (RunManager's history: running, queued, and
ended ones for RETAIN_S), and, where several instances share the work (Redis or Postgres
coordination), the thread's recent runs another instance executes: its rows are looked
at every LOOK_S and each is followed through the coordinator (`RunManager.find`), whose
follower replays the run's events from its start. A client's commands and its event
streams may then reach different instances and still meet. Runs are taken oldest first,
by the start their events are numbered from (protocol_events.run_started_ms).
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

from server.agent_protocol.protocol_events import run_started_ms
from server.resources import Resources
from server.runs import RunManager
from server.runs.coordinator import coordinator_kind
from server.runs.manager import RETAIN_S
from server.runs.run import ENDED, Run
from server.runs.store import RunRow, list_runs
from server.runs.threads import ThreadRow

POLL_S = 0.05  # how soon a new run on this instance is picked up
LOOK_S = 0.5  # how often the thread's rows are read for runs elsewhere
RECENT = 5  # rows read each time, newest first
EPOCH = datetime.min.replace(tzinfo=UTC)


def _start(run: Run) -> int:
    return run_started_ms(run.extras, run.created_at)


class ThreadRuns:
    def __init__(self, res: Resources, runs: RunManager, thread: ThreadRow) -> None:
        self._res = res
        self._runs = runs
        self._thread = thread
        self._shared = coordinator_kind(res.settings) != "local"
        self._seen: set[str] = set()
        self._unfollowable: set[str] = set()  # ended elsewhere, no instance has its events
        self._looked_at = -LOOK_S

    async def next(self) -> Run:
        """The next run to stream (waiting for one)."""
        while True:
            found = [
                r
                for r in self._runs.started_since(self._thread.key, EPOCH)
                if r.run_id not in self._seen
            ]
            if self._shared and time.monotonic() - self._looked_at >= LOOK_S:
                self._looked_at = time.monotonic()
                found += await self._elsewhere({r.run_id for r in found})
            if found:
                run = min(found, key=_start)
                self._seen.add(run.run_id)
                return run
            await asyncio.sleep(POLL_S)

    async def _elsewhere(self, here: set[str]) -> list[Run]:
        thread = self._thread
        rows = await list_runs(self._res.pool, thread.user_id, thread.thread_id, limit=RECENT)
        kept_since = datetime.now(UTC) - timedelta(seconds=RETAIN_S)
        found = []
        for row in rows:
            run_id = str(row.id)
            if run_id in here or run_id in self._seen or run_id in self._unfollowable:
                continue
            if _ended(row) and row.updated_at < kept_since:  # no instance keeps its events
                continue
            run = await self._runs.find(run_id)
            if run is None:
                if _ended(row):  # a run not yet announced may be soon; an ended one never
                    self._unfollowable.add(run_id)
                continue
            found.append(run)
        return found


def _ended(row: RunRow) -> bool:
    return row.status in ENDED
