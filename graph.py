"""PAM's graph: router -> domain subgraph(s) -> finish.

`graph` (module level, no checkpointer) is what `langgraph.json` / `langgraph dev` load;
the server and the evals call `build_graph` with a Postgres checkpointer.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.store.base import BaseStore
from langgraph.types import Checkpointer, Command

from agent.context import Context
from agent.domains import build_domain_agent, make_general
from agent.finish import finish
from agent.inline_tracing import install as inline_tracing
from agent.model import default_model_name, load_chat_model
from agent.nodes import (
    DOMAINS,
    FINISH,
    GENERAL,
    NEXT_DOMAIN,
    ROUTER,
    RouterGoto,
)
from agent.router import make_router
from agent.state import InputState, PamState


async def next_domain(state: PamState) -> Command[RouterGoto]:
    """Run the next domain this turn asked for, or finish. (async: a sync node would
    run in a worker thread.)"""
    pending = state.get("pending") or []
    if not pending:
        return Command(goto=FINISH)
    return Command(goto=pending[0], update={"pending": pending[1:]})


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
    for domain in DOMAINS:
        builder.add_node(domain, build_domain_agent(domain, model))
        builder.add_edge(domain, NEXT_DOMAIN)
    builder.add_node(GENERAL, make_general(model))
    builder.add_edge(GENERAL, NEXT_DOMAIN)
    builder.add_node(NEXT_DOMAIN, next_domain)
    builder.add_node(FINISH, finish)
    builder.add_edge(START, ROUTER)
    builder.add_edge(FINISH, END)
    return builder.compile(checkpointer=checkpointer, store=store, name="pam")


def _module_graph() -> Any:
    return build_graph()


graph = _module_graph()
