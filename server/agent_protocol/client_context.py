"""Client facts from a run request's `context`: location, current page, time zone.

Anything else in it (a `user_id` above all) is dropped: a run's user is always the
verified token's, and its pool and services are the server's own.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class Location(BaseModel):
    model_config = ConfigDict(extra="ignore")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lng: float | None = Field(default=None, ge=-180, le=180)
    city: str | None = Field(default=None, max_length=120)
    region: str | None = Field(default=None, max_length=120)
    country: str | None = Field(default=None, max_length=120)


class ClientContext(BaseModel):
    """What a client may tell PAM about this turn (the assistant's context schema)."""

    model_config = ConfigDict(extra="ignore", title="Context")
    location: Location | None = None
    current_page: str | None = Field(default=None, max_length=500)
    timezone: str | None = Field(default=None, max_length=64)


class BadContext(ValueError):
    pass


def client_facts(context: dict[str, Any] | None, where: str = "context") -> dict[str, Any] | None:
    """The client facts in a request's `context` (also accepted nested under "client");
    `where` names the field in errors (a run's `config.configurable` serves as its context
    when it gives none, as under LangGraph)."""
    if not context:
        return None
    nested = context.get("client")
    raw = {**context, **nested} if isinstance(nested, dict) else context
    try:
        facts = ClientContext.model_validate(raw).model_dump(exclude_none=True)
    except ValidationError as exc:
        at = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise BadContext(f"{where}.{at}: {exc.errors()[0]['msg']}") from None
    return facts or None
