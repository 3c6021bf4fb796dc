"""`debug` chunks as LangGraph's server sends them: a checkpoint chunk also names its
checkpoint and parent as `{thread_id, checkpoint_ns, checkpoint_id}` (its `config`s
kept as well), and a task's `state` config becomes its `checkpoint`. Copies, never the
logged chunk, which other readers share."""

from __future__ import annotations

from typing import Any


def _checkpoint(config: Any) -> dict[str, Any] | None:
    configurable = (config or {}).get("configurable") or {}
    if not configurable.get("thread_id") or not configurable.get("checkpoint_id"):
        return None
    found = {"checkpoint_id": configurable["checkpoint_id"], "thread_id": configurable["thread_id"]}
    if "checkpoint_ns" in configurable:
        found["checkpoint_ns"] = configurable["checkpoint_ns"] or ""
    if "checkpoint_map" in configurable:
        found["checkpoint_map"] = configurable["checkpoint_map"]
    return found


def _task(task: Any) -> Any:
    if not isinstance(task, dict):
        return task
    state = task.get("state")
    if not isinstance(state, dict) or not state.get("configurable"):
        return task
    out = {k: v for k, v in task.items() if k != "state"}
    out["checkpoint"] = state["configurable"]
    return out


def debug_payload(chunk: Any) -> Any:
    if not isinstance(chunk, dict) or chunk.get("type") != "checkpoint":
        return chunk
    payload = chunk.get("payload")
    if not payload:
        return chunk
    return {
        **chunk,
        "payload": {
            **payload,
            "checkpoint": _checkpoint(payload.get("config")),
            "parent_checkpoint": _checkpoint(payload.get("parent_config")),
            "tasks": [_task(t) for t in payload.get("tasks") or ()],
        },
    }
