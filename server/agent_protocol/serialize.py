"""The Agent Protocol's shapes of graph state: checkpoints and state snapshots, and its
JSON responses. The encoding itself is server/wire_json.py, the one every transport uses.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from langgraph.types import StateSnapshot

from server.wire_json import dumps, interrupts_json


class ProtocolJSON(JSONResponse):
    """A JSON response that can carry graph objects (messages, interrupts)."""

    def render(self, content: Any) -> bytes:
        return dumps(content)


def checkpoint_json(config: dict[str, Any] | None) -> dict[str, Any] | None:
    configurable = (config or {}).get("configurable") or {}
    if not configurable.get("thread_id") or not configurable.get("checkpoint_id"):
        return None
    body = {
        "thread_id": configurable["thread_id"],
        "checkpoint_ns": configurable.get("checkpoint_ns") or "",
        "checkpoint_id": configurable["checkpoint_id"],
    }
    if "checkpoint_map" in configurable:
        body["checkpoint_map"] = configurable["checkpoint_map"]
    return body


def error_text(error: Any) -> str | None:
    if error is None or isinstance(error, str):
        return error
    message = str(error)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def state_json(state: StateSnapshot) -> dict[str, Any]:
    """A StateSnapshot in the Agent Protocol's ThreadState shape."""
    parent = checkpoint_json(state.parent_config)  # type: ignore[arg-type]
    here = checkpoint_json(state.config)  # type: ignore[arg-type]
    return {
        "values": state.values,
        "next": list(state.next),
        "tasks": [
            {
                "id": t.id,
                "name": t.name,
                "path": list(t.path),
                "error": error_text(t.error),
                "interrupts": interrupts_json(t.interrupts),
                "checkpoint": t.state["configurable"] if isinstance(t.state, dict) else None,
                "state": state_json(t.state) if isinstance(t.state, StateSnapshot) else None,
                "result": t.result,
            }
            for t in state.tasks
        ],
        "metadata": state.metadata,
        "created_at": state.created_at,
        "checkpoint": here,
        "parent_checkpoint": parent,
        "interrupts": interrupts_json(state.interrupts),
        "checkpoint_id": here["checkpoint_id"] if here else None,
        "parent_checkpoint_id": parent["checkpoint_id"] if parent else None,
    }
