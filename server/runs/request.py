"""What a door asks of the run manager: one frozen request, built by each transport's
start (server/chat/turns.py for chat over SSE, WebSocket, the CLI, A2A and AG-UI;
server/agent_protocol/run_start.py for Agent Protocol runs and crons) and passed whole
to `RunManager.start`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from agent.context import Context
from server.runs.graph_stream import GraphOptions
from server.runs.run import Disconnect, Durability, Strategy

# Chat turns checkpoint when the run stops (its end, an approval interrupt, an error),
# not after every step: one write per turn instead of one per step and subgraph step. A
# process killed mid-turn leaves the thread at its previous turn; the run row (with its
# message_id) is already recorded, so a retried message is not run twice. Agent
# Protocol runs default to LangGraph's "async" (every step, for history and time travel).
DURABILITY: Durability = "exit"


@dataclass(frozen=True)
class RunRequest:
    """A run to start on a thread the caller has checked is the user's. `input` (new
    messages) or `command` (resume, goto, update); `message_id` makes a chat turn
    idempotent; `extras` are small strings a follower on another process needs."""

    thread_id: str
    user_id: UUID
    context: Context
    input: dict[str, Any] | None = None
    command: dict[str, Any] | None = None
    multitask_strategy: Strategy = "reject"
    checkpoint_id: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    on_disconnect: Disconnect = "continue"
    message_id: str | None = None
    durability: Durability = DURABILITY
    extras: Mapping[str, str] = field(default_factory=dict)
    graph_options: GraphOptions = field(default_factory=GraphOptions)
    # Seconds the run waits, pending, before it starts (the Agent Protocol's
    # `after_seconds`); the thread counts as busy meanwhile and a cancel ends the wait.
    delay_s: float = 0
    # The Agent Protocol's: what the run was started with, for `runs.get` (None for chat
    # turns), and the metadata it inherits under the thread's metadata and its own (its
    # assistant's). None: the thread's metadata is not inherited (chat turns).
    kwargs: Mapping[str, Any] | None = None
    inherited_metadata: Mapping[str, Any] | None = None
