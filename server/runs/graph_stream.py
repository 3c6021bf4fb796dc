"""How a run drives the graph: which stream modes, subgraphs or not, breakpoints, config.

Chat turns use the defaults: `values`, `updates` and `custom`, from every subgraph. Not
`messages`: its callback handler works at every chain start and end of the turn, while a
chat client reads only the reply's text, which the graph writes as `custom` chunks for a
chat turn's context (agent/reply_stream.py). An Agent Protocol run asks for what its
client asked for, as LangGraph's own server does: `values` and `updates` always (the
run's end state and its interrupts come from them), `messages`, `custom`, `debug`,
`checkpoints` and `tasks` only when requested (a mode nobody asked for costs nothing, and
without `messages` the model is called without streaming, as under LangGraph's server);
subgraph chunks only with `stream_subgraphs`, so that without it the domain subgraph's
messages arrive the way LangGraph emits them to a parent graph; and `events` by driving
the graph through its real `astream_events`, whose events other than the run's own
stream chunks become `events` chunks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

from server.runs.events import EventMode, StreamMode

# What graph.astream is asked for (astream_events' own events are recorded as "events").
GraphMode = Literal[StreamMode, "debug", "checkpoints", "tasks"]

CHAT_MODES: tuple[GraphMode, ...] = ("values", "updates", "custom")
ALWAYS: tuple[GraphMode, ...] = ("values", "updates")
OPTIONAL_MODES: tuple[GraphMode, ...] = ("messages", "custom", "debug", "checkpoints", "tasks")

Chunk = tuple[tuple[str, ...], EventMode, Any]
# Nodes to stop before or after: their names, or LangGraph's "*" for every node.
Breakpoints = list[str] | Literal["*"] | None


@dataclass(frozen=True)
class GraphOptions:
    modes: tuple[GraphMode, ...] = CHAT_MODES
    subgraphs: bool = True
    events: bool = False
    interrupt_before: Breakpoints = None
    interrupt_after: Breakpoints = None
    # Merged into the run's config: recursion_limit, tags, configurable keys.
    config: dict[str, Any] = field(default_factory=dict)


def _split(chunk: Any, subgraphs: bool) -> Chunk:
    if subgraphs:
        namespace, mode, data = chunk
        return tuple(namespace), mode, data
    mode, data = chunk
    return (), mode, data


async def graph_stream(
    graph: Any, payload: Any, config: dict[str, Any], options: GraphOptions, **kwargs: Any
) -> AsyncIterator[Chunk]:
    """(namespace, mode, data) for each chunk; `events` chunks under mode "events"."""
    common = dict(
        stream_mode=list(options.modes),
        subgraphs=options.subgraphs,
        interrupt_before=options.interrupt_before,
        interrupt_after=options.interrupt_after,
        **kwargs,
    )
    if not options.events:
        async for chunk in graph.astream(payload, config, **common):
            yield _split(chunk, options.subgraphs)
        return
    run_id = str(config["run_id"])
    async for event in graph.astream_events(payload, config, version="v2", **common):
        if "langsmith:hidden" in (event.get("tags") or ()):
            continue
        if event["event"] == "on_chain_stream" and str(event["run_id"]) == run_id:
            yield _split(event["data"]["chunk"], options.subgraphs)
        else:
            yield (), "events", event
