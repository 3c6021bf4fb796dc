"""Thread state: the latest, at a checkpoint, its history, and updates to it."""

from __future__ import annotations

import re
from contextlib import aclosing
from typing import Any

from fastapi import APIRouter, Query, Response
from langgraph.errors import InvalidUpdateError

from agent.nodes import DOMAINS
from server.agent_protocol.assistant import GRAPH_ID
from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.page_bytes import PageBytes
from server.agent_protocol.schemas import (
    CheckpointRef,
    ConfigRef,
    HistorySearch,
    StateAtCheckpoint,
    StateUpdate,
)
from server.agent_protocol.serialize import ProtocolJSON, state_json
from server.agent_protocol.thread_updates import has_listeners, publish
from server.deps import Res
from server.json_safe import MAX_FIELD_BYTES, json_bytes
from server.refusals import BadInput, Conflict, Malformed
from server.runs import ThreadRow, owned_thread
from server.runs.deps import Runs
from server.runs.threads import require_checkpoint, user_graph
from server.wire_json import dumps

router = APIRouter(tags=["agent protocol"])
# A thread's state (its values as JSON) after a state update (redteam 9): a run's last
# step trims the window it checkpoints, an update does not, and each checkpoint stores
# the whole messages list again. A served thread's state is a few KiB (6.8 KiB after
# six turns of the offline model); four times the largest free-form field.
MAX_STATE_BYTES = 4 * MAX_FIELD_BYTES
# A history page's JSON (redteam 9): up to `limit` (1,000) states of up to MAX_STATE_BYTES
# each were one response — 73 MB for 309 states, +205 MB of the server's memory.
MAX_PAGE_BYTES = 8 * 1024 * 1024
HISTORY_CHUNK = 10  # states read from the checkpointer at a time

# Subgraph checkpoint namespaces a client may address: `<node>:<task id>` segments joined
# by `|`, each naming one of the graph's subgraph nodes (LangGraph's form, as `useStream`
# sends it for a subagent's history).
SEGMENT = re.compile(r"^(?P<node>[A-Za-z_][A-Za-z0-9_]*)(:[0-9a-fA-F-]{1,64})?$")


def subgraph_namespace(namespace: str) -> str:
    if not namespace:
        return ""
    for segment in namespace.split("|"):
        found = SEGMENT.match(segment)
        if found is None or found["node"] not in DOMAINS:
            raise BadInput(
                f"checkpoint.checkpoint_ns: {segment!r} is not `<subgraph>:<task id>` "
                f"for a subgraph of this graph ({', '.join(DOMAINS)}).",
            )
    return namespace


def state_config(
    thread_id: str, checkpoint: CheckpointRef | ConfigRef | str | None = None
) -> dict[str, Any]:
    """A config for the thread (a subgraph's with `checkpoint_ns` "<node>:<task id>");
    the thread is always the path's, never the body's."""
    if isinstance(checkpoint, ConfigRef):
        checkpoint = checkpoint.configurable
    configurable: dict[str, Any] = {"thread_id": thread_id, "checkpoint_ns": ""}
    if isinstance(checkpoint, str):
        configurable["checkpoint_id"] = checkpoint
    elif checkpoint is not None:
        configurable["checkpoint_ns"] = subgraph_namespace(checkpoint.checkpoint_ns)
        if checkpoint.checkpoint_id:
            configurable["checkpoint_id"] = checkpoint.checkpoint_id
    return {"configurable": configurable}


async def _checkpoint_known(res: Res, row: ThreadRow, config: dict[str, Any]) -> None:
    """A root checkpoint the request names is the thread's, or a 404 before anything is
    read or written (a subgraph's is found by LangGraph through its parent)."""
    configurable = config["configurable"]
    if configurable.get("checkpoint_id") and not configurable["checkpoint_ns"]:
        await require_checkpoint(res, row.user_id, row.thread_id, configurable["checkpoint_id"])


async def _state_at(res: Res, row: ThreadRow, config: dict[str, Any], subgraphs: bool) -> Any:
    await _checkpoint_known(res, row, config)
    state = await user_graph(res, row.user_id).aget_state(config, subgraphs=subgraphs)
    return ProtocolJSON(state_json(state))


@router.get("/threads/{thread_id}/state", response_class=ProtocolJSON)
async def get_state(thread_id: str, user: ProtocolUser, res: Res, subgraphs: bool = False) -> Any:
    row = await owned_thread(res, user, thread_id)
    return await _state_at(res, row, state_config(row.thread_id), subgraphs)


