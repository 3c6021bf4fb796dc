"""One Redis pub/sub connection per instance, for every channel it listens on (cancels
for its runs, pushes for its users' sockets), each with its handler. It reconnects and
subscribes again after a Redis failure; until then, messages for it are simply missed
(publishers see 0 receivers and fall back).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

import redis.asyncio as aioredis
import structlog
from redis.exceptions import RedisError

log = structlog.get_logger("pam.pubsub")

Handler = Callable[[bytes], Coroutine[Any, Any, None]]
REDIS_ERRORS = (RedisError, OSError, TimeoutError)
# How long one read waits before subscription changes are applied: changes are made
# by the reading task itself, never concurrently with a read on the same connection.
READ_WAIT_S = 0.1
RECONNECT_S = 1.0


class Subscriber:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis
        self._handlers: dict[str, Handler] = {}
        self._subscribed: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    def subscribe(self, channel: str, handler: Handler) -> None:
        self._handlers[channel] = handler

    def unsubscribe(self, channel: str) -> None:
        self._handlers.pop(channel, None)

    def subscribed(self, channel: str) -> bool:
        return channel in self._subscribed

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="redis-subscriber")

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for task in list(self._tasks):
            task.cancel()

    async def _run(self) -> None:
        while True:
            pubsub = self._redis.pubsub()
            try:
                await self._listen(pubsub)
            except REDIS_ERRORS as exc:
                log.warning("redis pub/sub lost; reconnecting", error=str(exc) or repr(exc))
            finally:
                self.connected.clear()
                self._subscribed.clear()
                with contextlib.suppress(*REDIS_ERRORS):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
            await asyncio.sleep(RECONNECT_S)

    async def _listen(self, pubsub: aioredis.client.PubSub) -> None:
        # A connection with no channel cannot be read from: this one is always there.
        await pubsub.subscribe("pam:keepalive")
        self.connected.set()
        while True:
            await self._sync(pubsub)
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=READ_WAIT_S)
            if message is None or message.get("type") != "message":
                continue
            channel = message["channel"]
            handler = self._handlers.get(
                channel.decode() if isinstance(channel, bytes) else channel
            )
            if handler is not None:
                task = asyncio.create_task(handler(message["data"]))
                self._tasks.add(task)
                task.add_done_callback(self._done)

    async def _sync(self, pubsub: aioredis.client.PubSub) -> None:
        wanted = set(self._handlers)
        if added := wanted - self._subscribed:
            await pubsub.subscribe(*added)
            self._subscribed |= added
        if gone := self._subscribed - wanted:
            await pubsub.unsubscribe(*gone)
            self._subscribed -= gone

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("pub/sub handler failed", error=repr(task.exception()))
