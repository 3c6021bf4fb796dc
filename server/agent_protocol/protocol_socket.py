"""The thread-centric protocol's WebSocket: `/threads/{thread_id}/stream/events`
(langgraph-sdk's `threads.stream(..., transport="websocket")`).

Every text frame is a command (protocol_commands.py), answered on the socket:
`subscription.subscribe` (params: an event-stream request, protocol_filter.py) starts
sending the thread's events that match (protocol_stream.thread_protocol_events, the
same events as the SSE stream), `subscription.reconnect` does the same from the `since`
it names, `subscription.unsubscribe` stops them, `agent.getTree` answers the tree of the
thread's latest run (protocol_tree.py), and `run.start` and `input.respond` act as over
HTTP.

Signing in as on every route: the token in the handshake's `Authorization: Bearer` or
`X-Api-Key` header (what the SDK sends), or `?token=`. A socket is refused after it is
accepted, with close code 4000 + the HTTP status the same request gets over HTTP (4401
no or a bad token, 4404 a thread that is not the caller's, 4429 past the API rate
limit, or past WS_MAX_PER_USER of these sockets open), which the SDK reads as a refusal
not to retry; it is closed with 4401 when its token expires.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from typing import Any
from uuid import UUID

import orjson
from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect

from server.agent_protocol.protocol_commands import (
    Command,
    CommandError,
    error_answer,
    parse_command,
    parse_envelope,
    success_answer,
)
from server.agent_protocol.protocol_filter import EventFilter, FilterError
from server.agent_protocol.protocol_stream import run_command, thread_protocol_events
from server.agent_protocol.protocol_tree import latest_run, run_tree
from server.auth import AuthError
from server.ratelimit import hit, retry_after_header
from server.resources import Resources
from server.runs import RunManager
from server.runs.threads import ThreadNotFound, ThreadRow, find_thread
from server.wire_json import dumps

router = APIRouter()
UNAUTHORIZED, NOT_FOUND, TOO_MANY = 4401, 4404, 4429


def _token(websocket: WebSocket) -> str | None:
    authorization = websocket.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials:
        return credentials.strip()
    return websocket.headers.get("x-api-key") or websocket.query_params.get("token")


class _Socket:
    """One signed-in socket on one of the user's threads: its sends (one at a time) and
    its subscriptions, each a task sending the events it asked for."""

    def __init__(
        self, websocket: WebSocket, res: Resources, runs: RunManager, thread: ThreadRow
    ) -> None:
        self.websocket = websocket
        self._res = res
        self._runs = runs
        self._thread = thread
        self._lock = asyncio.Lock()
        self._subscriptions: dict[str, asyncio.Task[None]] = {}
        self._waiting: list[tuple[str, EventFilter]] = []
        self._next = 0

    async def send(self, payload: dict[str, Any]) -> None:
        async with self._lock:
            await self.websocket.send_text(dumps(payload).decode())

    def subscribe(self, command: Command) -> dict[str, Any]:
        """`subscription.subscribe`, or `subscription.reconnect` (the same with the last
        seq the client has, `since`, required, and optionally the id it had)."""
        try:
            wanted = EventFilter.parse(command.params)
        except FilterError as exc:
            raise CommandError(command.id, "invalid_argument", f"{command.method}: {exc}") from None
        subscription_id = self._new_id()
        if command.method == "subscription.reconnect":
            if wanted.since is None:
                raise CommandError(
                    command.id,
                    "invalid_argument",
                    "subscription.reconnect requires `since`: the last seq received "
                    "(a non-negative integer).",
                )
            kept = command.params.get("subscription_id")
            if kept is not None and (not isinstance(kept, str) or not kept.strip()):
                raise CommandError(
                    command.id,
                    "invalid_argument",
                    "subscription.reconnect: subscription_id must be a non-empty string.",
                )
            if kept in self._subscriptions or any(kept == w for w, _ in self._waiting):
                raise CommandError(
                    command.id,
                    "invalid_argument",
                    f"subscription.reconnect: subscription {kept!r} is open on this socket.",
                )
            subscription_id = kept or subscription_id
        # Its events start once the answer has been sent (start()), so the answer comes first.
        self._waiting.append((subscription_id, wanted))
        return success_answer(
            command.id, {"subscription_id": subscription_id, "replayed_events": 0}
        )

    def _new_id(self) -> str:
        taken = {*self._subscriptions, *(w for w, _ in self._waiting)}
        while True:
            self._next += 1
            if f"sub-{self._next}" not in taken:  # (a reconnect may have named one so)
                return f"sub-{self._next}"

    async def tree(self, command: Command) -> dict[str, Any]:
        run = await latest_run(self._res, self._runs, self._thread)
        if run is None:
            raise CommandError(command.id, "no_such_run", "No run of this thread is kept here.")
        return success_answer(command.id, {"tree": run_tree(run)})

    def start(self) -> None:
        for subscription_id, wanted in self._waiting:
            self._subscriptions[subscription_id] = asyncio.create_task(self._pump(wanted))
        self._waiting.clear()

    def unsubscribe(self, command: Command) -> dict[str, Any]:
        subscription_id = command.params.get("subscription_id")
        task = (
            self._subscriptions.pop(subscription_id, None)
            if isinstance(subscription_id, str)
            else None
        )
        if task is None:
            raise CommandError(
                command.id,
                "no_such_subscription",
                f"No subscription {subscription_id!r} on this socket.",
            )
        task.cancel()
        return success_answer(command.id, {})

    async def _pump(self, wanted: EventFilter) -> None:
        async for event in thread_protocol_events(self._res, self._runs, self._thread):
            if wanted.wants(event):
                await self.send(event)

    async def close(self) -> None:
        for task in self._subscriptions.values():
            task.cancel()
        await asyncio.gather(*self._subscriptions.values(), return_exceptions=True)


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    with contextlib.suppress(Exception):
        await websocket.close(code, reason)


@router.websocket("/threads/{thread_id}/stream/events")
async def thread_events_socket(websocket: WebSocket, thread_id: str) -> None:
    resources: Resources = websocket.app.state.resources
    runs: RunManager = websocket.app.state.runs
    await websocket.accept()
    token = _token(websocket)
    try:
        if not token:
            raise AuthError("no token")
        user = await resources.verifier.averify(token)
        expires_at = resources.verifier.expiry(token)
    except AuthError:
        await _close(websocket, UNAUTHORIZED, "Missing, invalid or expired token.")
        return
    # Opening one is a request against the user's API budget, as over HTTP.
    wait_s = await hit(resources, f"api:user:{user}", resources.settings.rate_limit_api)
    if wait_s is not None:
        await _close(
            websocket, TOO_MANY, f"Too many requests; try again in {retry_after_header(wait_s)} s."
        )
        return
    row = await find_thread(resources, user, thread_id)
    if row is None:
        await _close(websocket, NOT_FOUND, str(ThreadNotFound()))
        return
    open_now, cap = _open_sockets(websocket), resources.settings.ws_max_per_user
    if open_now[user] >= cap:
        await _close(websocket, TOO_MANY, f"At most {cap} open thread-stream sockets per user.")
        return
    open_now[user] += 1
    socket = _Socket(websocket, resources, runs, row)
    expiry = asyncio.create_task(_close_at(websocket, expires_at))
    try:
        await _receive(socket, resources, runs, user, row.thread_id)
    finally:
        expiry.cancel()
        await socket.close()
        open_now[user] -= 1
        if open_now[user] <= 0:
            del open_now[user]


def _open_sockets(websocket: WebSocket) -> Counter[UUID]:
    """This process's open thread-stream sockets by user (each holds a poll loop per
    subscription), bounded by WS_MAX_PER_USER as PAM's own sockets are."""
    state = websocket.app.state
    found: Counter[UUID] | None = getattr(state, "protocol_sockets", None)
    if found is None:
        found = state.protocol_sockets = Counter()
    return found


