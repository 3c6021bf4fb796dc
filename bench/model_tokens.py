"""What PAM sends a real model, measured: input tokens per turn on a fixed set of turns.

`python -m bench.model_tokens [--out bench/results/model-tokens.json] [--label after]`

PAM runs as it does in production with `PAM_MODEL=openai:...` (langchain-openai, the
real graph, the real database), pointed at the replay server in its logging mode
(`evals.replay.capture`) answering from the offline brain. Every request body is kept
and attributed to the conversation turn that sent it. The turns are those of the eval
datasets (`evals/datasets/*.jsonl`, fixed and versioned); a *write turn* is one in which
a tool outside `READS` ran. Input tokens are counted with `evals.replay.usage`
(tiktoken's o200k_base, the gpt-4o family's tokenizer; see that module for the recipe).

The JSON keeps, per turn: the domain(s), the tools called, and per model call its kind
(router, domain, general) and input tokens. `--compare BEFORE.json` writes the Markdown
report of both runs side by side (`bench/results/model-tokens.md`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from evals.dataset import Conversation, load_datasets
from evals.replay.brain import BrainUpstream
from evals.replay.capture import Captured, CapturingSource
from evals.replay.server import serve_in_background
from evals.replay.sources import LiveSource
from evals.replay.usage import encoder, prompt_tokens, tokens

REPO = Path(__file__).resolve().parent.parent
DATASETS = sorted((REPO / "evals" / "datasets").glob("*.jsonl"))
MODEL = "openai:pam-brain"
# Tools that only read: a turn that calls nothing else is not a write turn. Fixed here
# (not read from the registry) so that before and after classify turns alike.
READS = frozenset(
    {
        "list_expenses", "budget_status", "spending_summary", "list_vehicles", "fuel_stats",
        "maintenance_due", "tyre_pressure_history", "list_trips", "weather_forecast",
        "find_places", "list_events", "list_tasks", "list_pantry", "get_shopping_list",
        "get_feed", "list_groups",
    }
)  # fmt: skip


def call_kind(request: dict[str, Any]) -> str:
    names = [t.get("function", {}).get("name") for t in request.get("tools") or []]
    if "route_request" in names:
        return "router"
    return "domain" if names else "general"


def system_text(request: dict[str, Any]) -> str:
    for message in request.get("messages") or []:
        if message.get("role") in ("system", "developer"):
            return str(message.get("content") or "")
    return ""


def before_clock(system: str) -> str:
    """The system prompt up to its clock line: what stays the same from one turn to the
    next, so a provider's prompt cache can reuse it (the clock changes every minute)."""
    at = system.find("Current time:")
    return system if at < 0 else system[:at]


def describe_call(captured: Captured) -> dict[str, Any]:
    request = captured.request
    system = system_text(request)
    return {
        "kind": call_kind(request),
        "input_tokens": prompt_tokens(request),
        "messages": len(request.get("messages") or []),
        "tools": len(request.get("tools") or []),
        "system_first_line": system.split("\n", 1)[0][:80],
        "system_tokens_before_clock": tokens(before_clock(system)) if system else 0,
    }


