"""Request and response bodies of chat and resume, shared by HTTP and the WebSocket."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from server.json_safe import storable

MAX_MESSAGE_CHARS = 4000
# How old a message typed offline may be and still have the turn's clock set to when it
# was typed; and how far ahead of the server's clock a device's may run.
TYPED_AT_MAX_AGE = timedelta(days=7)
TYPED_AT_MAX_AHEAD = timedelta(minutes=5)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    _storable = model_validator(mode="before")(storable)  # no NULs, 64-bit ints


class Location(Strict):
    lat: float = Field(ge=-90, le=90)
    lng: float = Field(ge=-180, le=180)
    city: str | None = Field(default=None, max_length=100)
    region: str | None = Field(default=None, max_length=100)
    country: str | None = Field(default=None, max_length=100)


class ClientContext(Strict):
    """What the client knows about this moment: where the user is, which page is open."""

    location: Location | None = None
    current_page: str | None = Field(default=None, max_length=200)
    timezone: str | None = Field(default=None, max_length=64)
    # When the message was typed (a message queued with no reception and sent later):
    # the turn's clock, so "yesterday" means the day before it was written.
    typed_at: datetime | None = None

    @field_validator("typed_at")
    @classmethod
    def _recent(cls, v: datetime | None) -> datetime | None:
        if v is None:
            return None
        if v.tzinfo is None:
            raise ValueError("must carry its UTC offset, e.g. 2026-12-05T09:30:00+10:00")
        now = datetime.now(UTC)
        if v > now + TYPED_AT_MAX_AHEAD:
            raise ValueError("is in the future")
        if v < now - TYPED_AT_MAX_AGE:
            raise ValueError("is more than 7 days ago; send the message again")
        return v

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str | None) -> str | None:
        if v is None:
            return None
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as Australia/Perth") from None
        return v


class ChatRequest(Strict):
    message: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    thread_id: UUID | None = None
    context: ClientContext | None = None
    # A client's id for this message: a retry with the same id returns the first result.
    message_id: str | None = Field(default=None, min_length=1, max_length=200)

    @field_validator("message")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be blank")
        return v


class EditedAction(Strict):
    name: str = Field(min_length=1, max_length=100)
    args: dict[str, Any]


class Decision(Strict):
    """An answer to one pending action request (LangChain's human-in-the-loop shape)."""

    type: Literal["approve", "edit", "reject"]
    edited_action: EditedAction | None = None
    message: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _edit_needs_action(self) -> Decision:
        if (self.type == "edit") != (self.edited_action is not None):
            raise ValueError("edited_action goes with type 'edit', and only with it")
        return self

    def payload(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class ResumeRequest(Strict):
    thread_id: UUID
    decisions: list[Decision] = Field(min_length=1, max_length=20)
    # The `interrupt_id` of the question these decisions answer, as the interrupt gave
    # it: when another question waits by now (an old card, a decision queued offline),
    # nothing runs (409). Without it, the decisions answer whatever waits.
    interrupt_id: str | None = Field(default=None, min_length=1, max_length=200)


class ChatResponse(BaseModel):
    thread_id: str
    run_id: str
    reply: str
    ui_actions: list[dict[str, Any]]
    interrupt: dict[str, Any] | None = None
    cancelled: bool | None = None
