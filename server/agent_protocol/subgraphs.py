"""`GET /assistants/{id}/subgraphs[/{namespace}]`: the graph's subgraphs (the four
domain agents) and their schemas, keyed by namespace, as Studio lists them.

The schemas are the ones `/assistants/{id}/schemas` gives for the whole graph: input and
output from the subgraph itself, the state as its output, no configurable (PAM's graph
takes none), and the client context schema (what a client may send, never a user).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from server.agent_protocol.assistant_rows import find_assistant
from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.client_context import ClientContext
from server.deps import Res
from server.refusals import NotFound

router = APIRouter(tags=["agent protocol"])


def subgraph_schemas(graph: Any) -> dict[str, Any]:
    output = graph.get_output_jsonschema()
    return {
        "input_schema": graph.get_input_jsonschema(),
        "output_schema": output,
        "state_schema": output,
        "config_schema": None,
        "context_schema": ClientContext.model_json_schema(),
    }


async def _subgraphs(
    assistant_id: str, user: UUID, res: Res, namespace: str | None, recurse: bool
) -> dict[str, Any]:
    await find_assistant(res.pool, user, assistant_id)  # the caller's or the default; else 404
    found = {
        ns: subgraph_schemas(graph)
        async for ns, graph in res.graph.aget_subgraphs(namespace=namespace, recurse=recurse)
    }
    if namespace is not None and not found:
        raise NotFound(f"namespace: no subgraph {namespace!r} in this graph.")
    return found


@router.get("/assistants/{assistant_id}/subgraphs")
async def get_subgraphs(
    assistant_id: str, user: ProtocolUser, res: Res, recurse: bool = False
) -> dict[str, Any]:
    return await _subgraphs(assistant_id, user, res, None, recurse)


@router.get("/assistants/{assistant_id}/subgraphs/{namespace}")
async def get_subgraphs_at(
    assistant_id: str, namespace: str, user: ProtocolUser, res: Res, recurse: bool = False
) -> dict[str, Any]:
    return await _subgraphs(assistant_id, user, res, namespace, recurse)
