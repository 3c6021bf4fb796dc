"""graph.py's graph as the conformance suite's `langgraph dev` serves it: the same graph,
and one stream transformer that asks LangGraph for its `tools` mode.

langgraph-api (0.16.7) runs a v3 thread stream's run with LangGraph's
`astream_events(version="v3")`, which asks the graph only for the stream modes its
transformers need; its built-in ones need `values`, `messages` and `tasks` (the last
folded into `lifecycle`), so for a graph that declares no transformer of its own it
sends no `tools` event at all. A graph module opts in with a `stream_transformers`
export (langgraph_api/graph.py), as this one does, and then `langgraph dev` sends each
tool call (`tool-started`, `tool-finished`) and mirrors the tool's message on `messages`,
which is what PAM sends for every run (docs/agent-protocol.md, "The v3 thread stream").
Nothing else of the reference changes: the legacy run streams never read transformers.
"""

from __future__ import annotations

from typing import Any

from langgraph.stream import ProtocolEvent, StreamTransformer

from graph import graph

__all__ = ["graph", "stream_transformers"]


class ToolCallEvents(StreamTransformer):
    """Asks for LangGraph's `tools` mode and lets its events through to the stream."""

    required_stream_modes = ("tools",)

    def init(self) -> dict[str, Any]:
        return {}

    def process(self, event: ProtocolEvent) -> bool:
        return True


def stream_transformers() -> list[type[StreamTransformer]]:
    return [ToolCallEvents]
