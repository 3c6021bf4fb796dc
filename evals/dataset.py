"""The EVALS.md dataset format: one conversation per JSON line, validated by pydantic."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from agent.context import known_zone
from agent.nodes import DomainNode
from tools.registry import TABLES

Domain = DomainNode  # the domains a turn may be routed to, "general" included
# Every table an action registers (tools/registry.py): a new one is a fixture at once.
FIXTURE_TABLES = tuple(TABLES)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ToolExpect(Strict):
    name: str = Field(min_length=1)
    args: dict[str, Any] | None = None


class Expect(Strict):
    route: list[Domain] | None = None
    tools: list[ToolExpect] | None = None
    reply_contains: list[str] = Field(default_factory=list)
    reply_not_contains: list[str] = Field(default_factory=list)
    interrupt: bool | None = None


class Turn(Strict):
    user: str | None = None
    decisions: list[dict[str, Any]] | None = None
    expect: Expect = Field(default_factory=Expect)

    @model_validator(mode="after")
    def _one_kind(self) -> Turn:
        if (self.user is None) == (self.decisions is None):
            raise ValueError("a turn has exactly one of `user` and `decisions`")
        return self

    @property
    def said(self) -> str:
        """What the user did this turn, for messages and reports."""
        if self.user is not None:
            return self.user
        kinds = ", ".join(str(d.get("type", "?")) for d in self.decisions or [])
        return f"[decisions: {kinds}]"


class TableExpect(Strict):
    count: int | None = Field(default=None, ge=0)
    contains: list[dict[str, Any]] = Field(default_factory=list)


class Conversation(Strict):
    id: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    now: str
    profile: dict[str, Any] = Field(default_factory=dict)
    # What the client tells PAM with every message, as a chat request's `context`:
    # location {lat, lng, city, region, country}, current_page, timezone.
    client: dict[str, Any] | None = None
    fixtures: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    turns: list[Turn] = Field(min_length=1)
    final_state: dict[str, TableExpect] = Field(default_factory=dict)

    @field_validator("now")
    @classmethod
    def _iso_with_offset(cls, v: str) -> str:
        moment = datetime.fromisoformat(v)
        if moment.tzinfo is None:
            raise ValueError("must be an ISO datetime with a UTC offset, e.g. +11:00")
        return v

    @field_validator("client")
    @classmethod
    def _client_context(cls, v: dict[str, Any] | None) -> dict[str, Any] | None:
        unknown = sorted(set(v or {}) - {"location", "current_page", "timezone"})
        if unknown:
            raise ValueError(f"unknown client field(s) {unknown}")
        if v and "timezone" in v and known_zone(v["timezone"]) is None:
            raise ValueError(f"timezone {v['timezone']!r} is not an IANA time zone")
        return v

    @field_validator("fixtures", "final_state")
    @classmethod
    def _known_tables(cls, v: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(v) - set(FIXTURE_TABLES))
        if unknown:
            raise ValueError(f"unknown table(s) {unknown}; tables are {list(FIXTURE_TABLES)}")
        return v


class DatasetError(ValueError):
    """A dataset that cannot be used; the message names the file and line."""


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    message = err["msg"].removeprefix("Value error, ")
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {message}{more}" if where else message + more


def parse_line(text: str, where: str) -> Conversation:
    try:
        return Conversation.model_validate_json(text)
    except ValidationError as exc:
        raise DatasetError(f"{where}: {_first_error(exc)}") from None


def load_dataset(path: Path) -> list[Conversation]:
    """Every conversation of a JSONL file; blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read: {exc.strerror or exc}") from None
    found: list[Conversation] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            found.append(parse_line(line, f"{path}:{number}"))
    if not found:
        raise DatasetError(f"{path}: no conversations")
    return found


def load_datasets(paths: list[Path]) -> list[Conversation]:
    """All files' conversations, in order; conversation ids must be unique across them."""
    seen: dict[str, Path] = {}
    everything: list[Conversation] = []
    for path in paths:
        for conversation in load_dataset(path):
            other = seen.get(conversation.id)
            if other is not None:
                raise DatasetError(
                    f"{path}: conversation id {conversation.id!r} is also in {other}"
                )
            seen[conversation.id] = path
            everything.append(conversation)
    return everything
