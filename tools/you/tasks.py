"""add_task, list_tasks and complete_task, plus the tasks table as evals read it; and
update_task, a REST route's only (PATCH /you/tasks/{id}), not a tool of the assistant's."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BeforeValidator, Field

from tools.db.scope import UserDb, locked_row, set_columns
from tools.format import counted, first_few
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, Args, Table, UiAction, not_found
from tools.values import SaneDate, Title
from tools.you.dates import day_text
from tools.you.models import PriorityName, TaskOut, TaskResult, TasksResult, lowercase

TASK_COLUMNS = "id, title, due_date, priority, status, completed_at"
# Soonest due first (undated last), then the most important; ties in insertion order.
TASK_ORDER = (
    "due_date NULLS LAST, CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END,"
    " created_at, lower(title), id"
)
Priority = Annotated[PriorityName, BeforeValidator(lowercase)]


def _task_action(task: TaskOut) -> UiAction:
    return UiAction(
        type="reload_tasks", entity_type="task", entity_id=str(task.id), entity_title=task.title
    )


def _describe(task: TaskOut, today: date) -> str:
    notes = []
    if task.due_date is not None:
        overdue = task.status == "open" and task.due_date < today
        notes.append(f"due {day_text(task.due_date, today)}" + (", overdue" if overdue else ""))
    if task.priority != "normal":
        notes.append(f"{task.priority} priority")
    return f"'{task.title}'" + (f" ({'; '.join(notes)})" if notes else "")


class AddTaskArgs(Args):
    title: Title = Field(
        description="The thing to do; 'remind me to X' with no date or time is a task.",
        examples=["renew the rego"],
    )
    due_date: SaneDate | None = Field(
        default=None, description="Day it is due, YYYY-MM-DD.", examples=["2026-03-20"]
    )
    priority: Priority = Field(default="normal", description="How urgent.")


async def add_task(db: UserDb, args: AddTaskArgs) -> TaskResult:
    cur = await db.conn.execute(
        "INSERT INTO tasks (user_id, title, due_date, priority) VALUES (%s, %s, %s, %s)"
        f" RETURNING {TASK_COLUMNS}",
        (db.user_id, args.title, args.due_date, args.priority),
    )
    row = await cur.fetchone()
    assert row is not None  # INSERT ... RETURNING always yields the row
    task = TaskOut(**row)
    today = local_today(db, await load_profile(db))
    return TaskResult(
        summary=f"Added task {_describe(task, today)}.",
        ids=[task.id],
        ui_actions=[_task_action(task)],
        task=task,
    )


class ListTasksArgs(Args):
    status: Annotated[Literal["open", "done", "all"], BeforeValidator(lowercase)] = Field(
        default="open", description="Which tasks to show."
    )


async def _select_tasks(db: UserDb, status: str) -> list[TaskOut]:
    cur = await db.conn.execute(
        f"SELECT {TASK_COLUMNS} FROM tasks WHERE user_id = %s AND (%s = 'all' OR status = %s)"
        f" ORDER BY {TASK_ORDER}",
        (db.user_id, status, status),
    )
    return [TaskOut(**row) for row in await cur.fetchall()]


async def list_tasks(db: UserDb, args: ListTasksArgs) -> TasksResult:
    tasks = await _select_tasks(db, args.status)
    today = local_today(db, await load_profile(db))
    kind = {"open": "open task", "done": "done task", "all": "task"}[args.status]
    if not tasks:
        return TasksResult(summary=f"You have no {kind}s.", tasks=[])
    shown = first_few([_describe(t, today) for t in tasks])
    return TasksResult(summary=f"You have {counted(len(tasks), kind)}: {shown}.", tasks=tasks)


class CompleteTaskArgs(Args):
    task_id: UUID = Field(
        description="The task's id, from an earlier result (list_tasks finds it).",
        examples=["9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"],
    )


async def complete_task(db: UserDb, args: CompleteTaskArgs) -> TaskResult:
    """Idempotent: a task that is already done stays as it was."""
    row = await locked_row(db, "tasks", TASK_COLUMNS, args.task_id)
    if row is None:
        raise not_found("task", args.task_id)
    if row["status"] == "done":
        task = TaskOut(**row)
        return TaskResult(summary=f"'{task.title}' is already done.", task=task, changed=False)
    cur = await db.conn.execute(
        "UPDATE tasks SET status = 'done', completed_at = %s WHERE id = %s AND user_id = %s"
        f" RETURNING {TASK_COLUMNS}",
        (db.now, args.task_id, db.user_id),
    )
    done = await cur.fetchone()
    assert done is not None  # the row is locked above
    task = TaskOut(**done)
    return TaskResult(
        summary=f"Marked '{task.title}' as done.",
        ids=[task.id],
        ui_actions=[_task_action(task)],
        task=task,
    )


class UpdateTaskArgs(Args):
    task_id: UUID = Field(description="The task's id.")
    title: Title | None = Field(default=None, description="The thing to do, corrected.")
    due_date: SaneDate | None = Field(
        default=None, description="Day it is due, YYYY-MM-DD; null (given) clears it."
    )
    priority: Priority | None = Field(default=None, description="How urgent.")
    status: Annotated[Literal["open", "done"], BeforeValidator(lowercase)] | None = Field(
        default=None,
        description="open: a task ticked off by mistake opened again; done: ticked off.",
    )


async def update_task(db: UserDb, args: UpdateTaskArgs) -> TaskResult:
    """A task's title, due day or priority corrected, or it opened again (try17: none of
    these could change once it was added)."""
    changes: dict[str, Any] = args.model_dump(
        include={"title", "priority", "status"}, exclude_none=True
    )
    if "due_date" in args.model_fields_set:
        changes["due_date"] = args.due_date  # null given: no due day
    if not changes:
        raise ActionError(
            "Tell me what to change on the task: its title, due date, priority or status."
        )
    row = await locked_row(db, "tasks", TASK_COLUMNS, args.task_id)
    if row is None:
        raise not_found("task", args.task_id)
    before = TaskOut(**row)
    if changes.get("status", before.status) == before.status:
        changes.pop("status", None)
    elif changes["status"] == "done":
        changes["completed_at"] = db.now
    else:
        changes["completed_at"] = None
    task = before
    if changes:
        task = TaskOut(**await set_columns(db, "tasks", changes, args.task_id, TASK_COLUMNS))
    today = local_today(db, await load_profile(db))
    if task == before:
        said = f"{_describe(task, today)} already reads so."
        return TaskResult(summary=said, task=task, changed=False)
    # A change of status is said: "done" ticked a task off and said only its title (try18)
    state = {"open": " (open again)", "done": " (ticked off)"}[task.status]
    state = state if task.status != before.status else ""
    return TaskResult(
        summary=f"Updated the task: now {_describe(task, today)}{state}.",
        ids=[task.id],
        ui_actions=[_task_action(task)],
        task=task,
    )


async def read_tasks(db: UserDb) -> list[dict[str, Any]]:
    """Every task keyed like add_task's arguments, plus `status`."""
    fields = {"id", "title", "due_date", "priority", "status"}
    return [t.model_dump(mode="json", include=fields) for t in await _select_tasks(db, "all")]


# A REST route's (tools.registry.REST_ONLY_ACTIONS), not a tool: TOOLS.md's list is kept.
UPDATE_TASK = Action(
    name="update_task",
    domain="you",
    args=UpdateTaskArgs,
    fn=update_task,
    description="Correct a task's title, due date or priority, or open a done task again.",
)

ACTIONS = [
    Action(
        name="add_task",
        domain="you",
        args=AddTaskArgs,
        fn=add_task,
        description="Add a to-do task, optionally with a due date and a priority.",
    ),
    Action(
        name="list_tasks",
        domain="you",
        args=ListTasksArgs,
        fn=list_tasks,
        description="List to-do tasks (open by default, or done, or all), soonest due first.",
        writes=False,
    ),
    Action(
        name="complete_task",
        domain="you",
        args=CompleteTaskArgs,
        fn=complete_task,
        description="Mark a to-do task as done.",
    ),
]
TABLES = [Table(name="tasks", create="add_task", read=read_tasks)]
