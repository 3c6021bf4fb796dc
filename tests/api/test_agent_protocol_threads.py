"""Agent Protocol threads with langgraph-sdk: create, get, patch, delete and search."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from langgraph_sdk.errors import NotFoundError

from server.agent_protocol.assistant import ASSISTANT_ID
from tests.api.conftest import Serve, uid
from tests.api.test_agent_protocol_support import person, sdk


async def test_create_get_patch_and_delete_a_thread(serve: Serve) -> None:
    async with serve() as server:
        alice = sdk(server.url, "alice")
        made: Any = await alice.threads.create(metadata={"topic": "fuel"}, graph_id="pam")
        got = await alice.threads.get(made["thread_id"])
        patched: Any = await alice.threads.update(made["thread_id"], metadata={"pinned": True})
        await alice.threads.update(made["thread_id"], metadata={"x": 1}, return_minimal=True)
        after: Any = await alice.threads.get(made["thread_id"])
        await alice.threads.delete(made["thread_id"])
        with pytest.raises(NotFoundError):
            await alice.threads.get(made["thread_id"])
        await alice.aclose()
    assert uuid.UUID(made["thread_id"])
    assert made["status"] == "idle" and made["values"] is None and made["interrupts"] == {}
    assert made["metadata"] == {
        "topic": "fuel",
        "graph_id": "pam",
        "assistant_id": ASSISTANT_ID,
        "user_id": str(uid("alice")),
    }
    assert got == made
    assert patched["metadata"]["pinned"] is True and patched["metadata"]["topic"] == "fuel"
    assert after["metadata"]["x"] == 1


async def test_server_set_metadata_cannot_be_forged(serve: Serve) -> None:
    async with serve() as server:
        alice = sdk(server.url, "alice")
        forged = {"user_id": str(uid("bob")), "graph_id": "other", "assistant_id": "x"}
        made: Any = await alice.threads.create(metadata=forged)
        patched: Any = await alice.threads.update(made["thread_id"], metadata=forged)
        await alice.aclose()
    for thread in (made, patched):
        assert thread["metadata"]["user_id"] == str(uid("alice"))
        assert thread["metadata"]["graph_id"] == "pam"
        assert thread["metadata"]["assistant_id"] == ASSISTANT_ID


async def test_search_sees_only_the_callers_threads(serve: Serve) -> None:
    a, b = person("alice"), person("bob")
    async with serve() as server:
        alice, bob = sdk(server.url, a), sdk(server.url, b)
        mine = [await alice.threads.create(metadata={"n": n, "kind": "trip"}) for n in range(3)]
        theirs = await bob.threads.create(metadata={"kind": "trip"})
        found = await alice.threads.search(limit=100)
        trips = await alice.threads.search(metadata={"kind": "trip", "n": 1})
        as_pam = await alice.threads.search(metadata={"graph_id": "pam"}, limit=100)
        as_bob = await alice.threads.search(metadata={"user_id": str(uid(b))})
        by_ids = await alice.threads.search(ids=[mine[0]["thread_id"], theirs["thread_id"]])
        idle = await alice.threads.search(status="idle", limit=100)
        busy = await alice.threads.search(status="busy")
        page = await alice.threads.search(limit=2, sort_by="created_at", sort_order="asc")
        rest = await alice.threads.search(limit=2, offset=2, sort_by="created_at", sort_order="asc")
        slim = await alice.threads.search(select=["thread_id", "status"], limit=1)
        await alice.aclose()
        await bob.aclose()
    ids = {t["thread_id"] for t in mine}
    assert {t["thread_id"] for t in found} == ids
    assert [t["thread_id"] for t in trips] == [mine[1]["thread_id"]]
    assert {t["thread_id"] for t in as_pam} == ids and as_bob == []
    assert [t["thread_id"] for t in by_ids] == [mine[0]["thread_id"]]
    assert {t["thread_id"] for t in idle} == ids and busy == []
    assert [t["thread_id"] for t in page + rest] == [t["thread_id"] for t in mine]
    assert set(slim[0]) == {"thread_id", "status"}


async def test_another_users_thread_is_not_found_and_untouched(serve: Serve) -> None:
    async with serve() as server:
        alice, bob = sdk(server.url, "alice"), sdk(server.url, "bob")
        thread = await alice.threads.create(metadata={"secret": "yes"})
        tid = thread["thread_id"]
        for attempt in (
            bob.threads.get(tid),
            bob.threads.update(tid, metadata={"secret": "no"}),
            bob.threads.delete(tid),
            bob.threads.get_state(tid),
            bob.threads.get_history(tid),
            bob.threads.update_state(tid, {"messages": []}, as_node="finish"),
        ):
            with pytest.raises(NotFoundError):
                await attempt
        still: Any = await alice.threads.get(tid)
        await alice.aclose()
        await bob.aclose()
    assert still["metadata"]["secret"] == "yes"
