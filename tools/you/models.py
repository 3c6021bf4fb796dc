"""The rows the you domain's actions return (calendar events live in events.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel

from tools.types import ActionResult

PriorityName = Literal["low", "normal", "high"]


def lowercase(value: Any) -> Any:
    """For enums the model may capitalise: `High` means `high`."""
    return value.strip().lower() if isinstance(value, str) else value


class TaskOut(BaseModel):
    id: UUID
    title: str
    due_date: date | None
    priority: PriorityName
    status: Literal["open", "done"]
    completed_at: datetime | None


class TaskResult(ActionResult):
    task: TaskOut


class TasksResult(ActionResult):
    tasks: list[TaskOut]


class PantryItemOut(BaseModel):
    id: UUID
    name: str
    quantity: float | None
    unit: str | None
    expiry_date: date | None
    expired: bool  # expiry_date before the user's today


class PantryItemResult(ActionResult):
    item: PantryItemOut


class PantryResult(ActionResult):
    items: list[PantryItemOut]


class ShoppingItemOut(BaseModel):
    id: UUID
    name: str
    checked: bool


class ShoppingAddResult(ActionResult):
    added: list[ShoppingItemOut]
    already_listed: list[str]


class ShoppingListResult(ActionResult):
    items: list[ShoppingItemOut]


class MemoryOut(BaseModel):
    id: UUID
    note: str
    created_at: datetime


class MemoryResult(ActionResult):
    memory: MemoryOut
