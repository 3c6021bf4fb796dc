"""One Postgres LISTEN connection per process, for every channel it listens on (cancels,
pushes, the runs it follows), each with its handler: what server/pubsub.py is for Redis.
It reconnects and listens again after a failure; until then, notifications for it are
missed (followers also poll, so a missed wake-up costs a delay, never an event).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import psycopg
import structlog
from psycopg import sql

log = structlog.get_logger("pam.pg_listen")

Handler = Callable[[str], None]  # called with the payload; quick (spawns work if any)
# How long one wait for notifications lasts before LISTEN/UNLISTEN changes are applied:
# changes are made by the reading task itself, never concurrently with a read.
READ_WAIT_S = 0.05
RECONNECT_S = 1.0
CONNECT_TIMEOUT_S = 5


class Listener:
    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._handlers: dict[str, Handler] = {}
        self._listening: set[str] = set()
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()  # set when LISTENs are applied
        self.connected = asyncio.Event()

    def subscribe(self, channel: str, handler: Handler) -> None:
        self._handlers[channel] = handler

    def unsubscribe(self, channel: str) -> None:
        self._handlers.pop(channel, None)

    def subscribed(self, channel: str) -> bool:
        return channel in self._listening

    async def listening(self, channel: str, timeout_s: float = 1.0) -> bool:
        """Wait (a little) until LISTEN on `channel` is in effect."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout_s):
                while channel not in self._listening:
                    changed = self._changed
                    await changed.wait()
        return channel in self._listening

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="pg-listener")

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(
                    self._url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
                )
                async with conn:
                    await self._listen(conn)
            except (psycopg.Error, OSError) as exc:
                log.warning("LISTEN connection lost; reconnecting", error=str(exc) or repr(exc))
            finally:
                self.connected.clear()
                self._listening.clear()
            await asyncio.sleep(RECONNECT_S)

    async def _listen(self, conn: psycopg.AsyncConnection[object]) -> None:
        self.connected.set()
        while True:
            await self._sync(conn)
            async for note in conn.notifies(timeout=READ_WAIT_S):
                handler = self._handlers.get(note.channel)
                if handler is not None:
                    try:
                        handler(note.payload)
                    except Exception:
                        log.exception("notification handler failed", channel=note.channel)

    async def _sync(self, conn: psycopg.AsyncConnection[object]) -> None:
        wanted = set(self._handlers)
        added, gone = wanted - self._listening, self._listening - wanted
        for channel in added:
            await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        for channel in gone:
            await conn.execute(sql.SQL("UNLISTEN {}").format(sql.Identifier(channel)))
        self._listening = (self._listening | added) - gone
        if added or gone:
            self._changed.set()
            self._changed = asyncio.Event()