async def _conversation(
    graph: Any, pool: Any, services: Any, source: CapturingSource, conversation: Conversation
) -> list[dict[str, Any]]:
    from langchain_core.runnables import RunnableConfig

    from agent.context import Context
    from evals.fixtures import FixtureError, World, set_up
    from evals.turns import CallKey, run_turn

    world = World(pool, datetime.fromisoformat(conversation.now), services)
    config: RunnableConfig = {"configurable": {"thread_id": str(uuid4())}, "recursion_limit": 60}
    context = Context(
        user_id=str(world.me), now=conversation.now, pool=world.pool, services=world.services
    )
    seen: set[CallKey] = set()
    turns: list[dict[str, Any]] = []
    try:
        await set_up(world, conversation.profile, conversation.fixtures)
    except FixtureError:
        await world.cleanup()
        return turns
    waiting = False
    try:
        for number, turn in enumerate(conversation.turns, start=1):
            if turn.decisions is not None and not waiting:
                break
            source.tag = (conversation.id, number)
            source.take()
            try:
                observed = await run_turn(graph, config, context, turn, seen)
            except Exception as exc:  # a crash is a finding, not the bench's end
                turns.append({"id": conversation.id, "turn": number, "crash": repr(exc)})
                break
            waiting = observed.interrupt
            tools = [t.name for t in observed.tools]
            calls = [describe_call(c) for c in source.take()]
            turns.append(
                {
                    "id": conversation.id,
                    "turn": number,
                    "said": turn.said,
                    "route": observed.route,
                    "tools": tools,
                    "write": any(t not in READS for t in tools),
                    "calls": calls,
                    "input_tokens": sum(c["input_tokens"] for c in calls),
                }
            )
    finally:
        await graph.checkpointer.adelete_thread(config["configurable"]["thread_id"])
        await world.cleanup()
    return turns


async def _capture(url: str, model_url: str, source: CapturingSource, reach: Any) -> list[Any]:
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

    from agent.model import load_chat_model
    from evals.session import openai_env
    from graph import build_graph
    from tools.db.migrate import migrate
    from tools.db.pool import open_pool

    conversations = load_datasets(DATASETS)
    await migrate(url)
    pool = await open_pool(url, min_size=1, max_size=8)
    try:
        with openai_env(model_url):
            model = load_chat_model(MODEL)
        saver = AsyncPostgresSaver(pool)
        await saver.setup()
        graph = build_graph(checkpointer=saver, model=model)
        turns: list[Any] = []
        for conversation in conversations:
            services = reach.per_conversation(conversation) if reach.per_conversation else None
            turns += await _conversation(
                graph, pool, services or reach.services, source, conversation
            )
        return turns
    finally:
        await pool.close()


def capture() -> list[dict[str, Any]]:
    from evals.session import eval_database, eval_services
    from evals.weather import RECORDED_FORECAST
    from server.settings import load_settings

    settings = load_settings()
    source = CapturingSource(LiveSource(BrainUpstream()))
    with (
        eval_database(settings.database_url, settings.pam_data_dir, True) as url,
        eval_services(None, RECORDED_FORECAST) as reach,
        serve_in_background(source) as running,
    ):
        return asyncio.run(_capture(url, running.url, source, reach))


def _median(values: Iterable[float]) -> float:
    found = list(values)
    return float(statistics.median(found)) if found else 0.0


def summarise(turns: list[dict[str, Any]]) -> dict[str, Any]:
    writes = [t for t in turns if t.get("write")]
    by_domain: dict[str, list[int]] = {}
    for t in writes:
        for domain in dict.fromkeys(t["route"]):
            by_domain.setdefault(domain, []).append(t["input_tokens"])
    calls = [c for t in writes for c in t["calls"]]
    return {
        "turns": len(turns),
        "write_turns": len(writes),
        "crashed_turns": sum("crash" in t for t in turns),
        "input_tokens_per_write_turn": {
            "median": _median(t["input_tokens"] for t in writes),
            "mean": round(statistics.fmean([t["input_tokens"] for t in writes]), 1)
            if writes
            else 0,
            "total": sum(t["input_tokens"] for t in writes),
        },
        "median_by_domain": {d: _median(v) for d, v in sorted(by_domain.items())},
        "model_calls_per_write_turn": _median(len(t["calls"]) for t in writes),
        "median_tokens_by_call_kind": {
            kind: _median(c["input_tokens"] for c in calls if c["kind"] == kind)
            for kind in ("router", "domain", "general")
        },
        "input_tokens_all_turns": sum(t.get("input_tokens", 0) for t in turns),
    }


def _pct(before: float, after: float) -> str:
    return f"{(after - before) / before * 100:+.1f} %" if before else "n/a"


