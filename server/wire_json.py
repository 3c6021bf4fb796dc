"""The one JSON encoder for what PAM sends: chat over SSE, WebSocket frames and the Agent
Protocol (its stream and its bodies). One encoder, so a message, an interrupt or a tool
result has one shape on every transport (issue 17: two encoders once put the same
interrupt in two shapes).

Graph values hold LangChain messages, LangGraph interrupts and sends, pydantic models,
dataclasses and whatever tools put in state; everything becomes plain JSON here, and
nothing can make a response fail (an unknown object becomes its string form).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import orjson
from langgraph.types import Interrupt, Send

# Dataclasses go to _default (an Interrupt gets its protocol shape, not its fields);
# non-string keys (ints in tool results) become strings, as json.dumps would make them.
OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS


def interrupt_json(item: Interrupt) -> dict[str, Any]:
    body: dict[str, Any] = {"value": item.value, "id": item.id}
    if hasattr(item, "response_schema"):  # as LangGraph's server writes it, null included
        body["response_schema"] = item.response_schema
    return body


def interrupts_json(items: Iterable[Interrupt]) -> list[dict[str, Any]]:
    return [interrupt_json(i) for i in items]


def _default(obj: Any) -> Any:
    if isinstance(obj, Interrupt):
        return interrupt_json(obj)
    if isinstance(obj, Send):
        return {"node": obj.node, "args": obj.arg}
    if hasattr(obj, "model_dump") and not isinstance(obj, type):  # pydantic: messages too
        return obj.model_dump()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, BaseException):
        return {"error": type(obj).__name__, "message": str(obj)}
    if isinstance(obj, set | frozenset):
        return list(obj)
    if hasattr(obj, "to_json") and callable(obj.to_json):  # other LangChain serializables
        return obj.to_json()
    return str(obj)


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=_default, option=OPTIONS)


def plain(value: Any) -> Any:
    """`value` as plain JSON types (for bodies built from graph objects)."""
    return orjson.loads(dumps(value))
