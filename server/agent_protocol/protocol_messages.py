"""A run's `messages` chunks as the thread-centric protocol's content-block events.

Each message is `message-start` {role, id}, then per content block (its text, then each
tool call) `content-block-start`, `content-block-delta` (text as it streams) and
`content-block-finish` with the whole block, then `message-finish`. LangGraph's
`messages` mode streams a model's reply chunk by chunk and sends whole the messages a
node returns without streaming them; a streamed message ends when its last chunk says
so (`chunk_position="last"`), when another message starts or its node's step ends in
the same namespace (a `values`/`updates` chunk there), or when the run ends.
Only what a chat model said is sent (its chunks, or its whole reply when it did not
stream), as LangGraph's server sends it: the messages a node returns itself (a tool's
result, a reply written without the model) are in `values` and `updates`. A model's
output is told apart by the metadata LangChain gives every chat model call
(`ls_model_type`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.messages import AIMessageChunk, BaseMessage, BaseMessageChunk, ToolMessage

Role = Literal["ai", "human", "system"]
# By message type: a whole message's, then a streamed chunk's.
ROLES: dict[str, Role] = {
    "ai": "ai",
    "human": "human",
    "system": "system",
    "AIMessageChunk": "ai",
    "HumanMessageChunk": "human",
    "SystemMessageChunk": "system",
}
Namespace = tuple[str, ...]
MODEL_CALL = "ls_model_type"  # in the metadata of a chat model call's messages
# (namespace, data) of one messages event
Part = tuple[Namespace, dict[str, Any]]


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            b.get("text", "") if isinstance(b, dict) and b.get("type") == "text" else ""
            for b in content
        )
    return ""


@dataclass
class _Open:
    """A streamed message not yet finished: its text so far and tool calls by index."""

    namespace: Namespace
    text: str | None = None
    tool_chunks: dict[int, dict[str, Any]] = field(default_factory=dict)


def _tool_call_block(call: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "tool_call",
        "id": call.get("id"),
        "name": call.get("name"),
        "args": call.get("args") or {},
    }


class MessageEvents:
    def __init__(self) -> None:
        self._open: dict[str, _Open] = {}

    def feed(self, namespace: Namespace, message: Any, metadata: Any) -> list[Part]:
        if not isinstance(message, BaseMessage) or isinstance(message, ToolMessage):
            return []
        if not isinstance(metadata, dict) or MODEL_CALL not in metadata:
            return []
        role = ROLES.get(message.type)
        if role is None:
            return []
        key = str(message.id)
        if not isinstance(message, BaseMessageChunk):
            if key in self._open:  # the whole of a message streamed before: it is done
                return self._finish(key)
            return [*self.end_namespace(namespace), *self._whole(namespace, role, key, message)]
        parts: list[Part] = []
        if key not in self._open:
            parts += self.end_namespace(namespace)
            self._open[key] = _Open(namespace)
            parts.append((namespace, {"event": "message-start", "role": role, "id": key}))
        parts += self._chunk(key, message)
        if getattr(message, "chunk_position", None) == "last":
            parts += self._finish(key)
        return parts

    def _chunk(self, key: str, chunk: BaseMessageChunk) -> list[Part]:
        state = self._open[key]
        parts: list[Part] = []
        text = _text(chunk.content)
        if text:
            if state.text is None:
                state.text = ""
                start = {"type": "text", "text": ""}
                parts.append(
                    (
                        state.namespace,
                        {"event": "content-block-start", "index": 0, "content": start},
                    )
                )
            state.text += text
            delta = {"type": "text-delta", "text": text}
            parts.append(
                (state.namespace, {"event": "content-block-delta", "index": 0, "delta": delta})
            )
        if isinstance(chunk, AIMessageChunk):
            for piece in chunk.tool_call_chunks:
                index = piece.get("index")
                slot = state.tool_chunks.setdefault(
                    index if isinstance(index, int) else len(state.tool_chunks),
                    {"id": None, "name": None, "args": ""},
                )
                slot["id"] = slot["id"] or piece.get("id")
                slot["name"] = slot["name"] or piece.get("name")
                slot["args"] += piece.get("args") or ""
        return parts

    def _finish(self, key: str) -> list[Part]:
        state = self._open.pop(key)
        parts: list[Part] = []
        index = 0
        if state.text is not None:
            whole = {"type": "text", "text": state.text}
            parts.append(
                (state.namespace, {"event": "content-block-finish", "index": 0, "content": whole})
            )
            index = 1
        for i, (_, slot) in enumerate(sorted(state.tool_chunks.items())):
            call = {"id": slot["id"], "name": slot["name"], "args": _args(slot["args"])}
            parts += _block(state.namespace, index + i, _tool_call_block(call))
        parts.append((state.namespace, {"event": "message-finish"}))
        return parts

    def _whole(
        self, namespace: Namespace, role: Role, key: str, message: BaseMessage
    ) -> list[Part]:
        parts: list[Part] = [(namespace, {"event": "message-start", "role": role, "id": key})]
        index = 0
        text = _text(message.content)
        if text:
            start = {"type": "text", "text": ""}
            delta = {"type": "text-delta", "text": text}
            parts += [
                (namespace, {"event": "content-block-start", "index": 0, "content": start}),
                (namespace, {"event": "content-block-delta", "index": 0, "delta": delta}),
                (
                    namespace,
                    {
                        "event": "content-block-finish",
                        "index": 0,
                        "content": {"type": "text", "text": text},
                    },
                ),
            ]
            index = 1
        for i, call in enumerate(getattr(message, "tool_calls", None) or []):
            parts += _block(namespace, index + i, _tool_call_block(call))
        parts.append((namespace, {"event": "message-finish"}))
        return parts

    def end_namespace(self, namespace: Namespace) -> list[Part]:
        """Finish the messages still streaming in `namespace` (its node's step ended)."""
        parts: list[Part] = []
        for key in [k for k, state in self._open.items() if state.namespace == namespace]:
            parts += self._finish(key)
        return parts

    def end_all(self) -> list[Part]:
        parts: list[Part] = []
        for key in list(self._open):
            parts += self._finish(key)
        return parts


def _args(streamed: str) -> dict[str, Any]:
    """A streamed tool call's arguments, whole (its chunks' JSON text joined)."""
    try:
        args = json.loads(streamed) if streamed else {}
    except ValueError:
        return {}
    return args if isinstance(args, dict) else {}


def _block(namespace: Namespace, index: int, block: dict[str, Any]) -> list[Part]:
    """A tool call: opened with empty args, finished whole (as LangGraph's server sends one
    that was not streamed)."""
    return [
        (
            namespace,
            {"event": "content-block-start", "index": index, "content": {**block, "args": {}}},
        ),
        (namespace, {"event": "content-block-finish", "index": index, "content": block}),
    ]
