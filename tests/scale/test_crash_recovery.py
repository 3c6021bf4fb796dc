"""A turn cut off by SIGKILL: real `pam serve` processes, killed while a turn is provably
mid-run (its expense written, its reply held by the model). Its run does not stay
"running" — ended at the restart (one instance, no Redis) or by the surviving instance
once the dead one's lease is gone (its Redis lease expired, or its Postgres session
closed), never while its owner lives — the thread
takes new messages, and a retry of the same message_id is told what happened (the
documented TURN_INTERRUPTED) and writes nothing twice."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from typing import Any

import httpx
import orjson
import pytest

from server.runs.store import LOST, LOST_CODE
from tests.api.conftest import auth, uid
from tests.api.test_agent_protocol_support import person
from tests.scale.conftest import STARTUP_S, Coordination, server_env, until
from tests.scale.llm import GatedBrain
from tests.servers import RunningServer, pam_server
from tools.db.pool import Pool
from tools.db.scope import user_db

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]
CHAT = "/api/v1/pam/chat"
EXPENSE = "I spent $42.10 on groceries"
LEASE_GONE_S = 60.0  # the dead instance's run head and thread lock expire (15 s TTL)


async def expenses(pool: Pool, user: str) -> int:
    async with user_db(pool, uid(user)) as db:
        row = await (await db.conn.execute("SELECT count(*) AS n FROM expenses")).fetchone()
    assert row is not None
    return int(row["n"])


async def run_row(pool: Pool, user: str, message_id: str) -> dict[str, Any]:
    async with user_db(pool, uid(user)) as db:
        row = await (
            await db.conn.execute(
                "SELECT id, status, error FROM chat_runs WHERE message_id = %s", (message_id,)
            )
        ).fetchone()
    assert row is not None
    return dict(row)


def kill(server: RunningServer) -> None:
    """SIGKILL: no shutdown, no run row updated, no lease released."""
    server.process.kill()
    server.process.wait()


async def cut_off(
    client: httpx.AsyncClient,
    server: RunningServer,
    gate: GatedBrain,
    body: dict[str, Any],
    while_held: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Send `body` and kill the server once the turn's tool has run and its reply waits
    (after `while_held`)."""
    gate.close()
    turn = asyncio.create_task(client.post(f"{server.url}{CHAT}", json=body))
    await until(gate.holding.is_set, timeout_s=60)
    if while_held is not None:
        await while_held()
    kill(server)
    gate.open()  # the held reply goes nowhere now
    with pytest.raises(httpx.TransportError):
        await turn


async def streamed_error(client: httpx.AsyncClient, url: str, body: dict[str, Any]) -> Any:
    async with client.stream("POST", f"{url}{CHAT}/stream", json=body) as response:
        assert response.status_code == 200
        event = None
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event == "error":
                return orjson.loads(line.removeprefix("data: "))
    raise AssertionError("no error event")


async def assert_told_and_thread_usable(
    client: httpx.AsyncClient, url: str, body: dict[str, Any]
) -> None:
    retry = await client.post(f"{url}{CHAT}", json=body)
    assert retry.status_code == 409, retry.text
    assert retry.json() == {"detail": LOST, "code": LOST_CODE}
    assert await streamed_error(client, url, body) == {"code": LOST_CODE, "message": LOST}
    after = {"message": "What can you do?", "thread_id": body["thread_id"], "message_id": "new"}
    answer = await client.post(f"{url}{CHAT}", json=after)
    assert answer.status_code == 200, answer.text
    assert answer.json()["reply"]


async def test_one_instance_restarted_ends_the_cut_off_run_and_never_reruns_it(
    migrated_url: str, pool: Pool, brain: tuple[GatedBrain, str], gate: GatedBrain
) -> None:
    user = person("crash-one")
    env = server_env(migrated_url, "", brain[1], PAM_WORKER="false")  # no Redis
    body: dict[str, Any] = {"message": EXPENSE, "message_id": "cut-off"}
    async with httpx.AsyncClient(headers=auth(user), timeout=60) as client:
        with pam_server(env, ready_timeout_s=STARTUP_S) as first:
            hello = await client.post(f"{first.url}{CHAT}", json={"message": "Hi"})
            body["thread_id"] = thread_id = hello.json()["thread_id"]
            await cut_off(client, first, gate, body)
        lost = await run_row(pool, user, "cut-off")
        assert (lost["status"], await expenses(pool, user)) == ("running", 1)  # as it was
        with pam_server(env, ready_timeout_s=STARTUP_S) as second:
            run = await client.get(f"{second.url}/threads/{thread_id}/runs/{lost['id']}")
            assert run.json()["status"] == "error"
            thread = await client.get(f"{second.url}/threads/{thread_id}")
            assert thread.json()["status"] == "idle"
            await assert_told_and_thread_usable(client, second.url, body)
    assert await run_row(pool, user, "cut-off") == {**lost, "status": "error", "error": LOST}
    assert await expenses(pool, user) == 1


@contextmanager
def two_servers(env: dict[str, str]) -> Iterator[tuple[RunningServer, RunningServer]]:
    with ExitStack() as stack, ThreadPoolExecutor(2) as pool:
        starting = [
            pool.submit(stack.enter_context, pam_server(env, ready_timeout_s=STARTUP_S))
            for _ in range(2)
        ]
        one, two = (f.result() for f in starting)
        yield one, two


@pytest.mark.redis
async def test_a_dead_instance_run_is_ended_by_a_live_one_only_once_its_lease_is_gone(
    migrated_url: str,
    pool: Pool,
    coordination: Coordination,
    brain: tuple[GatedBrain, str],
    gate: GatedBrain,
) -> None:
    user = person("crash-two")
    env = server_env(
        migrated_url,
        coordination.redis_url,
        brain[1],
        PAM_WORKER="false",
        PAM_COORDINATION=coordination.kind,
    )
    body: dict[str, Any] = {"message": EXPENSE, "message_id": "cut-off"}
    async with httpx.AsyncClient(headers=auth(user), timeout=60) as client:
        with two_servers(env) as (a, b):
            hello = await client.post(f"{a.url}{CHAT}", json={"message": "Hi"})
            body["thread_id"] = thread_id = hello.json()["thread_id"]
            runs = f"{b.url}/threads/{thread_id}/runs"

            async def a_still_lives() -> None:  # B lists its run as running, row untouched
                listed = (await client.get(runs)).json()
                assert [r["status"] for r in listed] == ["running", "success"]
                run = await client.get(f"{runs}/{listed[0]['run_id']}")
                assert run.json()["status"] == "running"
                assert (await run_row(pool, user, "cut-off"))["status"] == "running"

            await cut_off(client, a, gate, body, a_still_lives)
            run_id = (await run_row(pool, user, "cut-off"))["id"]

            async def ended() -> bool:
                run = (await client.get(f"{runs}/{run_id}")).json()
                row = await run_row(pool, user, "cut-off")
                return bool(run["status"] == "error" and row["error"] == LOST)

            await until(ended, timeout_s=LEASE_GONE_S, every_s=0.5)
            assert (await client.get(f"{b.url}/threads/{thread_id}")).json()["status"] == "idle"
            await assert_told_and_thread_usable(client, b.url, body)
    assert await expenses(pool, user) == 1
