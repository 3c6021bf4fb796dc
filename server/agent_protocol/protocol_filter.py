"""What one event stream of the thread-centric protocol asks for (its `EventStreamRequest`,
or a WebSocket's `subscription.subscribe` params): channels, namespace prefixes with an
optional depth below them, and for a reconnect the last `seq` it has (`since`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

Channel = Literal[
    "values", "updates", "messages", "tools", "lifecycle", "input", "checkpoints", "tasks", "custom"
]
CHANNELS: frozenset[str] = frozenset(get_args(Channel))
CUSTOM_PREFIX = "custom:"


class FilterError(ValueError):
    """The request cannot be served as asked; the message says why."""


def _channel_ok(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    return value in CHANNELS or (
        value.startswith(CUSTOM_PREFIX) and len(value) > len(CUSTOM_PREFIX)
    )


def _namespaces_ok(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(ns, list) and all(isinstance(s, str) for s in ns) for ns in value
    )


def _plain_int(value: Any) -> int | None:
    # bool is an int to Python, never to the protocol
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


@dataclass(frozen=True)
class EventFilter:
    channels: frozenset[str]
    namespaces: tuple[tuple[str, ...], ...] | None = None
    depth: int | None = None
    since: int | None = None

    @classmethod
    def parse(cls, body: Any) -> EventFilter:
        if not isinstance(body, dict):
            raise FilterError("The body must be a JSON object with a `channels` list.")
        channels = body.get("channels")
        if not isinstance(channels, list) or not channels:
            raise FilterError("channels is required and must be a non-empty list.")
        bad = [repr(c) if not isinstance(c, str) else c for c in channels if not _channel_ok(c)]
        if bad:
            allowed = ", ".join(sorted(CHANNELS))
            raise FilterError(
                f"channels has unsupported entries: {', '.join(bad[:5])}. "
                f"Allowed: {allowed}, or custom:<name>."
            )
        namespaces = body.get("namespaces")
        if namespaces is not None and not _namespaces_ok(namespaces):
            raise FilterError("namespaces must be a list of namespaces (lists of strings).")
        depth, since = body.get("depth"), body.get("since")
        if depth is not None and _plain_int(depth) is None:
            raise FilterError("depth must be a non-negative integer.")
        if since is not None and _plain_int(since) is None:
            raise FilterError("since must be a non-negative integer (a seq this server sent).")
        return cls(
            channels=frozenset(channels),
            namespaces=tuple(tuple(ns) for ns in namespaces) if namespaces else None,
            depth=depth,
            since=since,
        )

    def wants(self, event: dict[str, Any]) -> bool:
        """Whether an event (the protocol's shape) is one this stream asked for."""
        seq = event.get("seq")
        if self.since is not None and isinstance(seq, int) and seq <= self.since:
            return False
        if not self._channel_matches(event):
            return False
        params = event.get("params") or {}
        return self._namespace_matches(tuple(params.get("namespace") or ()))

    def _channel_matches(self, event: dict[str, Any]) -> bool:
        method = event.get("method")
        channel = "input" if method == "input.requested" else method
        if channel in self.channels:
            return True
        if channel != "custom":
            return False
        data = (event.get("params") or {}).get("data")
        name = data.get("name") if isinstance(data, dict) else None
        return isinstance(name, str) and f"{CUSTOM_PREFIX}{name}" in self.channels

    def _namespace_matches(self, namespace: tuple[str, ...]) -> bool:
        if not self.namespaces:
            return True
        for prefix in self.namespaces:
            if not _is_prefix(prefix, namespace):
                continue
            if self.depth is None or len(namespace) - len(prefix) <= self.depth:
                return True
        return False


def _is_prefix(prefix: tuple[str, ...], namespace: tuple[str, ...]) -> bool:
    """A prefix segment without `:` names a subgraph whatever its task (`wins` matches
    `wins:<task id>`); with one, only that task."""
    if len(prefix) > len(namespace):
        return False
    for want, have in zip(prefix, namespace, strict=False):
        if want == have:
            continue
        if ":" in want or have.split(":", 1)[0] != want:
            return False
    return True
