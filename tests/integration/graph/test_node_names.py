"""The node names agent/nodes.py exports are the graph's own: graph.py builds every one of
them and no other, and each domain subgraph (langchain's create_agent) answers from the
node the server reads tool calls from (server/chat/translate.py)."""

from __future__ import annotations

from typing import get_args

from agent.domains import build_domain_agent
from agent.nodes import AGENT_MODEL, DOMAIN_NODES, DOMAINS, Node
from graph import build_graph
from tests.fakes import ScriptedChatModel


def test_the_graph_has_exactly_the_exported_nodes() -> None:
    built = set(build_graph(model=ScriptedChatModel()).get_graph().nodes)
    assert built - {"__start__", "__end__"} == set(get_args(Node))
    assert set(DOMAIN_NODES) == {*DOMAINS, "general"} <= built


def test_every_domain_subgraph_has_the_model_node_the_server_reads() -> None:
    for domain in DOMAINS:
        nodes = set(build_domain_agent(domain, ScriptedChatModel()).get_graph().nodes)
        assert {AGENT_MODEL, "tools"} <= nodes, domain
