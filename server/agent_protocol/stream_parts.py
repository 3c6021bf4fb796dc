"""Turn a run's raw graph chunks into the Agent Protocol's SSE events.

The run manager records every chunk the graph streams for the run (graph_stream.py: the
base modes, plus `debug`, `checkpoints`, `tasks` and `events` when the run asked for
them; subgraph chunks only with `stream_subgraphs`). A stream request picks what it
sees: its stream modes, and subgraph chunks (their event names then carry the
namespace, `values|wins:<task id>`). An interrupt shows in the `values` chunk that
ends the paused run (`"__interrupt__": [...]`, as LangGraph itself emits it) and in
`updates` as `{"__interrupt__": [...]}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import BaseMessage, BaseMessageChunk

from server.agent_protocol.debug_payloads import debug_payload
from server.runs import RunEvent

SUPPORTED_MODES = frozenset(
    {
        "values",
        "updates",
        "messages",
        "messages-tuple",
        "custom",
        "events",
        "debug",
        "checkpoints",
        "tasks",
    }
)
PASSED_THROUGH = frozenset({"values", "updates", "custom", "checkpoints", "tasks"})

Part = tuple[str, Any]


class UnsupportedStreamMode(ValueError):
    pass


def stream_modes(requested: str | Iterable[str] | None) -> frozenset[str]:
    """The requested modes (default `values`); unsupported ones are refused by name."""
    modes = [requested] if isinstance(requested, str) else list(requested or ["values"])
    unknown = sorted(set(modes) - SUPPORTED_MODES)
    if unknown:
        supported = ", ".join(sorted(SUPPORTED_MODES))
        raise UnsupportedStreamMode(
            f"stream_mode {', '.join(unknown)} is not supported here; use {supported}."
        )
    return frozenset(modes or ["values"])


class LegacyMessages:
    """The older `messages` stream shape, built from the `messages` chunks: per message
    id, `messages/metadata` once, then `messages/partial` with the text so far for
    streamed chunks, or `messages/complete` for whole messages."""

    def __init__(self) -> None:
        self._so_far: dict[str, BaseMessage] = {}

    def parts(self, data: Any) -> list[Part]:
        message, metadata = data
        if not isinstance(message, BaseMessage):
            return []
        key = str(message.id)
        parts: list[Part] = []
        known = self._so_far.get(key)
        if known is None:
            parts.append(("messages/metadata", {key: {"metadata": metadata}}))
        if isinstance(message, BaseMessageChunk):
            merged = message if not isinstance(known, BaseMessageChunk) else known + message
            self._so_far[key] = merged
            parts.append(("messages/partial", [merged]))
        else:
            self._so_far[key] = message
            parts.append(("messages/complete", [message]))
        return parts


@dataclass
class StreamPlan:
    modes: frozenset[str]
    subgraphs: bool = False
    run_id: str = ""
    legacy: LegacyMessages = field(default_factory=LegacyMessages)

    def parts(self, event: RunEvent) -> list[Part]:
        if event.mode == "error":
            return [("error", event.data)]
        if event.mode == "events":  # from astream_events: nested runs' too
            return [("events", event.data)] if "events" in self.modes else []
        if event.namespace and not self.subgraphs:
            return []
        suffix = "".join(f"|{ns}" for ns in event.namespace)
        return self._parts(event, suffix)

    def _parts(self, event: RunEvent, suffix: str) -> list[Part]:
        mode, data = event.mode, event.data
        if mode in PASSED_THROUGH and mode in self.modes:
            return [(f"{mode}{suffix}", data)]
        if mode == "debug" and "debug" in self.modes:
            return [(f"debug{suffix}", debug_payload(data))]
        if mode == "messages":
            if "messages-tuple" in self.modes:
                message, metadata = data
                return [(f"messages{suffix}", [message, metadata])]
            if "messages" in self.modes:
                return self.legacy.parts(data)
            return []
        return []
