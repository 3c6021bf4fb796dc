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

from agent.reply_stream import reply_message, reply_token
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
MESSAGE_MODES = frozenset({"messages", "messages-tuple"})


def own_messages(run_modes: frozenset[str]) -> bool:
    """Whether a run asked for these modes streams `messages` from PAM's own chunks
    (server/agent_protocol/run_config.py: not with `events`, which needs LangGraph's)."""
    return bool(run_modes & MESSAGE_MODES) and "events" not in run_modes


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
    # The run streams `messages` from PAM's chunks (own_messages): a node's new messages
    # come from its update, its model's chunks from `custom`.
    own: bool = False
    seen: set[str] = field(default_factory=set)

    def parts(self, event: RunEvent) -> list[Part]:
        if event.mode == "error":
            return [("error", event.data)]
        if event.mode == "events":  # from astream_events: nested runs' too
            return [("events", event.data)] if "events" in self.modes else []
        if event.namespace and not self.subgraphs:
            return []
        suffix = "".join(f"|{ns}" for ns in event.namespace)
        return self._parts(event, suffix)

    def _message_parts(self, message: BaseMessage, metadata: Any, suffix: str) -> list[Part]:
        if message.id is not None:
            self.seen.add(str(message.id))
        if "messages-tuple" in self.modes:
            return [(f"messages{suffix}", [message, metadata])]
        if "messages" in self.modes:
            return self.legacy.parts((message, metadata))
        return []

    def _own(self, event: RunEvent, suffix: str) -> list[Part] | None:
        """Parts made from PAM's chunks (None: the event is not one of them)."""
        mode, data = event.mode, event.data
        if mode == "custom":
            if (found := reply_message(data)) is not None:
                return self._message_parts(*found, suffix)
            return [] if reply_token(data) is not None else None
        if mode == "values" and isinstance(data, dict):
            self.seen.update(
                str(m.id) for m in data.get("messages") or () if isinstance(m, BaseMessage)
            )
            return None
        if mode == "updates" and isinstance(data, dict):
            parts: list[Part] = []
            for node, update in data.items():
                if node.startswith("__") or not isinstance(update, dict):
                    continue
                for message in update.get("messages") or ():
                    if isinstance(message, BaseMessage) and str(message.id) not in self.seen:
                        parts += self._message_parts(message, {"langgraph_node": node}, suffix)
            if "updates" in self.modes:
                parts.append((f"updates{suffix}", data))
            return parts
        return None

    def _parts(self, event: RunEvent, suffix: str) -> list[Part]:
        mode, data = event.mode, event.data
        if self.own and (own := self._own(event, suffix)) is not None:
            return own
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