def report(before: dict[str, Any], after: dict[str, Any]) -> str:
    b, a = before["summary"], after["summary"]
    keys = {(t["id"], t["turn"]) for t in before["turns"] if t.get("write")}
    same = [t for t in after["turns"] if (t["id"], t["turn"]) in keys]
    before_same = [t for t in before["turns"] if (t["id"], t["turn"]) in keys]
    lines = [
        "# Input tokens PAM sends a model, per write turn",
        "",
        "Made by `python -m bench.model_tokens` (see its docstring): every eval-dataset",
        "conversation through the real graph with `PAM_MODEL=openai:pam-brain`, against the",
        "replay server's logging mode answering from the offline brain; tokens counted with",
        f"`{before['encoding']}` (`evals/replay/usage.py`). A write turn is one whose tools",
        "include a write. The same turns are compared: the write turns of the first run.",
        "",
        f"| figure | {before['label']} | {after['label']} | change |",
        "|---|---|---|---|",
        f"| write turns | {b['write_turns']} | {len(same)} (same turns) | |",
    ]
    med_b = _median(t["input_tokens"] for t in before_same)
    med_a = _median(t["input_tokens"] for t in same)
    tot_b = sum(t["input_tokens"] for t in before_same)
    tot_a = sum(t["input_tokens"] for t in same)
    calls_b = _median(len(t["calls"]) for t in before_same)
    calls_a = _median(len(t["calls"]) for t in same)
    lines += [
        f"| median input tokens per write turn | {med_b:.0f} | {med_a:.0f} "
        f"| {_pct(med_b, med_a)} |",
        f"| total input tokens, write turns | {tot_b} | {tot_a} | {_pct(tot_b, tot_a)} |",
        f"| median model calls per write turn | {calls_b:.0f} | {calls_a:.0f} | |",
        f"| input tokens, all {b['turns']} turns | {b['input_tokens_all_turns']} | "
        f"{a['input_tokens_all_turns']} | "
        f"{_pct(b['input_tokens_all_turns'], a['input_tokens_all_turns'])} |",
    ]
    for kind in ("router", "domain", "general"):
        kb, ka = b["median_tokens_by_call_kind"][kind], a["median_tokens_by_call_kind"][kind]
        lines.append(f"| median tokens of one {kind} call | {kb:.0f} | {ka:.0f} | {_pct(kb, ka)} |")

    def stable(run: dict[str, Any]) -> float:
        calls = [c for t in run["turns"] for c in t.get("calls", []) if c["kind"] == "domain"]
        return _median(c.get("system_tokens_before_clock", 0) for c in calls)

    lines.append(
        f"| median system-prompt tokens before the clock line (domain calls) | "
        f"{stable(before):.0f} | {stable(after):.0f} | |"
    )
    lines += ["", "Median input tokens per write turn, by routed domain:", ""]
    lines += [f"| domain | {before['label']} | {after['label']} | change |", "|---|---|---|---|"]
    for domain in sorted(set(b["median_by_domain"]) | set(a["median_by_domain"])):
        vb = _median(t["input_tokens"] for t in before_same if domain in t["route"])
        va = _median(t["input_tokens"] for t in same if domain in t["route"])
        lines.append(f"| {domain} | {vb:.0f} | {va:.0f} | {_pct(vb, va)} |")
    for run in (before, after):
        if run.get("notes"):
            lines += ["", f"Notes ({run['label']}):", "", *[f"- {n}" for n in run["notes"]]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.model_tokens", description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "bench/results/model-tokens.json")
    parser.add_argument("--label", default="after")
    parser.add_argument("--compare", type=Path, help="an earlier run's JSON: write the report")
    parser.add_argument("--report", type=Path, default=REPO / "bench/results/model-tokens.md")
    args = parser.parse_args(argv)
    turns = capture()
    run = {
        "label": args.label,
        "model": MODEL,
        "encoding": encoder()[0],
        "summary": summarise(turns),
        "turns": turns,
    }
    args.out.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(run["summary"], indent=2))
    if args.compare:
        before = json.loads(args.compare.read_text())
        args.report.write_text(report(before, run))
        print(args.report.read_text())


if __name__ == "__main__":
    main()
