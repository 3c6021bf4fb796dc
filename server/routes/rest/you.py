"""You over REST: calendar events and tasks; home and self, the pantry, shopping list,
profile and memories."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from server.routes.rest.common import ActionDb, perform, without
from tools.profile import load_profile
from tools.you import events, memories, pantry, profile_actions, shopping, tasks
from tools.you.models import (
    MemoryOut,
    MemoryResult,
    PantryItemResult,
    PantryResult,
    ShoppingAddResult,
    ShoppingListResult,
    TaskResult,
    TasksResult,
)

if TYPE_CHECKING:  # mypy knows the action's args; FastAPI gets them without the path's id
    EventUpdate = events.UpdateEventArgs
    PantryItemUpdate = pantry.UpdatePantryItemArgs
    TaskUpdate = tasks.UpdateTaskArgs
    ShoppingItemUpdate = shopping.UpdateShoppingItemArgs
else:
    ShoppingItemUpdate = without(
        shopping.UpdateShoppingItemArgs, "item_id", name="ShoppingItemUpdate"
    )
    TaskUpdate = without(tasks.UpdateTaskArgs, "task_id", name="TaskUpdate")
    EventUpdate = without(events.UpdateEventArgs, "event_id", name="EventUpdate")
    PantryItemUpdate = without(pantry.UpdatePantryItemArgs, "item_id", name="PantryItemUpdate")

router = APIRouter(prefix="/you", tags=["you"])


@router.get("/events")
async def read_events(
    query: Annotated[events.ListEventsArgs, Query()], db: ActionDb
) -> events.EventsResult:
    """Events between two dates; by default today and the next 7 days."""
    return await perform(db, events.list_events, query)


@router.post("/events", status_code=201)
async def create_event(body: events.CreateEventArgs, db: ActionDb) -> events.EventResult:
    return await perform(db, events.create_event, body)


@router.patch("/events/{event_id}")
async def update_event(event_id: UUID, body: EventUpdate, db: ActionDb) -> events.EventResult:
    return await perform(db, events.update_event, body, event_id=event_id)


@router.delete("/events/{event_id}")
async def delete_event(event_id: UUID, db: ActionDb) -> events.DeletedEventResult:
    """Deletes at once: the user asked for it here, so no approval step as in chat."""
    return await perform(db, events.delete_event, event_id=event_id)


@router.get("/tasks")
async def read_tasks(query: Annotated[tasks.ListTasksArgs, Query()], db: ActionDb) -> TasksResult:
    """Open tasks by default; `status=done` or `status=all` for the others."""
    return await perform(db, tasks.list_tasks, query)


@router.post("/tasks", status_code=201)
async def create_task(body: tasks.AddTaskArgs, db: ActionDb) -> TaskResult:
    return await perform(db, tasks.add_task, body)


@router.post("/tasks/{task_id}/complete")
async def complete_task(task_id: UUID, db: ActionDb) -> TaskResult:
    """Idempotent: completing a done task changes nothing."""
    return await perform(db, tasks.complete_task, task_id=task_id)


@router.patch("/tasks/{task_id}")
async def update_task(task_id: UUID, body: TaskUpdate, db: ActionDb) -> TaskResult:
    """A task's title, due date (null clears it) or priority corrected, or `status` open
    for one ticked off by mistake. The REST route's only: the assistant has no tool for it."""
    return await perform(db, tasks.update_task, body, task_id=task_id)


class MemoryList(BaseModel):
    memories: list[MemoryOut]


@router.get("/pantry")
async def read_pantry(
    query: Annotated[pantry.ListPantryArgs, Query()], db: ActionDb
) -> PantryResult:
    return await perform(db, pantry.list_pantry, query)


@router.post("/pantry", status_code=201)
async def create_pantry_item(body: pantry.AddPantryItemArgs, db: ActionDb) -> PantryItemResult:
    return await perform(db, pantry.add_pantry_item, body)


@router.patch("/pantry/{item_id}")
async def update_pantry_item(
    item_id: UUID, body: PantryItemUpdate, db: ActionDb
) -> PantryItemResult:
    """What was `used` of an item (taken off its quantity; all of it, and the item goes),
    or its quantity, unit, expiry date or name corrected. The REST route's only: the
    assistant has no tool for it."""
    return await perform(db, pantry.update_pantry_item, body, item_id=item_id)


@router.get("/shopping-list")
async def read_shopping_list(db: ActionDb) -> ShoppingListResult:
    return await perform(db, shopping.get_shopping_list)


@router.post("/shopping-list", status_code=201)
async def add_to_shopping_list(
    body: shopping.AddToShoppingListArgs, db: ActionDb
) -> ShoppingAddResult:
    """Adds the items not already on the list (ignoring case)."""
    return await perform(db, shopping.add_to_shopping_list, body)


@router.patch("/shopping-list/{shopping_item_id}")
async def update_shopping_item(
    shopping_item_id: UUID, body: ShoppingItemUpdate, db: ActionDb
) -> shopping.ShoppingItemResult:
    """An item ticked off (`checked`: true) or back on, or its name corrected. The REST
    route's only: the assistant has no tool for it."""
    return await perform(db, shopping.update_shopping_item, body, item_id=shopping_item_id)


@router.get("/profile")
async def read_profile(db: ActionDb) -> profile_actions.ProfileOut:
    """The stored profile, or the Australian defaults before the user sets one."""
    return profile_actions.ProfileOut(**asdict(await load_profile(db)))


@router.patch("/profile")
async def update_profile(
    body: profile_actions.UpdateProfileArgs, db: ActionDb
) -> profile_actions.ProfileResult:
    return await perform(db, profile_actions.update_profile, body)


@router.post("/memories", status_code=201)
async def create_memory(body: memories.RememberArgs, db: ActionDb) -> MemoryResult:
    """What PAM should remember about the user in later conversations."""
    return await perform(db, memories.remember, body)


@router.get("/memories")
async def read_memories(
    db: ActionDb, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> MemoryList:
    """The user's memories, newest first."""
    return MemoryList(memories=await memories.list_memories(db, limit))
