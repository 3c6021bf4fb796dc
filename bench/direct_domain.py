"""What a domain step would cost without create_agent's per-step loop (issue 19,
thirteenth round): a measurement, not a design PAM runs.

    python -m bench.direct_domain [--rounds 20] [--turns 20] [--stem i19-graph13-direct]

Two graphs in one process, the same but for the domain nodes:

- `agent`: PAM's graph as it is (graph.build_graph): each domain is create_agent's
  compiled subgraph, whose loop makes every model call, human-in-the-loop's
  `after_model` hook and the tool calls a LangGraph step (a task, its config and
  runtime, channel reads and writes, an in-memory checkpoint, the branch functions).
- `direct`: each domain is one plain node that calls the SAME pieces of that same
  compiled agent in the same order — its model node (middleware and all:
  `PamModelMiddleware`, the flags, the chat-model call), human-in-the-loop's
  `after_model`, its ToolNode (as create_agent built it) — and merges their
  updates into a dict as the channels would (`add_messages` for messages). What is
  gone is only the subgraph's loop: the nested run, its steps and channels.

Every turn is the offline brain's write turn (router → wins → add_expense → reply) on a
thread of its own with no checkpointer (`make bench`'s turn cost); the two graphs must
give the same reply and the same message kinds for every turn (checked). Per round each
graph runs `--turns` turns in turn, order alternating, so a ratio is of runs seconds
apart; CPU is this process's (`time.process_time`). Python calls per turn (cProfile's
count) are the load-independent figure.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

import orjson
import uvloop
from langchain_core.messages import AIMessage, AnyMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph import START, StateGraph
from langgraph.graph.message import add_messages
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.brain import OfflineBrain
from agent.context import Context
from agent.domains import build_domain_agent, make_general
from agent.finish import finish
from agent.nodes import DOMAIN_NODES, DOMAINS, FINISH, GENERAL, ROUTER
from agent.router import make_router
from agent.state import InputState, PamState
from bench.clients import MESSAGE, varied
from bench.db import bench_database, prepare
from graph import QuietEdge, build_graph
from server.runs.request import DURABILITY
from tools.db.checkpoint_batch import BatchedSaver, run_batch
from tools.db.pool import Pool, open_pool

RESULTS = Path(__file__).resolve().parent / "results"
HITL_NODE = "HumanInTheLoopMiddleware.after_model"
# What create_agent's subgraph reads of the parent's state (agent/domains.DomainState).
DOMAIN_KEYS = (
    "context_block",
    "clock_block",
    "time_zone",
    "summary",
    "dialogue",
    "route",
    "pending",
    "handoffs",
)


def _merge(state: dict[str, Any], update: Any) -> None:
    """An update (a dict, a Command, or a list of them) applied as the channels would."""
    if update is None:
        return
    if isinstance(update, list):
        for item in update:
            _merge(state, item)
        return
    if isinstance(update, Command):
        _merge(state, update.update)
        return
    for key, value in update.items():
        if key == "messages":
            state["messages"] = add_messages(state["messages"], value)
        else:
            state[key] = value


class DirectDomain:
    """create_agent's model → after_model → tools → … loop, driven by a plain loop."""

    def __init__(self, agent: CompiledStateGraph[Any, Any, Any, Any]) -> None:
        self.model = agent.nodes["model"].bound.afunc  # type: ignore[attr-defined]
        hitl = agent.nodes.get(HITL_NODE)
        self.after_model = hitl.bound.afunc if hitl is not None else None  # type: ignore[attr-defined]
        self.tools: Any = agent.nodes["tools"].bound

    async def __call__(
        self, state: PamState, config: RunnableConfig, runtime: Runtime[Context]
    ) -> dict[str, Any]:
        local: dict[str, Any] = {k: state[k] for k in DOMAIN_KEYS if k in state}  # type: ignore[literal-required]
        local["messages"] = list(state["messages"])
        start = len(local["messages"])
        while True:
            _merge(local, await self.model(local, runtime))
            if self.after_model is not None:
                _merge(local, await self.after_model(local, runtime))
            if local.pop("jump_to", None) == "model":
                continue
            last = local["messages"][-1]
            if not (isinstance(last, AIMessage) and last.tool_calls):
                break
            _merge(local, await self.tools._afunc(local, config, runtime))
        out: dict[str, Any] = {"messages": local["messages"][start:]}
        for key in ("pending", "handoffs"):
            if key in local:
                out[key] = local[key]
        return out


def build_direct_graph(
    model: Any, checkpointer: Any = None
) -> CompiledStateGraph[Any, Any, Any, Any]:
    """graph.build_graph with each domain a `DirectDomain` over its create_agent."""
    builder = StateGraph(PamState, context_schema=Context, input_schema=InputState)
    builder.add_node(ROUTER, make_router(model))
    after: list[str] = [*DOMAIN_NODES, FINISH]
    edge = QuietEdge()
    for domain in DOMAINS:
        builder.add_node(domain, DirectDomain(build_domain_agent(domain, model)))  # type: ignore[call-overload]
        builder.add_conditional_edges(domain, edge, after)
    builder.add_node(GENERAL, make_general(model))
    builder.add_conditional_edges(GENERAL, edge, after)
    builder.add_node(FINISH, finish)
    builder.add_edge(START, ROUTER)
    builder.add_edge(FINISH, "__end__")
    return builder.compile(checkpointer=checkpointer, name="pam")


def _shape(out: dict[str, Any]) -> tuple[str, list[tuple[str, str | None, int]]]:
    messages: list[AnyMessage] = out["messages"]
    kinds: list[tuple[str, str | None, int]] = [
        (str(m.type), m.name, len(getattr(m, "tool_calls", []) or [])) for m in messages
    ]
    return str(out.get("reply")), kinds


