"""Pushing a frame to a user's open sockets on whichever instance holds them.

With Redis, each instance subscribes to `pam:push:{user_id}` while it holds a socket of
that user (the registry tells it when), and a push is a PUBLISH there: Redis answers
how many instances took it, so 0 means that no socket of the user is open anywhere.
Without Redis (or while it is unreachable) this instance's own sockets are all there is.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import orjson
import redis.asyncio as aioredis
import structlog

from server.pubsub import REDIS_ERRORS, Subscriber
from server.ws.registry import SocketRegistry

log = structlog.get_logger("pam.ws")


def push_channel(user_id: UUID) -> str:
    return f"pam:push:{user_id}"


class PushRelay:
    def __init__(self, registry: SocketRegistry, redis: aioredis.Redis | None) -> None:
        self._registry = registry
        self._redis = redis
        self._subscriber = Subscriber(redis) if redis is not None else None

    def start(self) -> None:
        if self._subscriber is None:
            return
        self._registry.on_presence = self._presence
        for user_id in self._registry.users():
            self._presence(user_id, True)
        self._subscriber.start()

    async def aclose(self) -> None:
        self._registry.on_presence = None
        if self._subscriber is not None:
            await self._subscriber.aclose()

    def listening(self, user_id: UUID) -> bool:
        """Subscribed for the user (tests wait on this before pushing)."""
        return self._subscriber is not None and self._subscriber.subscribed(push_channel(user_id))

    async def push(self, user_id: UUID, frame: dict[str, Any]) -> int:
        """Queue the frame on the user's sockets everywhere; how many instances took it."""
        if self._redis is not None:
            try:
                return int(await self._redis.publish(push_channel(user_id), orjson.dumps(frame)))
            except REDIS_ERRORS as exc:
                log.warning("push not shared (Redis); this instance only", error=str(exc))
        return await self._registry.push(user_id, frame)

    def _presence(self, user_id: UUID, present: bool) -> None:
        assert self._subscriber is not None
        channel = push_channel(user_id)
        if not present:
            self._subscriber.unsubscribe(channel)
            return

        async def deliver(data: bytes) -> None:
            await self._registry.push(user_id, orjson.loads(data))

        self._subscriber.subscribe(channel, deliver)
