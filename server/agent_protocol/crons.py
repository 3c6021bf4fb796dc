"""Crons: create (stateless or on a thread), update, search, count, delete — only the
caller's.

A cron keeps the run's body; at each firing the jobs worker starts a normal run with it
(server/crons/fire.py): on the cron's thread, or on a fresh thread of the owner's that
`on_run_completed` deletes after the run or keeps. Everything a run would refuse is
refused here, when the cron is made, with the field named.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal
from uuid import uuid4

from fastapi import APIRouter, Response
from pydantic import Field, ValidationError
from pydantic.json_schema import SkipJsonSchema

from server.agent_protocol.assistant_rows import find_assistant
from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.runs_input import run_request
from server.agent_protocol.schemas import Body, Limit, MultitaskStrategy, Offset, RunCreate
from server.agent_protocol.serialize import ProtocolJSON
from server.crons.rows import (
    CronFilter,
    NewCron,
    count_crons,
    cron_payload,
    delete_cron,
    insert_cron,
    locked_cron,
    parse_cron_id,
    run_body,
    save_cron,
    search_crons,
)
from server.crons.schedule import BadSchedule, check_schedule, next_fire
from server.deps import Res
from server.refusals import BadInput
from server.resources import Resources
from server.runs import owned_thread
from server.runs.threads import parse_thread_id
from tools.db.scope import user_db

router = APIRouter(tags=["agent protocol"])


class CronCreate(RunCreate):
    schedule: str = Field(min_length=1, max_length=200)
    # Only to refuse it (THREAD_IN_BODY): a cron's thread is the path's, so the schema
    # does not offer it.
    thread_id: SkipJsonSchema[Any] = Field(default=None, exclude=True)
    timezone: str | None = Field(default=None, max_length=100)
    end_time: datetime | None = None
    enabled: bool = True
    on_run_completed: Literal["delete", "keep"] = "delete"


class CronPatch(Body):
    schedule: str | None = Field(default=None, min_length=1, max_length=200)
    timezone: str | None = Field(default=None, max_length=100)
    end_time: datetime | None = None
    enabled: bool | None = None
    on_run_completed: Literal["delete", "keep"] | None = None
    input: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    config: dict[str, Any] | None = None
    context: dict[str, Any] | None = None
    stream_mode: str | list[str] | None = None
    stream_subgraphs: bool | None = None
    multitask_strategy: MultitaskStrategy | None = None
    durability: Literal["sync", "async", "exit"] | None = None
    interrupt_before: str | list[str] | None = None
    interrupt_after: str | list[str] | None = None
    webhook: str | None = None


class CronSearch(Body):
    assistant_id: str | None = None
    thread_id: str | None = None
    enabled: bool | None = None
    metadata: dict[str, Any] | None = None
    limit: int = Limit
    offset: int = Offset
    sort_by: (
        Literal[
            "cron_id",
            "assistant_id",
            "thread_id",
            "next_run_date",
            "end_time",
            "created_at",
            "updated_at",
        ]
        | None
    ) = None
    sort_order: Literal["asc", "desc"] | None = None
    select: list[str] | None = None


class CronCount(Body):
    assistant_id: str | None = None
    thread_id: str | None = None
    metadata: dict[str, Any] | None = None


async def _make(res: Resources, user: Any, body: CronCreate, thread_id: str | None) -> Any:
    timezone = body.timezone or "UTC"
    try:
        check_schedule(body.schedule, timezone)
    except BadSchedule as exc:
        raise BadInput(str(exc)) from None
    end = _utc(body.end_time)
    assistant = await find_assistant(res.pool, user, body.assistant_id)
    run_request(body)  # a body no run would take is refused now, not at each firing
    thread = await owned_thread(res, user, thread_id) if thread_id is not None else None
    cron_id = uuid4()
    cron = NewCron(
        cron_id=cron_id,
        assistant_id=assistant["assistant_id"],
        thread_id=thread.id if thread is not None else None,
        schedule=body.schedule,
        timezone=timezone,
        end_time=end,
        enabled=body.enabled,
        on_run_completed=body.on_run_completed,
        payload=cron_payload(
            body.model_dump(mode="json", exclude_unset=True), assistant["assistant_id"], cron_id
        ),
        metadata=body.metadata or {},
        next_run_date=next_fire(body.schedule, timezone, datetime.now(UTC), end),
    )
    return ProtocolJSON(await insert_cron(res.pool, user, cron))


# LangGraph's server takes a `thread_id` in this body and ignores it (the cron runs each
# firing on a new thread), as PAM did: a client that meant its thread would never know.
THREAD_IN_BODY = (
    "thread_id: POST /runs/crons makes a cron that runs on a new thread each time; for a "
    "cron on a thread, POST /threads/{thread_id}/runs/crons (the SDK's "
    "crons.create_for_thread)."
)


@router.post("/runs/crons", response_class=ProtocolJSON)
async def create(body: CronCreate, user: ProtocolUser, res: Res) -> Any:
    if body.thread_id is not None:
        raise BadInput(THREAD_IN_BODY)
    return await _make(res, user, body, None)


@router.post("/threads/{thread_id}/runs/crons", response_class=ProtocolJSON)
async def create_for_thread(thread_id: str, body: CronCreate, user: ProtocolUser, res: Res) -> Any:
    if body.thread_id is not None and str(body.thread_id) != thread_id:
        raise BadInput("thread_id: the body names another thread than the path's.")
    return await _make(res, user, body, thread_id)


def _utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


@router.patch("/runs/crons/{cron_id}", response_class=ProtocolJSON)
async def update(cron_id: str, body: CronPatch, user: ProtocolUser, res: Res) -> Any:
    """The fields given replace the cron's (the run's fields inside its payload); an
    explicit `end_time: null` clears the end. The schedule moves on from now."""
    given = body.model_dump(exclude_unset=True)
    async with user_db(res.pool, user) as db:
        row = await locked_cron(db, cron_id)
        # The fields given over the payload's, as LangGraph's server merges them.
        sent = {**row["payload"], **body.model_dump(mode="json", exclude_unset=True)}
        payload = cron_payload(sent, row["assistant_id"], row["cron_id"])
        try:
            run = run_body(payload)
            run_request(RunCreate.model_validate({**run, "assistant_id": row["assistant_id"]}))
            schedule = given.get("schedule") or row["schedule"]
            timezone = given.get("timezone") or row["timezone"]
            check_schedule(schedule, timezone)
        except BadSchedule as exc:
            raise BadInput(str(exc)) from None
        except ValidationError as exc:
            raise BadInput(f"body: {exc.errors()[0]['loc']} {exc.errors()[0]['msg']}") from None
        end = _utc(given["end_time"]) if "end_time" in given else row["end_time"]
        changed: dict[str, Any] = {
            "schedule": schedule,
            "timezone": timezone,
            "end_time": end,
            "payload": payload,
            "next_run_date": next_fire(schedule, timezone, datetime.now(UTC), end),
        }
        for name in ("enabled", "on_run_completed", "metadata"):
            if given.get(name) is not None:
                changed[name] = given[name]
        saved = await save_cron(db, parse_cron_id(cron_id), changed)
    return ProtocolJSON(saved)


def _filter(
    assistant_id: str | None,
    thread_id: str | None,
    enabled: bool | None,
    metadata: dict[str, Any] | None,
) -> CronFilter | None:
    """None when nothing can match (a thread id that is not a UUID)."""
    tid = None
    if thread_id is not None:
        tid = parse_thread_id(thread_id)
        if tid is None:
            return None
    return CronFilter(assistant_id, tid, enabled, metadata)


@router.post("/runs/crons/search", response_class=ProtocolJSON)
async def search(user: ProtocolUser, res: Res, body: CronSearch | None = None) -> Any:
    body = body or CronSearch()
    found = _filter(body.assistant_id, body.thread_id, body.enabled, body.metadata)
    if found is None:
        return ProtocolJSON([])
    page = await search_crons(
        res.pool,
        user,
        found,
        sort_by=body.sort_by,
        sort_order=body.sort_order,
        limit=body.limit,
        offset=body.offset,
    )
    if body.select:
        page = [{k: v for k, v in c.items() if k in body.select} for c in page]
    return ProtocolJSON(page)


@router.post("/runs/crons/count")
async def count(user: ProtocolUser, res: Res, body: CronCount | None = None) -> int:
    body = body or CronCount()
    found = _filter(body.assistant_id, body.thread_id, None, body.metadata)
    return 0 if found is None else await count_crons(res.pool, user, found)


@router.delete("/runs/crons/{cron_id}", status_code=204)
async def delete(cron_id: str, user: ProtocolUser, res: Res) -> Response:
    await delete_cron(res.pool, user, cron_id)
    return Response(status_code=204)
