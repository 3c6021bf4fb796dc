"""Two instances, one thread: a conversation moves between them, and a retried message
(same `message_id`) never writes twice, whichever instance the retry reaches."""

from __future__ import annotations

import asyncio
from uuid import uuid4

import httpx
import pytest

from tests.api.conftest import auth, uid
from tests.scale.conftest import Pair, until
from tests.scale.llm import GatedBrain
from tools.db.pool import Pool
from tools.db.scope import user_db

pytestmark = [pytest.mark.redis, pytest.mark.timeout(300)]  # the first test starts the servers
CHAT = "/api/v1/pam/chat"


async def fuel_expenses(pool: Pool, user: str) -> int:
    async with user_db(pool, uid(user)) as db:
        row = await (
            await db.conn.execute("SELECT count(*) AS n FROM expenses WHERE category = 'fuel'")
        ).fetchone()
    assert row is not None
    return int(row["n"])


async def test_a_thread_started_on_one_instance_continues_on_the_other(pair: Pair) -> None:
    async with httpx.AsyncClient(
        headers=auth(f"moves-{pair.coordination.kind}"), timeout=30
    ) as client:
        first = await client.post(f"{pair.a}{CHAT}", json={"message": "Hello PAM"})
        assert first.status_code == 200, first.text
        thread_id = first.json()["thread_id"]
        second = await client.post(
            f"{pair.b}{CHAT}", json={"message": "What can you do?", "thread_id": thread_id}
        )
        assert second.status_code == 200, second.text
        assert second.json()["thread_id"] == thread_id
        history = (await client.get(f"{pair.a}/api/v1/pam/threads/{thread_id}")).json()
    humans = [m["content"] for m in history["messages"] if m["role"] == "human"]
    assert humans == ["Hello PAM", "What can you do?"]
    assert [m["role"] for m in history["messages"]].count("ai") >= 2


async def test_a_retry_on_the_other_instance_returns_the_first_result(
    pair: Pair, pool: Pool
) -> None:
    body = {"message": "I spent $31.20 on fuel", "message_id": f"m-{uuid4()}"}
    user = f"retries-{pair.coordination.kind}"  # not the other coordination's user
    async with httpx.AsyncClient(headers=auth(user), timeout=30) as client:
        first = await client.post(f"{pair.a}{CHAT}", json=body)
        assert first.status_code == 200, first.text
        body["thread_id"] = first.json()["thread_id"]
        again = await client.post(f"{pair.b}{CHAT}", json=body)
    assert again.status_code == 200, again.text
    assert again.json()["run_id"] == first.json()["run_id"]
    assert again.json()["reply"] == first.json()["reply"]
    assert await fuel_expenses(pool, user) == 1


async def test_a_retry_while_the_first_still_runs_elsewhere_joins_it(
    pair: Pair, pool: Pool, gate: GatedBrain
) -> None:
    """The first attempt is mid-turn on A (its expense written, its reply held) when the
    retry reaches B: B follows A's run and answers with A's result; one expense."""
    user = f"joins-{pair.coordination.kind}"  # not the other coordination's user
    async with httpx.AsyncClient(headers=auth(user), timeout=30) as client:
        thread_id = (await client.post(f"{pair.a}{CHAT}", json={"message": "Hi"})).json()[
            "thread_id"
        ]
        gate.close()
        body = {"message": "I spent $18.40 on fuel", "message_id": "same", "thread_id": thread_id}
        first = asyncio.create_task(client.post(f"{pair.a}{CHAT}", json=body))
        await until(gate.holding.is_set)
        retry = asyncio.create_task(client.post(f"{pair.b}{CHAT}", json=body))
        await asyncio.sleep(0.5)
        assert not retry.done()  # waiting for the run on A, not answered THREAD_BUSY
        gate.open()
        answers = await asyncio.gather(first, retry)
    assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
    assert answers[0].json() == answers[1].json()
    assert "18.40" in answers[0].json()["reply"]
    assert await fuel_expenses(pool, user) == 1


async def test_the_same_message_sent_to_both_instances_at_once_runs_once(
    pair: Pair, pool: Pool
) -> None:
    """Whichever wins the race (the thread's lock names its message id, and the run row
    is unique per message), the other answers with the winner's run."""
    user = f"racer-{pair.coordination.kind}"  # not the other coordination's user
    async with httpx.AsyncClient(headers=auth(user), timeout=30) as client:
        thread_id = (await client.post(f"{pair.a}{CHAT}", json={"message": "Hi"})).json()[
            "thread_id"
        ]
        for n in range(3):
            body = {"message": f"I spent ${20 + n}.50 on fuel", "message_id": f"race-{n}"}
            body["thread_id"] = thread_id
            answers = await asyncio.gather(
                client.post(f"{pair.a}{CHAT}", json=body), client.post(f"{pair.b}{CHAT}", json=body)
            )
            assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
            assert answers[0].json()["run_id"] == answers[1].json()["run_id"]
    assert await fuel_expenses(pool, user) == 3