async def _turns(
    graph: Any, ctx: Context, first: int, n: int, durability: str | None = None
) -> list[Any]:
    shapes = []
    options = {"durability": durability} if durability else {}
    for i in range(first, first + n):
        thread_id = str(uuid.uuid4())
        config: Any = {"configurable": {"thread_id": thread_id}}
        async with run_batch(graph.checkpointer, thread_id):
            out = await graph.ainvoke(
                {"messages": [("user", varied(MESSAGE, i))]}, config, context=ctx, **options
            )
        shapes.append(_shape(out))
    return shapes


# (name, with the Postgres checkpointer, durability): the graph alone (`make bench`'s
# divisor), a chat turn's checkpointing, an Agent Protocol run's (LangGraph's default).
MODES = (("alone", False, None), ("chat", True, DURABILITY), ("agent_protocol", True, "async"))


def _spread(values: list[float]) -> dict[str, Any]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "fewer": f"{sum(x < 1 for x in values)}/{len(values)}",
    }


async def measure(url: str, rounds: int, turns: int) -> dict[str, Any]:
    pool: Pool = await open_pool(url, min_size=2, max_size=4)
    try:
        ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
        saver = BatchedSaver(pool)
        graphs = {
            "agent": (
                build_graph(None, model=OfflineBrain()),
                build_graph(saver, model=OfflineBrain()),
            ),
            "direct": (
                build_direct_graph(OfflineBrain()),
                build_direct_graph(OfflineBrain(), saver),
            ),
        }
        # Warm every variant of the load's message (the brain's caches), and check the
        # two graphs answer every turn alike.
        same = [await _turns(g[0], ctx, 0, 90) for g in graphs.values()]
        if same[0] != same[1]:
            diff = next(i for i, (a, b) in enumerate(zip(*same, strict=True)) if a != b)
            raise SystemExit(f"turn {diff} differs: {same[0][diff]} against {same[1][diff]}")
        for g in graphs.values():
            await _turns(g[1], ctx, 0, 10, DURABILITY)
        calls: dict[str, dict[str, int]] = {name: {} for name in graphs}
        for name, pair in graphs.items():
            for mode, saved, durability in MODES:
                profile = cProfile.Profile()
                profile.enable()
                await _turns(pair[saved], ctx, 0, turns, durability)
                profile.disable()
                total = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
                calls[name][mode] = round(total / turns)
        runs: dict[str, dict[str, list[float]]] = {
            name: {mode: [] for mode, _, _ in MODES} for name in graphs
        }
        names = list(graphs)
        for r in range(rounds):
            for mode, saved, durability in MODES:
                for name in names if r % 2 == 0 else names[::-1]:
                    started = time.process_time()
                    await _turns(graphs[name][saved], ctx, r * turns, turns, durability)
                    runs[name][mode].append((time.process_time() - started) * 1000 / turns)
        return {
            "rounds": rounds,
            "turns": turns,
            "load": os.getloadavg()[0],
            "calls_per_turn": calls,
            "cpu_ms_per_turn": {
                n: {m: statistics.median(v) for m, v in by.items()} for n, by in runs.items()
            },
            "ratio_direct_over_agent": {
                mode: _spread(
                    [d / a for d, a in zip(runs["direct"][mode], runs["agent"][mode], strict=True)]
                )
                for mode, _, _ in MODES
            },
            "same_replies_turns": len(same[0]),
            "runs": runs,
        }
    finally:
        await pool.close()


def markdown(result: dict[str, Any]) -> str:
    cpu, calls = result["cpu_ms_per_turn"], result["calls_per_turn"]
    ratio = result["ratio_direct_over_agent"]
    lines = [
        "# A domain step without create_agent's per-step loop (measurement only)",
        "",
        f"`python -m bench.direct_domain --rounds {result['rounds']} --turns "
        f"{result['turns']}`: the offline brain's write turn, with no checkpointer (the graph "
        "alone, `make bench`'s divisor), with the server's Postgres checkpointer at the chat's "
        "durability (`exit`) and at LangGraph's default (`async`, an Agent Protocol run's); "
        "the two graphs gave the same reply and message kinds on all "
        f"{result['same_replies_turns']} variants. Load average {result['load']:.1f}.",
        "",
        "| graph | CPU ms/turn: alone | chat | Agent Protocol's | Python calls/turn: alone |"
        " chat | Agent Protocol's |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, label in (
        ("agent", "agent (create_agent's subgraph)"),
        ("direct", "direct (the same pieces, a plain loop)"),
    ):
        c, k = cpu[name], calls[name]
        lines.append(
            f"| {label} | {c['alone']:.2f} | {c['chat']:.2f} | {c['agent_protocol']:.2f} |"
            f" {k['alone']} | {k['chat']} | {k['agent_protocol']} |"
        )
    cells = " | ".join(
        f"**{r['median']:.3f}** ({r['min']:.3f}–{r['max']:.3f}), {r['fewer']}"
        for r in (ratio[m] for m, _, _ in MODES)
    )
    counts = " | ".join(f"{calls['direct'][m] / calls['agent'][m]:.3f}" for m, _, _ in MODES)
    lines += [
        f"| direct ÷ agent, paired (median, spread, rounds lower) | {cells} | {counts} |",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--stem", default="i19-graph13-direct")
    args = parser.parse_args()
    with bench_database() as url:
        uvloop.run(prepare(url))
        result = uvloop.run(measure(url, args.rounds, args.turns))
    RESULTS.mkdir(exist_ok=True)
    text = markdown(result)
    (RESULTS / f"{args.stem}.md").write_text(text)
    (RESULTS / f"{args.stem}.json").write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2))
    print(text)


if __name__ == "__main__":
    main()
