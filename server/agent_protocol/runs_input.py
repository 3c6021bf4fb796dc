"""Check a run body and turn it into what the run's request is made of.

Messages in `input` may use either LangChain dict form ({"type": "human", ...} or
{"role": "user", ...}); they are parsed here so that a malformed one is a 422 and not
a failed run. `command.goto` may name nodes or carry Sends ({"node", "input"}).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import convert_to_messages
from langgraph.types import Send

from server.agent_protocol.assistant import ASSISTANT_ID
from server.agent_protocol.client_context import BadContext, client_facts
from server.agent_protocol.run_config import graph_options
from server.agent_protocol.run_view import RunOptions
from server.agent_protocol.schemas import RunCommand, RunCreate
from server.agent_protocol.stream_parts import UnsupportedStreamMode, stream_modes
from server.refusals import BadInput, Malformed
from server.runs.graph_stream import GraphOptions

RESERVED_METADATA = ("run_id", "thread_id", "user_id", "assistant_id", "graph_id")


@dataclass(frozen=True)
class CheckedRun:
    """A RunCreate body checked: the run manager's request is made from it (run_start.py),
    and the stream options kept for the streams that join the run."""

    input: dict[str, Any] | None
    command: dict[str, Any] | None
    checkpoint_id: str | None
    metadata: dict[str, Any]
    client: dict[str, Any] | None
    options: RunOptions
    graph: GraphOptions


def _refuse_unsupported(body: RunCreate) -> None:
    if body.webhook:
        raise BadInput("Webhooks are not supported by this server.")
    if body.context and (body.config or {}).get("configurable"):
        raise Malformed(
            "config.configurable and context: give one of them (as LangGraph refuses both)."
        )


def _input(raw: dict[str, Any] | None) -> dict[str, Any] | None:
    """Checked here (a malformed message is a 422, not a failed run), then passed on as
    sent: the graph's reducer turns them into messages, and the run's input checkpoint
    records them as the client wrote them, as under LangGraph's server."""
    if raw is None or "messages" not in raw:
        return raw
    messages = raw["messages"]
    if isinstance(messages, dict | str):
        messages = [messages]
    try:
        convert_to_messages(messages)
    except (ValueError, TypeError, KeyError, NotImplementedError) as exc:
        raise BadInput(f"input.messages: not a list of messages ({exc})") from None
    return raw


def _goto(goto: Any) -> list[Any] | None:
    if goto is None:
        return None
    targets = goto if isinstance(goto, list) else [goto]
    out: list[Any] = []
    for target in targets:
        if isinstance(target, str):
            out.append(target)
        elif isinstance(target, dict) and isinstance(target.get("node"), str):
            out.append(Send(target["node"], target.get("input")))
        else:
            raise BadInput("command.goto: a node name or {node, input}.")
    return out


def _command(command: RunCommand | None) -> dict[str, Any] | None:
    if command is None:
        return None
    return checked_command(command)


def checked_command(command: RunCommand) -> dict[str, Any]:
    """A command's fields, checked (BadInput naming what is wrong), as Command takes them."""
    update = command.update
    if isinstance(update, list):
        update = [tuple(u) if isinstance(u, list) and len(u) == 2 else u for u in update]
    found = {"resume": command.resume, "goto": _goto(command.goto), "update": update}
    found = {k: v for k, v in found.items() if v is not None}
    if not found:
        raise BadInput("command: give at least one of resume, goto or update.")
    return found


def _checkpoint_id(body: RunCreate) -> str | None:
    if body.checkpoint is not None and body.checkpoint.checkpoint_ns:
        raise BadInput("Runs can only start from a root-graph checkpoint.")
    return body.checkpoint_id or (body.checkpoint.checkpoint_id if body.checkpoint else None)


def run_request(
    body: RunCreate, nodes: Iterable[str] | None = None, assistant_id: str = ASSISTANT_ID
) -> CheckedRun:
    """The body checked; the assistant is resolved by the caller (a row: run_start.py).
    `nodes`: the graph's node names, which breakpoints must name (graph.py's by default)."""
    _refuse_unsupported(body)
    try:
        modes = stream_modes(body.stream_mode)
        configurable = (body.config or {}).get("configurable")
        client = (
            client_facts(body.context)
            if body.context
            else client_facts(configurable, "config.configurable")
            if isinstance(configurable, dict)
            else None
        )
    except (UnsupportedStreamMode, BadContext) as exc:
        raise BadInput(str(exc)) from None
    command = _command(body.command)
    # The config's metadata under the run's own, as LangGraph's server merges them.
    asked = (body.config or {}).get("metadata")
    merged = {**(asked if isinstance(asked, dict) else {}), **(body.metadata or {})}
    metadata = {k: v for k, v in merged.items() if k not in RESERVED_METADATA}
    return CheckedRun(
        input=None if command is not None else _input(body.input),
        command=command,
        checkpoint_id=_checkpoint_id(body),
        metadata=metadata,
        client=client,
        options=RunOptions(modes, body.stream_subgraphs, body.multitask_strategy),
        graph=graph_options(
            modes=modes,
            subgraphs=body.stream_subgraphs,
            config=body.config,
            interrupt_before=body.interrupt_before,
            interrupt_after=body.interrupt_after,
            nodes=nodes,
            assistant_id=assistant_id,
        ),
    )