@router.post("/threads/{thread_id}/state/checkpoint", response_class=ProtocolJSON)
async def get_state_at_checkpoint_body(
    thread_id: str, body: StateAtCheckpoint, user: ProtocolUser, res: Res
) -> Any:
    row = await owned_thread(res, user, thread_id)
    config = state_config(row.thread_id, body.checkpoint)
    return await _state_at(res, row, config, body.subgraphs)


@router.get("/threads/{thread_id}/state/{checkpoint_id}", response_class=ProtocolJSON)
async def get_state_at_checkpoint(
    thread_id: str, checkpoint_id: str, user: ProtocolUser, res: Res, subgraphs: bool = False
) -> Any:
    row = await owned_thread(res, user, thread_id)
    return await _state_at(res, row, state_config(row.thread_id, checkpoint_id), subgraphs)


@router.post("/threads/{thread_id}/state", response_class=ProtocolJSON)
async def update_state(
    thread_id: str, body: StateUpdate, user: ProtocolUser, res: Res, runs: Runs
) -> Any:
    row = await owned_thread(res, user, thread_id)
    if runs.active(row.key) is not None:
        raise Conflict("The thread has a run in progress; update its state after it ends.")
    config = state_config(row.thread_id, body.checkpoint or body.checkpoint_id)
    await _checkpoint_known(res, row, config)
    # The graph in the update's configurable, as a run's: its checkpoint's metadata says
    # which graph wrote it.
    config["configurable"]["graph_id"] = GRAPH_ID
    graph = user_graph(res, row.user_id)
    if body.values:
        held = len(dumps((await graph.aget_state(config)).values))
        if held + json_bytes(body.values) > MAX_STATE_BYTES:
            raise BadInput(
                f"values: the thread's state would exceed {MAX_STATE_BYTES} bytes of JSON"
                f" (it holds {held}); start a new thread, or a run trims it to its last turns."
            )
    try:
        written = await graph.aupdate_state(config, body.values, as_node=body.as_node)
    except (InvalidUpdateError, ValueError, KeyError, TypeError) as exc:
        raise Malformed(f"Could not update the state: {exc}") from None
    checkpoint = written["configurable"]
    if has_listeners(res.pool, row.key):  # a thread stream here listens for updates
        state = await graph.aget_state(state_config(row.thread_id))
        publish(res.pool, row.key, {"state": state_json(state), "thread_id": row.thread_id})
    # `configurable` and `checkpoint_id` too: LangGraph's server still sends both (older
    # SDKs read them).
    return ProtocolJSON(
        {
            "checkpoint": checkpoint,
            "configurable": checkpoint,
            "checkpoint_id": checkpoint["checkpoint_id"],
        }
    )


@router.post("/threads/{thread_id}/history")
async def history(
    thread_id: str, user: ProtocolUser, res: Res, body: HistorySearch | None = None
) -> Response:
    """Up to `limit` states, newest first, stopping before the page's JSON would pass
    MAX_PAGE_BYTES (the first state always comes): the client pages on with `before`."""
    return await _history(res, await owned_thread(res, user, thread_id), body or HistorySearch())


@router.get("/threads/{thread_id}/history")
async def history_by_query(
    thread_id: str,
    user: ProtocolUser,
    res: Res,
    limit: int = Query(default=1, ge=1, le=1000),
    before: str | None = None,
) -> Response:
    """The GET form LangGraph's server answers beside the POST one: `limit` (1 unless
    told, as there) and `before` (a checkpoint id) as query parameters."""
    search = HistorySearch(limit=limit, before=before)
    return await _history(res, await owned_thread(res, user, thread_id), search)


async def _history(res: Res, row: ThreadRow, body: HistorySearch) -> Response:
    before = state_config(row.thread_id, body.before) if body.before else None
    parts: list[bytes] = []
    page = PageBytes(MAX_PAGE_BYTES, size=2)
    graph = user_graph(res, row.user_id)
    config = state_config(row.thread_id, body.checkpoint)
    # Read in chunks: LangGraph's checkpointer fetches every row it was asked for at once,
    # so a page that stops early still held all `limit` states in memory.
    while len(parts) < body.limit:
        ask = min(HISTORY_CHUNK, body.limit - len(parts))
        chunk = graph.aget_state_history(
            config, filter=body.metadata or None, before=before, limit=ask
        )
        got = 0
        async with aclosing(chunk):
            async for state in chunk:
                got += 1
                encoded = dumps(state_json(state))
                if not page.take(len(encoded)):
                    return Response(b"[" + b",".join(parts) + b"]", media_type="application/json")
                parts.append(encoded)
                before = state.config
        if got < ask:
            break
    return Response(b"[" + b",".join(parts) + b"]", media_type="application/json")
