"""One `pam serve --workers 2` behaves like two instances: every request below is sent
over a connection that the kernel handed to a known worker process (checked on the
server's side, by which process holds the connection), and the two workers agree on
thread locks, run cancels and joins, rate limits and WebSocket pushes — with REDIS_URL
through Redis, and without it through Postgres alone (every test runs with both)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta

import httpx
import psutil
import pytest
from websockets.asyncio.client import connect

from tests.api.conftest import auth, frames_until, send_frame, token_for
from tests.api.test_agent_protocol_support import person, say
from tests.scale.conftest import STARTUP_S, Coordination, server_env, until
from tests.scale.llm import GatedBrain
from tests.scale.test_jobs_across_instances import add_event, pam_worker, socket_ready
from tests.servers import REPO, RunningServer, free_port, stop

pytestmark = [pytest.mark.redis, pytest.mark.timeout(300)]
CHAT = "/api/v1/pam/chat"
CHAT_RATE = 12
WORKERS = 2
LANDING_TRIES = 200  # connections opened until one lands on the wanted worker
HEADERS_TIMEOUT_S = 1.5  # the workers' request-head deadline (server/http_protocol.py)
# The workers close a kept-alive connection whose next request head has not come within
# HEADERS_TIMEOUT_S; a client idle for longer than this first lands a fresh connection
# on its worker (httpx would reopen one on either)
IDLE_S = HEADERS_TIMEOUT_S / 3


@dataclass
class Workers:
    url: str
    server: RunningServer
    coordination: Coordination
    env: dict[str, str]

    def pids(self) -> list[int]:
        """The worker processes (uvicorn spawns them; the resource tracker is not one)."""
        children = psutil.Process(self.server.process.pid).children()
        return [c.pid for c in children if "spawn_main" in " ".join(c.cmdline())]

    def holder(self, client_port: int) -> int | None:
        """The worker process holding the connection from `client_port`."""
        for pid in self.pids():
            for conn in psutil.Process(pid).net_connections(kind="tcp"):
                if conn.raddr and conn.raddr.port == client_port:
                    return pid
        return None


def _client_port(response: httpx.Response) -> int:
    return int(response.extensions["network_stream"].get_extra_info("client_addr")[1])


class OnWorker:
    """An HTTP client of one connection, opened until the kernel gave it to `pid`;
    every answer is checked to have come over that connection."""

    def __init__(self, workers: Workers, pid: int, user: str) -> None:
        self.workers, self.pid, self.user = workers, pid, user
        self.client: httpx.AsyncClient | None = None
        self.port = 0
        self.used = 0.0

    async def open(self) -> OnWorker:
        for _ in range(LANDING_TRIES):
            client = httpx.AsyncClient(
                base_url=self.workers.url,
                headers=auth(self.user),
                timeout=30,
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            )
            port = _client_port(await client.get("/health/live"))
            if self.workers.holder(port) == self.pid:
                self.client, self.port, self.used = client, port, time.monotonic()
                return self
            await client.aclose()
        raise AssertionError(f"no connection landed on worker {self.pid}")

    async def request(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        if self.client is not None and time.monotonic() - self.used > IDLE_S:
            await self.client.aclose()  # (the server may be closing it as idle)
            await self.open()
        assert self.client is not None
        self.used = time.monotonic()
        response = await self.client.request(method, path, **kwargs)  # type: ignore[arg-type]
        assert _client_port(response) == self.port, "the connection was replaced"
        self.used = time.monotonic()
        return response

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()


@pytest.fixture(scope="module")
def workers(
    migrated_url: str, coordination: Coordination, brain: tuple[GatedBrain, str]
) -> Iterator[Workers]:
    # No PAM_COORDINATION: without REDIS_URL, `pam serve --workers 2` chooses Postgres.
    env = server_env(
        migrated_url,
        coordination.redis_url,
        brain[1],
        PAM_WORKER="false",  # jobs run in a `pam worker` of their own (the push test)
        RATE_LIMIT_CHAT=f"{CHAT_RATE}/minute",
        REQUEST_HEADERS_TIMEOUT_S=str(HEADERS_TIMEOUT_S),
        MAX_HEADER_BYTES="16384",
    )
    port = free_port()
    argv = [sys.executable, "-m", "server", "serve", "--workers", str(WORKERS)]
    process = subprocess.Popen(
        [*argv, "--port", str(port)],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    found = Workers(
        f"http://127.0.0.1:{port}",
        RunningServer(f"http://127.0.0.1:{port}", process),
        coordination,
        env,
    )
    try:
        asyncio.run(_all_live(found))
        yield found
    finally:
        stop(process, timeout_s=30)


async def _all_live(workers: Workers) -> None:
    """Every worker answers: connections are opened until each has taken one."""
    seen: set[int] = set()
    async with asyncio.timeout(STARTUP_S):
        while len(seen) < WORKERS:
            if workers.server.process.poll() is not None:
                raise RuntimeError(f"pam serve exited with {workers.server.process.returncode}")
            try:
                async with httpx.AsyncClient(base_url=workers.url, timeout=2) as client:
                    answer = await client.get("/health/live")
                    holder = workers.holder(_client_port(answer))
                    if answer.status_code == 200 and holder is not None:
                        seen.add(holder)
            except httpx.TransportError:
                await asyncio.sleep(0.2)


@pytest.fixture
async def pair(workers: Workers) -> AsyncIterator[tuple[int, int]]:
    first, second = workers.pids()
    yield first, second


@pytest.fixture
def gate(brain: tuple[GatedBrain, str]) -> Iterator[GatedBrain]:
    try:
        yield brain[0]
    finally:
        brain[0].open()


async def on(workers: Workers, pid: int, user: str) -> OnWorker:
    return await OnWorker(workers, pid, user).open()


async def test_requests_land_on_both_workers(workers: Workers) -> None:
    pids = set(workers.pids())
    assert len(pids) == WORKERS
    landed: set[int] = set()
    for _ in range(LANDING_TRIES):
        async with httpx.AsyncClient(base_url=workers.url, headers=auth(person("any"))) as c:
            answer = await c.post("/threads/search", json={})
            assert answer.status_code == 200, answer.text
            holder = workers.holder(_client_port(answer))
            assert holder in pids
            landed.add(holder)
        if landed == pids:
            break
    assert landed == pids


async def test_a_busy_thread_on_one_worker_is_busy_on_the_other(
    workers: Workers, pair: tuple[int, int], gate: GatedBrain
) -> None:
    user = person("busy-w")
    a, b = await on(workers, pair[0], user), await on(workers, pair[1], user)
    try:
        thread_id = (await a.request("POST", CHAT, json={"message": "Hi"})).json()["thread_id"]
        gate.close()
        first = asyncio.create_task(
            a.request("POST", CHAT, json={"message": "First", "thread_id": thread_id})
        )
        await until(gate.holding.is_set)
        busy = await b.request("POST", CHAT, json={"message": "No", "thread_id": thread_id})
        assert busy.status_code == 409 and busy.json()["code"] == "THREAD_BUSY"
        gate.open()
        assert (await first).status_code == 200
        # Free again, on the other worker too.
        again = await b.request("POST", CHAT, json={"message": "Now", "thread_id": thread_id})
        assert again.status_code == 200, again.text
    finally:
        await a.aclose()
        await b.aclose()


async def test_a_run_on_one_worker_is_joined_and_cancelled_from_the_other(
    workers: Workers, pair: tuple[int, int], gate: GatedBrain
) -> None:
    user = person("cancel-w")
    a, b = await on(workers, pair[0], user), await on(workers, pair[1], user)
    try:
        # Joined from the other worker: the run's final values arrive there.
        thread_id = (await a.request("POST", "/threads", json={})).json()["thread_id"]
        body = {"assistant_id": "pam", "input": say("Hello there")}
        gate.close()
        run = (await a.request("POST", f"/threads/{thread_id}/runs", json=body)).json()
        await until(gate.holding.is_set)
        join = asyncio.create_task(
            b.request("GET", f"/threads/{thread_id}/runs/{run['run_id']}/join")
        )
        await asyncio.sleep(0.3)
        assert not join.done()  # waiting on a run that the other worker executes
        gate.open()
        joined = await join
        assert joined.status_code == 200 and joined.json()["reply"]

        # Cancelled from the other worker: it stops where it runs.
        gate.close()
        run = (await a.request("POST", f"/threads/{thread_id}/runs", json=body)).json()
        await until(gate.holding.is_set)
        path = f"/threads/{thread_id}/runs/{run['run_id']}"
        cancelled = await b.request("POST", f"{path}/cancel", params={"wait": "true"})
        assert cancelled.status_code in (200, 202, 204), cancelled.text
        assert (await a.request("GET", path)).json()["status"] == "interrupted"
    finally:
        gate.open()
        await a.aclose()
        await b.aclose()


async def test_a_websocket_cancel_on_one_worker_stops_a_chat_on_the_other(
    workers: Workers, pair: tuple[int, int], gate: GatedBrain
) -> None:
    user = person("ws-cancel-w")
    a = await on(workers, pair[0], user)
    try:
        thread_id = (await a.request("POST", CHAT, json={"message": "Hi"})).json()["thread_id"]
        gate.close()
        chat = asyncio.create_task(
            a.request("POST", CHAT, json={"message": "Hello", "thread_id": thread_id})
        )
        await until(gate.holding.is_set)
        ws_url = workers.url.replace("http", "ws", 1) + f"/api/v1/pam/ws?token={token_for(user)}"
        for _ in range(LANDING_TRIES):
            async with connect(ws_url) as ws:
                if workers.holder(ws.local_address[1]) != pair[1]:
                    continue
                await frames_until(ws, "connected")
                await send_frame(ws, {"type": "cancel", "thread_id": thread_id})
                answer = await asyncio.wait_for(chat, 15)
                break
        else:
            raise AssertionError("no socket landed on the second worker")
        assert answer.status_code == 200, answer.text
        assert answer.json()["cancelled"] is True
    finally:
        gate.open()
        await a.aclose()


async def test_rate_limits_count_requests_to_both_workers(
    workers: Workers, pair: tuple[int, int]
) -> None:
    user = person("limited-w")
    a, b = await on(workers, pair[0], user), await on(workers, pair[1], user)
    try:
        codes = [
            (await (a, b)[i % 2].request("POST", CHAT, json={})).status_code
            for i in range(CHAT_RATE)
        ]
        over_a = await a.request("POST", CHAT, json={})
        over_b = await b.request("POST", CHAT, json={})
    finally:
        await a.aclose()
        await b.aclose()
    assert codes == [422] * CHAT_RATE
    assert (over_a.status_code, over_b.status_code) == (429, 429)


async def test_a_reminder_reaches_sockets_on_both_workers(
    workers: Workers, pair: tuple[int, int], migrated_url: str
) -> None:
    """Two users' sockets, one held by each worker; a `pam worker` runs their reminders
    and each push reaches the worker that holds the socket."""
    users = [person("reminded-w1"), person("reminded-w2")]
    sockets = []
    try:
        for user, pid in zip(users, pair, strict=True):
            url = workers.url.replace("http", "ws", 1) + f"/api/v1/pam/ws?token={token_for(user)}"
            for _ in range(LANDING_TRIES):
                ws = await connect(url)
                if workers.holder(ws.local_address[1]) == pid:
                    sockets.append(ws)
                    break
                await ws.close()
            else:
                raise AssertionError(f"no socket landed on worker {pid}")
        for ws, user in zip(sockets, users, strict=True):
            await socket_ready(ws, workers.coordination, user)
        events = [await add_event(workers.url, u, timedelta(seconds=61)) for u in users]
        fast = {"PAM_JOBS_POLL_S": "0.2", "PAM_JOBS_HEARTBEAT_S": "0.5"}
        coordination = workers.coordination
        env = server_env(
            migrated_url,
            coordination.redis_url,
            "http://127.0.0.1:9/v1",
            PAM_COORDINATION=coordination.kind,
            **fast,
        )
        with pam_worker(env):
            frames = [(await frames_until(ws, "reminder", timeout_s=120))[-1] for ws in sockets]
        assert [f["entity_id"] for f in frames] == events
    finally:
        for ws in sockets:
            await ws.close()


async def test_each_worker_bounds_request_heads_as_one_server_does(workers: Workers) -> None:
    """The workers run PAM's bounded HTTP protocol with the configured deadline: a head
    too large is refused, and one trickled past REQUEST_HEADERS_TIMEOUT_S is cut off."""
    host, port = "127.0.0.1", int(workers.url.rsplit(":", 1)[1])
    for _ in range(WORKERS * 4):  # either worker: each refuses it
        reader, writer = await asyncio.open_connection(host, port)
        big = b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 2**20 + b"\r\n\r\n"
        with contextlib.suppress(ConnectionError):  # closed before all was sent: refused
            writer.write(big)
            await writer.drain()
        try:
            answer = await asyncio.wait_for(reader.read(), 10)
        except ConnectionError:
            answer = b""
        assert b"200 OK" not in answer
        assert answer == b"" or answer.startswith(b"HTTP/1.1 400"), answer[:100]
        writer.close()

    held: set[int] = set()
    for _ in range(LANDING_TRIES):  # on both workers
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")  # never finished
        await writer.drain()
        holder = None
        async with asyncio.timeout(5):
            while holder is None:
                holder = workers.holder(writer.get_extra_info("sockname")[1])
                await asyncio.sleep(0.05)
        if holder in held:
            writer.close()
            continue
        held.add(holder)
        started = asyncio.get_running_loop().time()
        assert await asyncio.wait_for(reader.read(), 10) == b""  # closed by the server
        waited = asyncio.get_running_loop().time() - started
        assert HEADERS_TIMEOUT_S * 0.5 < waited < HEADERS_TIMEOUT_S + 5, waited
        writer.close()
        if len(held) == WORKERS:
            break
    assert len(held) == WORKERS
