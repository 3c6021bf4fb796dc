"""The four domain subgraphs (LangChain `create_agent`) and the general node.

`PamModelMiddleware` is the one place a domain agent's model call is shaped:
- the system prompt (the domain's, with the experiment's variant) and the run's flags
  (agent/flag_middleware.py): a paused domain answers in place of the model, calls to
  paused actions are taken out of its reply;
- the call goes through `call_model` (PAM's one retry layer and the turn's deadline);
  when the model cannot answer, the agent ends with the apology;
- the model sees a well-formed history (each call's results right after it);
- the approval question of a call that needs one is worked out from its row;
- a call to another domain's tool hands the message on to that domain;
- after a step whose calls were all writes that succeeded, the tools' summaries are
  the reply: the model is not called again only to restate them (for a metered model;
  the offline brain costs nothing per call and keeps its own reply step).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Annotated, Any, NotRequired, cast
from uuid import uuid4

import structlog
from langchain.agents import AgentState, create_agent
from langchain.agents.middleware import (
    AgentMiddleware,
    ExtendedModelResponse,
    InterruptOnConfig,
    ModelRequest,
    ModelResponse,
    ToolCallRequest,
)
from langchain.agents.middleware.types import OmitFromOutput
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AnyMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.approval_edits import SameActionApprovals
from agent.approvals import prepare_questions, question_for, record_proposal, will_ask
from agent.context import Context
from agent.dialogue import DialogueState, dialogue_lines
from agent.events import emit
from agent.flag_middleware import (
    flagged_request,
    model_for,
    paused_answer,
    with_prompt_variant,
    without_paused_calls,
)
from agent.model import apology, metered
from agent.model_calls import ModelUnavailable, call_model
from agent.nodes import GENERAL
from agent.prompts import domain_prompt
from agent.quoted import read_others
from agent.reply_stream import ChatRunnable, streamed_call, write_reply
from agent.router import conversation_window
from agent.state import PamState
from agent.tools import domain_tools
from tools.registry import ACTIONS_BY_NAME, actions_for
from tools.types import Domain

log = structlog.get_logger("pam.domains")
DECISIONS: list[Any] = ["approve", "edit", "reject"]


class DomainState(AgentState[Any]):
    # What the domain only reads is left out of its output (`OmitFromOutput`): the
    # parent's update from the domain carries what it changed (its messages, a hand-off),
    # not an echo of the turn's context that would rewrite six unchanged channels — a
    # new version of each, and with a checkpoint per step their values written again.
    context_block: NotRequired[Annotated[str, OmitFromOutput]]
    clock_block: NotRequired[Annotated[str, OmitFromOutput]]
    time_zone: NotRequired[Annotated[str, OmitFromOutput]]
    summary: NotRequired[Annotated[str, OmitFromOutput]]
    dialogue: NotRequired[Annotated[DialogueState, OmitFromOutput]]
    route: NotRequired[Annotated[list[str], OmitFromOutput]]
    # Shared with the parent graph, so a hand-off reaches the edge after the domain
    # (graph.next_domain).
    pending: NotRequired[list[str]]
    handoffs: NotRequired[list[str]]


def _asks(request: ToolCallRequest, *, whole_window: bool) -> bool:
    """Ask the person only about a call that can run: one whose arguments do not validate
    is refused by the tool (nothing written) and the model fixes it first."""
    tainted = read_others(request.state["messages"], whole_window=whole_window)
    return will_ask(request.tool_call, read_others=tainted)


def this_turn(messages: list[AnyMessage]) -> list[AnyMessage]:
    """The turn so far: the user's message and every step after it. Recorded with a
    proposal, the lookups that led to it keep their place before it in the transcript
    (alone, the proposal went in first and they followed when the turn ended)."""
    for i in range(len(messages) - 1, -1, -1):
        if isinstance(messages[i], HumanMessage):
            return list(messages[i:])
    return []


def approval_rules(
    domain: Domain, *, whole_window: bool = True
) -> dict[str, bool | InterruptOnConfig]:
    """Human-in-the-loop rules from the registry: which calls pause for the user.
    `whole_window`: other users' words read in earlier turns count too (agent/quoted.py)."""
    rules: dict[str, bool | InterruptOnConfig] = {}
    for action in actions_for(domain):
        # Writes without an approval of their own still ask in a turn that has read
        # other users' content (`_asks`, agent/quoted.py).
        if action.needs_approval is None and not action.writes:
            continue
        rules[action.name] = InterruptOnConfig(
            allowed_decisions=DECISIONS,
            description=question_for,
            when=partial(_asks, whole_window=whole_window),
        )
    return rules


