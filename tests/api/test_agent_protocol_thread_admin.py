"""Agent Protocol: threads.count, threads.copy, threads.prune and thread TTLs (expired
by the background jobs worker), with langgraph-sdk against a real server."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from langgraph_sdk.errors import NotFoundError

from tests.api.conftest import Serve, StreamingScriptedModel, auth, uid
from tests.api.test_agent_protocol_support import eventually, general, person, say, sdk
from tools.db.scope import user_db


async def test_count_filters_like_search_and_sees_only_the_callers(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("Hi."))) as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        tid = (await alice.threads.create(metadata={"trip": "west"}))["thread_id"]
        await alice.threads.create(metadata={"trip": "east"})
        await bob.threads.create(metadata={"trip": "west"})
        await alice.runs.wait(tid, "pam", input=say("hi"))
        counts = (
            await alice.threads.count(),
            await alice.threads.count(metadata={"trip": "west"}),
            await alice.threads.count(status="idle", values={"reply": "Hi."}),
            await alice.threads.count(metadata={"user_id": "someone-else"}),
            await bob.threads.count(),
        )
        await alice.aclose()
        await bob.aclose()
    assert counts == (2, 1, 1, 0, 1)


async def test_copy_carries_state_and_history_and_is_independent(serve: Serve) -> None:
    model = StreamingScriptedModel(script=general("First.") + general("Only in the copy."))
    async with serve(model) as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        tid = (await alice.threads.create(metadata={"trip": "west"}))["thread_id"]
        await alice.runs.wait(tid, "pam", input=say("one"))
        copy_thread: Any = alice.threads.copy  # typed as returning None; it returns a Thread
        copied = await copy_thread(tid)
        cid = copied["thread_id"]
        got: Any = await alice.threads.get(cid)
        history = await alice.threads.get_history(cid)
        original_history = await alice.threads.get_history(tid)
        await alice.runs.wait(cid, "pam", input=say("two"))
        original: Any = await alice.threads.get_state(tid)
        copy_state: Any = await alice.threads.get_state(cid)
        with pytest.raises(NotFoundError):
            await bob.threads.copy(tid)
        await alice.aclose()
        await bob.aclose()
    assert cid != tid and copied["metadata"]["trip"] == "west"
    # The copy's record, as LangGraph's server answers; its state is read as any thread's.
    assert "values" not in copied and copied["status"] == "idle"
    assert got["values"]["reply"] == "First."
    assert len(history) == len(original_history) > 1
    assert original["values"]["reply"] == "First."
    assert copy_state["values"]["reply"] == "Only in the copy."


async def test_prune_deletes_or_keeps_latest_and_passes_over_others(serve: Serve) -> None:
    model = StreamingScriptedModel(script=general("A.") + general("B."))
    async with serve(model) as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        gone = (await alice.threads.create())["thread_id"]
        kept = (await alice.threads.create())["thread_id"]
        bobs = (await bob.threads.create())["thread_id"]
        await alice.runs.wait(kept, "pam", input=say("one"))
        before = len(await alice.threads.get_history(kept))
        pruned = await alice.threads.prune([gone, bobs])
        latest = await alice.threads.prune([kept], strategy="keep_latest")
        after = await alice.threads.get_history(kept)
        state: Any = await alice.threads.get_state(kept)
        with pytest.raises(NotFoundError):
            await alice.threads.get(gone)
        still_bobs = await bob.threads.get(bobs)
        async with httpx.AsyncClient(base_url=server.url, headers=auth(person("c"))) as http:
            bad = await http.post("/threads/prune", json={"thread_ids": [], "strategy": "all"})
        await alice.aclose()
        await bob.aclose()
    assert pruned == {"pruned_count": 1} and latest == {"pruned_count": 1}
    assert before > 1 and len(after) == 1 and state["values"]["reply"] == "A."
    assert still_bobs["thread_id"] == bobs
    assert bad.status_code == 422 and "thread_ids" in bad.text and "strategy" in bad.text


async def test_a_thread_past_its_ttl_is_deleted_by_the_worker(serve: Serve) -> None:
    alice = person("alice")
    async with serve(pam_worker=True, pam_jobs_poll_s=0.2) as server:
        client = sdk(server.url, alice)
        doomed = (await client.threads.create(ttl=1))["thread_id"]
        lasting = (await client.threads.create(ttl={"ttl": 60, "strategy": "delete"}))["thread_id"]
        patched = (await client.threads.create())["thread_id"]
        await client.threads.update(patched, metadata={}, ttl=1)
        pool = server.app.state.resources.pool
        async with user_db(pool, uid(alice)) as db:  # an hour passes for the 1-minute ones
            await db.conn.execute(
                "UPDATE chat_threads SET updated_at = now() - interval '1 hour'"
                " WHERE id = ANY(%s::uuid[])",
                ([doomed, patched],),
            )
            await db.conn.execute(
                "UPDATE thread_ttls SET expires_at = now() - interval '1 second'"
                " WHERE thread_id = ANY(%s::uuid[])",
                ([doomed, patched, lasting],),
            )

        async def expired() -> bool:
            return await client.threads.count() == 1

        await eventually(expired, timeout_s=20)
        left = await client.threads.search()
        await client.aclose()
    assert [t["thread_id"] for t in left] == [lasting]  # active within its 60 minutes


@pytest.mark.parametrize(
    ("ttl", "field"),
    [
        ({"ttl": 0}, "ttl.ttl"),
        ({"ttl": "soon"}, "ttl.ttl"),
        ({"ttl": 5, "strategy": "x"}, "ttl.strategy"),
    ],
)
async def test_a_bad_ttl_is_422_and_creates_nothing(
    serve: Serve, ttl: dict[str, object], field: str
) -> None:
    alice = person("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as c:
        created = await c.post("/threads", json={"ttl": ttl})
        count = await c.post("/threads/count", json={})
    assert created.status_code == 422 and field in created.text
    assert count.json() == 0
