"""Where the A2A door keeps its tasks: the SDK's in-memory store (per owner, the token's
user), holding the most recent MAX_TASKS only, and each owner's most recent
MAX_TASKS_PER_OWNER. Every A2A message makes a task, and the SDK's store never lets one
go; the conversation itself is PAM's thread, so a task that has dropped out only stops
answering `GetTask`. The share per owner (redteam 9): with one shared limit, one user's
messages pushed every other user's tasks out; now past their share a user's own oldest
task goes, and another's only when the whole store is full of users within theirs."""

from __future__ import annotations

from collections import OrderedDict

from a2a.server.context import ServerCallContext
from a2a.server.tasks import InMemoryTaskStore, TaskStore
from a2a.types import a2a_pb2
from a2a.types.a2a_pb2 import Task

MAX_TASKS = 10_000
MAX_TASKS_PER_OWNER = 100


class RecentTaskStore(TaskStore):
    def __init__(self, max_tasks: int | None = None, max_per_owner: int | None = None) -> None:
        self._tasks = InMemoryTaskStore()
        self._max = MAX_TASKS if max_tasks is None else max_tasks
        self._max_per_owner = MAX_TASKS_PER_OWNER if max_per_owner is None else max_per_owner
        # (owner, task id) -> a context naming the owner, oldest first.
        self._order: OrderedDict[tuple[str, str], ServerCallContext] = OrderedDict()
        # owner -> their task ids, oldest first.
        self._owned: dict[str, OrderedDict[str, None]] = {}

    async def save(self, task: Task, context: ServerCallContext) -> None:
        await self._tasks.save(task, context)
        owner = context.user.user_name
        key = (owner, task.id)
        self._order[key] = ServerCallContext(user=context.user)
        self._order.move_to_end(key)
        owned = self._owned.setdefault(owner, OrderedDict())
        owned[task.id] = None
        owned.move_to_end(task.id)
        while len(owned) > self._max_per_owner:
            await self._drop((owner, next(iter(owned))))
        while len(self._order) > self._max:
            await self._drop(next(iter(self._order)))

    async def _drop(self, key: tuple[str, str]) -> None:
        owner, task_id = key
        owner_context = self._order.pop(key)
        owned = self._owned.get(owner)
        if owned is not None:
            owned.pop(task_id, None)
            if not owned:
                del self._owned[owner]
        await self._tasks.delete(task_id, owner_context)

    async def get(self, task_id: str, context: ServerCallContext) -> Task | None:
        return await self._tasks.get(task_id, context)

    async def list(
        self, params: a2a_pb2.ListTasksRequest, context: ServerCallContext
    ) -> a2a_pb2.ListTasksResponse:
        return await self._tasks.list(params, context)

    async def delete(self, task_id: str, context: ServerCallContext) -> None:
        key = (context.user.user_name, task_id)
        if key in self._order:
            await self._drop(key)
        else:
            await self._tasks.delete(task_id, context)
