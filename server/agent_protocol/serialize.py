"""JSON for graph state: messages, interrupts, checkpoints and state snapshots.

Graph values hold LangChain messages, LangGraph interrupts and whatever tools put in
state; everything is turned into plain JSON here and nothing can make a response fail
(an unknown object becomes its string form).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import orjson
from fastapi.responses import JSONResponse
from langgraph.types import Interrupt, Send, StateSnapshot

OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS


def interrupt_json(item: Interrupt) -> dict[str, Any]:
    body: dict[str, Any] = {"value": item.value, "id": item.id}
    if hasattr(item, "response_schema"):  # as LangGraph's server writes it, null included
        body["response_schema"] = item.response_schema
    return body


def _default(obj: Any) -> Any:
    if isinstance(obj, Interrupt):
        return interrupt_json(obj)
    if isinstance(obj, Send):
        return {"node": obj.node, "args": obj.arg}
    if hasattr(obj, "model_dump") and not isinstance(obj, type):
        return obj.model_dump()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, BaseException):
        return {"error": type(obj).__name__, "message": str(obj)}
    if isinstance(obj, set | frozenset):
        return list(obj)
    return str(obj)


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=_default, option=OPTIONS)


def to_json(value: Any) -> Any:
    """`value` as plain JSON types (for bodies built from graph objects)."""
    return orjson.loads(dumps(value))


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


def interrupts_json(items: Iterable[Interrupt]) -> list[dict[str, Any]]:
    return [interrupt_json(i) for i in items]


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
