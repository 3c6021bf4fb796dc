"""You over REST, the calendar and the to-do list: events and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from server.routes.rest.common import ActionDb, perform, without
from tools.you import event_changes, event_list, events, tasks
from tools.you.models import TaskResult, TasksResult

if TYPE_CHECKING:  # mypy knows the action's args; FastAPI gets them without the path's id
    EventUpdate = event_changes.UpdateEventArgs
else:
    EventUpdate = without(event_changes.UpdateEventArgs, "event_id", name="EventUpdate")

router = APIRouter(prefix="/you", tags=["you"])


@router.get("/events")
async def read_events(
    query: Annotated[event_list.ListEventsArgs, Query()], db: ActionDb
) -> event_list.EventsResult:
    """Events between two dates; by default today and the next 7 days."""
    return await perform(db, event_list.list_events, query)


@router.post("/events", status_code=201)
async def create_event(body: events.CreateEventArgs, db: ActionDb) -> events.EventResult:
    return await perform(db, events.create_event, body)


@router.patch("/events/{event_id}")
async def update_event(event_id: UUID, body: EventUpdate, db: ActionDb) -> events.EventResult:
    return await perform(db, event_changes.update_event, body, event_id=event_id)


@router.delete("/events/{event_id}")
async def delete_event(event_id: UUID, db: ActionDb) -> event_changes.DeletedEventResult:
    """Deletes at once: the user asked for it here, so no approval step as in chat."""
    return await perform(db, event_changes.delete_event, event_id=event_id)


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
