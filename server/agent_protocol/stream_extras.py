"""The older `messages` stream shape, built from the `messages` chunks.

Per message id, `messages/metadata` once, then `messages/partial` with the text so far
for streamed chunks, or `messages/complete` for whole messages.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import BaseMessage, BaseMessageChunk

Part = tuple[str, Any]


class LegacyMessages:
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
