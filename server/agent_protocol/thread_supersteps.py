"""`supersteps` in POST /threads: a new thread's history written from the body.

Each superstep is a list of node writes (values, or a command, `as_node`), applied in
order with LangGraph's bulk update, as LangGraph's server does: a client can seed a
thread with a conversation, or copy one from elsewhere, without running the graph.
"""

from __future__ import annotations

from typing import Any

from langgraph.errors import InvalidUpdateError
from langgraph.types import Command, StateUpdate

from server.agent_protocol.assistant import GRAPH_ID
from server.agent_protocol.runs_input import checked_command
from server.agent_protocol.schemas import Superstep
from server.refusals import Malformed
from server.resources import Resources
from server.runs.threads import ThreadRow, user_graph


def _write(values: Any, command: Any) -> Any:
    return Command(**checked_command(command)) if command is not None else values


async def write_supersteps(resources: Resources, row: ThreadRow, steps: list[Superstep]) -> None:
    """Malformed (422) when the graph refuses a write: nothing of it is kept then."""
    updates = [
        [StateUpdate(_write(u.values, u.command), u.as_node) for u in step.updates]
        for step in steps
    ]
    config = {
        "configurable": {"thread_id": row.thread_id, "checkpoint_ns": "", "graph_id": GRAPH_ID}
    }
    try:
        await user_graph(resources, row.user_id).abulk_update_state(config, updates)
    except (InvalidUpdateError, ValueError, KeyError, TypeError) as exc:
        raise Malformed(f"supersteps: the graph refused a write ({exc}).") from None
