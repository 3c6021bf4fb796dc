"""PAM's graph: router -> domain subgraph(s) -> finish.

`graph` (module level, no checkpointer) is what `langgraph.json` / `langgraph dev` load;
the server and the evals call `build_graph` with a Postgres checkpointer.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.store.base import BaseStore
from langgraph.types import Checkpointer

from agent.context import Context
from agent.domains import build_domain_agent, make_general
from agent.finish import finish
from agent.inline_tracing import install as inline_tracing
from agent.model import default_model_name, load_chat_model
from agent.nodes import (
    DOMAIN_NODES,
    DOMAINS,
    FINISH,
    GENERAL,
    ROUTER,
    RouterGoto,
)
from agent.router import make_router
from agent.state import InputState, PamState


def next_domain(state: PamState) -> RouterGoto:
    """After a domain: the first domain this turn asked for (`pending`, hand-offs first)
    that has not answered yet, or finish. Every domain answers with messages named for
    it (agent/domains.py, the general node), so what ran this turn is read from the
    messages since the user's, and `pending` is never popped. An edge rather than a node
    that pops it: a node is a LangGraph step of every turn (and a checkpoint)."""
    answered: set[str] = set()
    for message in reversed(state["messages"]):
        if isinstance(message, HumanMessage):
            break
        if isinstance(message, AIMessage) and message.name:
            answered.add(message.name)
    return next((d for d in state.get("pending") or [] if d not in answered), FINISH)


def build_graph(
    checkpointer: Checkpointer = None,
    store: BaseStore | None = None,
    *,
    model: BaseChatModel | None = None,
) -> CompiledStateGraph[PamState, Context, InputState, PamState]:
    model = model or load_chat_model(default_model_name())
    inline_tracing()
    builder = StateGraph(PamState, context_schema=Context, input_schema=InputState)
    builder.add_node(ROUTER, make_router(model))
    after: list[str] = [*DOMAIN_NODES, FINISH]
    for domain in DOMAINS:
        builder.add_node(domain, build_domain_agent(domain, model))
        builder.add_conditional_edges(domain, next_domain, after)
    builder.add_node(GENERAL, make_general(model))
    builder.add_conditional_edges(GENERAL, next_domain, after)
    builder.add_node(FINISH, finish)
    builder.add_edge(START, ROUTER)
    builder.add_edge(FINISH, END)
    return builder.compile(checkpointer=checkpointer, store=store, name="pam")


def _module_graph() -> Any:
    return build_graph()


graph = _module_graph()
