"""Client -> server frames: JSON objects told apart by `type`, validated strictly."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

import orjson
from pydantic import Field, TypeAdapter, ValidationError

from server.chat.schemas import ChatRequest, ClientContext, ResumeRequest, Strict


class AuthFrame(Strict):
    type: Literal["auth"]
    token: str = Field(min_length=1, max_length=8192)


class PingFrame(Strict):
    type: Literal["ping"]
    timestamp: float | str | None = None  # echoed in the pong, for round-trip timing


class ChatFrame(ChatRequest):
    type: Literal["chat"]
    # A resend of a turn whose frames stopped: only the frames after this `event_id`
    # (docs/chat-stream.md); needs the turn's thread_id and message_id.
    last_event_id: str | None = Field(default=None, min_length=1, max_length=40)


class ResumeFrame(ResumeRequest):
    type: Literal["resume"]
    message_id: str | None = Field(default=None, min_length=1, max_length=200)


class CancelFrame(Strict):
    type: Literal["cancel"]
    thread_id: UUID


class ContextUpdateFrame(Strict):
    type: Literal["context_update"]
    context: ClientContext


ClientFrame = Annotated[
    AuthFrame | PingFrame | ChatFrame | ResumeFrame | CancelFrame | ContextUpdateFrame,
    Field(discriminator="type"),
]
_frames: TypeAdapter[ClientFrame] = TypeAdapter(ClientFrame)
TYPES = ("auth", "ping", "chat", "resume", "cancel", "context_update")


class BadFrame(Exception):
    """Why a frame was refused, in words a client developer can act on; with the
    frame's `message_id` when it had a usable one, so the client can match the error."""

    def __init__(self, reason: str, message_id: str | None = None) -> None:
        super().__init__(reason)
        self.message_id = message_id


def usable_message_id(value: object) -> str | None:
    """`value` if it would pass as a `message_id` (so echoing it is safe), else None."""
    if isinstance(value, str) and 0 < len(value) <= 200 and "\x00" not in value:
        return value
    return None


def parse_frame(text: str) -> ClientFrame:
    try:
        raw = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise BadFrame("Frames must be JSON objects.") from None
    if not isinstance(raw, dict):
        raise BadFrame("Frames must be JSON objects.")
    echo = usable_message_id(raw.get("message_id"))
    if raw.get("type") not in TYPES:
        raise BadFrame(f"Unknown frame type; expected one of {', '.join(TYPES)}.", echo)
    try:
        return _frames.validate_python(raw)
    except ValidationError as exc:
        raise BadFrame(_describe(exc), echo) from None


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"][1:]) or "frame"
        parts.append(f"{where}: {str(err['msg']).removeprefix('Value error, ')}")
    return "Invalid frame — " + "; ".join(parts)
