"""Agent Protocol thread ids: chosen ids, ids already taken, and threads shared with
the chat API (they are the same rows)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from langgraph_sdk.errors import ConflictError, UnprocessableEntityError

from graph import build_graph
from server.runs.threads import thread_namespaces, user_graph
from tests.api.conftest import Serve, StreamingScriptedModel, auth, uid
from tests.api.test_agent_protocol_support import general, person, say, sdk


async def test_a_chosen_id_and_if_exists(serve: Serve) -> None:
    chosen = str(uuid.uuid4())
    async with serve() as server:
        alice = sdk(server.url, "alice")
        made = await alice.threads.create(thread_id=chosen)
        again = await alice.threads.create(thread_id=chosen, if_exists="do_nothing")
        with pytest.raises(ConflictError):  # the caller's own id, taken
            await alice.threads.create(thread_id=chosen)
        with pytest.raises(UnprocessableEntityError):
            await alice.threads.create(thread_id="not-a-uuid")
        with pytest.raises(UnprocessableEntityError):
            await alice.threads.create(ttl=0)  # a TTL must be some minutes
        await alice.aclose()
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


async def test_checkpoints_outside_the_callers_namespace_are_never_theirs(
    serve: Serve,
) -> None:
    """Checkpoints under a bare id (as `langgraph dev` on the same database leaves) are
    nobody's thread; ones of the caller's own whose thread row went (a delete cut off
    midway) do not come back with a new thread of that id."""
    tid = str(uuid.uuid4())
    mallory = person("mallory")
    async with serve(StreamingScriptedModel(script=general("Fresh."))) as server:
        resources = server.app.state.resources
        saver = thread_namespaces(resources).saver
        bare = build_graph(saver, model=StreamingScriptedModel(script=[]))
        await bare.aupdate_state(
            {"configurable": {"thread_id": tid}},
            {"messages": [{"type": "human", "content": "private"}]},
            as_node="finish",
        )
        await user_graph(resources, uid(mallory)).aupdate_state(
            {"configurable": {"thread_id": tid}},
            {"messages": [{"type": "human", "content": "gone"}]},
            as_node="finish",
        )
        client = sdk(server.url, mallory)
        made = await client.threads.create(thread_id=tid)
        state: Any = await client.threads.get_state(tid)
        ran: Any = await client.runs.wait(tid, "pam", input=say("x"), if_not_exists="create")
        await client.aclose()
        raw = await saver.aget_tuple({"configurable": {"thread_id": tid, "checkpoint_ns": ""}})
    assert made["thread_id"] == tid and made["values"] is None
    assert state["values"] == {} and state["checkpoint"] is None
    assert [m["content"] for m in ran["messages"]] == ["x", "Fresh."]
    assert raw is not None  # the bare id's checkpoints are where they were, untouched