async def _close_at(websocket: WebSocket, expires_at: float) -> None:
    await asyncio.sleep(max(expires_at - time.time(), 0))  # no longer than its token
    await _close(websocket, UNAUTHORIZED, "Token expired; reconnect with a fresh one.")


async def _receive(
    socket: _Socket, resources: Resources, runs: RunManager, user: UUID, thread_id: str
) -> None:
    while True:
        try:
            text = await socket.websocket.receive_text()
        except (WebSocketDisconnect, RuntimeError):  # gone, or closed by the expiry
            return
        try:
            envelope = parse_envelope(orjson.loads(text))
        except orjson.JSONDecodeError:
            await socket.send(error_answer(None, "invalid_argument", "A command must be JSON."))
            continue
        except CommandError as exc:
            await socket.send(exc.answer())
            continue
        try:
            command = parse_command(envelope)
            if command.method in ("subscription.subscribe", "subscription.reconnect"):
                answer = socket.subscribe(command)
            elif command.method == "agent.getTree":
                answer = await socket.tree(command)
            elif command.method == "subscription.unsubscribe":
                answer = socket.unsubscribe(command)
            else:
                answer = await run_command(resources, runs, user, thread_id, command)
        except CommandError as exc:
            answer = exc.answer()
        except ThreadNotFound as exc:  # deleted since the socket opened
            answer = error_answer(envelope.id, "invalid_argument", str(exc))
        await socket.send(answer)
        socket.start()