def well_formed(messages: list[AnyMessage]) -> list[AnyMessage]:
    """Each tool result right after the call it answers (a proposal set aside by a new
    message is answered after that message); results of no call are left out."""
    results = {m.tool_call_id: m for m in messages if isinstance(m, ToolMessage)}
    placed: set[str] = set()
    out: list[AnyMessage] = []
    for message in messages:
        if isinstance(message, ToolMessage):
            continue
        out.append(message)
        if isinstance(message, AIMessage):
            for call in message.tool_calls:
                found = results.get(str(call.get("id")))
                if found is not None and found.tool_call_id not in placed:
                    placed.add(found.tool_call_id)
                    out.append(found)
    return out


def done_this_turn(messages: list[AnyMessage]) -> list[str]:
    """Summaries of the writes that succeeded since the user's last message."""
    start = max((i for i, m in enumerate(messages) if m.type == "human"), default=-1)
    done = []
    for m in messages[start + 1 :]:
        result = m.artifact if isinstance(m, ToolMessage) else None
        action = ACTIONS_BY_NAME.get(str(getattr(m, "name", "")))
        if isinstance(result, dict) and result.get("ok") and action and action.writes:
            done.append(str(result.get("summary") or ""))
    return done


def summaries_reply(messages: list[AnyMessage]) -> str | None:
    """The reply when the last step's calls were all writes that succeeded and the model
    said nothing beside them: their summaries. None when the model must answer."""
    tail = len(messages)
    while tail > 0 and isinstance(messages[tail - 1], ToolMessage):
        tail -= 1
    results = messages[tail:]
    step = messages[tail - 1] if tail > 0 else None
    if not results or not isinstance(step, AIMessage) or step.text.strip():
        return None
    answered = {m.tool_call_id for m in results if isinstance(m, ToolMessage)}
    if {str(c.get("id")) for c in step.tool_calls} != answered:
        return None
    summaries = []
    for message in results:
        result = message.artifact if isinstance(message, ToolMessage) else None
        action = ACTIONS_BY_NAME.get(str(message.name))
        if not (isinstance(result, dict) and result.get("ok") and action and action.writes):
            return None
        summaries.append(str(result.get("summary") or ""))
    return "\n".join(s for s in summaries if s) or None


