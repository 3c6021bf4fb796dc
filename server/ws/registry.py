"""Who is connected: each user's open sockets, so the server can push to them
(reminders and other notices that are not answers to a frame)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, Protocol
from uuid import UUID

from starlette.types import ASGIApp


class Pushable(Protocol):
    user_id: UUID

    def send(self, frame: dict[str, Any]) -> bool: ...


class SocketRegistry:
    def __init__(self) -> None:
        self._by_user: defaultdict[UUID, set[Pushable]] = defaultdict(set)
        # Told when a user's first socket opens here (True) and their last closes (False):
        # the cross-instance push relay listens for the users this instance holds.
        self.on_presence: Callable[[UUID, bool], None] | None = None

    def add(self, socket: Pushable) -> None:
        first = not self._by_user.get(socket.user_id)
        self._by_user[socket.user_id].add(socket)
        if first and self.on_presence is not None:
            self.on_presence(socket.user_id, True)

    def remove(self, socket: Pushable) -> None:
        sockets = self._by_user.get(socket.user_id)
        if sockets is not None:
            sockets.discard(socket)
            if not sockets:
                del self._by_user[socket.user_id]
                if self.on_presence is not None:
                    self.on_presence(socket.user_id, False)

    def users(self) -> list[UUID]:
        return list(self._by_user)

    def count(self, user_id: UUID | None = None) -> int:
        if user_id is None:
            return sum(len(s) for s in self._by_user.values())
        return len(self._by_user.get(user_id, ()))

    async def push(self, user_id: UUID, frame: dict[str, Any]) -> int:
        """Queue `frame` on every open socket of the user; how many took it. Never
        waits on a client: a socket whose queue is full is closed instead."""
        return sum(socket.send(frame) for socket in list(self._by_user.get(user_id, ())))


def sockets_of(app: ASGIApp) -> SocketRegistry:
    """The app's registry (made on first use), e.g. `await sockets_of(app).push(user, f)`."""
    state = app.state  # type: ignore[attr-defined]
    if not hasattr(state, "sockets"):
        state.sockets = SocketRegistry()
    registry: SocketRegistry = state.sockets
    return registry
