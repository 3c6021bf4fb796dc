"""The graph's node names: graph.py builds the graph from them, the agent routes between
them, and the server reads the run's events by them (server/chat/translate.py).

The domain nodes derive from the one `Domain` literal (tools/types.py), so a new domain
is a node, a route and an eval route at once.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

from tools.types import Domain

ROUTER: Final = "router"
GENERAL: Final = "general"
FINISH: Final = "finish"

# Where the router may send a turn: a domain's subgraph or the general node.
DomainNode = Literal[Domain, "general"]
# Where the router and the edge after a domain (graph.next_domain) may go next.
RouterGoto = Literal[DomainNode, "finish"]
# Every top-level node of the graph.
Node = Literal["router", DomainNode, "finish"]

DOMAINS: tuple[Domain, ...] = get_args(Domain)
DOMAIN_NODES: tuple[DomainNode, ...] = (*DOMAINS, GENERAL)

# Inside each domain subgraph (langchain's create_agent): the node whose update carries
# the model's message, tool calls included; the tools' results come from "tools".
AGENT_MODEL: Final = "model"