class PamModelMiddleware(AgentMiddleware[Any, Any, Any]):
    state_schema = DomainState

    def __init__(
        self, domain: Domain, *, summaries_answer: bool = True, whole_window: bool = True
    ) -> None:
        super().__init__()
        self.domain = domain
        self.own = {a.name for a in actions_for(domain)}
        self.summaries_answer = summaries_answer
        self.whole_window = whole_window  # agent/quoted.py: read_others

    def system_prompt(self, state: Mapping[str, Any]) -> SystemMessage:
        return SystemMessage(
            domain_prompt(
                self.domain,
                str(state.get("context_block", "")),
                str(state.get("summary", "")),
                str(state.get("clock_block", "")),
                dialogue_lines(cast(DialogueState | None, state.get("dialogue"))),
            )
        )

    async def awrap_model_call(
        self,
        request: ModelRequest[Any],
        handler: Callable[[ModelRequest[Any]], Awaitable[ModelResponse[Any]]],
    ) -> ModelResponse[Any] | ExtendedModelResponse[Any]:
        """The prompt, the run's flags, and the call: one middleware layer (agent/flag_
        middleware.py says why); calls to paused actions are taken out last."""
        ctx = request.runtime.context or Context()
        if (paused := await paused_answer(ctx.flags, self.domain)) is not None:
            write_reply(ctx, paused.text)
            return ModelResponse(result=[paused])
        request = request.override(system_message=self.system_prompt(request.state))
        response = await self._answer(flagged_request(request, ctx.flags), handler, ctx)
        return await without_paused_calls(response, ctx.flags)

    async def _answer(
        self,
        request: ModelRequest[Any],
        handler: Callable[[ModelRequest[Any]], Awaitable[ModelResponse[Any]]],
        ctx: Context,
    ) -> ModelResponse[Any] | ExtendedModelResponse[Any]:
        if self.summaries_answer and (text := summaries_reply(list(request.state["messages"]))):
            # Answered without calling the model; no tool calls, so the agent ends. Here
            # rather than in a before_model hook: create_agent makes each hook a node, a
            # LangGraph step before every model call.
            write_reply(ctx, text)
            return ModelResponse(result=[AIMessage(text, name=self.domain)])
        system = [request.system_message] if request.system_message else []
        bound = _bound_model(request) if ctx.reply_tokens else None

        async def invoke(messages: list[BaseMessage]) -> AIMessage:
            if bound is not None:  # a chat turn: the reply's text written as it streams
                return await streamed_call(bound, messages)
            extra = [m for m in messages[len(system) :]]
            answer = await handler(request.override(messages=extra))  # type: ignore[arg-type]
            found = [m for m in answer.result if isinstance(m, AIMessage)]
            return found[-1] if found else AIMessage("")

        messages = [*system, *well_formed(list(request.messages))]
        try:
            message = await call_model(invoke, messages, ctx.turn_deadline(), where=self.domain)
        except ModelUnavailable:
            text = apology(done_this_turn(list(request.state["messages"])))
            write_reply(ctx, text)
            return ModelResponse(result=[AIMessage(text, name=self.domain)])
        message.name = self.domain
        message.id = message.id or f"lc_{uuid4().hex}"
        message, handoff = self._foreign_calls(message, request.state)
        tainted = read_others(request.state["messages"], whole_window=self.whole_window)
        if await prepare_questions(message, ctx, read_others=tainted):
            await record_proposal(ctx, [*this_turn(request.state["messages"]), message])
        if handoff is None:
            return ModelResponse(result=[message])
        state: Mapping[str, Any] = request.state
        update = {
            "pending": [handoff, *(state.get("pending") or [])],
            "handoffs": [*(state.get("handoffs") or []), handoff],
        }
        await emit("pam_handoff", {"from": self.domain, "to": handoff})
        return ExtendedModelResponse(ModelResponse(result=[message]), Command(update=update))

    def _foreign_calls(
        self, message: AIMessage, state: Mapping[str, Any]
    ) -> tuple[AIMessage, str | None]:
        """Drop calls to other domains' tools; the first such domain not yet asked this
        turn gets the message next (a hand-off), instead of a bare "not a tool" error."""
        foreign = [
            c
            for c in message.tool_calls
            if c["name"] not in self.own and c["name"] in ACTIONS_BY_NAME
        ]
        if not foreign:
            return message, None
        asked = {*(state.get("route") or []), *(state.get("pending") or [])}
        asked |= set(state.get("handoffs") or [])
        target = next(
            (d for c in foreign if (d := ACTIONS_BY_NAME[c["name"]].domain) not in asked), None
        )
        kept = [c for c in message.tool_calls if c not in foreign]
        log.info(
            "domain reached for another domain's tool",
            domain=self.domain,
            tools=[c["name"] for c in foreign],
            handoff=target,
        )
        trimmed = message.model_copy(update={"tool_calls": kept})
        return trimmed, target


def _bound_model(request: ModelRequest[Any]) -> ChatRunnable | None:
    """The request's model bound to its tools, as create_agent binds it for a request
    without a response format (PAM's never have one); None for one that has."""
    if request.response_format is not None:
        return None
    if request.tools:
        return request.model.bind_tools(
            request.tools, tool_choice=request.tool_choice, **request.model_settings
        )
    return request.model.bind(**request.model_settings)


def build_domain_agent(
    domain: Domain, model: BaseChatModel
) -> CompiledStateGraph[Any, Any, Any, Any]:
    steerable = metered(model)
    return create_agent(
        model,
        tools=list(domain_tools(domain)),
        middleware=[
            # A metered model reads the thread's earlier turns as text; the offline
            # brain builds its calls from the user's words (agent/quoted.py).
            SameActionApprovals(interrupt_on=approval_rules(domain, whole_window=steerable)),
            PamModelMiddleware(domain, summaries_answer=steerable, whole_window=steerable),
        ],
        state_schema=DomainState,
        context_schema=Context,
        name=domain,
    )


def make_general(model: BaseChatModel):  # type: ignore[no-untyped-def]
    async def general(state: PamState, runtime: Runtime[Context]) -> dict[str, Any]:
        ctx = runtime.context or Context()
        system = domain_prompt(
            GENERAL,
            state.get("context_block", ""),
            state.get("summary", ""),
            state.get("clock_block", ""),
        )
        system = with_prompt_variant(system, ctx.flags)
        prompt = [SystemMessage(system), *conversation_window(state["messages"])]
        chosen = model_for(ctx.flags, model)
        try:
            reply = await call_model(
                partial(streamed_call, chosen) if ctx.reply_tokens else chosen.ainvoke,
                prompt,
                ctx.turn_deadline(),
                where=GENERAL,
            )
        except ModelUnavailable:
            reply = AIMessage(apology([]))
            write_reply(ctx, reply.text)
        reply.name = GENERAL
        return {"messages": [reply]}

    return general
