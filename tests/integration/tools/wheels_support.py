"""Helpers for the wheels trip, place and weather tests (no tests here): calling actions
as a user with chosen services, and a real HTTP server standing in for Open-Meteo/OSRM."""

from __future__ import annotations

import dataclasses
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.conftest import ScopedDb
from tools.cache import MemoryCache
from tools.run import call_action
from tools.services import Services
from tools.types import Action
from tools.wheels import places, trips, weather

BY_NAME: dict[str, Action] = {
    a.name: a for a in [*trips.ACTIONS, *places.ACTIONS, *weather.ACTIONS]
}
NOW = datetime.fromisoformat("2026-03-10T09:00:00+11:00")


def services(**overrides: Any) -> Services:
    """No routing, a fresh memory cache, and short timeouts so failure tests stay fast."""
    base: dict[str, Any] = {"cache": MemoryCache(), "timeout_s": 0.5, "retries": 1}
    return Services(**(base | overrides))


async def call(
    scoped: ScopedDb,
    uid: uuid.UUID,
    action: str,
    /,
    svc: Services | None = None,
    now: datetime = NOW,
    **raw: Any,
) -> dict[str, Any]:
    """One action in its own committed transaction, as the tools and REST call it."""
    async with scoped(uid, now=now) as db:
        db = dataclasses.replace(db, services=svc or services())
        return await call_action(BY_NAME[action], db, raw)


async def ok(scoped: ScopedDb, uid: uuid.UUID, action: str, /, **raw: Any) -> dict[str, Any]:
    result = await call(scoped, uid, action, **raw)
    assert result["ok"] is True, result
    return result


async def fetch(scoped: ScopedDb, uid: uuid.UUID, query: str, *params: Any) -> list[Any]:
    """Rows as user `uid` sees them (RLS applies)."""
    async with scoped(uid) as db:
        return await (await db.conn.execute(query, params)).fetchall()


async def execute(scoped: ScopedDb, uid: uuid.UUID, query: str, *params: Any) -> None:
    async with scoped(uid) as db:
        await db.conn.execute(query, params)


@dataclasses.dataclass
class Reply:
    status: int = 200
    body: bytes | dict[str, Any] | list[Any] = b"{}"
    delay_s: float = 0.0


@dataclasses.dataclass
class Request:
    path: str
    query: dict[str, str]


class FakeService:
    """A real HTTP server on 127.0.0.1, in its own thread, answering each GET with
    `reply(request)` and recording every request it received."""

    def __init__(self, reply: Callable[[Request], Reply]) -> None:
        self.requests: list[Request] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                request = Request(parts.path, {k: v[-1] for k, v in parse_qs(parts.query).items()})
                outer.requests.append(request)
                answer = reply(request)
                time.sleep(answer.delay_s)
                body = (
                    answer.body
                    if isinstance(answer.body, bytes)
                    else json.dumps(answer.body).encode()
                )
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to answer

            def log_message(self, format: str, *args: Any) -> None:
                return None

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False  # a slow handler must not hold up the test's teardown

        self._server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@contextmanager
def fake_service(reply: Callable[[Request], Reply]) -> Iterator[FakeService]:
    server = FakeService(reply)
    try:
        yield server
    finally:
        server.close()


def closed_port_url() -> str:
    """A URL nothing listens on: the port was free a moment ago and is closed again."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
