"""Load for the fault runs: each worker is one user on one thread, sending chat turns
back to back, each asking for one expense whose description carries a unique token.

A turn whose connection breaks is retried with the SAME message_id (and thread) once
the server answers again, as a careful client would; the record keeps what finally
came back and how many attempts it took. The audit then compares the records with the
expenses in the database.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Literal

import httpx
from websockets.asyncio.client import ClientConnection, connect

from tests.chaos.turns import Outcome, sse_turn, ws_turn
from tests.tokens import auth, token_for

Transport = Literal["ws", "sse"]
TURN_TIMEOUT_S = 60.0
ERROR_PAUSE_S = 0.5  # after an error, as a client would, rather than hammering


def expense_message(token: str, n: int) -> str:
    return f"add an expense of {n % 90 + 5} dollars for groceries described as {token}"


@dataclass
class TurnRecord:
    token: str
    message: str
    message_id: str
    user: str
    thread_id: str
    transport: Transport
    outcome: Outcome
    attempts: int
    started: float
    ended: float


@dataclass
class Worker:
    base_url: str
    ws_url: str
    user: str
    transport: Transport
    retry_window_s: float = 60.0
    thread_id: str = ""
    busy: bool = False  # a turn of this worker's is in flight
    records: list[TurnRecord] = field(default_factory=list)
    _ws: ClientConnection | None = None

    async def setup(self, http: httpx.AsyncClient) -> None:
        """A thread of the user's own first, so every message (a retried first one
        included) names its thread: message ids are unique per thread."""
        response = await http.post("/threads", json={}, headers=auth(self.user))
        response.raise_for_status()
        self.thread_id = response.json()["thread_id"]

    async def run(self, stop: asyncio.Event) -> None:
        n = 0
        async with httpx.AsyncClient(base_url=self.base_url, headers=auth(self.user)) as http:
            try:
                while not stop.is_set():
                    n += 1
                    await self._one_message(http, f"chaos-{uuid.uuid4().hex[:12]}", n)
                    if self.records[-1].outcome.kind != "completed":
                        await asyncio.sleep(ERROR_PAUSE_S)
            finally:
                await self._drop_socket()

    async def _one_message(self, http: httpx.AsyncClient, token: str, n: int) -> None:
        message, message_id = expense_message(token, n), f"m-{token}"
        started = time.monotonic()
        attempts = 0
        self.busy = True
        while True:
            attempts += 1
            outcome = await self._turn(http, message, message_id)
            if outcome.kind != "broken" or time.monotonic() - started > self.retry_window_s:
                break
            await self._wait_for_server(started)
        self.busy = False
        record = TurnRecord(
            token, message, message_id, self.user, self.thread_id, self.transport,
            outcome, attempts, started, time.monotonic(),
        )  # fmt: skip
        self.records.append(record)

    async def resend(self, record: TurnRecord) -> Outcome:
        """The same message with the same id again (a client retrying a turn it had
        already been answered for)."""
        async with httpx.AsyncClient(base_url=self.base_url, headers=auth(self.user)) as http:
            try:
                return await self._turn(http, record.message, record.message_id)
            finally:
                await self._drop_socket()

    async def _turn(self, http: httpx.AsyncClient, message: str, message_id: str) -> Outcome:
        if self.transport == "sse":
            return await sse_turn(http, message, message_id, self.thread_id, TURN_TIMEOUT_S)
        try:
            if self._ws is None:
                url = f"{self.ws_url}/api/v1/pam/ws?token={token_for(self.user)}"
                self._ws = await connect(url, open_timeout=10, max_size=2**22)
        except Exception:
            return Outcome("broken")
        outcome = await ws_turn(self._ws, message, message_id, self.thread_id, TURN_TIMEOUT_S)
        if outcome.kind == "broken":
            await self._drop_socket()
        return outcome

    async def _drop_socket(self) -> None:
        if self._ws is not None:
            ws, self._ws = self._ws, None
            try:
                await asyncio.wait_for(ws.close(), 2)
            except Exception:  # it is broken already; the next turn reconnects
                return

    async def _wait_for_server(self, since: float) -> None:
        async with httpx.AsyncClient(base_url=self.base_url, timeout=1) as probe:
            while time.monotonic() - since <= self.retry_window_s:
                try:
                    if (await probe.get("/health/live")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.2)


async def run_workers(workers: list[Worker], stop: asyncio.Event) -> None:
    async with httpx.AsyncClient(base_url=workers[0].base_url, timeout=30) as http:
        for worker in workers:
            await worker.setup(http)
    await asyncio.gather(*(w.run(stop) for w in workers))


def make_workers(base_url: str, ws_url: str, count: int, label: str) -> list[Worker]:
    """Half over the WebSocket, half over SSE, each a fresh user."""
    run = uuid.uuid4().hex[:6]
    return [
        Worker(base_url, ws_url, f"{label}-{run}-{i}", "ws" if i % 2 == 0 else "sse")
        for i in range(count)
    ]
