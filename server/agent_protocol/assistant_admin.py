"""Assistants a user makes: create, update (a new version), delete, count, versions and
set_latest. Searching and reading them goes through assistants.py, which lists the
graph's default assistant first and the caller's own after it."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import Field

from server.agent_protocol.assistant_rows import (
    AssistantFields,
    AssistantFilter,
    count_assistants,
    create_assistant,
    delete_assistant,
    list_versions,
    set_latest,
    update_assistant,
)
from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.client_context import BadContext, client_facts
from server.agent_protocol.schemas import Body, Limit, Offset
from server.agent_protocol.serialize import ProtocolJSON
from server.deps import Res
from server.refusals import BadInput, Malformed

router = APIRouter(tags=["agent protocol"])
READ_ONLY: dict[int | str, dict[str, Any]] = {
    403: {"description": "The graph's default assistant cannot be changed or deleted."}
}
Text = Field(default=None, min_length=1, max_length=200)


class AssistantCreate(Body):
    graph_id: str = Field(min_length=1, max_length=200)
    assistant_id: str | None = None
    config: dict[str, Any] | None = None
    context: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    if_exists: Literal["raise", "do_nothing"] = "raise"
    name: str | None = Text
    description: str | None = Field(default=None, max_length=2000)


class AssistantPatch(Body):
    graph_id: str | None = Field(default=None, min_length=1, max_length=200)
    config: dict[str, Any] | None = None
    context: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    name: str | None = Text
    description: str | None = Field(default=None, max_length=2000)


class AssistantCount(Body):
    metadata: dict[str, Any] | None = None
    graph_id: str | None = None
    name: str | None = None


class VersionSearch(Body):
    metadata: dict[str, Any] | None = None
    limit: int = Limit
    offset: int = Offset


class LatestVersion(Body):
    version: int = Field(ge=1, le=2**31 - 1)


def _fields(body: AssistantCreate | AssistantPatch) -> AssistantFields:
    configurable = (body.config or {}).get("configurable")
    if body.context and configurable:  # each stands for the other (assistant_rows.synced)
        raise Malformed(
            "config.configurable and context: give one of them (as LangGraph refuses both)."
        )
    try:  # every run with it would refuse a bad context: refused once, here
        client_facts(body.context)
        if isinstance(configurable, dict):
            client_facts(configurable, "config.configurable")
    except BadContext as exc:
        raise BadInput(str(exc)) from None
    return AssistantFields(
        graph_id=body.graph_id,
        name=body.name,
        description=body.description,
        config=body.config,
        context=body.context,
        metadata=body.metadata,
    )


@router.post("/assistants", response_class=ProtocolJSON)
async def create(body: AssistantCreate, user: ProtocolUser, res: Res) -> Any:
    found = await create_assistant(
        res.pool, user, _fields(body), assistant_id=body.assistant_id, if_exists=body.if_exists
    )
    return ProtocolJSON(found)


@router.patch("/assistants/{assistant_id}", response_class=ProtocolJSON, responses=READ_ONLY)
async def update(assistant_id: str, body: AssistantPatch, user: ProtocolUser, res: Res) -> Any:
    return ProtocolJSON(await update_assistant(res.pool, user, assistant_id, _fields(body)))


@router.delete("/assistants/{assistant_id}", status_code=204, responses=READ_ONLY)
async def delete(
    assistant_id: str, user: ProtocolUser, res: Res, delete_threads: bool = False
) -> Response:
    if delete_threads:
        # Threads here carry no assistant of their own (every run names one), so there
        # is no set of "its threads" to delete; refusing beats deleting the wrong ones.
        raise BadInput("delete_threads: threads are not tied to an assistant here.")
    await delete_assistant(res.pool, user, assistant_id)
    return Response(status_code=204)


@router.post("/assistants/count")
async def count(user: ProtocolUser, res: Res, body: AssistantCount | None = None) -> int:
    body = body or AssistantCount()
    return await count_assistants(
        res.pool, user, AssistantFilter(body.graph_id, body.name, body.metadata)
    )


@router.post("/assistants/{assistant_id}/versions", response_class=ProtocolJSON)
async def versions(
    assistant_id: str, user: ProtocolUser, res: Res, body: VersionSearch | None = None
) -> Any:
    body = body or VersionSearch()
    found = await list_versions(
        res.pool, user, assistant_id, body.metadata, body.limit, body.offset
    )
    return ProtocolJSON(found)


@router.post("/assistants/{assistant_id}/latest", response_class=ProtocolJSON, responses=READ_ONLY)
async def latest(assistant_id: str, body: LatestVersion, user: ProtocolUser, res: Res) -> Any:
    return ProtocolJSON(await set_latest(res.pool, user, assistant_id, body.version))
