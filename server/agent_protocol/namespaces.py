"""Subgraph checkpoint namespaces a client may address: `<node>:<task id>` segments
joined by `|`, each naming one of the graph's subgraph nodes (LangGraph's form, as
`useStream` sends it for a subagent's history)."""

from __future__ import annotations

import re

from agent.nodes import DOMAINS
from server.refusals import BadInput

SEGMENT = re.compile(r"^(?P<node>[A-Za-z_][A-Za-z0-9_]*)(:[0-9a-fA-F-]{1,64})?$")


def subgraph_namespace(namespace: str) -> str:
    if not namespace:
        return ""
    for segment in namespace.split("|"):
        found = SEGMENT.match(segment)
        if found is None or found["node"] not in DOMAINS:
            raise BadInput(
                f"checkpoint.checkpoint_ns: {segment!r} is not `<subgraph>:<task id>` "
                f"for a subgraph of this graph ({', '.join(DOMAINS)}).",
            )
    return namespace
