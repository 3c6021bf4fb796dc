"""A run rolled back from the other instance (a `rollback` multitask run, or a cancel
with action `rollback`): its checkpoints are deleted before its thread is let go, so the
next run on the thread starts from the state before it, on a history without holes.

Deleting the thread's checkpoints is held by the test (`deletions_held`) so that the
rollback provably waits: what the thread looks like meanwhile is then observed, not
raced."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import psycopg
import pytest
import redis.asyncio as aioredis
from langgraph_sdk.client import LangGraphClient

from server.runs.coordinator import Holder
from server.runs.over_redis import lock_key
from tests.api.conftest import uid
from tests.api.test_agent_protocol_support import person, say, sdk
from tests.scale.conftest import Pair, until
from tests.scale.llm import GatedBrain
from tools.db.thread_keys import thread_key

pytestmark = [pytest.mark.redis, pytest.mark.timeout(300)]  # the first test starts the servers


async def thread_holder(pair: Pair, user: str, thread_id: str) -> str | None:
    """The run holding the thread's lock, as the coordination records it."""
    if pair.coordination.kind == "redis":
        client = aioredis.from_url(pair.redis_url)
        try:
            raw = await client.get(lock_key(thread_key(uid(user), thread_id)))
        finally:
            await client.aclose()
        return Holder.parse(raw).run_id if raw is not None else None
    async with await psycopg.AsyncConnection.connect(pair.coordination.database_url) as conn:
        row = await (
            await conn.execute(
                "SELECT run_id FROM coordinated_runs WHERE thread_id = %s AND user_id = %s"
                " AND holds_thread",
                (thread_id, uid(user)),
            )
        ).fetchone()
    return str(row[0]) if row else None


HOLD_DELETES = """
CREATE OR REPLACE FUNCTION pam_test_hold_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtext(OLD.thread_id));
    RETURN OLD;
END $$;
CREATE OR REPLACE TRIGGER pam_test_hold_deletes BEFORE DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION pam_test_hold_deletes();
"""


@asynccontextmanager
async def deletions_held(
    pair: Pair, user: str, thread_id: str
) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
    """Deleting the thread's checkpoints waits until the block ends: a trigger of the
    test's own takes a lock on the thread's key that the test holds meanwhile. Nothing
    else waits (a run's writes upsert checkpoints it may rewrite at its exit)."""
    key = thread_key(uid(user), thread_id)
    conn = await psycopg.AsyncConnection.connect(pair.coordination.database_url, autocommit=True)
    try:
        await conn.execute(HOLD_DELETES)
        await conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))
        try:
            yield conn
        finally:
            await conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))
    finally:
        await conn.execute("DROP TRIGGER IF EXISTS pam_test_hold_deletes ON checkpoints")
        await conn.close()


async def deletion_waits(conn: psycopg.AsyncConnection[Any]) -> bool:
    """A server's DELETE of checkpoints waits on this connection's lock."""
    row = await (
        await conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))"
            " AND query LIKE 'DELETE FROM checkpoints%%'",
            (conn.info.backend_pid,),
        )
    ).fetchone()
    return bool(row and row[0])


def humans(values: Any) -> list[str]:
    return [m["content"] for m in values["messages"] if m["type"] == "human"]


async def assert_rolled_back(client: LangGraphClient, thread_id: str, gone: str) -> None:
    """The thread holds nothing of run `gone`, and every checkpoint's parent is there."""
    history: Any = await client.threads.get_history(thread_id, limit=100)
    assert [h for h in history if h["metadata"].get("run_id") == gone] == []
    ids = {h["checkpoint"]["checkpoint_id"] for h in history}
    parents = [h["parent_checkpoint"] for h in history if h["parent_checkpoint"]]
    assert parents and all(p["checkpoint_id"] in ids for p in parents)
    assert gone not in [r["run_id"] for r in await client.runs.list(thread_id)]
    with pytest.raises(httpx.HTTPStatusError) as missing:
        await client.runs.get(thread_id, gone)
    assert missing.value.response.status_code == 404


async def started_and_held(on_a: LangGraphClient, thread_id: str, gate: GatedBrain) -> str:
    """A run on A, mid-run at the closed gate."""
    gate.close()
    run = await on_a.runs.create(thread_id, "pam", input=say("Rolled back"))
    await until(gate.holding.is_set)
    return str(run["run_id"])


@asynccontextmanager
async def clients(pair: Pair, user: str) -> AsyncIterator[tuple[LangGraphClient, LangGraphClient]]:
    """The user's client of each instance."""
    on_a, on_b = sdk(pair.a, user), sdk(pair.b, user)
    try:
        yield on_a, on_b
    finally:
        await on_a.aclose()
        await on_b.aclose()


async def test_a_rollback_run_on_one_instance_starts_after_the_other_deleted_the_old_run(
    pair: Pair, gate: GatedBrain
) -> None:
    user = person("rollback-multitask")
    async with clients(pair, user) as (on_a, on_b):
        thread_id = (await on_a.threads.create())["thread_id"]
        await on_a.runs.wait(thread_id, "pam", input=say("Before"))
        old = await started_and_held(on_a, thread_id, gate)
        async with deletions_held(pair, user, thread_id) as conn:
            new = await on_b.runs.create(
                thread_id, "pam", input=say("Kept"), multitask_strategy="rollback"
            )
            await until(lambda: deletion_waits(conn))
            # Its checkpoints not yet deleted: the rolled-back run still holds the
            # thread, and the new run waits for it.
            assert await thread_holder(pair, user, thread_id) == old
            assert (await on_b.runs.get(thread_id, new["run_id"]))["status"] == "pending"
        gate.open()
        done = await on_b.runs.join(thread_id, new["run_id"])
        assert humans(done) == ["Before", "Kept"]
        for client in (on_a, on_b):
            await assert_rolled_back(client, thread_id, old)


async def test_a_rollback_cancel_sent_to_the_other_instance_deletes_before_the_thread_is_free(
    pair: Pair, gate: GatedBrain
) -> None:
    user = person("rollback-cancel")
    async with clients(pair, user) as (on_a, on_b):
        thread_id = (await on_a.threads.create())["thread_id"]
        await on_a.runs.wait(thread_id, "pam", input=say("Before"))
        old = await started_and_held(on_a, thread_id, gate)
        async with deletions_held(pair, user, thread_id) as conn:
            cancel = asyncio.create_task(on_b.runs.cancel(thread_id, old, action="rollback"))
            await until(lambda: deletion_waits(conn))
            assert await thread_holder(pair, user, thread_id) == old
            assert not cancel.done()  # the cancel answers once the rollback is complete
        await cancel
        gate.open()
        state: Any = await on_b.threads.get_state(thread_id)
        assert humans(state["values"]) == ["Before"]
        after = await on_b.runs.wait(thread_id, "pam", input=say("After"))
        assert humans(after) == ["Before", "After"]
        for client in (on_a, on_b):
            await assert_rolled_back(client, thread_id, old)
