"""The metrics callback on a real graph turn: tool calls and failed tool results by
tool, and model call latency."""

from __future__ import annotations

import asyncio
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


async def _tasks_of_a_turn(pool: Pool, callbacks: list[Any]) -> int:
    """How many asyncio tasks a streamed turn starts (with `messages`, as a served turn)."""
    graph: Any = build_graph(model=ScriptedChatModel(script=[route("general"), AIMessage("Hi.")]))
    context = Context(user_id=str(uuid.uuid4()), pool=pool)
    loop = asyncio.get_running_loop()
    started = 0

    def counting(loop: asyncio.AbstractEventLoop, coro: Any, **kwargs: Any) -> asyncio.Task[Any]:
        nonlocal started
        started += 1
        return asyncio.Task(coro, loop=loop, **kwargs)

    loop.set_task_factory(counting)
    try:
        async for _ in graph.astream(
            {"messages": [{"role": "user", "content": "hi"}]},
            RunnableConfig(callbacks=callbacks),
            context=context,
            stream_mode=["values", "updates", "messages", "custom"],
            subgraphs=True,
        ):
            pass
    finally:
        loop.set_task_factory(None)
    return started


async def test_the_callback_starts_no_task_per_event(pool: Pool) -> None:
    """LangChain runs a handler that is not inline as a task of its own per callback
    event (every chain start and end, every token): this one runs in line."""
    await _tasks_of_a_turn(pool, [])  # warm: first-call set-up starts tasks of its own
    bare = await _tasks_of_a_turn(pool, [])
    assert await _tasks_of_a_turn(pool, [MetricsCallback()]) == bare
