"""What the terminal session needs from PAM, whichever way it is reached.

Both transports speak the chat events of server/chat/translate.py (metadata, route,
token, tool_call, tool_result, interrupt, final, error): the in-process one gets them
as they are; the WebSocket one renames its frames back to them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Protocol

ChatEvent = tuple[str, dict[str, Any]]


@dataclass
class History:
    title: str | None
    messages: list[dict[str, Any]]
    interrupt: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Transport(Protocol):
    where: str  # said once at the start: which server, or "in-process"

    def chat(self, message: str, thread_id: str | None) -> AsyncIterator[ChatEvent]: ...

    def resume(
        self, thread_id: str, decisions: list[dict[str, Any]], interrupt_id: str | None
    ) -> AsyncIterator[ChatEvent]: ...

    async def history(self, thread_id: str) -> History: ...


def outcome_events(thread: dict[str, Any]) -> list[ChatEvent]:
    """How a finished turn ended, told from a thread as GET /threads/{id} returns it
    (after a dropped connection): its pending approval, or its last reply."""
    if thread.get("interrupt"):
        return [("interrupt", thread["interrupt"])]
    for message in reversed(thread.get("messages") or []):
        if message["role"] == "human":
            break
        if message["role"] == "ai" and message["content"]:
            return [("final", {"reply": message["content"], "ui_actions": []})]
    return [("error", {"code": "INTERNAL", "message": "That turn did not finish."})]
