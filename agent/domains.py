"""The four domain subgraphs (LangChain `create_agent`) and the general node."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NotRequired

from langchain.agents import AgentState, create_agent
from langchain.agents.middleware import (
    HumanInTheLoopMiddleware,
    InterruptOnConfig,
    ModelRequest,
    ModelRetryMiddleware,
    ToolCallRequest,
    dynamic_prompt,
)
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, SystemMessage, ToolCall
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from agent.context import Context
from agent.model import APOLOGY
from agent.prompts import domain_prompt
from agent.router import conversation_window
from agent.state import PamState
from agent.tools import domain_tools
from tools.registry import actions_for
from tools.types import Domain

DECISIONS: list[Any] = ["approve", "edit", "reject"]


class DomainState(AgentState[Any]):
    context_block: NotRequired[str]
    summary: NotRequired[str]


def _describe(tool_call: ToolCall, state: AgentState[Any], runtime: Runtime[Any]) -> str:
    args = ", ".join(f"{k}={v!r}" for k, v in tool_call["args"].items())
    return f"PAM wants to run {tool_call['name']}({args}). Approve, edit or reject?"


def _when(predicate: Callable[[dict[str, Any]], bool]) -> Callable[[ToolCallRequest], bool]:
    def asks(request: ToolCallRequest) -> bool:
        return bool(predicate(dict(request.tool_call["args"])))

    return asks


def approval_rules(domain: Domain) -> dict[str, bool | InterruptOnConfig]:
    """Human-in-the-loop rules from the registry: which calls pause for the user."""
    rules: dict[str, bool | InterruptOnConfig] = {}
    for action in actions_for(domain):
        predicate = action.needs_approval
        if predicate is None:
            continue
        rules[action.name] = InterruptOnConfig(
            allowed_decisions=DECISIONS,
            description=_describe,
            when=_when(predicate),
        )
    return rules


def _retry() -> ModelRetryMiddleware[Any, Any]:
    return ModelRetryMiddleware(
        max_retries=2, initial_delay=0.5, max_delay=4.0, on_failure=lambda _exc: APOLOGY
    )


def build_domain_agent(
    domain: Domain, model: BaseChatModel
) -> CompiledStateGraph[Any, Any, Any, Any]:
    @dynamic_prompt
    def prompt(request: ModelRequest[Context]) -> str:
        state = request.state
        return domain_prompt(
            domain, str(state.get("context_block", "")), str(state.get("summary", ""))
        )

    return create_agent(
        model,
        tools=list(domain_tools(domain)),
        middleware=[
            prompt,
            HumanInTheLoopMiddleware(interrupt_on=approval_rules(domain)),
            _retry(),
        ],
        state_schema=DomainState,
        context_schema=Context,
        name=domain,
    )


def make_general(model: BaseChatModel):  # type: ignore[no-untyped-def]
    retrying = model.with_retry(stop_after_attempt=3)

    async def general(state: PamState, runtime: Runtime[Context]) -> dict[str, Any]:
        system = domain_prompt("general", state.get("context_block", ""), state.get("summary", ""))
        prompt = [SystemMessage(system), *conversation_window(state["messages"])]
        try:
            reply = await retrying.ainvoke(prompt)
        except Exception:
            reply = AIMessage(APOLOGY)
        return {"messages": [reply]}

    return general
