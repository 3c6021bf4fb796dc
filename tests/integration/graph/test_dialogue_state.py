"""Dialogue state (agent/dialogue.py): the previous turn's action, filters and rows are in
the checkpointed state, every model is shown them, and they survive a restart: a
correction on the next turn updates the row just written, not a new one."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from agent.brain import OfflineBrain
from agent.context import Context
from graph import build_graph
from tests.conftest import ScopedDb
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread
from tools.db.pool import Pool


def _user(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


async def _expenses(scoped: ScopedDb, context: Context) -> list[dict[str, Any]]:
    async with scoped(uuid.UUID(context.user_id)) as db:
        cur = await db.conn.execute("SELECT amount, category FROM expenses ORDER BY created_at")
        return list(await cur.fetchall())


async def test_a_correction_after_a_restart_updates_the_row_just_written(
    pool: Pool, context: Context, scoped: ScopedDb
) -> None:
    config = thread()
    before: Any = build_graph(checkpointer=AsyncPostgresSaver(pool), model=OfflineBrain())
    await before.ainvoke(_user("spent 50 at Woolies on groceries"), config, context=context)
    state = (await before.aget_state(config)).values["dialogue"]
    assert (state["domain"], state["action"], state["wrote"]) == ("wins", "add_expense", True)
    # no day was said: the call dates it today outright, so the filters carry that day
    filters = state["filters"]
    assert filters == {"amount": 50, "category": "groceries", "date": filters["date"]}
    assert filters["date"] == state["day"]
    (row,) = state["referents"]
    assert row["kind"] == "expense" and row["amount"] == 50
    assert state["written"] == [row]  # the recent writes, kept for a later correction

    # A new graph and saver, as after a restart: only the checkpoint carries the state.
    after: Any = build_graph(checkpointer=AsyncPostgresSaver(pool), model=OfflineBrain())
    out = await after.ainvoke(_user("actually 55"), config, context=context)

    assert "$55.00" in out["reply"]
    assert [(float(r["amount"]), r["category"]) for r in await _expenses(scoped, context)] == [
        (55.0, "groceries")
    ]
    state = (await after.aget_state(config)).values["dialogue"]
    assert state["action"] == "update_expense"
    assert state["referents"][0]["id"] == row["id"]


async def test_every_model_is_shown_what_the_previous_turn_did(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(
        script=[
            route("wins"),
            call("list_expenses", category="food", start_date="2026-02-01", end_date="2026-02-28"),
            AIMessage("Nothing on food in February."),
            route("wins"),
            AIMessage("Which month?"),
        ]
    )
    graph = make_graph(model)
    config = thread()
    await graph.ainvoke(_user("food last month?"), config, context=context)
    await graph.ainvoke(_user("and the month before?"), config, context=context)
    router, domain = model.seen[3][0].text, model.seen[4][0].text
    for prompt in (router, domain):
        assert "Previous action: list_expenses (wins, the previous turn)" in prompt
        assert (
            'Previous filters: {"category":"food","start_date":"2026-02-01",'
            '"end_date":"2026-02-28"}' in prompt
        )
    assert "Previous action" not in model.seen[0][0].text  # nothing before the first turn


async def test_a_turn_without_a_call_keeps_the_state_one_turn_older(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(
        script=[
            route("wins"),
            call("add_expense", amount=12, category="food"),
            AIMessage("Logged."),
            route("general"),
            AIMessage("No worries!"),
        ]
    )
    graph = make_graph(model)
    config = thread()
    await graph.ainvoke(_user("12 on lunch"), config, context=context)
    await graph.ainvoke(_user("thanks"), config, context=context)
    state = (await graph.aget_state(config)).values["dialogue"]
    assert (state["action"], state["turns_ago"]) == ("add_expense", 2)


async def test_a_correction_can_name_an_earlier_write(
    pool: Pool, context: Context, scoped: ScopedDb
) -> None:
    config = thread()
    graph: Any = build_graph(checkpointer=AsyncPostgresSaver(pool), model=OfflineBrain())
    await graph.ainvoke(_user("spent 70 on diesel"), config, context=context)
    await graph.ainvoke(_user("and 28 on groceries"), config, context=context)
    await graph.ainvoke(_user("the first one was 74 not 70"), config, context=context)
    assert sorted(
        (float(r["amount"]), r["category"]) for r in await _expenses(scoped, context)
    ) == [(28.0, "groceries"), (74.0, "fuel")]
