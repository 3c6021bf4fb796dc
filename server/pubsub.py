"""One listening connection per process, for every channel it listens on (cancels for its
runs, pushes for its users' sockets, the runs it follows), each with its handler: Redis
pub/sub (`Subscriber`) or Postgres LISTEN (`Listener`), the coordinator's choice.

Subscription changes are applied by the reading task itself between two reads, never
concurrently with a read on the same connection. After a failure the connection is made
again and every channel subscribed again; until then, messages for it are simply missed
(publishers see 0 receivers and fall back; followers also poll, so a missed wake-up
costs a delay, never an event).
"""

from __future__ import annotations

import asyncio
import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Coroutine
from typing import Any, Generic, TypeVar

import psycopg
import redis.asyncio as aioredis
import structlog
from psycopg import sql
from redis.exceptions import RedisError

log = structlog.get_logger("pam.pubsub")

REDIS_ERRORS = (RedisError, OSError, TimeoutError)
H = TypeVar("H")  # a kind's handler
RECONNECT_S = 1.0
CANCEL_AGAIN_S = 0.5


class Channels(ABC, Generic[H]):
    """The handler table and the reconnecting reader both kinds share; `_session` is one
    connection's life, from connecting until it fails."""

    errors: tuple[type[BaseException], ...] = ()
    lost = ""  # what the log says when the connection fails
    task_name = ""

    def __init__(self) -> None:
        self._handlers: dict[str, H] = {}
        self._active: set[str] = set()  # subscribed on the connection now
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()
        # Set before the cancel: a read with a timeout may swallow the cancel (it lands as
        # the read's own timeout runs out), so the loops also stop on this between reads.
        self._closing = False

    def subscribe(self, channel: str, handler: H) -> None:
        self._handlers[channel] = handler

    def unsubscribe(self, channel: str) -> None:
        self._handlers.pop(channel, None)

    def subscribed(self, channel: str) -> bool:
        return channel in self._active

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self.task_name)

    async def aclose(self) -> None:
        self._closing = True
        task = self._task
        if task is None:
            return
        while not task.done():  # again, should a read have taken the cancel for its timeout
            task.cancel()
            await asyncio.wait({task}, timeout=CANCEL_AGAIN_S)
        with contextlib.suppress(asyncio.CancelledError):
            await task

    def _changes(self) -> tuple[set[str], set[str]]:
        """The channels to subscribe and to unsubscribe on the connection."""
        wanted = set(self._handlers)
        return wanted - self._active, self._active - wanted

    async def _run(self) -> None:
        while not self._closing:
            try:
                await self._session()
            except self.errors as exc:
                log.warning(self.lost, error=str(exc) or repr(exc))
            finally:
                self.connected.clear()
                self._active.clear()
            if not self._closing:
                await asyncio.sleep(RECONNECT_S)

    @abstractmethod
    async def _session(self) -> None:
        """Connect, set `connected`, and read (applying changes) until the connection fails."""


RedisHandler = Callable[[bytes], Coroutine[Any, Any, None]]
# How long one read waits before subscription changes are applied.
REDIS_READ_WAIT_S = 0.1


class Subscriber(Channels[RedisHandler]):
    """Redis pub/sub; each message's handler runs as a task of its own."""

    errors = REDIS_ERRORS
    lost = "redis pub/sub lost; reconnecting"
    task_name = "redis-subscriber"

    def __init__(self, redis: aioredis.Redis) -> None:
        super().__init__()
        self._redis = redis
        self._tasks: set[asyncio.Task[None]] = set()

    async def aclose(self) -> None:
        await super().aclose()
        for task in list(self._tasks):
            task.cancel()

    async def _session(self) -> None:
        pubsub = self._redis.pubsub()
        try:
            # A connection with no channel cannot be read from: this one is always there.
            await pubsub.subscribe("pam:keepalive")
            self.connected.set()
            while not self._closing:
                await self._sync(pubsub)
                message = await pubsub.get_message(
                    ignore_subscribe_messages=True, timeout=REDIS_READ_WAIT_S
                )
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
        finally:
            with contextlib.suppress(*REDIS_ERRORS):
                await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def _sync(self, pubsub: aioredis.client.PubSub) -> None:
        added, gone = self._changes()
        if added:
            await pubsub.subscribe(*added)
            self._active |= added
        if gone:
            await pubsub.unsubscribe(*gone)
            self._active -= gone

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("pub/sub handler failed", error=repr(task.exception()))


PgHandler = Callable[[str], None]  # called with the payload; quick (spawns work if any)
PG_READ_WAIT_S = 0.05  # how long one wait for notifications lasts before changes apply
CONNECT_TIMEOUT_S = 5


class Listener(Channels[PgHandler]):
    """Postgres LISTEN/NOTIFY; handlers are called inline with the payload."""

    errors = (psycopg.Error, OSError)
    lost = "LISTEN connection lost; reconnecting"
    task_name = "pg-listener"

    def __init__(self, database_url: str) -> None:
        super().__init__()
        self._url = database_url
        self._changed = asyncio.Event()  # set when LISTENs are applied

    async def listening(self, channel: str, timeout_s: float = 1.0) -> bool:
        """Wait (a little) until LISTEN on `channel` is in effect."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout_s):
                while channel not in self._active:
                    changed = self._changed
                    await changed.wait()
        return channel in self._active

    async def _session(self) -> None:
        conn = await psycopg.AsyncConnection.connect(
            self._url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
        )
        async with conn:
            self.connected.set()
            while not self._closing:
                await self._sync(conn)
                async for note in conn.notifies(timeout=PG_READ_WAIT_S):
                    handler = self._handlers.get(note.channel)
                    if handler is not None:
                        try:
                            handler(note.payload)
                        except Exception:
                            log.exception("notification handler failed", channel=note.channel)

    async def _sync(self, conn: psycopg.AsyncConnection[object]) -> None:
        added, gone = self._changes()
        for channel in added:
            await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        for channel in gone:
            await conn.execute(sql.SQL("UNLISTEN {}").format(sql.Identifier(channel)))
        self._active = (self._active | added) - gone
        if added or gone:
            self._changed.set()
            self._changed = asyncio.Event()
