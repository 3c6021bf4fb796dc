"""PAM over its WebSocket (`/api/v1/pam/ws`), with HTTP for history and the dev token.

A connection that drops mid-turn loses nothing: the server finishes the turn, so the
client asks for the thread until the turn is over, then reconnects for the next one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any
from uuid import uuid4

import httpx
import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from server.chat_cli.local_zone import local_zone
from server.chat_cli.transport import ChatEvent, History, outcome_events

WS_PATH = "/api/v1/pam/ws"
POLL_S = 0.5
RECOVER_FOR_S = 180.0
# WebSocket frame type -> chat event name (the data keys are the same, bar these two).
RENAMED = {"chat_response_start": "metadata", "chunk": "token", "chat_response": "final"}


class ChatCliError(Exception):
    """Something the person can act on, said in one line."""


class TokenRefused(ChatCliError):
    """The server will refuse this token for every message: the chat stops."""

    def __init__(self) -> None:
        super().__init__(
            "the server refused the token (expired, or made for another server?);"
            " `pam token --user NAME` on the server's computer prints a new one"
        )


def dev_token(server: str) -> str:
    """The local user's token from a server on this computer (the embedded default)."""
    try:
        answer = httpx.get(f"{server}/api/v1/dev/token", timeout=10)
    except httpx.TransportError as exc:
        raise ChatCliError(f"cannot reach PAM at {server} ({exc})") from None
    if answer.status_code != 200:
        raise ChatCliError(
            f"{server} hands out no local token; pass --token (e.g. `pam token --user NAME`)"
        )
    token: str = answer.json()["token"]
    return token


def as_event(frame: dict[str, Any]) -> ChatEvent | None:
    kind = str(frame.pop("type", ""))
    frame.pop("message_id", None)
    if kind == "chunk":
        return "token", {"text": frame.get("content", "")}
    if kind == "chat_response":
        return "final", {
            "reply": frame.get("message", ""),
            "ui_actions": frame.get("ui_actions", []),
        }
    if kind in ("chat_response_start", "route", "tool_call", "tool_result", "interrupt", "error"):
        return RENAMED.get(kind, kind), frame
    return None


class WebSocketTransport:
    def __init__(self, server: str, token: str, notice: Callable[[dict[str, Any]], None]):
        self.server = server.rstrip("/")
        self.where = self.server
        self.token = token
        self.notice = notice  # pushed frames (reminders) that belong to no turn
        self.socket: ClientConnection | None = None
        self.http = httpx.AsyncClient(
            base_url=self.server, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )

    async def aclose(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        await self.http.aclose()

    async def _socket(self) -> ClientConnection:
        if self.socket is None:
            url = "ws" + self.server.removeprefix("http") + WS_PATH
            try:
                self.socket = await connect(url, open_timeout=10)
            except (OSError, InvalidStatus) as exc:
                raise ChatCliError(f"cannot open the chat socket at {url} ({exc})") from None
            await self.socket.send(orjson.dumps({"type": "auth", "token": self.token}).decode())
            hello = await self._frame(self.socket)
            if hello.get("type") != "connected":
                raise TokenRefused
            if zone := local_zone():  # the computer's, for this socket's turns (no answer)
                update = {"type": "context_update", "context": {"timezone": zone}}
                await self.socket.send(orjson.dumps(update).decode())
        return self.socket

    async def _frame(self, socket: ClientConnection) -> dict[str, Any]:
        try:
            frame: dict[str, Any] = orjson.loads(await socket.recv())
        except ConnectionClosed as closed:
            if closed.rcvd is not None and closed.rcvd.code == 4001:
                raise TokenRefused from None
            raise
        return frame

    async def _turn(self, frame: dict[str, Any]) -> AsyncIterator[ChatEvent]:
        message_id = str(uuid4())
        thread_id = frame.get("thread_id")
        started = False
        socket = await self._socket()
        try:
            await socket.send(orjson.dumps({**frame, "message_id": message_id}).decode())
            while True:
                got = await self._frame(socket)
                kind = got.get("type")
                if got.get("message_id") not in (message_id, None) or kind == "reminder":
                    self.notice(got)
                    continue
                if kind == "response_complete":
                    return
                if kind == "chat_response_start":
                    started, thread_id = True, got["thread_id"]
                event = as_event(got)
                if event is not None:
                    yield event
                if kind == "error" and not started:  # refused (busy, bad frame): no turn
                    return
        except ConnectionClosed:
            self.socket = None
            if thread_id is None:
                raise ChatCliError("the connection dropped before PAM started") from None
            for event in await self._recover(str(thread_id)):
                yield event

    async def _recover(self, thread_id: str) -> list[ChatEvent]:
        """The turn goes on in the server: wait for it, then tell how it ended."""
        self.notice({"type": "notice", "message": "connection dropped; fetching the reply"})
        async with asyncio.timeout(RECOVER_FOR_S):
            while True:
                try:
                    answer = await self.http.get(f"/api/v1/pam/threads/{thread_id}")
                    thread = answer.json()
                    if answer.status_code == 200 and not thread["running"]:
                        return outcome_events(thread)
                except httpx.TransportError:
                    pass
                await asyncio.sleep(POLL_S)

    def chat(self, message: str, thread_id: str | None) -> AsyncIterator[ChatEvent]:
        frame: dict[str, Any] = {"type": "chat", "message": message}
        if thread_id:
            frame["thread_id"] = thread_id
        return self._turn(frame)

    def resume(
        self, thread_id: str, decisions: list[dict[str, Any]], interrupt_id: str | None
    ) -> AsyncIterator[ChatEvent]:
        frame: dict[str, Any] = {"type": "resume", "thread_id": thread_id, "decisions": decisions}
        if interrupt_id:  # the question answered: a newer one asked meanwhile is not
            frame["interrupt_id"] = interrupt_id
        return self._turn(frame)

    async def history(self, thread_id: str) -> History:
        answer = await self.http.get(f"/api/v1/pam/threads/{thread_id}")
        if answer.status_code != 200:
            raise ChatCliError(f"thread {thread_id}: {answer.json().get('detail', answer.text)}")
        thread = answer.json()
        return History(thread.get("title"), thread["messages"], thread.get("interrupt"))
