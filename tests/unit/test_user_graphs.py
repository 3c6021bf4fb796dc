"""Each user's graph made once (server/runs/user_graphs.py): the same copy for every run of
a user, each user's copy with that user's view only, runs on two users' copies apart."""

from __future__ import annotations

import uuid
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, StateGraph
from typing_extensions import TypedDict

from server.runs import user_graphs
from server.runs.user_graphs import users_graph
from tools.db.thread_keys import ThreadNamespaces, UserThreads


class Notes(TypedDict, total=False):
    note: str


def _graph() -> Any:
    builder = StateGraph(Notes)
    builder.add_node("write", lambda state: {"note": state.get("note", "") + "!"})
    builder.add_edge(START, "write")
    builder.add_edge("write", END)
    return builder.compile(checkpointer=ThreadNamespaces(InMemorySaver()))


def test_one_copy_per_user_with_that_users_view() -> None:
    graph = _graph()
    alice, bob = uuid.uuid4(), uuid.uuid4()
    mine = users_graph(graph, alice)
    assert users_graph(graph, str(alice)) is mine  # a string id is the same user
    theirs = users_graph(graph, bob)
    assert theirs is not mine
    for copy, user in ((mine, alice), (theirs, bob)):
        assert isinstance(copy.checkpointer, UserThreads)
        assert copy.checkpointer.user_id == user
    assert graph.checkpointer.saver is mine.checkpointer.saver  # one store underneath
    assert users_graph(_graph(), alice) is not mine  # another server graph, its own copies


async def test_the_same_thread_id_stays_each_users_own() -> None:
    graph = _graph()
    alice, bob = uuid.uuid4(), uuid.uuid4()
    config: Any = {"configurable": {"thread_id": "t1"}}
    await users_graph(graph, alice).ainvoke({"note": "alice"}, config)
    await users_graph(graph, bob).ainvoke({"note": "bob"}, config)
    await users_graph(graph, alice).ainvoke({"note": "alice again"}, config)
    assert (await users_graph(graph, alice).aget_state(config)).values == {"note": "alice again!"}
    assert (await users_graph(graph, bob).aget_state(config)).values == {"note": "bob!"}


def test_bounded(monkeypatch: Any) -> None:
    monkeypatch.setattr(user_graphs, "USER_GRAPHS", 2)
    graph = _graph()
    first = users_graph(graph, uuid.uuid4())
    for _ in range(3):
        users_graph(graph, uuid.uuid4())
    assert len(user_graphs._copies[graph]) == 2
    assert first not in user_graphs._copies[graph].values()
