"""The graph's shape, as a Mermaid snapshot: structural changes show up in review.

To accept a deliberate change: `PAM_UPDATE_SNAPSHOTS=1 make test`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage

from agent.context import Context
from graph import build_graph
from tests.fakes import ScriptedChatModel, route
from tests.integration.graph.conftest import thread

SNAPSHOT = Path(__file__).with_name("graph.mmd")


def test_graph_structure_matches_the_snapshot() -> None:
    drawn = build_graph(model=ScriptedChatModel()).get_graph().draw_mermaid()
    if os.environ.get("PAM_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(drawn)
    assert drawn == SNAPSHOT.read_text()


def test_domain_agents_run_no_hook_node_before_the_model() -> None:
    """create_agent makes each before/after hook a node: a LangGraph step of the domain's
    subgraph on every turn (before_agent) or before every model call (before_model). PAM's
    middleware answers from inside the model call instead (a paused domain, the writes'
    summaries); only human-in-the-loop's after_model stays, where the interrupt is."""
    for name, subgraph in build_graph(model=ScriptedChatModel()).get_subgraphs():
        assert set(subgraph.get_graph().nodes) - {"__start__", "__end__"} == {
            "model",
            "tools",
            "HumanInTheLoopMiddleware.after_model",
        }, name


async def test_the_edge_after_a_domain_is_a_chain_run_for_astream_events(
    make_graph: Any, context: Context
) -> None:
    """`next_domain` runs untraced when no handler records chains (graph.QuietEdge); a
    caller of `astream_events` still sees it as LangGraph's traced edge showed it."""
    model = ScriptedChatModel(script=[route("wins"), AIMessage("Nothing to log.")])
    seen = [
        (event["event"], event["data"].get("output"))
        async for event in make_graph(model).astream_events(
            {"messages": [("user", "hello")]}, thread(), context=context, version="v2"
        )
        if event["name"] == "next_domain"
    ]
    assert seen == [("on_chain_start", None), ("on_chain_end", "finish")]


async def test_a_domain_updates_what_it_changed_and_every_checkpoint_keeps_the_context(
    make_graph: Any, context: Context
) -> None:
    """The domain's output leaves out what it only reads (agent.domains.DomainState): its
    update is its messages (and a hand-off's lists), and the turn's context stays in the
    parent's state at every checkpoint of LangGraph's default durability, for history
    and time travel."""
    model = ScriptedChatModel(script=[route("wins"), AIMessage("Nothing to log.")])
    graph = make_graph(model)
    config = thread()
    updates = [
        chunk
        async for chunk in graph.astream(
            {"messages": [("user", "hello")]}, config, context=context, stream_mode="updates"
        )
    ]
    kept = ("context_block", "clock_block", "time_zone", "route")
    wins = next(chunk["wins"] for chunk in updates if "wins" in chunk)
    assert "messages" in wins
    assert not set(wins) & {*kept, "summary", "dialogue"}
    history = [s async for s in graph.aget_state_history(config)]
    after_router = next(s for s in history if s.next == ("wins",))
    after_wins = next(s for s in history if s.next == ("finish",))
    assert all(after_wins.values[k] == after_router.values[k] for k in kept)
    assert after_router.values["context_block"]
