"""Where the A2A door keeps its tasks: the SDK's in-memory store (per owner, the token's
user), holding the most recent MAX_TASKS only. Every A2A message makes a task, and the
SDK's store never lets one go; the conversation itself is PAM's thread, so a task that
has dropped out only stops answering `GetTask`."""

from __future__ import annotations

from collections import OrderedDict

from a2a.server.context import ServerCallContext
from a2a.server.tasks import InMemoryTaskStore, TaskStore
from a2a.types import a2a_pb2
from a2a.types.a2a_pb2 import Task

MAX_TASKS = 10_000


class RecentTaskStore(TaskStore):
    def __init__(self, max_tasks: int = MAX_TASKS) -> None:
        self._tasks = InMemoryTaskStore()
        self._max = max_tasks
        # (owner, task id) -> a context naming the owner, oldest first.
        self._order: OrderedDict[tuple[str, str], ServerCallContext] = OrderedDict()

    async def save(self, task: Task, context: ServerCallContext) -> None:
        await self._tasks.save(task, context)
        key = (context.user.user_name, task.id)
        self._order[key] = ServerCallContext(user=context.user)
        self._order.move_to_end(key)
        while len(self._order) > self._max:
            (_owner, task_id), owner_context = self._order.popitem(last=False)
            await self._tasks.delete(task_id, owner_context)

    async def get(self, task_id: str, context: ServerCallContext) -> Task | None:
        return await self._tasks.get(task_id, context)

    async def list(
        self, params: a2a_pb2.ListTasksRequest, context: ServerCallContext
    ) -> a2a_pb2.ListTasksResponse:
        return await self._tasks.list(params, context)

    async def delete(self, task_id: str, context: ServerCallContext) -> None:
        self._order.pop((context.user.user_name, task_id), None)
        await self._tasks.delete(task_id, context)
