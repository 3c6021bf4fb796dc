"""LangGraph's thread-centric streaming protocol (langgraph-sdk's `threads.stream(...)`):
`POST /threads/{thread_id}/commands` and the thread's event stream,
`POST /threads/{thread_id}/stream/events` (SSE).

Commands start runs through PAM's one run core (run_start.start_run, as `runs.create`
does), so a run started here is the same run every other route sees. The event stream
follows every run of the caller's thread (protocol_runs.py: kept ones, ended ones
included, then each new one, on this instance or another) and sends each as protocol
events (protocol_events.py) filtered by the stream's request (protocol_filter.py); it
stays open until the client leaves. Both are the caller's only: another user's thread is
not found (404), as on every other route; `run.start` on an id the caller has no thread
of creates theirs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response

from server.agent_protocol.assistant import GRAPH_ID
from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.protocol_commands import (
    SOCKET_ONLY,
    Command,
    CommandError,
    CommandRefusal,
    ErrorCode,
    error_answer,
    parse_command,
    parse_envelope,
    parse_input_respond,
    parse_run_start,
    success_answer,
)
from server.agent_protocol.protocol_events import RunTranslation, run_started_ms
from server.agent_protocol.protocol_filter import EventFilter, FilterError
from server.agent_protocol.protocol_runs import ThreadRuns
from server.agent_protocol.run_start import start_run
from server.agent_protocol.schemas import RunCommand, RunCreate
from server.agent_protocol.sse import frame, sse_response
from server.agent_protocol.thread_view import thread_state
from server.deps import Res
from server.errors import error_response
from server.refusals import RefusalKind, Refused
from server.resources import Resources
from server.runs import RunManager, owned_thread
from server.runs.deps import Runs
from server.runs.run import Run
from server.runs.threads import CheckpointNotFound, ThreadNotFound, ThreadRow
from server.wire_json import dumps

router = APIRouter(tags=["agent protocol"])
# What every run started here records: the chunks the protocol's events are made from.
RECORDED_MODES = ["values", "updates", "messages-tuple", "custom"]
# A refusal of PAM's run core, as the protocol's error code.
REFUSAL_CODES: dict[RefusalKind, ErrorCode] = {
    "malformed": "invalid_argument",
    "bad_input": "invalid_argument",
    "not_found": "invalid_argument",
    "forbidden": "permission_denied",
    "conflict": "invalid_argument",
    "busy": "invalid_argument",
}


def _json(content: Any, status_code: int = 200) -> Response:
    return Response(dumps(content), status_code=status_code, media_type="application/json")


@router.post(
    "/threads/{thread_id}/commands",
    responses={400: {"model": CommandRefusal, "description": "Not a command at all."}},
)
async def command(
    thread_id: str, request: Request, user: ProtocolUser, res: Res, runs: Runs
) -> Response:
    try:
        payload = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        refused = error_answer(None, "invalid_argument", "The body must be a JSON command.")
        return _json(refused, 400)
    try:
        envelope = parse_envelope(payload)
    except CommandError as exc:  # not a command at all: refused as the request it is
        return _json(exc.answer(), 400)
    try:  # a command: answered, its refusal included, in the protocol's shape
        return _json(await run_command(res, runs, user, thread_id, parse_command(envelope)))
    except CommandError as exc:
        return _json(exc.answer())


async def run_command(
    res: Resources, runs: RunManager, user: UUID, thread_id: str, command: Command
) -> dict[str, Any]:
    if command.method == "run.start":
        start = parse_run_start(command)
        body = RunCreate(
            assistant_id=start.assistant_id,
            input=start.input,
            config=start.config,
            metadata=start.metadata,
            multitask_strategy=start.multitask_strategy,
            checkpoint_id=start.checkpoint_id,
            if_not_exists="create",
            stream_mode=RECORDED_MODES,
            stream_subgraphs=True,
        )
        run = await _started(res, runs, user, thread_id, body, command.id)
        return success_answer(command.id, {"run_id": run.run_id})
    if command.method == "input.respond":
        respond = parse_input_respond(command)
        row = await owned_thread(res, user, thread_id)  # another user's: 404, as elsewhere
        waiting = {str(i.id) for i in (await thread_state(res, row)).interrupts}
        for answer in respond.responses:
            if answer.interrupt_id not in waiting:
                raise CommandError(
                    command.id,
                    "no_such_interrupt",
                    f"No interrupt {answer.interrupt_id!r} waits on this thread "
                    "(unknown, or already answered).",
                )
        body = RunCreate(
            assistant_id=str(row.metadata.get("assistant_id") or GRAPH_ID),
            command=RunCommand(resume=respond.resume()),
            config=respond.config,
            metadata=respond.metadata,
            stream_mode=RECORDED_MODES,
            stream_subgraphs=True,
        )
        await _started(res, runs, user, row.thread_id, body, command.id)
        return success_answer(command.id, {})
    raise CommandError(command.id, "not_supported", SOCKET_ONLY[command.method])


async def _started(
    res: Resources, runs: RunManager, user: UUID, thread_id: str, body: RunCreate, command_id: int
) -> Run:
    try:
        return await start_run(res, runs, user, thread_id, body)
    except ThreadNotFound:
        raise
    except CheckpointNotFound as exc:
        raise CommandError(command_id, "no_such_checkpoint", exc.message) from None
    except Refused as exc:
        raise CommandError(command_id, REFUSAL_CODES[exc.kind], exc.message) from None


@router.post("/threads/{thread_id}/stream/events")
async def thread_events(
    thread_id: str, request: Request, user: ProtocolUser, res: Res, runs: Runs
) -> Any:
    try:  # a request the stream cannot serve is a 400, as LangGraph's server answers it
        wanted = EventFilter.parse(orjson.loads(await request.body()))
    except orjson.JSONDecodeError:
        return error_response(400, 'The body must be JSON: {"channels": [...]}.')
    except FilterError as exc:
        return error_response(400, str(exc))
    thread = await owned_thread(res, user, thread_id)
    return sse_response(_frames(res, runs, thread, wanted), headers={})


async def _frames(
    res: Resources, runs: RunManager, thread: ThreadRow, wanted: EventFilter
) -> AsyncIterator[bytes]:
    async for event in thread_protocol_events(res, runs, thread):
        if wanted.wants(event):
            yield frame(event["method"], event, event["seq"])


async def thread_protocol_events(
    res: Resources, runs: RunManager, thread: ThreadRow
) -> AsyncIterator[dict[str, Any]]:
    """Every run of the thread (protocol_runs.py), oldest first, then each new one, as
    protocol events; never ends (the client leaving ends it)."""
    followed = ThreadRuns(res, runs, thread)
    while True:
        async for event in run_protocol_events(await followed.next()):
            yield event


async def run_protocol_events(run: Run) -> AsyncIterator[dict[str, Any]]:
    translation = RunTranslation(run.run_id, run_started_ms(run.extras, run.created_at))
    started = False
    async for chunk in run.events(None):
        if not started:  # a queued run is `running` once it sends something
            started = True
            for event in translation.start():
                yield event
        for event in translation.feed(chunk):
            yield event
    await run.ended()
    if not started:
        for event in translation.start():
            yield event
    for event in translation.end(run.status, run.error, run.interrupts):
        yield event
