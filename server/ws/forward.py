"""A turn's chat events as WebSocket frames, queued on the socket that asked for it."""

from __future__ import annotations

from typing import Any, assert_never

import structlog

from server.chat.rejoin import EventId
from server.chat.stream import numbered_events
from server.chat.translate import ChatEvent
from server.chat.turns import Turn
from server.ws.connection import Connection

log = structlog.get_logger("pam.ws")


def to_frame(event: ChatEvent, message_id: str, thread_id: str) -> dict[str, Any] | None:
    """The frame for one chat event; exhaustive, so a new chat event cannot reach SSE
    clients and silently miss WebSocket ones."""
    name, data = event
    match name:
        case "token":
            return {"type": "chunk", "message_id": message_id, "content": data["text"]}
        case "final":
            frame = {
                "type": "chat_response",
                "message_id": message_id,
                "thread_id": thread_id,
                "message": data["reply"],
                "ui_actions": data["ui_actions"],
            }
            if data.get("cancelled"):
                frame["cancelled"] = True
            return frame
        case "interrupt":
            return {"type": name, "message_id": message_id, "thread_id": thread_id, **data}
        case "route" | "tool_call" | "tool_result" | "error":
            return {"type": name, "message_id": message_id, **data}
        case "metadata":
            return None  # chat_response_start already said it
        case _:
            assert_never(name)


async def forward_turn(
    connection: Connection, turn: Turn, message_id: str, after: EventId | None = None
) -> None:
    """chat_response_start, the turn's frames (each with the `event_id` a resend names
    to get only what follows), response_complete. Cancelled when the socket closes; the
    run it follows does not stop."""
    connection.send(
        {
            "type": "chat_response_start",
            "message_id": message_id,
            "thread_id": turn.thread_id,
            "run_id": turn.run_id,
        }
    )
    try:
        async for name, data, number in numbered_events(turn, after):
            frame = to_frame((name, data), message_id, turn.thread_id)
            if frame is None:
                continue
            frame["event_id"] = str(number)
            if not connection.send(frame):
                return
    except Exception:
        log.exception("forwarding a turn failed", thread_id=turn.thread_id)
        connection.send(
            {
                "type": "error",
                "code": "INTERNAL",
                "message": "The turn failed on our side.",
                "message_id": message_id,
            }
        )
    connection.send({"type": "response_complete", "message_id": message_id})
