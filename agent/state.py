"""Graph state: what a caller sends in, and what the graph keeps per thread."""

from __future__ import annotations

from typing import Annotated, Any, NotRequired

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from typing_extensions import TypedDict

from agent.dialogue import DialogueState
from agent.nodes import DomainNode

# The nodes a turn is routed to (agent/nodes.py): a domain or "general".
Route = DomainNode


class InputState(TypedDict):
    messages: Annotated[list[AnyMessage], add_messages]


class PamState(InputState):
    # Domains the router picked for this turn, and those still to run.
    route: NotRequired[list[Route]]
    pending: NotRequired[list[Route]]
    # The user's profile, memories and client context, rendered once per turn for prompts;
    # the clock lines apart (they change every turn, so they end the prompt); the turn's
    # effective time zone (the device's, else the profile's).
    context_block: NotRequired[str]
    clock_block: NotRequired[str]
    time_zone: NotRequired[str]
    # Domains a domain agent handed this turn's message on to (it reached for their tool).
    handoffs: NotRequired[list[Route]]
    # Model tokens this turn: {"input_tokens", "output_tokens", "calls", "by": [{model,
    # domain, input_tokens, output_tokens}]}, from the providers' usage reports.
    usage: NotRequired[dict[str, Any]]
    # What the previous turn did (action, filters, rows), for corrections and follow-ups.
    dialogue: NotRequired[DialogueState]
    # A bounded summary of turns that left the checkpointed message window.
    summary: NotRequired[str]
    # What the reply must also say (a waiting approval set aside), said last; finish
    # empties it, so a turn that paused for approval leaves it to the next reply.
    notices: NotRequired[list[str]]
    # The turn's outcome, for the server to stream.
    reply: NotRequired[str]
    ui_actions: NotRequired[list[dict[str, Any]]]
