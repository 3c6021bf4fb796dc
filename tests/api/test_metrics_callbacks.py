"""The metrics callback on a real graph turn: tool calls and failed tool results by
tool, and model call latency."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableConfig
from prometheus_client import REGISTRY

from agent.context import Context
from graph import build_graph
from server.metrics_callbacks import MetricsCallback
from tests.fakes import ScriptedChatModel, route
from tools.db.pool import Pool


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_a_turn_counts_tool_calls_errors_and_model_time(pool: Pool) -> None:
    model = ScriptedChatModel(
        script=[
            route("wins"),
            AIMessage(
                "",
                tool_calls=[
                    {"name": "add_expense", "args": {"amount": 12, "category": "food"}, "id": "c1"},
                    # refused: an error result, so the model answers (no summary shortcut)
                    {"name": "add_expense", "args": {"amount": -3, "category": "food"}, "id": "c2"},
                ],
            ),
            AIMessage("Logged the first one."),
        ]
    )
    graph: Any = build_graph(model=model)  # typed for InputState; a plain dict is enough here
    context = Context(user_id=str(uuid.uuid4()), now="2026-03-10T09:00:00+11:00", pool=pool)
    calls = sample("pam_tool_calls_total", tool="add_expense")
    errors = sample("pam_tool_errors_total", tool="add_expense")
    model_calls = sample("pam_model_latency_seconds_count")
    turn: dict[str, Any] = {"messages": [{"role": "user", "content": "food 12, and food -3"}]}
    out = await graph.ainvoke(turn, RunnableConfig(callbacks=[MetricsCallback()]), context=context)
    assert out["reply"] == "Logged the first one."
    assert sample("pam_tool_calls_total", tool="add_expense") - calls == 2
    assert sample("pam_tool_errors_total", tool="add_expense") - errors == 1
    assert sample("pam_model_latency_seconds_count") - model_calls == 3
