"""A thread as the Agent Protocol shows it: row, server-set metadata and graph state.

`graph_id`, `assistant_id` and `user_id` in a thread's metadata are the server's: they
are added on the way out, never stored from a client, and a filter on them matches
only when it names this graph and the caller.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from langgraph.types import StateSnapshot

from server.agent_protocol.assistant import ASSISTANT_ID, GRAPH_ID
from server.resources import Resources
from server.runs.threads import ThreadRow, user_graph
from server.wire_json import interrupts_json, plain

SERVER_KEYS = ("graph_id", "assistant_id", "user_id")


def server_metadata(user_id: UUID) -> dict[str, str]:
    return {"graph_id": GRAPH_ID, "assistant_id": ASSISTANT_ID, "user_id": str(user_id)}


def client_metadata(metadata: dict[str, Any] | None) -> dict[str, Any]:
    """What a client may store: its metadata without the server-set keys."""
    return {k: v for k, v in (metadata or {}).items() if k not in SERVER_KEYS}


def stored_filter(user_id: UUID, metadata: dict[str, Any] | None) -> dict[str, Any] | None:
    """The filter on stored metadata, or None when a server-set key can never match."""
    ours = server_metadata(user_id)
    for key in SERVER_KEYS:
        if key in (metadata or {}) and (metadata or {})[key] != ours[key]:
            return None
    return client_metadata(metadata)


def failed(error: Any) -> bool:
    """A task error that is a real failure, not a run that was cancelled (LangGraph
    records a cancelled task's CancelledError like any other error; read back from a
    checkpoint, errors are strings such as "CancelledError()")."""
    if error is None:
        return False
    name = error if isinstance(error, str) else type(error).__name__
    return not name.startswith("CancelledError")


def thread_status(state: StateSnapshot, busy: bool) -> str:
    if busy:
        return "busy"
    if any(failed(t.error) for t in state.tasks):
        return "error"
    # Waiting for a decision, paused at a breakpoint, or stopped mid-run by a cancel: the
    # thread has work left (LangGraph's server calls all of these "interrupted").
    if state.interrupts or state.next:
        return "interrupted"
    return "idle"


async def thread_state(resources: Resources, row: ThreadRow) -> StateSnapshot:
    state: StateSnapshot = await user_graph(resources, row.user_id).aget_state(
        {"configurable": {"thread_id": row.thread_id}}
    )
    return state


def thread_json(
    row: ThreadRow, user_id: UUID, state: StateSnapshot, *, busy: bool
) -> dict[str, Any]:
    checkpointed = state.created_at is not None
    return {
        "thread_id": row.thread_id,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        # When the thread's state last changed: its latest checkpoint, else its creation.
        "state_updated_at": state.created_at if checkpointed else row.created_at,
        "metadata": {**row.metadata, **server_metadata(user_id)},
        "status": thread_status(state, busy),
        "values": plain(state.values) if checkpointed else None,
        "interrupts": {t.id: interrupts_json(t.interrupts) for t in state.tasks if t.interrupts},
        "config": {},
        "error": None,
    }


def contains(whole: Any, part: Any) -> bool:
    """JSON containment, as Postgres `@>` means it, for filtering threads by values."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(
            k in whole and contains(whole[k], v) for k, v in part.items()
        )
    if isinstance(part, list):
        return isinstance(whole, list) and all(any(contains(w, p) for w in whole) for p in part)
    return bool(whole == part)
