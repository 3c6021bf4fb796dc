"""Assistants: search, get, graph and schemas — the graph's default assistant and the
caller's own (assistant_rows.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from server.agent_protocol.assistant import GRAPH_ID
from server.agent_protocol.assistant_rows import AssistantFilter, find_assistant
from server.agent_protocol.assistant_rows import search_assistants as search_assistants_rows
from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.client_context import ClientContext
from server.agent_protocol.schemas import AssistantSearch
from server.agent_protocol.serialize import ProtocolJSON
from server.deps import Res
from server.refusals import BadInput

router = APIRouter(tags=["agent protocol"])


@router.post("/assistants/search", response_class=ProtocolJSON)
async def search_assistants(
    user: ProtocolUser, resources: Res, body: AssistantSearch | None = None
) -> Any:
    body = body or AssistantSearch()
    page, total = await search_assistants_rows(
        resources.pool,
        user,
        AssistantFilter(body.graph_id, body.name, body.metadata),
        sort_by=body.sort_by,
        sort_order=body.sort_order,
        limit=body.limit,
        offset=body.offset,
    )
    headers = {"X-Pagination-Total": str(total)}
    if body.offset + len(page) < total:
        headers["X-Pagination-Next"] = str(body.offset + len(page))
    if body.select:
        page = [{k: v for k, v in r.items() if k in body.select} for r in page]
    return ProtocolJSON(page, headers=headers)


@router.get("/assistants/{assistant_id}", response_class=ProtocolJSON)
async def get_assistant(assistant_id: str, user: ProtocolUser, resources: Res) -> Any:
    return ProtocolJSON(await find_assistant(resources.pool, user, assistant_id))


def _xray(value: str | None) -> bool | int:
    if value in (None, "", "false", "False"):
        return False
    if value in ("true", "True"):
        return True
    try:
        depth = int(str(value))
    except ValueError:
        depth = 0
    if depth <= 0:
        raise BadInput("xray must be true, false or a positive integer.")
    return depth


@router.get("/assistants/{assistant_id}/graph")
async def get_assistant_graph(
    assistant_id: str, user: ProtocolUser, resources: Res, xray: str | None = Query(None)
) -> dict[str, Any]:
    await find_assistant(resources.pool, user, assistant_id)
    drawn: dict[str, Any] = resources.graph.get_graph(xray=_xray(xray)).to_json()
    for node in drawn.get("nodes", []):
        data = node.get("data")
        if isinstance(data, dict):
            data.pop("id", None)  # Python class paths: not the client's business
    return drawn


@router.get("/assistants/{assistant_id}/schemas")
async def get_assistant_schemas(
    assistant_id: str, user: ProtocolUser, resources: Res
) -> dict[str, Any]:
    await find_assistant(resources.pool, user, assistant_id)
    graph = resources.graph
    return {
        "graph_id": GRAPH_ID,
        "input_schema": graph.get_input_jsonschema(),
        "output_schema": graph.get_output_jsonschema(),
        "state_schema": graph.get_output_jsonschema(),
        "config_schema": None,
        "context_schema": ClientContext.model_json_schema(),
    }
