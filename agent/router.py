"""The router: prepares the turn and picks the domain(s) for the user's last message.

Before any model call it settles a proposal left waiting for approval (agent.approvals):
a typed "yes"/"no" decides it, anything else sets it aside. Then one forced, strict
`route_request` call picks the domains. A reply the router cannot use (text, no valid
domain, a model error) falls back to general, and every fallback is logged and
dispatched as a `pam_route_fallback` event with its reason (counted by the server).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, cast
from uuid import uuid4
from zoneinfo import ZoneInfo

import structlog
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AnyMessage,
    BaseMessage,
    HumanMessage,
    RemoveMessage,
    SystemMessage,
    ToolCall,
    ToolMessage,
)
from langchain_core.runnables import Runnable
from langgraph.config import get_config
from langgraph.graph.message import REMOVE_ALL_MESSAGES
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
    set_aside_note,
)
from agent.context import Context
from agent.context_block import load_context_block
from agent.dialogue import dialogue_lines
from agent.events import emit
from agent.flag_middleware import model_for
from agent.model import apology
from agent.model_calls import ModelUnavailable, call_model
from agent.nodes import DOMAIN_NODES, FINISH, GENERAL, ROUTER, DomainNode, RouterGoto
from agent.prompts import ROUTER_PROMPT
from agent.resources import pool_of
from agent.state import PamState
from agent.transcript import append_turn
from agent.usage import started
from tools.db.scope import user_db
from tools.registry import ACTIONS_BY_NAME

log = structlog.get_logger("pam.router")

ROUTER_WINDOW = 6  # recent human/AI messages the router reads
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
                    "items": {"type": "string", "enum": list(DOMAIN_NODES)},
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
            picked = [d for d in named if d in DOMAIN_NODES]
            if picked:
                return list(dict.fromkeys(picked)), None
            return [], "unknown_domain" if named else "no_route"
    return [], "text_answer" if message.text else "no_route"


async def fall_back(reason: FallbackReason, detail: str = "") -> None:
    log.warning("routing fell back to general", reason=reason, detail=detail[:200])
    await emit("pam_route_fallback", {"reason": reason})


@dataclass
class Settled:
    """What the router did with a proposal left waiting when the user wrote again."""

    added: list[AnyMessage] = field(default_factory=list)  # messages after the user's
    before_user: list[AnyMessage] = field(default_factory=list)  # closed proposal, moved up
    domain: str | None = None  # the domain that answered, when the turn is done
    done: bool = False
    questions: list[str] = field(default_factory=list)  # what was set aside, as asked


async def settle_proposal(
    messages: list[AnyMessage], waiting: AIMessage | None, ctx: Context, zone: ZoneInfo
) -> Settled:
    """A typed "yes"/"no" decides the waiting proposal; anything else sets it aside. With
    nothing waiting, "yes, post it" brings back the last call set aside."""
    human = last_human(messages)
    text = human.text if human else ""
    in_state = open_calls(messages)
    calls = in_state or (list(waiting.tool_calls) if waiting is not None else [])
    if not calls:
        return await _bring_back(messages, text, ctx, zone)
    domain = owner(calls[0]) or GENERAL
    proposal: list[AnyMessage] = []
    if not in_state and waiting is not None:  # paused inside a domain agent: not in state
        proposal = [waiting.model_copy(update={"name": waiting.name or domain})]
    decision = read_decision(text)
    if decision is not None:
        if decision == "approve":
            results = [await run_approved(c, ctx, zone) for c in calls]
        else:
            results = [declined(c, zone) for c in calls]
        reply = AIMessage(reply_for(results, decision), name=domain)
        return Settled(added=[*proposal, *results, reply], domain=domain, done=True)
    closed: list[AnyMessage] = []
    questions: list[str] = []
    for call in calls:
        action = ACTIONS_BY_NAME.get(call["name"])
        asked = await question(action, call["args"], ctx) if action else call["name"]
        closed.append(set_aside(call, asked, zone))
        questions.append(asked)
    return Settled(before_user=[*proposal, *closed], questions=questions)


async def _bring_back(
    messages: list[AnyMessage], text: str, ctx: Context, zone: ZoneInfo
) -> Settled:
    again = set_aside_call(messages, text)
    if again is None:
        return Settled()
    domain = owner(again) or GENERAL
    fresh = ToolCall(name=again["name"], args=again["args"], id=f"call_{uuid4().hex[:24]}")
    result = await run_approved(fresh, ctx, zone)
    proposal = AIMessage("", tool_calls=[fresh], name=domain)
    reply = AIMessage(reply_for([result], "approve"), name=domain)
    return Settled(added=[proposal, result, reply], domain=domain, done=True)


def moved_before_user(messages: list[AnyMessage], closed: list[AnyMessage]) -> list[BaseMessage]:
    """The whole message list with `closed` (a proposal and its set-aside results) placed
    before the user's new message, so every model sees the proposal answered first and
    the new message last. Replaces the list (ids kept), as only a full write can insert."""
    at = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=0)
    ordered = [*messages[:at], *closed, *messages[at:]]
    return [RemoveMessage(id=REMOVE_ALL_MESSAGES), *ordered]


async def record_closed(ctx: Context, closed: list[AnyMessage]) -> None:
    """Put the set-aside results in the transcript now, before the user's new message
    (which `finish` records): the person reads what became of their request."""
    thread_id = get_config().get("configurable", {}).get("thread_id")
    if not thread_id or not closed:
        return
    pool = await pool_of(ctx)
    async with user_db(pool, ctx.user_uuid, now=ctx.clock()) as db:
        await append_turn(db, str(thread_id), closed)


def make_router(model: BaseChatModel):  # type: ignore[no-untyped-def]
    # "nostream": the routing call's tool-call chunks are not tokens of the reply, so
    # LangGraph's `messages` stream (chat clients, useStream) leaves them out.
    def routing(chosen: BaseChatModel) -> Runnable[Any, Any]:
        return chosen.bind_tools(
            [ROUTE_TOOL], tool_choice="route_request", strict=True
        ).with_config(tags=["nostream"])

    bound = routing(model)
    # An experiment arm's model (agent/flags.py), bound once per model name.
    arms: dict[str, Runnable[Any, Any]] = {}

    async def router(state: PamState, runtime: Runtime[Context]) -> Command[RouterGoto]:
        ctx = runtime.context or Context()
        thread_id = get_config().get("configurable", {}).get("thread_id")
        said = next(
            (m.text for m in reversed(state["messages"]) if isinstance(m, HumanMessage)), ""
        )
        facts = await load_context_block(ctx, str(thread_id) if thread_id else None, said)
        zone = ZoneInfo(facts.time_zone)
        turn: dict[str, Any] = {
            "context_block": facts.context_block,
            "clock_block": facts.clock_block,
            "time_zone": facts.time_zone,
            "reply": "",
            "ui_actions": [],
            "handoffs": [],
            "usage": started(None),
            # A turn that paused for approval never reached finish, so what it had to say
            # (an approval it set aside) is still unsaid: this turn says it too.
            "notices": list(state.get("notices") or []),
        }
        settled = await settle_proposal(state["messages"], facts.waiting, ctx, zone)
        if settled.done:
            route = [settled.domain or GENERAL]
            update = {**turn, "route": route, "pending": [], "messages": settled.added}
            return Command(goto=FINISH, update=update)
        added: list[BaseMessage] = []
        if settled.before_user:
            await record_closed(ctx, [m for m in settled.before_user if isinstance(m, ToolMessage)])
            added = moved_before_user(state["messages"], settled.before_user)
            turn["notices"] = [*turn["notices"], set_aside_note(settled.questions)]
        # What the previous turn did: "actually 55" goes where the expense was written.
        rules = "\n".join(p for p in (ROUTER_PROMPT, dialogue_lines(state.get("dialogue"))) if p)
        prompt = [SystemMessage(rules), *conversation_window(state["messages"])]
        domains: list[str] = []
        try:
            if ctx.flags.model and ctx.flags.model not in arms:
                arms[ctx.flags.model] = routing(model_for(ctx.flags, model))
            chosen = arms[ctx.flags.model] if ctx.flags.model else bound
            answer = await call_model(chosen.ainvoke, prompt, ctx.turn_deadline(), where=ROUTER)
            turn["usage"] = started(answer)
            domains, reason = parse_route(answer)
            if reason:
                await fall_back(reason, answer.text)
        except ModelUnavailable as exc:
            # No model to answer with: the apology now, rather than a second failing call.
            await fall_back("model_error", str(exc))
            update = {**turn, "route": [GENERAL], "pending": []}
            reply = AIMessage(apology([]), name=GENERAL)
            return Command(goto=FINISH, update={**update, "messages": [*added, reply]})
        domains = domains or [GENERAL]
        return Command(
            goto=cast(DomainNode, domains[0]),
            update={**turn, "route": domains, "pending": domains[1:], "messages": added},
        )

    return router
