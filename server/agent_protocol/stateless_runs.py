"""Stateless runs: `/runs`, `/runs/stream`, `/runs/wait` and `/runs/batch`.

A stateless run is an ordinary run (the one run core, server/runs/) on a thread made for
it and owned by the caller; with `on_completion="delete"` (the default, as in LangGraph's
server) that thread and its checkpoints are deleted once the run has ended, with
`"keep"` it stays like any other thread.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, Literal
from uuid import UUID

import structlog
from fastapi import APIRouter, Body

from server.agent_protocol.assistant_rows import find_run_assistant
from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.responses import ClosingStream
from server.agent_protocol.run_lookup import output_body
from server.agent_protocol.run_start import start_run
from server.agent_protocol.run_view import options_of, run_json
from server.agent_protocol.runs import cancel_if_left, run_headers
from server.agent_protocol.runs_input import run_request
from server.agent_protocol.schemas import RunCreate
from server.agent_protocol.serialize import ProtocolJSON
from server.agent_protocol.sse import run_frames, sse_response
from server.agent_protocol.thread_ttl import ThreadTTL, set_ttl
from server.agent_protocol.thread_view import client_metadata
from server.deps import Res
from server.errors import error_response
from server.ratelimit import hit, rate_item, retry_after_header, turn_key
from server.refusals import BadInput, Refused
from server.resources import Resources
from server.runs import Run, RunManager, create_thread
from server.runs.deps import Runs
from server.runs.threads import CheckpointNotFound, ThreadNotFound, delete_thread

router = APIRouter(tags=["agent protocol"])
log = structlog.get_logger("pam.protocol")
MAX_BATCH = 100
# A thread to delete after its run is also given this TTL: should the process die before
# the run ends, the jobs worker deletes the thread once it has sat idle this long.
BACKSTOP = ThreadTTL(minutes=60, strategy="delete")
# Deletions waiting for their run to end; held so the tasks are not garbage-collected.
_cleanups: set[asyncio.Task[None]] = set()


class StatelessRunCreate(RunCreate):
    on_completion: Literal["delete", "keep"] = "delete"


async def _delete_when_ended(resources: Resources, user: UUID, run: Run) -> None:
    await run.ended()
    with contextlib.suppress(ThreadNotFound):  # deleted by the client meanwhile
        await delete_thread(resources, user, run.thread_id)


async def check_stateless(resources: Resources, user: UUID, body: StatelessRunCreate) -> None:
    """Every refusal `start_run` could make of a stateless run, made before any write
    (for a batch, before any of its runs starts): the assistant (404), the body with the
    assistant's context (422), and a checkpoint, which the run's new thread never has
    (404; redteam 10: a batch checked it as each run started, after earlier ones ran)."""
    assistant = await find_run_assistant(resources.pool, user, body.assistant_id)
    if assistant["context"]:
        body = body.model_copy(update={"context": {**assistant["context"], **(body.context or {})}})
    checked = run_request(body, resources.graph.nodes, assistant["assistant_id"])
    if checked.checkpoint_id is not None:
        raise CheckpointNotFound(checked.checkpoint_id)


async def start_stateless(
    resources: Resources, runs: RunManager, user: UUID, body: StatelessRunCreate
) -> Run:
    await check_stateless(resources, user, body)  # before the thread exists
    thread = await create_thread(resources, user, metadata=client_metadata(body.metadata))
    if body.on_completion == "delete":  # the worker's backstop, should this process die first
        await set_ttl(resources.pool, user, thread.id, BACKSTOP)
    try:
        run = await start_run(
            resources,
            runs,
            user,
            thread.thread_id,
            body.model_copy(update={"if_not_exists": "reject"}),
            temporary=body.on_completion == "delete",
        )
    except BaseException:
        await delete_thread(resources, user, thread.id)  # nothing half-created
        raise
    if body.on_completion == "delete":
        task = asyncio.create_task(_delete_when_ended(resources, user, run))
        _cleanups.add(task)
        task.add_done_callback(_cleanups.discard)
    return run


@router.post("/runs", response_class=ProtocolJSON)
async def create(body: StatelessRunCreate, user: ProtocolUser, res: Res, runs: Runs) -> Any:
    run = await start_stateless(res, runs, user, body)
    headers = run_headers(run.thread_id, run.run_id, "join")
    headers.pop("Location")
    return ProtocolJSON(run_json(run), headers=headers)


@router.post("/runs/wait")
async def wait(body: StatelessRunCreate, user: ProtocolUser, res: Res, runs: Runs) -> Any:
    run = await start_stateless(res, runs, user, body)
    return ClosingStream(
        output_body(res, run.user_id, run.thread_id, run),
        media_type="application/json",
        headers=run_headers(run.thread_id, run.run_id, "join"),
        on_close=cancel_if_left(runs, run, body.on_disconnect == "cancel"),
    )


@router.post("/runs/stream")
async def stream(body: StatelessRunCreate, user: ProtocolUser, res: Res, runs: Runs) -> Any:
    run = await start_stateless(res, runs, user, body)
    return sse_response(
        run_frames(run, options_of(run).plan(run.run_id), after=None),
        headers=run_headers(run.thread_id, run.run_id, "stream"),
        on_close=cancel_if_left(runs, run, body.on_disconnect == "cancel"),
    )


async def charge_batch(resources: Resources, user: UUID, size: int) -> float | None:
    """Every run of a batch is a turn (redteam 9): the middleware counted the request as
    one, so the rest are counted here, before any starts. None when all fit, else the
    seconds to wait; a batch larger than the whole budget is refused without counting."""
    rate = resources.settings.rate_limit_chat
    item = rate_item(rate)
    if size > item.amount:
        return float(item.get_expiry())
    for _ in range(size - 1):
        wait = await hit(resources, turn_key(f"user:{user}"), rate)
        if wait is not None:
            return wait
    return None


@router.post("/runs/batch", response_class=ProtocolJSON)
async def batch(
    user: ProtocolUser, res: Res, runs: Runs, body: list[StatelessRunCreate] = Body()
) -> Any:
    if not body or len(body) > MAX_BATCH:
        raise BadInput(f"body: a list of 1 to {MAX_BATCH} runs.")
    for index, item in enumerate(body):  # every one checked before any starts
        try:
            await check_stateless(res, user, item)
        except Refused as exc:
            raise exc.about(f"body[{index}]") from None
    if (wait := await charge_batch(res, user, len(body))) is not None:
        seconds = retry_after_header(wait)
        return error_response(
            429,
            f"A batch of {len(body)} runs is {len(body)} turns; too many just now: try again"
            f" in {seconds} s.",
            **{"Retry-After": seconds},
        )
    started = [await start_stateless(res, runs, user, item) for item in body]
    return ProtocolJSON([run_json(run) for run in started])
