"""Run events and outcomes as stored for other processes (Redis fields, table rows), and back.

LangGraph's own serializer (the one its checkpoints use) is used, so messages,
interrupts and state values come back as the same objects another instance's
stream and chat code expect. (The Redis keys are over_redis.py's.)
"""

from __future__ import annotations

from typing import Any

from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from server.runs.events import RunEvent, event_mode

_serde = JsonPlusSerializer()
Fields = dict[Any, Any]  # str or bytes keys and values, as redis-py takes them


def pack(value: Any) -> bytes:
    kind, data = _serde.dumps_typed(value)
    return kind.encode() + b"\n" + data


def unpack(raw: bytes) -> Any:
    kind, _, data = raw.partition(b"\n")
    return _serde.loads_typed((kind.decode(), data))


def event_fields(event: RunEvent) -> Fields:
    return {
        "seq": str(event.seq),
        "mode": event.mode,
        "ns": namespace_text(event.namespace),
        "data": pack(event.data),
    }


def namespace_text(namespace: tuple[str, ...]) -> str:
    return "\x1f".join(namespace)


def decode_event(seq: int, mode_text: str, ns: str, raw: bytes) -> RunEvent:
    """An event from its stored parts (a Redis Stream entry's fields, a table row's)."""
    mode = event_mode(mode_text)
    data = unpack(raw)
    if mode == "messages" and isinstance(data, list):
        data = tuple(data)  # msgpack turns the (message, metadata) pair into a list
    return RunEvent(seq, mode, tuple(ns.split("\x1f")) if ns else (), data)


def read_event(fields: dict[bytes, bytes]) -> RunEvent:
    return decode_event(
        int(fields[b"seq"]), fields[b"mode"].decode(), fields[b"ns"].decode(), fields[b"data"]
    )


def pack_outcome(
    values: dict[str, Any], interrupts: list[Any], result: dict[str, Any] | None
) -> bytes:
    return pack({"values": values, "interrupts": interrupts, "result": result})


def end_fields(
    status: str,
    error: str | None,
    values: dict[str, Any],
    interrupts: list[Any],
    result: dict[str, Any] | None,
) -> Fields:
    return {"end": status, "error": error or "", "data": pack_outcome(values, interrupts, result)}


def read_end(fields: dict[bytes, bytes]) -> tuple[str, str | None, dict[str, Any]]:
    """(status, error, {values, interrupts, result}) of an `end` entry."""
    error = fields.get(b"error", b"").decode() or None
    return fields[b"end"].decode(), error, unpack(fields[b"data"])
