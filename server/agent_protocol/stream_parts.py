"""Turn a run's raw graph chunks into the Agent Protocol's SSE events.

The run manager records every chunk of `graph.astream(stream_mode=[values, updates,
messages, custom], subgraphs=True)`. A stream request picks what it sees: its stream
modes, and subgraph chunks only with `stream_subgraphs` (their event names then carry
the namespace, `values|wins:<task id>`). An interrupt shows in the `values` chunk that
ends the paused run (`"__interrupt__": [...]`, as LangGraph itself emits it) and in
`updates` as `{"__interrupt__": [...]}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from server.agent_protocol.stream_extras import LegacyMessages, langchain_events
from server.runs import RunEvent

SUPPORTED_MODES = frozenset({"values", "updates", "messages", "messages-tuple", "custom", "events"})

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


@dataclass
class StreamPlan:
    modes: frozenset[str]
    subgraphs: bool = False
    run_id: str = ""
    legacy: LegacyMessages = field(default_factory=LegacyMessages)

    def parts(self, event: RunEvent) -> list[Part]:
        if event.mode == "error":
            return [("error", event.data)]
        # Like astream_events, `events` reports nested runs too, whatever stream_subgraphs.
        found: list[Part] = []
        if "events" in self.modes:
            found = [("events", e) for e in langchain_events(event, self.run_id)]
        if event.namespace and not self.subgraphs:
            return found
        suffix = "".join(f"|{ns}" for ns in event.namespace)
        return self._parts(event, suffix) + found

    def _parts(self, event: RunEvent, suffix: str) -> list[Part]:
        mode, data = event.mode, event.data
        if mode == "values" and "values" in self.modes:
            return [(f"values{suffix}", data)]
        if mode == "updates" and "updates" in self.modes:
            return [(f"updates{suffix}", data)]
        if mode == "messages":
            if "messages-tuple" in self.modes:
                message, metadata = data
                return [(f"messages{suffix}", [message, metadata])]
            if "messages" in self.modes:
                return self.legacy.parts(data)
            return []
        if mode == "custom" and "custom" in self.modes:
            return [(f"custom{suffix}", data)]
        return []
