"""The router: prepares the turn and picks the domain(s) for the user's last message."""

from __future__ import annotations

from typing import Literal, cast, get_args

import structlog
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.tools import StructuredTool
from langgraph.runtime import Runtime
from langgraph.types import Command
from pydantic import BaseModel, Field

from agent.context import Context
from agent.context_block import load_context_block
from agent.prompts import ROUTER_PROMPT
from agent.state import PamState

log = structlog.get_logger("pam.router")

DomainNode = Literal["wins", "wheels", "you", "social", "general"]
DOMAINS: tuple[str, ...] = get_args(DomainNode)
ROUTER_WINDOW = 6  # recent human/AI messages the router reads
CANCELLED = '{"ok": false, "error": "cancelled", "summary": "Not done: the user moved on."}'


class RouteRequest(BaseModel):
    """Pick the domains that the user's last message needs, in the order mentioned."""

    domains: list[DomainNode] = Field(min_length=1)


def _route_tool() -> StructuredTool:
    def route_request(domains: list[DomainNode]) -> str:
        return ",".join(domains)

    return StructuredTool.from_function(
        func=route_request, name="route_request", args_schema=RouteRequest
    )


ROUTE_TOOL = _route_tool()


def close_dangling_calls(messages: list[AnyMessage]) -> list[ToolMessage]:
    """Tool calls left unanswered (the user wrote again instead of approving) get a
    closing result, so every model sees a well-formed history."""
    answered = {m.tool_call_id for m in messages if isinstance(m, ToolMessage)}
    return [
        ToolMessage(
            content=CANCELLED,
            tool_call_id=call["id"],
            name=call["name"],
        )
        for m in messages
        if isinstance(m, AIMessage)
        for call in m.tool_calls
        if call["id"] and call["id"] not in answered
    ]


def conversation_window(messages: list[AnyMessage], size: int = ROUTER_WINDOW) -> list[AnyMessage]:
    """The last human/AI text messages, without tool traffic."""
    texts: list[AnyMessage] = [
        m
        for m in messages
        if isinstance(m, HumanMessage) or (isinstance(m, AIMessage) and not m.tool_calls and m.text)
    ]
    return texts[-size:]


def parse_route(message: AIMessage) -> list[str]:
    for call in message.tool_calls:
        if call["name"] == "route_request":
            picked = [d for d in call["args"].get("domains", []) if d in DOMAINS]
            return list(dict.fromkeys(picked))
    return []


def make_router(model: BaseChatModel):  # type: ignore[no-untyped-def]
    # "nostream": the routing call's tool-call chunks are not tokens of the reply, so
    # LangGraph's `messages` stream (chat clients, useStream) leaves them out.
    bound = model.bind_tools([ROUTE_TOOL], tool_choice="route_request").with_config(
        tags=["nostream"]
    )

    async def router(state: PamState, runtime: Runtime[Context]) -> Command[DomainNode]:
        ctx = runtime.context or Context()
        block = await load_context_block(ctx)
        patches = close_dangling_calls(state["messages"])
        prompt = [SystemMessage(ROUTER_PROMPT), *conversation_window(state["messages"])]
        domains: list[str] = []
        try:
            answer = await bound.ainvoke(prompt)
            if isinstance(answer, AIMessage):
                domains = parse_route(answer)
        except Exception:
            # The turn still gets an answer (general), but the cause must be visible.
            log.warning("routing call failed; answering as general", exc_info=True)
            domains = []
        domains = domains or ["general"]
        return Command(
            goto=cast(DomainNode, domains[0]),
            update={
                "route": domains,
                "pending": domains[1:],
                "context_block": block,
                "messages": patches,
                "reply": "",
                "ui_actions": [],
            },
        )

    return router
