"""The graph alone on the served thread shape (bench/turn_cost.served_thread) and the
server's own share against it (bench/derive.own_share_on_thread), beside the issue's
figure: the threads it runs are the load's threads, turn for turn."""

from __future__ import annotations

import asyncio
import json
import uuid
from itertools import islice
from typing import Any

from langchain_core.messages import AnyMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from agent.brain import OfflineBrain
from agent.context import Context
from bench.client_base import MESSAGE, thread_messages
from bench.clients import SseClient
from bench.derive import graph_on_threads, own_share, own_share_on_thread
from bench.load import closed_loop
from bench.report import markdown
from bench.turn_cost import served_thread, thread_graph
from graph import build_graph
from tools.db.pool import Pool


class _Server:
    url = "http://127.0.0.1:9"
    ws_url = "ws://127.0.0.1:9"

    def rss(self) -> int:
        return 0

    def cpu_s(self) -> float:
        return 0.0


async def test_a_served_thread_sends_what_a_load_client_sends() -> None:
    sent: dict[str, list[str]] = {}

    class Recording(SseClient):  # the real client's set-up; its turns recorded, not sent
        async def turn(self, message: str = MESSAGE) -> float | None:
            sent.setdefault(str(id(self)), []).append(message)
            await asyncio.sleep(0.002)
            return None

    await closed_loop(_Server(), lambda u: Recording(_Server(), u), 2, 0.05)  # type: ignore[arg-type]
    assert len(sent) == 2
    for thread in sent.values():
        assert len(thread) > 3
        assert thread == list(islice(thread_messages(), len(thread)))


def _shape(messages: list[AnyMessage]) -> list[tuple[str, str, list[str]]]:
    """Each message's kind, words and calls (a tool result by its summary: row ids differ
    from thread to thread)."""
    return [
        (
            m.type,
            json.loads(m.text)["summary"] if m.type == "tool" else m.text,
            [c["name"] for c in getattr(m, "tool_calls", None) or []],
        )
        for m in messages
    ]


async def test_a_turn_on_the_served_thread_holds_what_a_checkpointed_thread_holds(
    pool: Pool,
) -> None:
    """The state handed in turn after turn is the state a checkpointer keeps: the
    window, its summary, the dialogue."""
    carried = thread_graph(build_graph(None, model=OfflineBrain()))
    saved = build_graph(InMemorySaver(), model=OfflineBrain())
    texts = list(islice(thread_messages(), 7))  # past the window of four turns
    ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
    state: dict[str, Any] = {"messages": []}
    for text in texts:
        turn = {**state, "messages": [*state["messages"], HumanMessage(text)]}
        state = await carried.ainvoke(turn, config, context=ctx)
    other: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
    for text in texts:
        kept = await saved.ainvoke({"messages": [HumanMessage(text)]}, other, context=ctx)
    assert _shape(state["messages"]) == _shape(kept["messages"])
    assert len(state["messages"]) == 16  # four turns of four messages
    assert state["summary"] and state["summary"] == kept["summary"]
    assert state["reply"] == kept["reply"]
    assert state.get("dialogue", {}).keys() == kept.get("dialogue", {}).keys()


async def test_served_thread_reports_each_position(pool: Pool) -> None:
    got = await served_thread(build_graph(None, model=OfflineBrain()), pool, 6, per_thread=4)
    assert got["turns"] == 6 and got["turns_per_thread"] == 4
    assert set(got["by_position_cpu_ms"]) == {"1", "2", "3", "4+"}
    assert got["cpu_ms_per_turn"] > 0


POSITIONS = {"1": 10.0, "2": 11.0, "3": 12.0, "4+": 13.0}


def test_the_graph_on_threads_is_weighed_by_how_long_the_threads_ran() -> None:
    assert graph_on_threads(POSITIONS, 1) == 10.0
    assert graph_on_threads(POSITIONS, 2.5) == (10 + 11 + 0.5 * 12) / 2.5
    assert graph_on_threads(POSITIONS, 10) == (10 + 11 + 12 + 7 * 13) / 10
    assert graph_on_threads({"1": 10.0}, 10) is None


def test_the_share_on_the_thread_sits_beside_the_issues_share() -> None:
    load: dict[str, Any] = {
        "c16": {"sse": {"server_cpu_ms_per_turn": 20.0, "turns_incl_late": 160, "turns_per_s": 8}}
    }
    own_share(load, graph_cpu_ms=10.0)
    own_share_on_thread(load, POSITIONS)
    row = load["c16"]["sse"]
    assert (row["own_cpu_ms_per_turn"], row["own_vs_graph"]) == (10.0, 1.0)  # unchanged
    assert row["graph_on_thread_cpu_ms_per_turn"] == 12.4  # threads of 10 turns
    assert row["own_on_thread_cpu_ms_per_turn"] == 7.6
    assert row["own_vs_graph_on_thread"] == 0.61
    results = {
        "machine": {"started": "now", "cpus": 2, "load_before": 1, "load_after": 1},
        "params": {"reps": 1},
        "server_load": load,
    }
    text = markdown(results)
    assert "| 10.0 (1 ×) | 12.4 | 7.6 (0.61 ×) |" in text
