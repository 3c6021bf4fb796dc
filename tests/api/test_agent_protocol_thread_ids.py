"""Agent Protocol thread ids: chosen ids, ids already taken, and threads shared with
the chat API (they are the same rows)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from langgraph_sdk.errors import ConflictError, UnprocessableEntityError

from tests.api.conftest import Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_support import general, person, say, sdk


async def test_a_chosen_id_and_if_exists(serve: Serve) -> None:
    chosen = str(uuid.uuid4())
    async with serve() as server:
        alice, bob = sdk(server.url, "alice"), sdk(server.url, "bob")
        made = await alice.threads.create(thread_id=chosen)
        again = await alice.threads.create(thread_id=chosen, if_exists="do_nothing")
        with pytest.raises(ConflictError):
            await alice.threads.create(thread_id=chosen)
        with pytest.raises(ConflictError):  # taken, and not Bob's to have
            await bob.threads.create(thread_id=chosen, if_exists="do_nothing")
        with pytest.raises(UnprocessableEntityError):
            await alice.threads.create(thread_id="not-a-uuid")
        with pytest.raises(UnprocessableEntityError):
            await alice.threads.create(ttl=0)  # a TTL must be some minutes
        await alice.aclose()
        await bob.aclose()
    assert made["thread_id"] == again["thread_id"] == chosen


async def test_protocol_and_chat_api_share_threads(serve: Serve) -> None:
    alice = person("alice")
    model = StreamingScriptedModel(script=general("From chat.") + general("From the SDK."))
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(alice), timeout=30) as http,
    ):
        chat = (await http.post("/api/v1/pam/chat", json={"message": "hello"})).json()
        client = sdk(server.url, alice)
        thread: Any = await client.threads.get(chat["thread_id"])
        listed = await client.threads.search()
        await client.runs.wait(chat["thread_id"], "pam", input=say("and again"))
        await client.aclose()
        transcript = (await http.get(f"/api/v1/pam/threads/{chat['thread_id']}")).json()
    assert thread["values"]["reply"] == "From chat." and thread["status"] == "idle"
    assert [t["thread_id"] for t in listed] == [chat["thread_id"]]
    assert [m["content"] for m in transcript["messages"] if m["role"] != "tool"] == [
        "hello",
        "From chat.",
        "and again",
        "From the SDK.",
    ]


async def test_an_id_with_orphaned_checkpoints_cannot_be_claimed(serve: Serve) -> None:
    tid = str(uuid.uuid4())
    async with serve() as server:
        # Checkpoints without a thread row, as `langgraph dev` on the same database leaves.
        graph = server.app.state.resources.graph
        await graph.aupdate_state(
            {"configurable": {"thread_id": tid}},
            {"messages": [{"type": "human", "content": "private"}]},
            as_node="finish",
        )
        client = sdk(server.url, person("mallory"))
        with pytest.raises(ConflictError):
            await client.threads.create(thread_id=tid)
        with pytest.raises(httpx.HTTPStatusError) as refused:
            await client.runs.wait(tid, "pam", input=say("x"), if_not_exists="create")
        await client.aclose()
    assert refused.value.response.status_code == 404
