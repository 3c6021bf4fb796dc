"""The thread-id seam (tools/db/thread_keys.py) on LangGraph's in-memory saver: a user's
view stores under the user's key and shows only the client id; the server graph's
checkpointer refuses a call that names no owner; a key is never read back as another
user's thread."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, StateGraph
from typing_extensions import TypedDict

from tools.db.thread_keys import (
    ForeignThread,
    NoThreadOwner,
    ThreadNamespaces,
    UserThreads,
    client_thread_id,
    owned_graph,
    thread_key,
)


class Notes(TypedDict, total=False):
    note: str


def _graph(checkpointer: Any) -> Any:
    builder = StateGraph(Notes)
    builder.add_node("write", lambda state: {"note": state.get("note", "") + "!"})
    builder.add_edge(START, "write")
    builder.add_edge("write", END)
    return builder.compile(checkpointer=checkpointer)


def test_keys_are_injective_and_read_back_only_by_their_owner() -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    tid = str(uuid.uuid4())
    assert thread_key(alice, tid) != thread_key(bob, tid)
    assert thread_key(str(alice).upper(), tid) == thread_key(alice, tid)  # one spelling
    assert client_thread_id(alice, thread_key(alice, tid)) == tid
    with pytest.raises(ForeignThread):
        client_thread_id(bob, thread_key(alice, tid))
    with pytest.raises(ForeignThread):
        client_thread_id(alice, tid)  # a bare id is nobody's key


async def test_two_users_threads_of_one_id_are_apart_and_show_the_client_id() -> None:
    saver = InMemorySaver()
    namespaces = ThreadNamespaces(saver)
    graph = _graph(namespaces)
    alice, bob = uuid.uuid4(), uuid.uuid4()
    tid = str(uuid.uuid4())
    config: Any = {"configurable": {"thread_id": tid}}
    await owned_graph(graph, alice).ainvoke({"note": "alice"}, config)
    await owned_graph(graph, bob).ainvoke({"note": "bob"}, config)
    mine = await owned_graph(graph, alice).aget_state(config)
    history = [s async for s in owned_graph(graph, bob).aget_state_history(config)]
    stored = {c.config["configurable"]["thread_id"] async for c in saver.alist(None)}
    assert mine.values == {"note": "alice!"}
    assert history[0].values == {"note": "bob!"}
    configs = [mine.config, *(s.config for s in history), *(s.parent_config for s in history)]
    assert {c["configurable"]["thread_id"] for c in configs if c} == {tid}
    assert stored == {thread_key(alice, tid), thread_key(bob, tid)}
    await namespaces.of(bob).adelete_thread(tid)
    assert (await owned_graph(graph, alice).aget_state(config)).values == {"note": "alice!"}
    assert (await owned_graph(graph, bob).aget_state(config)).values == {}


async def test_a_call_without_an_owner_is_refused() -> None:
    graph = _graph(ThreadNamespaces(InMemorySaver()))
    tid = str(uuid.uuid4())
    with pytest.raises(NoThreadOwner):
        await graph.ainvoke({"note": "x"}, {"configurable": {"thread_id": tid}})
    with pytest.raises(NoThreadOwner):
        await graph.aget_state({"configurable": {"thread_id": tid}})
    with pytest.raises(NoThreadOwner):
        [s async for s in UserThreads(InMemorySaver(), uuid.uuid4()).alist(None)]
