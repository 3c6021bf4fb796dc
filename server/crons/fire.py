"""A cron's firing, as the jobs worker runs it: start a normal run with the cron's body.

On the cron's thread the run is queued behind any run there (`enqueue`, unless the cron
said otherwise); without a thread it is a stateless run, on a fresh thread of the
owner's. The owner is the cron row's, read in their RLS scope: a job never names a user
the row does not. A cron deleted or disabled since it was due is skipped.

A firing is a turn of its owner's: it counts against the same per-user budget of turns
(RATE_LIMIT_CHAT) as chat, WebSocket and Agent Protocol runs, and a firing over it is
skipped (`over_budget`) — otherwise a user's crons would be turns beyond the limit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

import structlog

from server.agent_protocol.run_start import start_run
from server.agent_protocol.schemas import RunCreate
from server.agent_protocol.stateless_runs import StatelessRunCreate, start_stateless
from server.crons.rows import run_body
from server.ratelimit import hit, turn_key
from server.refusals import Refused
from server.resources import Resources
from server.runs import RunManager
from tools.db.scope import user_db

log = structlog.get_logger("pam.jobs")
Outcome = Literal["started", "stale", "refused", "over_budget"]


class CronFirer:
    def __init__(self, resources: Resources, runs: RunManager) -> None:
        self._resources = resources
        self._runs = runs

    async def __call__(self, cron_id: UUID, user_id: UUID, due_at: str) -> Outcome:
        async with user_db(self._resources.pool, user_id) as db:
            cron = await (
                await db.conn.execute(
                    "SELECT assistant_id, thread_id, enabled, on_run_completed, payload"
                    " FROM crons WHERE id = %s",
                    (cron_id,),
                )
            ).fetchone()
        if cron is None or not cron["enabled"]:
            return "stale"
        settings = self._resources.settings
        wait_s = await hit(self._resources, turn_key(f"user:{user_id}"), settings.rate_limit_chat)
        if wait_s is not None:
            log.warning("cron firing over the turn budget", cron_id=str(cron_id), wait_s=wait_s)
            return "over_budget"
        metadata = {**cron["payload"].get("metadata", {}), "cron_id": str(cron_id)}
        body = {
            **run_body(cron["payload"]),
            "assistant_id": cron["assistant_id"],
            "metadata": metadata,
        }
        try:
            if cron["thread_id"] is not None:
                run = await start_run(
                    self._resources,
                    self._runs,
                    user_id,
                    str(cron["thread_id"]),
                    RunCreate.model_validate(body),
                )
            else:
                stateless = {**body, "on_completion": cron["on_run_completed"]}
                run = await start_stateless(
                    self._resources,
                    self._runs,
                    user_id,
                    StatelessRunCreate.model_validate(stateless),
                )
        except Refused as exc:  # its assistant or thread deleted since: no retry helps
            log.warning("cron run refused", cron_id=str(cron_id), detail=exc.message)
            return "refused"
        log.info(
            "cron fired",
            cron_id=str(cron_id),
            run_id=run.run_id,
            late_s=round(
                (datetime.now().astimezone() - datetime.fromisoformat(due_at)).total_seconds(), 3
            ),
        )
        return "started"
