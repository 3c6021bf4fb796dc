"""Shared API fixtures: a real uvicorn server in the test's event loop, with a scripted
(or any) chat model, over the test database; and bearer tokens for named users.

    async with serve(ScriptedChatModel(script=[...])) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=auth("alice")) as c: ...

`server.app` is the live FastAPI app (its `state.resources` and `state.runs`), for
tests that need to look behind the HTTP surface.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
import orjson
import pytest
import uvicorn
from fastapi import FastAPI
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from pydantic import SecretStr
from websockets.asyncio.client import ClientConnection

from server.app import create_app
from server.auth import TokenVerifier, user_uuid
from server.http_protocol import bounded_protocol
from server.settings import Settings
from tests.fakes import ScriptedChatModel
from tests.servers import free_port
from tools.db.pool import Pool
from tools.db.scope import user_db
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action

TEST_JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789"
STARTUP_TIMEOUT_S = 30.0

Serve = Callable[..., AbstractAsyncContextManager["LiveServer"]]


@dataclass
class LiveServer:
    url: str
    ws_url: str
    app: FastAPI
    settings: Settings


class Gate:
    """A pause in a model script: the model waits at it until the test opens it, so a
    test can act while a turn is provably mid-run."""

    def __init__(self) -> None:
        self.reached = asyncio.Event()
        self.opened = asyncio.Event()

    def open(self) -> None:
        self.opened.set()


class StreamingScriptedModel(ScriptedChatModel):
    """The scripted model, streamed the way real providers stream: text word by word,
    tool calls as tool-call chunks. Script `Gate()`s hold it until opened."""

    async def _gates(self) -> None:
        while self.script and isinstance(self.script[0], Gate):
            gate = self.script.pop(0)
            gate.reached.set()
            await gate.opened.wait()

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        await self._gates()
        return self._next(messages)

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        await self._gates()
        message = self._next(messages).generations[0].message
        calls = getattr(message, "tool_calls", None) or []
        if calls:
            pieces = [
                AIMessageChunk(
                    content="",
                    tool_call_chunks=[
                        {
                            "name": c["name"],
                            "args": orjson.dumps(c["args"]).decode(),
                            "id": c["id"],
                            "index": i,
                        }
                        for i, c in enumerate(calls)
                    ],
                )
            ]
        else:
            words = re.findall(r"\S+\s*", message.text) or [""]
            pieces = [AIMessageChunk(content=w) for w in words]
        for piece in pieces:
            chunk = ChatGenerationChunk(message=piece)
            if run_manager is not None:
                await run_manager.on_llm_new_token(piece.text, chunk=chunk)
            yield chunk


HEARTBEAT = ":"  # the event name read_sse gives a comment line


async def read_sse(response: httpx.Response) -> AsyncIterator[tuple[str, Any]]:
    """(event, parsed JSON data) per server-sent event; comment lines as (":", text)."""
    event: str | None = None
    data: list[str] = []
    async for line in response.aiter_lines():
        if not line:
            if event is not None:
                yield event, orjson.loads("\n".join(data)) if data else None
            event, data = None, []
        elif line.startswith(":"):
            yield HEARTBEAT, line[1:].strip()
        else:
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "event":
                event = value
            elif name == "data":
                data.append(value)


async def sse_events(response: httpx.Response) -> list[tuple[str, Any]]:
    """Every event of a finished stream, heartbeats left out."""
    return [e async for e in read_sse(response) if e[0] != HEARTBEAT]


WS_PATH = "/api/v1/pam/ws"
FRAME_TIMEOUT_S = 15.0


def ws_url(server: LiveServer, user: str | None = None) -> str:
    """The chat socket's URL, signed in as `user` with ?token= (None: no token)."""
    query = f"?token={token_for(user)}" if user is not None else ""
    return f"{server.ws_url}{WS_PATH}{query}"


async def recv_frame(ws: ClientConnection, timeout_s: float = FRAME_TIMEOUT_S) -> dict[str, Any]:
    raw = await asyncio.wait_for(ws.recv(), timeout_s)
    frame: dict[str, Any] = orjson.loads(raw)
    return frame


