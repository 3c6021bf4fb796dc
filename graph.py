"""PAM's graph: router -> domain subgraph(s) -> finish.

`graph` (module level, no checkpointer) is what `langgraph.json` / `langgraph dev` load;
the server and the evals call `build_graph` with a Postgres checkpointer.
"""

from __future__ import annotations

from typing import Any, cast, get_args

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
from agent.router import DomainNode, RouterGoto, make_router
from agent.state import InputState, PamState
from tools.types import Domain

AGENT_DOMAINS: tuple[Domain, ...] = get_args(Domain)


async def next_domain(state: PamState) -> Command[RouterGoto]:
    """Run the next domain this turn asked for, or finish. (async: a sync node would
    run in a worker thread.)"""
    pending = state.get("pending") or []
    if not pending:
        return Command(goto="finish")
    return Command(goto=cast(DomainNode, pending[0]), update={"pending": pending[1:]})


def build_graph(
    checkpointer: Checkpointer = None,
    store: BaseStore | None = None,
    *,
    model: BaseChatModel | None = None,
) -> CompiledStateGraph[PamState, Context, InputState, PamState]:
    model = model or load_chat_model(default_model_name())
    inline_tracing()
    builder = StateGraph(PamState, context_schema=Context, input_schema=InputState)
    builder.add_node("router", make_router(model))
    for domain in AGENT_DOMAINS:
        builder.add_node(domain, build_domain_agent(domain, model))
        builder.add_edge(domain, "next_domain")
    builder.add_node("general", make_general(model))
    builder.add_edge("general", "next_domain")
    builder.add_node("next_domain", next_domain)
    builder.add_node("finish", finish)
    builder.add_edge(START, "router")
    builder.add_edge("finish", END)
    return builder.compile(checkpointer=checkpointer, store=store, name="pam")


def _module_graph() -> Any:
    return build_graph()


graph = _module_graph()
