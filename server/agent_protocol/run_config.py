"""A run request's `config`, breakpoints and stream modes, as the graph's run options.

`config` is LangGraph's: `recursion_limit`, `tags` and `configurable` (whose scalar
values LangChain copies into the run's trace metadata, as under LangGraph's server).
It never sets who the run is for or where it runs: `thread_id`, checkpoint keys,
`user_id` and LangGraph's internal `__…` keys are refused by name. Breakpoints must
name nodes of the graph (or be "*"). Every refusal names the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from server.agent_protocol.assistant import ASSISTANT_ID, GRAPH_ID
from server.refusals import BadInput
from server.runs.graph_stream import ALWAYS, OPTIONAL_MODES, Breakpoints, GraphOptions

RESERVED_CONFIGURABLE = frozenset(
    {
        "thread_id",
        "checkpoint_id",
        "checkpoint_ns",
        "checkpoint_map",
        "user_id",
        "run_id",
        "graph_id",
        "assistant_id",
    }
)


class RunConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    recursion_limit: int | None = Field(default=None, ge=1, le=10_000)
    tags: list[str] | None = None
    configurable: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    run_name: str | None = None
    max_concurrency: int | None = None
    callbacks: None = None


def _config(raw: dict[str, Any] | None, assistant_id: str) -> dict[str, Any]:
    try:
        config = RunConfig.model_validate(raw or {})
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise BadInput(f"config.{where}: {error['msg']}") from None
    configurable = config.configurable or {}
    for key in configurable:
        if key in RESERVED_CONFIGURABLE or key.startswith("__"):
            raise BadInput(f"config.configurable.{key}: set by the server, not a client.")
    found: dict[str, Any] = {}
    if config.recursion_limit is not None:
        found["recursion_limit"] = config.recursion_limit
    if config.tags:
        found["tags"] = config.tags
    # As LangGraph's server: the graph and assistant are in every run's configurable (and
    # so, like any scalar there, in its trace and stream metadata).
    found["configurable"] = {**configurable, "graph_id": GRAPH_ID, "assistant_id": assistant_id}
    return found


def _breakpoints(field: str, value: str | list[str] | None, nodes: Iterable[str]) -> Breakpoints:
    if value is None:
        return None
    names = [value] if isinstance(value, str) else list(value)
    if names == ["*"]:
        # LangGraph's "every node" is the string "*" itself: a list ["*"] would be taken
        # as one node named "*" and never stop.
        return "*"
    known = set(nodes)
    unknown = sorted(n for n in names if n not in known)
    if unknown:
        raise BadInput(
            f"{field}: no node named {', '.join(unknown)} (nodes: {', '.join(sorted(known))})."
        )
    return names or None


def _graph_nodes() -> list[str]:
    from graph import graph

    return list(graph.nodes)


def graph_options(
    *,
    modes: frozenset[str],
    subgraphs: bool,
    config: dict[str, Any] | None,
    interrupt_before: str | list[str] | None,
    interrupt_after: str | list[str] | None,
    nodes: Iterable[str] | None,
    assistant_id: str = ASSISTANT_ID,
) -> GraphOptions:
    nodes = [n for n in (nodes if nodes is not None else _graph_nodes()) if not n.startswith("__")]
    graph_modes = {"messages" if m == "messages-tuple" else m for m in modes}
    return GraphOptions(
        modes=(*ALWAYS, *(m for m in OPTIONAL_MODES if m in graph_modes)),
        subgraphs=subgraphs,
        events="events" in modes,
        interrupt_before=_breakpoints("interrupt_before", interrupt_before, nodes),
        interrupt_after=_breakpoints("interrupt_after", interrupt_after, nodes),
        config=_config(config, assistant_id),
    )
