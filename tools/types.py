"""What every action shares: its result shape, its error, its argument base, its registry entry."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tools.db.scope import UserDb

Domain = Literal["wins", "wheels", "you", "social"]
UiActionType = Literal[
    "reload_expenses",
    "reload_calendar",
    "reload_trips",
    "reload_tasks",
    "reload_feed",
    "open_map",
    "reload_vehicles",
    "reload_pantry",
    "reload_profile",
]
ErrorCode = Literal["invalid", "not_found", "conflict", "unavailable"]


class UiAction(BaseModel):
    """A hint for the client: refresh a panel or open the map on the row that changed."""

    type: UiActionType
    entity_type: str
    entity_id: str | None = None
    entity_title: str | None = None


class ActionResult(BaseModel):
    """Base of every action's result. Subclasses add the rows they return."""

    ok: Literal[True] = True
    summary: str
    ids: list[UUID] = Field(default_factory=list)
    ui_actions: list[UiAction] = Field(default_factory=list)
    # False when a write found things already as asked (already a member, already done),
    # and for every read (run_action sets it): a reply must not say "Done" for what
    # nothing did, and a client need not reload after it.
    changed: bool = True


class ActionError(Exception):
    """A failure the model and the user can act on; never a half-done write.

    Raised inside the action's transaction, so everything it wrote is rolled back.
    """

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode = "invalid",
        field: str | None = None,
        subject: str | None = None,
        choices: list[str] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.code: ErrorCode = code
        self.field = field
        # What could not be found ("expense", "group", "place"), for a recovery hint.
        self.subject = subject
        # The names the user could have meant ("No vehicle called 'ute'; yours: …").
        self.choices = choices

    def to_result(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "ok": False, "error": self.code, "summary": self.message, "field": self.field,
        }  # fmt: skip
        if self.subject:
            result["subject"] = self.subject
        if self.choices is not None:
            result["choices"] = self.choices
        return result


def not_found(kind: str, ident: object) -> ActionError:
    """The same answer for an unknown id and another user's id: nothing to probe."""
    return ActionError(f"I couldn't find {kind} {ident}.", code="not_found", subject=kind)


class Args(BaseModel):
    """Base of every action's arguments: the tool schema and the REST body alike."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        """Postgres text cannot hold NUL: refused here, naming the field, not by the
        write (a 400 in psycopg's words, "PostgreSQL text fields cannot contain NUL")."""
        if _holds_nul(value):
            raise ValueError("text must not contain NUL (\\u0000) characters")
        return value


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple | set | frozenset):
        return any(_holds_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    return False


ActionFn = Callable[[UserDb, Any], Awaitable[ActionResult]]
ApprovalText = Callable[[UserDb, Any], Awaitable[str]]


@dataclass(frozen=True)
class Action:
    """One action, registered once: the tool, the REST route and the evals all use it."""

    name: str
    domain: Domain
    args: type[Args]
    fn: ActionFn
    description: str
    # Whether a call with these (raw) arguments must be approved by the user first
    # (deletes, public posts). None: never.
    needs_approval: Callable[[dict[str, Any]], bool] | None = None
    # False for actions that only read: their result needs the model to answer the
    # question asked, where a write's summary already is the answer.
    writes: bool = True
    # The question a person is asked to approve a call, from the rows it touches
    # ("Delete the $38.00 camping expense of 5 Dec?"). None: a generic question.
    approval_text: ApprovalText | None = None


RowReader = Callable[[UserDb], Awaitable[list[dict[str, Any]]]]


@dataclass(frozen=True)
class Table:
    """A TOOLS.md resource as evals see it: fixtures are made with `create` (an action
    name) and `read` returns the user's rows keyed by that action's argument names."""

    name: str
    create: str
    read: RowReader
