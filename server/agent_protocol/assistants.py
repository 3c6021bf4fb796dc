"""Assistants: search, get, graph and schemas of PAM's one assistant."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Response

from server.agent_protocol.assistant import GRAPH_ID, assistant_record, resolve_assistant
from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.client_context import ClientContext
from server.agent_protocol.schemas import AssistantSearch
from server.deps import Res

router = APIRouter(tags=["agent protocol"])


def _matches(record: dict[str, Any], search: AssistantSearch) -> bool:
    if search.graph_id is not None and search.graph_id != record["graph_id"]:
        return False
    if search.name is not None and search.name.lower() not in record["name"].lower():
        return False
    metadata = record["metadata"]
    return all(metadata.get(k) == v for k, v in (search.metadata or {}).items())


@router.post("/assistants/search")
async def search_assistants(
    user: ProtocolUser, response: Response, body: AssistantSearch | None = None
) -> list[dict[str, Any]]:
    body = body or AssistantSearch()
    record = assistant_record()
    found = [record] if _matches(record, body) else []
    page = found[body.offset : body.offset + body.limit]
    response.headers["X-Pagination-Total"] = str(len(found))
    if body.select:
        page = [{k: v for k, v in r.items() if k in body.select} for r in page]
    return page


@router.get("/assistants/{assistant_id}")
async def get_assistant(assistant_id: str, user: ProtocolUser) -> dict[str, Any]:
    resolve_assistant(assistant_id)
    return assistant_record()


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
        raise HTTPException(422, "xray must be true, false or a positive integer.")
    return depth


@router.get("/assistants/{assistant_id}/graph")
async def get_assistant_graph(
    assistant_id: str, user: ProtocolUser, resources: Res, xray: str | None = Query(None)
) -> dict[str, Any]:
    resolve_assistant(assistant_id)
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
    resolve_assistant(assistant_id)
    graph = resources.graph
    return {
        "graph_id": GRAPH_ID,
        "input_schema": graph.get_input_jsonschema(),
        "output_schema": graph.get_output_jsonschema(),
        "state_schema": graph.get_output_jsonschema(),
        "config_schema": None,
        "context_schema": ClientContext.model_json_schema(),
    }
