"""Normalising a chat-completions request into a cassette key.

Only what decides the answer is kept: model, messages, tools, tool_choice (sampling
settings, `stream` and `stream_options` are not part of the key). Values that differ
between two runs of the same conversation are replaced by stable placeholders:

- UUIDs (each run has fresh users, so every row id in a tool result is new) become
  `<uuid:1>`, `<uuid:2>`, ... in order of first appearance;
- tool-call ids (random with most servers) become `<call:1>`, ...;
- `created_at` values in tool results (posts and comments are stamped with the wall
  clock, not the run's clock) become `<time>`.

The same UUID mapping is applied to the recorded response, and reversed at replay, so a
replayed `delete_expense(expense_id=...)` names this run's row, not the recorded one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
PLACEHOLDER_RE = re.compile(r"<(?:uuid|call):\d+>")
CREATED_AT_RE = re.compile(r'("created_at"\s*:\s*)"[^"]*"')
KEY_FIELDS = ("model", "messages", "tools", "tool_choice")


@dataclass
class Placeholders:
    """Run value -> placeholder, filled in order of first appearance."""

    forward: dict[str, str] = field(default_factory=dict)

    def name(self, value: str, kind: str) -> str:
        if value not in self.forward:
            count = sum(p.startswith(f"<{kind}:") for p in self.forward.values())
            self.forward[value] = f"<{kind}:{count + 1}>"
        return self.forward[value]

    def known_uuids(self, text: str) -> str:
        """Replace the UUIDs this mapping knows (response text); leave others as they are."""
        return UUID_RE.sub(lambda m: self.forward.get(m[0], m[0]), text)

    def restore(self, text: str) -> str:
        back = {p: v for v, p in self.forward.items()}
        return PLACEHOLDER_RE.sub(lambda m: back.get(m[0], m[0]), text)


@dataclass(frozen=True)
class Normalised:
    key: str
    request: dict[str, Any]
    placeholders: Placeholders


def map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    """`value` with `fn` applied to every string in it (dict keys sorted, so the order of
    first appearance does not depend on how a client orders its JSON)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [map_strings(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: map_strings(value[k], fn) for k in sorted(value)}
    return value


def _call_ids(messages: list[Any], names: Placeholders) -> list[Any]:
    out = []
    for message in messages:
        if not isinstance(message, dict):
            out.append(message)
            continue
        m = dict(message)
        if isinstance(m.get("tool_calls"), list):
            m["tool_calls"] = [
                {**c, "id": names.name(str(c["id"]), "call")}
                if isinstance(c, dict) and c.get("id")
                else c
                for c in m["tool_calls"]
            ]
        if m.get("tool_call_id"):
            m["tool_call_id"] = names.name(str(m["tool_call_id"]), "call")
        if m.get("role") == "tool" and isinstance(m.get("content"), str):
            m["content"] = CREATED_AT_RE.sub(r'\1"<time>"', m["content"])
        out.append(m)
    return out


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def normalise_request(body: dict[str, Any]) -> Normalised:
    names = Placeholders()
    request = {k: body.get(k) for k in KEY_FIELDS}
    request["tools"] = request["tools"] or []
    messages = request["messages"] if isinstance(request["messages"], list) else []
    request["messages"] = _call_ids(messages, names)

    def uuids(text: str) -> str:
        return UUID_RE.sub(lambda m: names.name(m[0], "uuid"), text)

    request = map_strings(request, uuids)
    key = hashlib.sha256(canonical(request).encode()).hexdigest()[:32]
    return Normalised(key=key, request=request, placeholders=names)
