"""Runs in bulk and gone: `POST /runs/cancel` (by thread and ids, or by status) and
`DELETE /threads/{id}/runs/{run_id}` — only ever the caller's runs."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response
from pydantic import Field

from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.run_lookup import RunNotFound, find_run
from server.agent_protocol.schemas import Body
from server.deps import Res
from server.refusals import BadInput, Conflict
from server.runs import owned_thread
from server.runs.deps import Runs
from tools.db.scope import user_db

router = APIRouter(tags=["agent protocol"])
MAX_CANCEL = 1000
UNFINISHED = {"pending": ("pending",), "running": ("running",), "all": ("pending", "running")}


class BulkCancel(Body):
    thread_id: str | None = None
    run_ids: list[str] | None = Field(default=None, max_length=MAX_CANCEL)
    status: Literal["pending", "running", "all"] | None = None


@router.post("/runs/cancel", status_code=204)
async def cancel_many(
    body: BulkCancel,
    user: ProtocolUser,
    res: Res,
    runs: Runs,
    action: Literal["interrupt", "rollback"] = "interrupt",
) -> Response:
    if body.status is not None:
        if body.thread_id is not None or body.run_ids:
            raise BadInput("status: give either status, or thread_id and run_ids.")
        async with user_db(res.pool, user) as db:
            rows = await (
                await db.conn.execute(
                    "SELECT id, thread_id FROM chat_runs WHERE status = ANY(%s) LIMIT %s",
                    (list(UNFINISHED[body.status]), MAX_CANCEL),
                )
            ).fetchall()
        targets = [(str(r["thread_id"]), str(r["id"])) for r in rows]
    elif body.thread_id is not None and body.run_ids:
        thread = await owned_thread(res, user, body.thread_id)
        targets = [(thread.thread_id, run_id) for run_id in body.run_ids]
    else:
        raise BadInput("run_ids: give thread_id and run_ids, or status.")
    found = []
    for thread_id, run_id in targets:  # every id checked before any run is stopped
        _, live, _ = await find_run(res, runs, user, thread_id, run_id)
        found.append(live)
    for live in found:
        if live is not None and not live.done:
            await runs.cancel(live.run_id, action)
    return Response(status_code=204)


@router.delete("/threads/{thread_id}/runs/{run_id}", status_code=204)
async def delete(thread_id: str, run_id: str, user: ProtocolUser, res: Res, runs: Runs) -> Response:
    thread, live, row = await find_run(res, runs, user, thread_id, run_id)
    if (live is not None and not live.done) or (
        row is not None and row.status in ("pending", "running")
    ):
        raise Conflict("The run has not ended: cancel it first.")
    async with user_db(res.pool, user) as db:
        gone = await (
            await db.conn.execute(
                "DELETE FROM chat_runs WHERE id = %s AND thread_id = %s RETURNING id",
                (run_id, thread.id),
            )
        ).fetchone()
    if gone is None:
        raise RunNotFound()
    runs.forget(run_id)
    return Response(status_code=204)