async def frames_until(
    ws: ClientConnection, last: str, timeout_s: float = FRAME_TIMEOUT_S
) -> list[dict[str, Any]]:
    """Frames up to and including the first of type `last`, all within `timeout_s` (one
    frame may take all of it: a reminder comes when a job runs, after no other frame)."""
    got: list[dict[str, Any]] = []
    async with asyncio.timeout(timeout_s):
        while not got or got[-1]["type"] != last:
            got.append(await recv_frame(ws, timeout_s))
    return got


async def send_frame(ws: ClientConnection, frame: dict[str, Any]) -> None:
    await ws.send(orjson.dumps(frame).decode())


async def add_expense(pool: Pool, user: str, amount: float) -> str:
    """An expense of `user`'s, written as the action would write it; its id."""
    async with user_db(pool, uid(user)) as db:
        result = await run_action(
            ACTIONS_BY_NAME["add_expense"], db, {"amount": amount, "category": "fuel"}
        )
    return str(result.ids[0])


async def expense_amounts(pool: Pool, user: str) -> list[float]:
    async with user_db(pool, uid(user)) as db:
        rows = await (
            await db.conn.execute("SELECT amount FROM expenses ORDER BY amount")
        ).fetchall()
    return [float(r["amount"]) for r in rows]


async def settled_thread(client: httpx.AsyncClient, thread_id: str) -> dict[str, Any]:
    """GET /api/v1/pam/threads/{id} once no turn runs on the thread (polled: the turn
    runs in the server, with nothing the client could wait on)."""
    async with asyncio.timeout(15):
        while True:
            response = await client.get(f"/api/v1/pam/threads/{thread_id}")
            thread: dict[str, Any] = response.json()
            if not thread["running"]:
                return thread
            await asyncio.sleep(0.05)


def token_for(user: str, *, ttl_s: int = 3600, secret: str = TEST_JWT_SECRET) -> str:
    """A bearer token whose `sub` is `user`, signed with the test servers' secret."""
    return TokenVerifier(secret=secret, audience="authenticated").issue(user, ttl_s=ttl_s)


def auth(user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(user)}"}


def uid(user: str) -> UUID:
    """The user id the server derives from `token_for(user)`."""
    return user_uuid(user)


def server_settings(database_url: str, tmp_dir: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": database_url,
        "redis_url": None,
        "pam_data_dir": tmp_dir,
        "pam_jwt_secret": SecretStr(TEST_JWT_SECRET),
        "pam_jwks_url": None,
        "log_level": "WARNING",
        # No background jobs worker unless a test asks (pam_worker=True): one would
        # deliver other tests' reminders into their threads while they run.
        "pam_worker": False,
        **overrides,
    }
    return Settings(_env_file=None, **values)


@asynccontextmanager
async def run_server(app: FastAPI, settings: Settings) -> AsyncIterator[LiveServer]:
    """Serve `app` with uvicorn on a free loopback port in this event loop."""
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        lifespan="on",
        log_level="warning",
        ws_max_size=settings.ws_max_frame_bytes,
        ws_per_message_deflate=False,  # as `pam serve` runs
        http=bounded_protocol(settings),  # as `pam serve` runs
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(STARTUP_TIMEOUT_S):
            while not server.started:
                if task.done():
                    task.result()  # raises the start-up error
                    raise RuntimeError("uvicorn stopped before it started")
                await asyncio.sleep(0.02)
        yield LiveServer(
            url=f"http://127.0.0.1:{port}",
            ws_url=f"ws://127.0.0.1:{port}",
            app=app,
            settings=settings,
        )
    finally:
        server.should_exit = True
        await task


@pytest.fixture
def serve(migrated_url: str, tmp_path: Any) -> Serve:
    """`async with serve(model, **settings) as server:` a live PAM server."""

    @asynccontextmanager
    async def start(model: Any = None, **overrides: Any) -> AsyncIterator[LiveServer]:
        settings = server_settings(migrated_url, str(tmp_path / "pam"), **overrides)
        async with run_server(create_app(settings, model=model), settings) as live:
            yield live

    return start
