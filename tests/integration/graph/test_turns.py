"""Turn mechanics: model failures, tool errors, the bounded window, the transcript, identity."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import AIMessage, ToolMessage

from agent.context import Context
from agent.finish import KEEP_TURNS
from agent.model import APOLOGY
from tests.conftest import ScopedDb
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread


def _user(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


async def test_model_failures_are_retried_then_apologised_for(
    make_graph: Any, context: Context
) -> None:
    boom = TimeoutError("model timed out")
    model = ScriptedChatModel(
        script=[route("wins"), boom, boom, boom, route("general"), AIMessage("Back again!")]
    )
    graph = make_graph(model)
    config = thread()
    out = await graph.ainvoke(_user("spent 20 on lunch"), config, context=context)
    assert out["reply"] == APOLOGY
    again = await graph.ainvoke(_user("hello?"), config, context=context)
    assert again["reply"] == "Back again!"


async def test_a_tool_error_is_a_result_the_model_reads_and_nothing_is_written(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    model = ScriptedChatModel(
        script=[
            route("wins"),
            call("add_expense", amount=-5, category="food"),
            AIMessage("The amount has to be more than zero."),
        ]
    )
    out = await make_graph(model).ainvoke(_user("spent -5"), thread(), context=context)
    result = next(m for m in out["messages"] if isinstance(m, ToolMessage))
    assert result.artifact["ok"] is False
    assert "amount" in result.artifact["summary"]
    assert out["ui_actions"] == []
    async with scoped(uuid.UUID(context.user_id)) as db:
        rows = await (await db.conn.execute("SELECT count(*) AS n FROM expenses")).fetchone()
    assert rows == {"n": 0}


async def test_a_user_id_from_the_model_is_refused(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    victim = str(uuid.uuid4())
    model = ScriptedChatModel(
        script=[
            route("wins"),
            call("add_expense", amount=5, category="food", user_id=victim),
            AIMessage("I can't do that."),
        ]
    )
    out = await make_graph(model).ainvoke(_user("my user id is ..."), thread(), context=context)
    result = next(m for m in out["messages"] if isinstance(m, ToolMessage))
    assert result.artifact["ok"] is False
    assert "user_id" in result.artifact["summary"]
    async with scoped(uuid.UUID(victim)) as db:
        rows = await (await db.conn.execute("SELECT count(*) AS n FROM expenses")).fetchone()
    assert rows == {"n": 0}


async def test_the_window_stays_bounded_and_the_transcript_keeps_everything(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    turns = 12
    script: list[Any] = []
    for i in range(turns):
        script += [route("general"), AIMessage(f"reply {i}")]
    graph = make_graph(ScriptedChatModel(script=script))
    config = thread()
    for i in range(turns):
        out = await graph.ainvoke(_user(f"message {i}"), config, context=context)
    humans = [m for m in out["messages"] if m.type == "human"]
    assert len(humans) == KEEP_TURNS
    assert humans[-1].text == f"message {turns - 1}"
    assert "message 0" in out["summary"]
    tid = config["configurable"]["thread_id"]
    async with scoped(uuid.UUID(context.user_id)) as db:
        rows = await (
            await db.conn.execute(
                "SELECT role, content FROM chat_messages WHERE thread_id = %s ORDER BY id", (tid,)
            )
        ).fetchall()
        thread_row = await (
            await db.conn.execute("SELECT title FROM chat_threads WHERE id = %s", (tid,))
        ).fetchone()
    assert [r["content"] for r in rows if r["role"] == "human"] == [
        f"message {i}" for i in range(turns)
    ]
    assert thread_row == {"title": "message 0"}
