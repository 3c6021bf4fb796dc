"""The router: prepares the turn and picks the domain(s) for the user's last message.

Before any model call it settles a proposal left waiting for approval (agent.approvals):
a typed "yes"/"no" decides it, anything else sets it aside. Then one forced, strict
`route_request` call picks the domains. A reply the router cannot use (text, no valid
domain, a model error) falls back to general, and every fallback is logged and
dispatched as a `pam_route_fallback` event with its reason (counted by the server).
"""

from __future__ import annotations

from typing import Any, Literal, cast, get_args
from uuid import uuid4
from zoneinfo import ZoneInfo

import structlog
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, SystemMessage, ToolCall
from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.approvals import approval_question as question
from agent.approvals import (
    declined,
    last_human,
    open_calls,
    owner,
    read_decision,
    reply_for,
    run_approved,
    set_aside,
    set_aside_call,
)
from agent.context import Context
from agent.context_block import load_context_block
from agent.events import emit
from agent.model import apology
from agent.model_calls import ModelUnavailable, call_model
from agent.prompts import ROUTER_PROMPT
from agent.state import PamState
from agent.usage import started
from tools.registry import ACTIONS_BY_NAME

log = structlog.get_logger("pam.router")

DomainNode = Literal["wins", "wheels", "you", "social", "general"]
DOMAINS: tuple[str, ...] = get_args(DomainNode)
ROUTER_WINDOW = 6  # recent human/AI messages the router reads
RouterGoto = Literal["wins", "wheels", "you", "social", "general", "finish"]
FallbackReason = Literal["model_error", "no_route", "unknown_domain", "text_answer"]

# The routing tool, strict (OpenAI structured outputs): the reply is always a list of
# known domains. Given as a plain tool dict so the schema is exactly this.
ROUTE_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "route_request",
        "description": "Pick the domains the user's last message needs, in the order mentioned.",
        "strict": True,
        "parameters": {
            "type": "object",
            "properties": {
                "domains": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(DOMAINS)},
                    "description": "One or more domains, in the order mentioned.",
                }
            },
            "required": ["domains"],
            "additionalProperties": False,
        },
    },
}


def conversation_window(messages: list[AnyMessage], size: int = ROUTER_WINDOW) -> list[AnyMessage]:
    """The last human/AI text messages, without tool traffic."""
    texts: list[AnyMessage] = [
        m
        for m in messages
        if isinstance(m, HumanMessage) or (isinstance(m, AIMessage) and not m.tool_calls and m.text)
    ]
    return texts[-size:]


def parse_route(message: AIMessage) -> tuple[list[str], FallbackReason | None]:
    """The domains picked, or why none could be used."""
    for call in message.tool_calls:
        if call["name"] == "route_request":
            named = call["args"].get("domains", [])
            named = named if isinstance(named, list) else [named]
            picked = [d for d in named if d in DOMAINS]
            if picked:
                return list(dict.fromkeys(picked)), None
            return [], "unknown_domain" if named else "no_route"
    return [], "text_answer" if message.text else "no_route"


async def fall_back(reason: FallbackReason, detail: str = "") -> None:
    log.warning("routing fell back to general", reason=reason, detail=detail[:200])
    await emit("pam_route_fallback", {"reason": reason})


async def settle_proposal(
    messages: list[AnyMessage], ctx: Context, zone: ZoneInfo
) -> tuple[list[AnyMessage], str | None, bool]:
    """Close the calls a new message left waiting: (messages to add, the domain that
    answered when the user decided by typing, whether the turn is done)."""
    human = last_human(messages)
    text = human.text if human else ""
    waiting = open_calls(messages)
    decision = read_decision(text) if waiting else None
    if waiting and decision is not None:
        if decision == "approve":
            results = [await run_approved(c, ctx, zone) for c in waiting]
        else:
            results = [declined(c, zone) for c in waiting]
        domain = owner(waiting[0]) or "general"
        reply = AIMessage(reply_for(results, decision), name=domain)
        return [*results, reply], domain, True
    added: list[AnyMessage] = []
    for call in waiting:
        action = ACTIONS_BY_NAME.get(call["name"])
        asked = await question(action, call["args"], ctx) if action else call["name"]
        added.append(set_aside(call, asked, zone))
    again = set_aside_call(messages, text) if not waiting else None
    if again is None:
        return added, None, False
    domain = owner(again) or "general"
    fresh = ToolCall(name=again["name"], args=again["args"], id=f"call_{uuid4().hex[:24]}")
    result = await run_approved(fresh, ctx, zone)
    proposal = AIMessage("", tool_calls=[fresh], name=domain)
    return [proposal, result, AIMessage(reply_for([result], "approve"), name=domain)], domain, True


def make_router(model: BaseChatModel):  # type: ignore[no-untyped-def]
    # "nostream": the routing call's tool-call chunks are not tokens of the reply, so
    # LangGraph's `messages` stream (chat clients, useStream) leaves them out.
    bound = model.bind_tools([ROUTE_TOOL], tool_choice="route_request", strict=True).with_config(
        tags=["nostream"]
    )

    async def router(state: PamState, runtime: Runtime[Context]) -> Command[RouterGoto]:
        ctx = runtime.context or Context()
        facts = await load_context_block(ctx)
        zone = ZoneInfo(facts.time_zone)
        turn: dict[str, Any] = {
            "context_block": facts.context_block,
            "clock_block": facts.clock_block,
            "time_zone": facts.time_zone,
            "reply": "",
            "ui_actions": [],
            "handoffs": [],
            "usage": started(None),
        }
        added, decided, done = await settle_proposal(state["messages"], ctx, zone)
        if done:
            route = [decided or "general"]
            return Command(
                goto="finish", update={**turn, "route": route, "pending": [], "messages": added}
            )
        prompt = [SystemMessage(ROUTER_PROMPT), *conversation_window(state["messages"])]
        domains: list[str] = []
        try:
            answer = await call_model(bound.ainvoke, prompt, ctx.turn_deadline(), where="router")
            turn["usage"] = started(answer)
            domains, reason = parse_route(answer)
            if reason:
                await fall_back(reason, answer.text)
        except ModelUnavailable as exc:
            # No model to answer with: the apology now, rather than a second failing call.
            await fall_back("model_error", str(exc))
            update = {**turn, "route": ["general"], "pending": []}
            reply = AIMessage(apology([]), name="general")
            return Command(goto="finish", update={**update, "messages": [*added, reply]})
        domains = domains or ["general"]
        return Command(
            goto=cast(DomainNode, domains[0]),
            update={**turn, "route": domains, "pending": domains[1:], "messages": added},
        )

    return router
