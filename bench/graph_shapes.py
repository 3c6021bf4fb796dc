"""What LangGraph's loop costs for PAM's graph shape and for the shapes it could take
instead (issue 19, eighth round): the same state schemas (agent/state.py, the domains'
`DomainState`), nodes that do nothing but add a message, so only LangGraph's own work
is timed — task preparation, config and callback managers, channel writes, the
checkpoint kept in memory per step, the values output.

    python -m bench.graph_shapes [--turns 300] [--rounds 3] [--stem i19-graph9-shapes]

Shapes (a write turn has 3 outer steps and 5 in the domain's subgraph):
- `pam`: router → domain subgraph (5 steps) → finish — today's;
- `subgraph_3_steps`: the subgraph without human-in-the-loop's after_model node;
- `router_runs_domain`: the router node invokes the domain's compiled graph itself
  (no outer step of its own for the domain; still a nested LangGraph run);
- `flat`: the domain's 5 steps as nodes of the outer graph (no nested run);
- `outer_only`: router → domain (one plain node) → finish, the floor.
Each round runs every shape in turn; CPU ms per turn, median of the rounds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

import uvloop
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.types import Command

from agent.domains import DomainState
from agent.state import InputState, PamState

RESULTS = Path(__file__).resolve().parent / "results"


async def _answer(state: Any) -> dict[str, Any]:
    return {"messages": [AIMessage("x", name="wins")]}


async def _router(state: Any) -> Command[Any]:
    return Command(goto="wins", update={"route": ["wins"], "pending": [], "reply": ""})


async def _finish(state: Any) -> dict[str, Any]:
    return {"reply": "done"}


def _chain(builder: Any, names: list[str], first_from: str, last_to: str) -> None:
    for name in names:
        builder.add_node(name, _answer)
    for a, b in zip([first_from, *names], [*names, last_to], strict=True):
        builder.add_edge(a, b)


def _domain(steps: int) -> Any:
    builder = StateGraph(DomainState)
    _chain(builder, [f"step{i}" for i in range(steps)], START, END)
    return builder.compile(name="wins")


def shape(name: str) -> Any:
    builder = StateGraph(PamState, input_schema=InputState)
    builder.add_node("finish", _finish)
    builder.add_edge(START, "router")
    builder.add_edge("finish", END)
    if name == "router_runs_domain":
        domain = _domain(5)

        async def router(state: Any, config: RunnableConfig) -> dict[str, Any]:
            out = await domain.ainvoke(state, config)
            return {"messages": out["messages"], "route": ["wins"], "pending": []}

        builder.add_node("router", router)
        builder.add_edge("router", "finish")
        return builder.compile()
    builder.add_node("router", _router, destinations=("wins",))
    if name == "flat":
        builder.add_node("wins", _answer)
        _chain(builder, [f"step{i}" for i in range(1, 5)], "wins", "finish")
        return builder.compile()
    steps = {"pam": 5, "subgraph_3_steps": 3}.get(name)
    builder.add_node("wins", _domain(steps) if steps else _answer)
    builder.add_edge("wins", "finish")
    return builder.compile()


SHAPES = ("pam", "subgraph_3_steps", "router_runs_domain", "flat", "outer_only")


async def _cpu_ms(graph: Any, turns: int) -> float:
    started = time.process_time()
    for n in range(turns):
        await graph.ainvoke({"messages": [HumanMessage(f"turn {n}")]})
    return (time.process_time() - started) * 1000 / turns


async def measure(turns: int, rounds: int) -> dict[str, list[float]]:
    graphs = {name: shape(name) for name in SHAPES}
    for graph in graphs.values():
        await _cpu_ms(graph, 30)
    runs: dict[str, list[float]] = {name: [] for name in SHAPES}
    for _ in range(rounds):
        for name, graph in graphs.items():
            runs[name].append(await _cpu_ms(graph, turns))
    return runs


def markdown(runs: dict[str, list[float]], turns: int) -> str:
    base = statistics.median(runs["pam"])
    lines = [
        "# LangGraph's loop for PAM's shape and the alternatives (nodes that do nothing)",
        "",
        f"`python -m bench.graph_shapes`: {len(runs['pam'])} rounds of {turns} turns a shape;"
        " CPU ms per turn, median (min–max).",
        "",
        "| shape | CPU ms/turn | ÷ pam | saved ms |",
        "|---|---|---|---|",
    ]
    for name, values in runs.items():
        median = statistics.median(values)
        lines.append(
            f"| {name} | {median:.3f} ({min(values):.3f}–{max(values):.3f}) |"
            f" {median / base:.3f} | {base - median:.3f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stem", default="graph-shapes")
    args = parser.parse_args()
    runs = uvloop.run(measure(args.turns, args.rounds))
    text = markdown(runs, args.turns)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.stem}.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
