"""The A2A door's task store keeps the most recent tasks only, each for its owner."""

from __future__ import annotations

from a2a.auth.user import User
from a2a.helpers.proto_helpers import new_task
from a2a.server.context import ServerCallContext
from a2a.types.a2a_pb2 import TaskState

from server.doors.a2a_tasks import RecentTaskStore


class Named(User):
    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def user_name(self) -> str:
        return self.name


def as_user(name: str) -> ServerCallContext:
    return ServerCallContext(user=Named(name))


async def test_the_oldest_task_goes_once_the_store_is_full() -> None:
    store = RecentTaskStore(max_tasks=2)
    ann, bob = as_user("ann"), as_user("bob")
    for task_id, owner in (("t1", ann), ("t2", bob), ("t1", ann), ("t3", bob)):
        await store.save(new_task(task_id, "c", TaskState.TASK_STATE_WORKING), owner)
    assert await store.get("t2", bob) is None  # the least recently saved
    assert await store.get("t1", ann) is not None and await store.get("t3", bob) is not None
    assert await store.get("t1", bob) is None  # never anyone else's
